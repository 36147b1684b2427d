/**
 * Wire shapes of Giggle replies (snake_case) and their mapping to the domain
 * types of types.ts. Giggle has no published schema, so every object is
 * `.passthrough()` (an unknown extra field never breaks the client), optional
 * fields accept null as well as absence, and a missing required field is
 * reported by its path (e.g. "data.task_id is missing").
 */
import * as z from 'zod/v4-mini';
import type {
  MvPayResult,
  MvProjectState,
  MvStepState,
  MvSubStepState,
  MvVideoAsset,
  UploadedAsset,
  VideoStatus,
  VideoTaskState,
} from './types';

// zod's "mini" build (functional API, tree-shakable): about a third of the
// classic API's size in the bundle. `looseObject` is `.passthrough()`.

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** Ids are strings on the wire; a number is tolerated because nothing guarantees otherwise. */
const id = z.pipe(
  z.union([z.string().check(z.minLength(1)), z.number()], { error: 'expected a non-empty string' }),
  z.transform((v: string | number) => String(v)),
);

/** Absent, null and '' all mean "not set" (e.g. a download_url that is not ready yet). */
const optionalText = z.pipe(
  z.nullish(z.string()),
  z.transform((v: string | null | undefined) => (v ? v : undefined)),
);

/** A number, or a numeric string read as one. */
const numberLike = (error?: string) =>
  z.union([z.number(), z.pipe(z.string().check(z.regex(NUMERIC, 'expected a number')), z.transform(Number))], error ? { error } : undefined);

const optionalNumber = z.pipe(
  z.nullish(numberLike('expected a number')),
  z.transform((v: number | null | undefined) => v ?? undefined),
);

// ---- Envelope ---------------------------------------------------------------

export const envelopeSchema = z.looseObject({
  // Giggle's video script compares with the number 200; its MV script also accepts "200".
  // A non-numeric string is not documented; it is kept (as a failure code) rather than
  // rejected, so the user still sees the service's message.
  code: z.union([z.number(), z.string().check(z.trim(), z.minLength(1))], {
    error: 'expected a number or a numeric string',
  }),
  msg: z.nullish(z.string()),
  message: z.nullish(z.string()),
  data: z.unknown(),
});

export type Envelope = z.output<typeof envelopeSchema>;

/** Some replies put the human text in `msg`, others in `message`. */
export function envelopeText(envelope: Pick<Envelope, 'msg' | 'message'>): string {
  return envelope.msg || envelope.message || '';
}

/** A numeric-string code is returned as a number; anything else as given. */
export function normalizeCode(code: number | string): number | string {
  return typeof code === 'string' && /^-?\d+$/.test(code.trim()) ? Number(code.trim()) : code;
}

// ---- Video generation -------------------------------------------------------

export const submitVideoDataSchema = mapped({ task_id: id }, (d) => ({ taskId: d.task_id }));

/**
 * `error` is a spelling of `failed` seen in the wild. Any other unknown
 * status is read as still running: Giggle may add intermediate states
 * (queued, rendering…), and misreading one as terminal would abandon a job
 * that later completes and costs credits; the poller's 20-minute limit still
 * ends the wait if the state really was terminal.
 */
export function normalizeVideoStatus(status: string): VideoStatus {
  const s = status.trim().toLowerCase();
  if (s === 'pending' || s === 'processing' || s === 'completed' || s === 'failed') return s;
  if (s === 'error') return 'failed';
  return 'processing';
}

/** Giggle's moderation rejections say "sensitive" (e.g. "prompt contains sensitive content"). */
export function isModerationText(text: string | undefined): boolean {
  return !!text && /sensitive/i.test(text);
}

export const videoTaskDataSchema = mapped(
  {
    task_id: z.nullish(id),
    status: z.string(),
    urls: z.nullish(z.array(z.string())),
    err_msg: optionalText,
  },
  (d): Omit<VideoTaskState, 'taskId'> & { taskId?: string } => {
    const state: Omit<VideoTaskState, 'taskId'> & { taskId?: string } = {
      taskId: d.task_id ?? undefined,
      status: normalizeVideoStatus(d.status),
      urls: (d.urls ?? []).filter((url) => url.length > 0),
    };
    if (d.err_msg) {
      state.errorMessage = d.err_msg;
      state.moderated = isModerationText(d.err_msg);
    }
    return state;
  },
);

// ---- Music video (trustee mode) --------------------------------------------

export const createProjectDataSchema = mapped({ project_id: id }, (d) => ({ projectId: d.project_id }));

const subStepSchema = mapped({ step: optionalText, status: optionalText, error: optionalText }, (d): MvSubStepState =>
  withoutUndefined({ step: d.step ?? '', status: d.status ?? '', error: d.error }),
);

