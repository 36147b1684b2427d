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
import { z } from 'zod';

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

const requestId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const frameField = z.enum(FRAME_FIELDS);
const shortText = z.string().max(MAX_SHORT_TEXT);
const longText = z.string().max(MAX_TEXT);

/** An image the host has read and checked: a file it will read again at submit time, or bytes dropped from the OS that it keeps under a token. */
export const imageRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), uri: shortText.min(1) }).strict(),
  z.object({ kind: z.literal('dropped'), token: requestId }).strict(),
]);
export type ImageRef = z.infer<typeof imageRefSchema>;

/**
 * A frame as the form holds it. `missing` means the user chose "image" but
 * has not picked one yet; the host reports it next to the field, so every
 * message about the form comes from one place.
 */
export const frameInputSchema = z.discriminatedUnion('kind', [
  ...imageRefSchema.options,
  z.object({ kind: z.literal('url'), url: shortText }).strict(),
  z.object({ kind: z.literal('asset'), assetId: shortText }).strict(),
  z.object({ kind: z.literal('missing') }).strict(),
]);
export type FrameInput = z.infer<typeof frameInputSchema>;

// --- webview → host -----------------------------------------------------------

export const readyMessage = z.object({ type: z.literal('ready') }).strict();

/** Pick a workspace image (a filterable quick pick) or any image file (the open dialog). */
export const pickImageMessage = z
  .object({ type: z.literal('pickImage'), field: frameField, source: z.enum(['workspace', 'dialog']) })
  .strict();

/** Files dropped from the Explorer: the drop's `text/uri-list`, read by the host. */
export const dropUrisMessage = z
  .object({ type: z.literal('dropUris'), field: frameField, uris: z.array(shortText.min(1)).min(1).max(20) })
  .strict();

/** A file dropped from the OS: the webview has only its bytes (raw base64), which the host checks. */
export const dropFileMessage = z
  .object({ type: z.literal('dropFile'), field: frameField, name: z.string().max(260), base64: z.string().max(MAX_DROPPED_BASE64) })
  .strict();

export const submitVideoMessage = z
  .object({
    type: z.literal('submitVideo'),
    requestId,
    prompt: longText,
    model: shortText,
    duration: z.number().finite(),
    aspectRatio: shortText,
    resolution: shortText,
    startFrame: frameInputSchema.optional(),
    endFrame: frameInputSchema.optional(),
  })
  .strict();

export const submitMusicVideoMessage = z
  .object({
    type: z.literal('submitMusicVideo'),
    requestId,
    name: shortText,
    aspect: shortText,
    musicGenerateType: z.enum(['prompt', 'custom']),
    prompt: longText.optional(),
    vocalGender: shortText.optional(),
    instrumental: z.boolean().optional(),
    lyrics: longText.optional(),
    style: shortText.optional(),
    title: shortText.optional(),
    sceneDescription: longText,
    subtitleEnabled: z.boolean(),
    referenceImage: frameInputSchema,
  })
  .strict();

/** Reveal a job the panel submitted in the Jobs tree. */
export const revealJobMessage = z.object({ type: z.literal('revealJob'), jobId: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/) }).strict();

export const webviewMessageSchema = z.discriminatedUnion('type', [
  readyMessage,
  pickImageMessage,
  dropUrisMessage,
  dropFileMessage,
  submitVideoMessage,
  submitMusicVideoMessage,
  revealJobMessage,
]);
export type WebviewMessage = z.infer<typeof webviewMessageSchema>;
export type SubmitVideoMessage = z.infer<typeof submitVideoMessage>;
export type SubmitMusicVideoMessage = z.infer<typeof submitMusicVideoMessage>;

export type ParsedMessage = { ok: true; message: WebviewMessage } | { ok: false; reason: string };

/**
 * Parses a message from the webview. On failure, `reason` describes what was
 * wrong by message type, field path and zod issue code only, never by value:
 * a message may carry prompts or image bytes, which do not belong in logs.
 */
export function parseWebviewMessage(raw: unknown): ParsedMessage {
  const parsed = webviewMessageSchema.safeParse(raw);
  if (parsed.success) return { ok: true, message: parsed.data };
  const type = (raw as { type?: unknown } | null | undefined)?.type;
  const known = webviewMessageSchema.options.some((schema) => schema.shape.type.value === type);
  const named = known ? `"${type as string}" message` : typeof type === 'string' ? 'message of an unknown type' : 'message without a type';
  if (!known) return { ok: false, reason: named };
  const where = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`)
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
  width: z.number().optional(),
  height: z.number().optional(),
  preview: z.string().optional(),
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
    remoteId: z.string().optional(),
  }),
  z.object({
    type: z.literal('submitResult'),
    requestId,
    ok: z.literal(false),
    tab: z.enum(TABS),
    /** Problems with single fields (field names as in the form), shown next to them. */
    issues: z.array(fieldIssueSchema),
    /** A problem with the submission as a whole (no key, Giggle refused it, network). */
    message: z.string().optional(),
  }),
]);
export type SubmitResult = z.infer<typeof submitResultMessage>;

/** Sent after every `ready`: the current defaults and anything the webview missed while it was hidden. */
export const syncMessage = z.object({
  type: z.literal('sync'),
  defaults: panelDefaultsSchema,
  /** The request still being submitted, if any (the Submit buttons stay disabled). */
  inFlight: requestId.optional(),
  lastResult: submitResultMessage.optional(),
});

export const frameMessage = z.object({ type: z.literal('frame'), field: frameField, image: pickedImageSchema });
export const frameErrorMessage = z.object({ type: z.literal('frameError'), field: frameField, message: z.string() });
export const showTabMessage = z.object({ type: z.literal('showTab'), tab: z.enum(TABS) });

export const hostMessageSchema = z.union([syncMessage, frameMessage, frameErrorMessage, showTabMessage, submitResultMessage]);
export type HostMessage = z.infer<typeof hostMessageSchema>;

/** Data embedded in the HTML shell so the form renders before the first message arrives. */
export interface PanelBootData {
  defaults: PanelDefaults;
  maxImageBytes: number;
}
