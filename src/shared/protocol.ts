/**
 * Messages between the generator panel's host (src/panel) and its webview
 * (src/webview): one zod schema per message, declared once here. The host
 * parses every incoming message with `parseWebviewMessage` before acting on
 * it; the webview imports only types from this file (`import type`), so zod
 * never enters the browser bundle.
 *
 * The schemas check shape and transport limits only. Whether a prompt, model
 * or frame is acceptable to Giggle is decided by src/giggle/validation.ts and
 * src/giggle/frames.ts on the host, so the panel, the wizard and scripted
 * callers share one set of rules and messages.
 */
import * as z from 'zod/v4-mini';

// zod's "mini" build (functional API) keeps the host bundle small. Two helpers
// keep what the classic API exposed and callers read: a literal's `value`, a
// discriminated union's `options`.
function literal<const T extends string>(value: T) {
  return Object.assign(z.literal(value), { value });
}
function oneOf<const O extends readonly [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]]>(key: string, options: O) {
  return Object.assign(z.discriminatedUnion(key, options), { options });
}

/** The form fields that take an image; each names a field of one tab. */
export const FRAME_FIELDS = ['startFrame', 'endFrame', 'referenceImage'] as const;
export type FrameField = (typeof FRAME_FIELDS)[number];

export const TABS = ['video', 'mv'] as const;
export type Tab = (typeof TABS)[number];

/**
 * Transport ceilings, not Giggle rules: generous enough for any valid input so
 * that the validators, not zod, produce the user-facing message, yet small
 * enough that a runaway message cannot exhaust the host. The image ceiling is
 * the base64 length of 12 MiB, above the 10 MiB frame limit (MAX_IMAGE_BYTES).
 */
export const MAX_TEXT = 20_000;
export const MAX_SHORT_TEXT = 4_096;
export const MAX_DROPPED_BASE64 = Math.ceil((12 * 1024 * 1024) / 3) * 4;

const requestId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/));
const frameField = z.enum(FRAME_FIELDS);
const shortText = z.string().check(z.maxLength(MAX_SHORT_TEXT));
const shortNonEmpty = z.string().check(z.maxLength(MAX_SHORT_TEXT), z.minLength(1));
const longText = z.string().check(z.maxLength(MAX_TEXT));

/** An image the host has read and checked: a file it will read again at submit time, or bytes dropped from the OS that it keeps under a token. */
export const imageRefSchema = oneOf('kind', [
  z.strictObject({ kind: literal('file'), uri: shortNonEmpty }),
  z.strictObject({ kind: literal('dropped'), token: requestId }),
]);
export type ImageRef = z.infer<typeof imageRefSchema>;

/**
 * A frame as the form holds it. `missing` means the user chose "image" but
 * has not picked one yet; the host reports it next to the field, so every
 * message about the form comes from one place.
 */
export const frameInputSchema = oneOf('kind', [
  ...imageRefSchema.options,
  z.strictObject({ kind: literal('url'), url: shortText }),
  z.strictObject({ kind: literal('asset'), assetId: shortText }),
  z.strictObject({ kind: literal('missing') }),
]);
export type FrameInput = z.infer<typeof frameInputSchema>;

/**
 * The user's own song as the form holds it: an audio file the host picked and
 * checked (read again at submit time), a Giggle asset id, or `missing` (the
 * user chose "My own song" but has given none yet).
 */
export const songInputSchema = oneOf('kind', [
  z.strictObject({ kind: literal('file'), uri: shortNonEmpty }),
  z.strictObject({ kind: literal('asset'), assetId: shortText }),
  z.strictObject({ kind: literal('missing') }),
]);
export type SongInput = z.infer<typeof songInputSchema>;

// --- webview → host -----------------------------------------------------------

export const readyMessage = z.strictObject({ type: literal('ready') });

/** Pick a workspace image (a filterable quick pick) or any image file (the open dialog). */
export const pickImageMessage = z.strictObject({ type: literal('pickImage'), field: frameField, source: z.enum(['workspace', 'dialog']) });

