/**
 * When the command being run reached the extension (the core's stub, before
 * the features bundle was loaded), for the one latency we budget from the
 * user's side: giggle.openGenerator → interactive form (≤ 400 ms, see
 * BENCHMARKS.md). Set around the synchronous start of a handler only, so
 * nothing outside a command's own first step can read a stale value.
 */
let current: number | undefined;

export function runWithInvocationTime<T>(invokedAt: number, start: () => T): T {
  current = invokedAt;
  try {
    return start();
  } finally {
    current = undefined;
  }
}

/** The current command's arrival time, if called during its synchronous start. */
export function commandInvokedAt(): number | undefined {
  return current;
}
