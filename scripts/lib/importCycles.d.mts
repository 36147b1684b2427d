/** Types for importCycles.mjs (used by scripts/import-cycles.mjs and a TypeScript unit test). */
export function importGraph(root: string): Map<string, string[]>;
export function findCycles(graph: Map<string, string[]>): string[][];