/** Pick the user's own song: the host lists the workspace's audio files, with "from disk…" (the open dialog) last. */
export const pickSongMessage = z.strictObject({ type: literal('pickSong') });

/** Files dropped from the Explorer: the drop's `text/uri-list`, read by the host. */
export const dropUrisMessage = z.strictObject({
  type: literal('dropUris'),
  field: frameField,
  uris: z.array(shortNonEmpty).check(z.minLength(1), z.maxLength(20)),
});

/** A file dropped from the OS: the webview has only its bytes (raw base64), which the host checks. */
export const dropFileMessage = z.strictObject({
  type: literal('dropFile'),
  field: frameField,
  name: z.string().check(z.maxLength(260)),
  base64: z.string().check(z.maxLength(MAX_DROPPED_BASE64)),
});

export const submitVideoMessage = z.strictObject({
  type: literal('submitVideo'),
  requestId,
  prompt: longText,
  model: shortText,
  duration: z.number(), // zod 4's number() is finite
  aspectRatio: shortText,
  resolution: shortText,
  startFrame: z.optional(frameInputSchema),
  endFrame: z.optional(frameInputSchema),
});

export const submitMusicVideoMessage = z.strictObject({
  type: literal('submitMusicVideo'),
  requestId,
  name: shortText,
  aspect: shortText,
  musicGenerateType: z.enum(['prompt', 'custom', 'upload']),
  /** `aimv-30` for the 30-second version; absent or `mv` for a full music video. */
  projectType: z.optional(z.enum(['mv', 'aimv-30'])),
  /** Upload mode: the user's own song. */
  song: z.optional(songInputSchema),
  prompt: z.optional(longText),
  vocalGender: z.optional(shortText),
  instrumental: z.optional(z.boolean()),
  lyrics: z.optional(longText),
  style: z.optional(shortText),
  title: z.optional(shortText),
  sceneDescription: longText,
  subtitleEnabled: z.boolean(),
  referenceImage: frameInputSchema,
});

/**
 * Ask for the estimated credits of the video the form describes: what the
 * model-price call takes (giggle-api.md, "Price"). `withFrames` picks the
 * generate type (image to video or text to video). The host answers with a
 * `price` message carrying the same requestId; the webview shows only the
 * answer to its latest request.
 */
export const priceRequestMessage = z.strictObject({
  type: literal('priceRequest'),
  requestId,
  model: shortText,
  duration: z.number(),
  withFrames: z.boolean(),
});

/** Reveal a job the panel submitted in the Jobs tree. */
export const revealJobMessage = z.strictObject({ type: literal('revealJob'), jobId: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,128}$/)) });

export const webviewMessageSchema = oneOf('type', [
  readyMessage,
  pickImageMessage,
  pickSongMessage,
  dropUrisMessage,
  dropFileMessage,
  submitVideoMessage,
  submitMusicVideoMessage,
  priceRequestMessage,
  revealJobMessage,
]);
export type WebviewMessage = z.infer<typeof webviewMessageSchema>;
export type SubmitVideoMessage = z.infer<typeof submitVideoMessage>;
export type SubmitMusicVideoMessage = z.infer<typeof submitMusicVideoMessage>;
export type PriceRequestMessage = z.infer<typeof priceRequestMessage>;

export type ParsedMessage = { ok: true; message: WebviewMessage } | { ok: false; reason: string };

/**
 * Parses a message from the webview. On failure, `reason` describes what was
 * wrong by message type, field path and zod issue code only, never by value:
 * a message may carry prompts or image bytes, which do not belong in logs.
 */
