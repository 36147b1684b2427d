// Types for matrix-report.mjs, for the unit test that imports it.
export interface MatrixCounts {
  cases: number;
  passed: number;
  failed: number;
  notRun: number;
}
export interface MatrixSummary extends MatrixCounts {
  title: string;
  ok: boolean;
}
export function matrixCounts(matrix: unknown): MatrixCounts;
export function matrixPassed(counts: MatrixCounts): boolean;
export function formatMatrix(matrix: unknown): string[];
export function printMatrices(dir: string | undefined, options?: { copyTo?: string }): MatrixSummary[];
export function reportMatrixProblems(summary: MatrixSummary[]): boolean;
