/**
 * The ranges of the numeric settings, and the clamp that enforces them. VS Code
 * only underlines an out-of-range or mistyped value in settings.json; the value
 * still reaches the extension. No vscode import: unit-tested, and
 * test/unit/platform/settingRanges.test.ts checks package.json says the same.
 */

export interface NumberRange {
  readonly minimum: number;
  readonly maximum: number;
  readonly default: number;
  /** Whole numbers only (a count); fractions are rounded down. */
  readonly integer?: boolean;
}

export const SETTING_RANGES = {
  // 300 s is far below setTimeout's limit (2^31 - 1 ms, about 24.8 days), past which Node fires after 1 ms.
  requestTimeoutSeconds: { minimum: 5, maximum: 300, default: 30 },
  // Below 10 a busy day's finished jobs vanish as they finish; above 5000 the Jobs view and jobs.json grow slow.
  'history.maxJobs': { minimum: 10, maximum: 5000, default: 200, integer: true },
} as const satisfies Record<string, NumberRange>;

/**
 * `value` within `range`; the default when it is not a finite number (a
 * numeric string counts). `override.minimum` lowers the floor (a test-only hook).
 */
export function clampSetting(value: unknown, range: NumberRange, override: { minimum?: number } = {}): number {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (!Number.isFinite(number)) return range.default;
  const whole = range.integer ? Math.floor(number) : number;
  return Math.min(range.maximum, Math.max(override.minimum ?? range.minimum, whole));
}