export function parseWebviewMessage(raw: unknown): ParsedMessage {
  const parsed = z.safeParse(webviewMessageSchema, raw);
  if (parsed.success) return { ok: true, message: parsed.data };
  const type = (raw as { type?: unknown } | null | undefined)?.type;
  const known = webviewMessageSchema.options.some((schema) => schema.shape.type.value === type);
  const named = known ? `"${type as string}" message` : typeof type === 'string' ? 'message of an unknown type' : 'message without a type';
  if (!known) return { ok: false, reason: named };
  const where = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.code}`)
    .join(', ');
  return { ok: false, reason: `malformed ${named} (${where})` };
}

// --- host → webview ------------------------------------------------------------

/** What the webview shows for a picked image; the preview is a data: URL of the image itself, absent for large files. */
export const pickedImageSchema = z.object({
  ref: imageRefSchema,
  name: z.string(),
  bytes: z.number(),
  mime: z.string(),
  width: z.optional(z.number()),
  height: z.optional(z.number()),
  preview: z.optional(z.string()),
});
export type PickedImage = z.infer<typeof pickedImageSchema>;

export const panelDefaultsSchema = z.object({
  model: z.string(),
  aspectRatio: z.string(),
  resolution: z.string(),
  mvAspect: z.string(),
});
export type PanelDefaults = z.infer<typeof panelDefaultsSchema>;

export const fieldIssueSchema = z.object({ field: z.string(), message: z.string() });
export type PanelFieldIssue = z.infer<typeof fieldIssueSchema>;

export const submitResultMessage = z.discriminatedUnion('ok', [
  z.object({
    type: z.literal('submitResult'),
    requestId,
    ok: z.literal(true),
    tab: z.enum(TABS),
    jobId: z.string(),
    /** The video's task id or the music video's project id. */
    remoteId: z.optional(z.string()),
  }),
  z.object({
    type: z.literal('submitResult'),
    requestId,
    ok: z.literal(false),
    tab: z.enum(TABS),
    /** Problems with single fields (field names as in the form), shown next to them. */
    issues: z.array(fieldIssueSchema),
    /** A problem with the submission as a whole (no key, Giggle refused it, network). */
    message: z.optional(z.string()),
  }),
]);
export type SubmitResult = z.infer<typeof submitResultMessage>;

/** Sent after every `ready`: the current defaults and anything the webview missed while it was hidden. */
export const syncMessage = z.object({
  type: z.literal('sync'),
  defaults: panelDefaultsSchema,
  /** The request still being submitted, if any (the Submit buttons stay disabled). */
  inFlight: z.optional(requestId),
  /** Its tab: a webview that did not send it (reloaded, or the panel reopened) shows it there. */
  inFlightTab: z.optional(z.enum(TABS)),
  lastResult: z.optional(submitResultMessage),
});

export const frameMessage = z.object({ type: z.literal('frame'), field: frameField, image: pickedImageSchema });
export const frameErrorMessage = z.object({ type: z.literal('frameError'), field: frameField, message: z.string() });
/** A song the host picked and checked (same checks as `musicFile`), or why it cannot be one. */
export const songMessage = z.object({ type: z.literal('song'), uri: z.string(), name: z.string(), bytes: z.number() });
export const songErrorMessage = z.object({ type: z.literal('songError'), message: z.string() });
export const showTabMessage = z.object({ type: z.literal('showTab'), tab: z.enum(TABS) });

/** The answer to a `priceRequest`: the estimated credits, or no `credits` when the price is unknown (never a blocker). */
export const priceMessage = z.object({ type: z.literal('price'), requestId, credits: z.optional(z.number()) });
export type PriceMessage = z.infer<typeof priceMessage>;

export const hostMessageSchema = z.union([syncMessage, frameMessage, frameErrorMessage, songMessage, songErrorMessage, showTabMessage, submitResultMessage, priceMessage]);
export type HostMessage = z.infer<typeof hostMessageSchema>;

/** Data embedded in the HTML shell so the form renders before the first message arrives. */
export interface PanelBootData {
  defaults: PanelDefaults;
  maxImageBytes: number;
  /** Epoch ms when the host began opening the panel (absent after a reload): the webview reports the open → interactive time. */
  openedAt?: number;
}
