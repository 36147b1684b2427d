/** Types for figures.mjs (the benchmarks are plain Node; the unit test is TypeScript). */
export function measuredFigure(name: string, raw: unknown): number | Error;
export function requireFigure(where: string, name: string, raw: unknown): number;