const stepSchema = mapped(
  {
    step: optionalText,
    status: optionalText,
    error: optionalText,
    sub_steps: z.nullish(z.array(subStepSchema)),
  },
  (d): MvStepState => withoutUndefined({ step: d.step ?? '', status: d.status ?? '', error: d.error, subSteps: d.sub_steps ?? [] }),
);

const videoAssetSchema = mapped(
  {
    asset_id: optionalText,
    download_url: optionalText,
    signed_url: optionalText,
    thumbnail_url: optionalText,
    duration: optionalNumber,
  },
  (d): MvVideoAsset =>
      withoutUndefined({
        assetId: d.asset_id,
        downloadUrl: d.download_url,
        signedUrl: d.signed_url,
        thumbnailUrl: d.thumbnail_url,
        duration: d.duration,
      }),
);

/** "music-generate,storyboard" → ['music-generate', 'storyboard']; a list is accepted too. */
const completedStepsSchema = z.pipe(
  z.nullish(z.union([z.string(), z.array(z.string())])),
  z.transform((v: string | string[] | null | undefined) =>
    (typeof v === 'string' ? v.split(',') : (v ?? [])).map((s) => s.trim()).filter((s) => s.length > 0),
  ),
);

export const mvProjectDataSchema = mapped(
  {
    project_id: z.nullish(id),
    status: z.string(),
    current_step: optionalText,
    completed_steps: completedStepsSchema,
    pay_status: optionalText,
    err_msg: optionalText,
    shot_count: optionalNumber,
    steps: z.nullish(z.array(stepSchema)),
    video_asset: z.nullish(videoAssetSchema),
  },
  (d): Omit<MvProjectState, 'projectId'> & { projectId?: string } =>
    withoutUndefined({
      projectId: d.project_id ?? undefined,
      status: d.status,
      currentStep: d.current_step,
      completedSteps: d.completed_steps,
      payStatus: d.pay_status,
      errorMessage: d.err_msg,
      shotCount: d.shot_count,
      steps: d.steps ?? [],
      // Before completion Giggle sends an asset with every field empty: that is "no video yet".
      videoAsset: d.video_asset && (d.video_asset.assetId || d.video_asset.downloadUrl || d.video_asset.signedUrl) ? d.video_asset : undefined,
    }),
);

export const payDataSchema = mapped({ order_id: id, price: optionalNumber }, (d): MvPayResult => withoutUndefined({ orderId: d.order_id, price: d.price }));

// ---- Assets and price -------------------------------------------------------

export const presignDataSchema = mapped(
  { object_key: z.string().check(z.minLength(1)), signed_url: z.string().check(z.minLength(1)) },
  (d) => ({ objectKey: d.object_key, signedUrl: d.signed_url }),
);

export const registerDataSchema = mapped(
  { asset_id: id, name: optionalText, type: optionalText, file_url: optionalText },
  (d): UploadedAsset => withoutUndefined({ assetId: d.asset_id, name: d.name, type: d.type, fileUrl: d.file_url }),
);

export const priceDataSchema = mapped({ price: numberLike() }, (d) => d.price);

// ---- Parsing helpers --------------------------------------------------------

export type Parsed<T> = { ok: true; value: T } | { ok: false; detail: string };

/**
 * Parses `value` and, on failure, names the first wrong field with `prefix`
 * (e.g. "data.task_id is missing", "data.steps[0].sub_steps is not a list").
 */
export function parseReply<S extends z.ZodMiniType>(schema: S, value: unknown, prefix: string): Parsed<z.output<S>> {
  const result = z.safeParse(schema, value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, detail: describeIssue(result.error.issues[0], value, prefix) };
}

/** A passthrough object mapped to its domain shape. */
function mapped<S extends z.core.$ZodLooseShape, T>(shape: S, map: (d: z.output<z.ZodMiniObject<S, z.core.$loose>>) => T) {
  return z.pipe(z.looseObject(shape), z.transform(map));
}

function describeIssue(issue: z.core.$ZodIssue, root: unknown, prefix: string): string {
  const path = formatPath(prefix, issue.path);
  const actual = valueAt(root, issue.path);
  if (actual === undefined) return `${path} is missing`;
  if (actual === null) return `${path} is null`;
  if (issue.code === 'invalid_type') {
    return `${path} should be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}, not ${typeName(actual)}`;
  }
  return `${path} is invalid (${issue.message})`;
}

/** The received type's name as zod 3 spelled it (zod 4 issues no longer carry it). */
function typeName(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isNaN(value) ? 'nan' : 'number';
  return typeof value;
}

function formatPath(prefix: string, path: ReadonlyArray<PropertyKey>): string {
  let out = prefix;
  for (const part of path) {
    out += typeof part === 'number' ? `[${part}]` : out ? `.${String(part)}` : String(part);
  }
  return out || 'reply';
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current = root;
  for (const part of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

/** Drops undefined properties so results compare cleanly and optional fields stay truly absent. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
