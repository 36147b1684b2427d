/**
 * `npm run bench:prompt-diagnostics`: how long a prompt file's problems take
 * to compute after a change (issue #17: median ≤ 20 ms for a 2,000-character
 * file), measured on what the editor runs on each change: parsePromptFile and
 * checkPromptFile with a frame file to read (an in-memory reader, so the disk
 * is not measured) and a duration the model refuses, so every step runs. The
 * check has no client: it cannot send a request while the user types, and
 * the run fails if it tries to fetch.
 */
import { frameFromImageBytes } from '../src/giggle/frames';
import { checkPromptFile } from '../src/promptFile/check';
import type { PromptFileEnv } from '../src/promptFile/check';
import { parsePromptFile } from '../src/promptFile/parse';
import { makePng } from '../test/unit/giggle/imageFixtures';

export const DIAGNOSTICS_BUDGET_MS = 20;
const RUNS = 200;

function promptFile(length: number): string {
  const header = ['---', 'model: grok', 'duration: 7', 'aspectRatio: "16:9"', 'resolution: 720p', 'startFrame: frames/first.png', '---', ''].join('\n');
  const sentence = 'A paper boat sails across a rain puddle at dawn, the camera follows it low over the water. ';
  return header + sentence.repeat(Math.ceil((length - header.length) / sentence.length)).slice(0, length - header.length);
}

export async function runPromptDiagnosticsBenchmark(): Promise<boolean> {
  const png = new Uint8Array(makePng(64, 64));
  const env: PromptFileEnv = {
    fileName: 'opening.giggle.md',
    defaults: { model: 'grok', aspectRatio: '16:9', resolution: '720p', mvAspect: '16:9' },
    readImage: async (_path, field) => {
      const checked = frameFromImageBytes(png);
      if (!checked.ok) return { ok: false, issues: [{ field, message: 'fixture' }] };
      return { ok: true, value: { kind: 'bytes', base64: checked.value.base64, byteLength: png.byteLength, origin: { kind: 'file', uri: 'file:///bench/frames/first.png' } } };
    },
    readSong: async () => ({ ok: false, issues: [{ field: 'music', message: 'no song in this benchmark' }] }),
  };
  const realFetch = globalThis.fetch;
  let fetches = 0;
  globalThis.fetch = (async () => {
    fetches++;
    throw new Error('no network while typing');
  }) as typeof fetch;
  const text = promptFile(2_000);
  const times: number[] = [];
  let issues = 0;
  try {
    for (let i = 0; i < RUNS; i++) {
      // Each run is a new text, as after a keystroke (the last character changes).
      const changed = text.slice(0, -1) + String.fromCharCode(97 + (i % 26));
      const started = performance.now();
      const result = await checkPromptFile(parsePromptFile(changed), env);
      times.push(performance.now() - started);
      issues = result.issues.length;
    }
  } finally {
    globalThis.fetch = realFetch;
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const p95 = times[Math.floor(times.length * 0.95)];
  const ok = median <= DIAGNOSTICS_BUDGET_MS && fetches === 0 && issues === 1;
  console.log(`prompt file of ${text.length} characters, ${RUNS} changes: median ${median.toFixed(2)} ms (budget ≤ ${DIAGNOSTICS_BUDGET_MS} ms), p95 ${p95.toFixed(2)} ms, ${issues} problem(s) found (1 expected: the duration), ${fetches} network request(s) (0 allowed) ${ok ? 'PASS' : 'FAIL'}`);
  return ok;
}

if (require.main === module) {
  void runPromptDiagnosticsBenchmark().then((ok) => (process.exitCode = ok ? 0 : 1));
}
