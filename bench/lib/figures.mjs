// A benchmark figure read from somewhere it may be missing (a DOM attribute, a
// line the extension appends to a file). Number(null) is 0 and Number('') is 0,
// both comfortably inside any budget, so a figure that was never recorded
// would pass; every figure goes through here instead and a missing, zero,
// negative or unparsable one stops the run with a message that names it.

/** The figure as a positive finite number, or an Error saying what was wrong with `raw`. */
export function measuredFigure(name, raw) {
  if (raw === null || raw === undefined || raw === '') return new Error(`${name} was not recorded`);
  if (raw === 'missing') return new Error(`${name} is missing: the extension recorded no invocation time for the command`);
  const value = typeof raw === 'number' ? raw : Number(String(raw).trim());
  if (!Number.isFinite(value)) return new Error(`${name} is not a number (${JSON.stringify(raw)})`);
  if (value <= 0) return new Error(`${name} is ${value} ms: no real measurement takes 0 ms or less`);
  return value;
}

/** measuredFigure, throwing the error (with `where`, e.g. "run 2"). */
export function requireFigure(where, name, raw) {
  const figure = measuredFigure(name, raw);
  if (figure instanceof Error) throw new Error(`${where}: ${figure.message}`);
  return figure;
}
