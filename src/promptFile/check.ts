/**
 * What a prompt file would submit, and everything the submission would
 * refuse, each problem placed on the key or value it is about. The rules are
 * the submission's own: the file becomes a VideoSubmission or MvSubmission
 * and goes through checkVideoSubmission / checkMvSubmission (src/submission/),
 * the same checks the commands, wizards and panel use; frame and song files
 * are read by the host's readers, which check them as the commands do. This
 * module only maps keys to fields and issues back to places. No vscode import.
 */
import * as l10n from '@vscode/l10n';
import { findModel, VIDEO_MODELS } from '../giggle/catalogue';
import type { FieldIssue, Validated } from '../giggle/issues';
import type { SubmissionFrame } from '../submission/frame';
import { checkMvSubmission } from '../submission/musicVideoCheck';
import type { MvSubmission } from '../submission/musicVideoCheck';
import { checkVideoSubmission } from '../submission/video';
import type { VideoSubmission } from '../submission/video';
import type { FrontMatterEntry, ParsedPromptFile, PromptFix, PromptIssue, Range } from './parse';

export type PromptKind = 'video' | 'musicVideo';

/** The user's own song as the submission carries it (read by the host). */
type SongFile = NonNullable<MvSubmission['song']>;

export const VIDEO_KEYS = ['kind', 'model', 'duration', 'aspectRatio', 'resolution', 'startFrame', 'endFrame'] as const;
export const MUSIC_VIDEO_KEYS = [
  'kind',
  'name',
  'aspectRatio',
  'projectType',
  'musicGenerateType',
  'style',
  'title',
  'vocalGender',
  'instrumental',
  'sceneDescription',
  'subtitleEnabled',
  'reference',
  'music',
] as const;

export interface PromptFileEnv {
  /** The file's name (`opening.giggle.md`): a music video without `name` is named after it. */
  fileName: string;
  /** The user's defaults, as the scripted commands take them. */
  defaults: { model: string; aspectRatio: string; resolution: string; mvAspect: string };
  /** An image named relative to the prompt file's folder, read and checked once (as a frame of `field`). */
  readImage(relativePath: string, field: string): Promise<Validated<SubmissionFrame>>;
  /** The user's own song named relative to the prompt file's folder, read and checked once. */
  readSong(relativePath: string): Promise<Validated<SongFile>>;
}

export type PromptSubmission = { kind: 'video'; value: VideoSubmission } | { kind: 'musicVideo'; value: MvSubmission };

export interface PromptFileCheck {
  kind?: PromptKind;
  issues: PromptIssue[];
  /** Only when nothing is an error: what Generate submits. */
  submission?: PromptSubmission;
}

export async function checkPromptFile(parsed: ParsedPromptFile, env: PromptFileEnv): Promise<PromptFileCheck> {
  const issues = [...parsed.issues];
  if (issues.some((issue) => issue.severity === 'error')) return { issues };
  const kindEntry = parsed.entries.get('kind');
  const kind = kindEntry === undefined ? 'video' : kindEntry.value;
  if (kind !== 'video' && kind !== 'musicVideo') {
    issues.push({
      range: kindEntry!.valueRange,
      severity: 'error',
      field: 'kind',
      message: l10n.t('kind must be "video" or "musicVideo" (got {0})', String(kind)),
      fixes: ['video', 'musicVideo'].map((value) => replaceWith(kindEntry!.valueRange, value)),
    });
    return { issues };
  }
  const allowed: readonly string[] = kind === 'video' ? VIDEO_KEYS : MUSIC_VIDEO_KEYS;
  for (const entry of parsed.entries.values()) {
    if (allowed.includes(entry.key)) continue;
    issues.push({
      range: entry.keyRange,
      severity: 'warning',
      field: entry.key,
      message:
        kind === 'video'
          ? l10n.t('A video prompt file does not use "{0}"; its keys are {1}.', entry.key, VIDEO_KEYS.join(', '))
          : l10n.t('A music video prompt file does not use "{0}"; its keys are {1}.', entry.key, MUSIC_VIDEO_KEYS.join(', ')),
    });
  }
  const built = kind === 'video' ? await videoOf(parsed, env) : await musicVideoOf(parsed, env);
  issues.push(...built.issues);
  const hasErrors = issues.some((issue) => issue.severity === 'error');
  return { kind, issues, submission: hasErrors ? undefined : built.submission };
}

type Built = { issues: PromptIssue[]; submission?: PromptSubmission };

async function videoOf(parsed: ParsedPromptFile, env: PromptFileEnv): Promise<Built> {
  const issues: PromptIssue[] = [];
  const value = (key: string) => parsed.entries.get(key)?.value;
  const [startFrame, endFrame] = [await imageOf(parsed, 'startFrame', env, issues), await imageOf(parsed, 'endFrame', env, issues)];
  const submission: VideoSubmission = {
    prompt: parsed.body,
    model: value('model') ?? env.defaults.model,
    duration: value('duration') ?? undefined,
    aspectRatio: value('aspectRatio') ?? env.defaults.aspectRatio,
    resolution: value('resolution') ?? env.defaults.resolution,
    startFrame,
    endFrame,
  };
  const checked = checkVideoSubmission(submission);
  if (!checked.ok) issues.push(...checked.issues.map((issue) => placed(parsed, issue, VIDEO_FIELD_KEYS)));
  return { issues, submission: { kind: 'video', value: submission } };
}

async function musicVideoOf(parsed: ParsedPromptFile, env: PromptFileEnv): Promise<Built> {
  const issues: PromptIssue[] = [];
  const entries = parsed.entries;
  const value = (key: string) => entries.get(key)?.value;
  const music = entries.get('music');
  const mode = value('musicGenerateType') ?? (music ? 'upload' : 'prompt');
  const fields: Record<string, unknown> = {
    name: value('name') ?? env.fileName.replace(/\.giggle\.md$/i, ''),
    aspect: value('aspectRatio') ?? env.defaults.mvAspect,
    musicGenerateType: mode,
  };
  for (const key of ['projectType', 'style', 'title', 'vocalGender', 'instrumental', 'sceneDescription', 'subtitleEnabled'] as const) {
    if (entries.has(key)) fields[key] = value(key);
  }
  // The body is the prompt, or the lyrics in custom mode.
  if (mode === 'custom') fields.lyrics = parsed.body;
  else if (mode === 'prompt') fields.prompt = parsed.body;
  let song: SongFile | undefined;
  if (music) {
    const text = music.value;
    if (mode !== 'upload') {
      issues.push({ range: music.keyRange, severity: 'error', field: 'music', message: l10n.t('A song of your own ("music") needs musicGenerateType "upload" (got {0}).', String(mode)) });
    } else if (typeof text === 'string' && text.startsWith(ASSET_PREFIX)) {
      fields.musicAssetId = text.slice(ASSET_PREFIX.length).trim();
    } else if (typeof text === 'string' && text.trim()) {
      const read = await env.readSong(text.trim());
      if (read.ok) song = read.value;
      else issues.push(...read.issues.map((issue) => at(music.valueRange, issue.message, 'music')));
    } else {
      issues.push(at(music.valueRange, l10n.t('music must be a path to your song (relative to this file) or asset:<id>.'), 'music'));
    }
  }
  const reference = await imageOf(parsed, 'reference', env, issues);
  const submission: MvSubmission = { fields, reference, song };
  const checked = checkMvSubmission(submission);
  if (!checked.ok) {
    // A reference or song that could not be read was named already; the check's "required" would say it twice.
    const named = new Set(issues.map((issue) => issue.field));
    const fresh = checked.issues.map((issue) => placed(parsed, issue, MV_FIELD_KEYS)).filter((issue) => !(issue.field && named.has(issue.field)));
    issues.push(...fresh);
  }
  return { issues, submission: { kind: 'musicVideo', value: submission } };
}

const ASSET_PREFIX = 'asset:';

/** A frame or reference image: `asset:<id>`, an http(s) URL, or a path relative to the file (read by the host). */
async function imageOf(parsed: ParsedPromptFile, key: 'startFrame' | 'endFrame' | 'reference', env: PromptFileEnv, issues: PromptIssue[]): Promise<SubmissionFrame | undefined> {
  const entry = parsed.entries.get(key);
  if (!entry || entry.value === null) return undefined;
  const text = typeof entry.value === 'string' ? entry.value.trim() : '';
  if (!text) {
    issues.push(at(entry.valueRange, l10n.t('{0} must be an image path (relative to this file), an https URL or asset:<id>.', key), key));
    return undefined;
  }
  if (text.startsWith(ASSET_PREFIX)) return { kind: 'asset', assetId: text.slice(ASSET_PREFIX.length).trim() };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return { kind: 'url', url: text };
  const read = await env.readImage(text, key === 'reference' ? 'referenceImage' : key);
  if (read.ok) return read.value;
  issues.push(...read.issues.map((issue) => at(entry.valueRange, issue.message, key)));
  return undefined;
}

/** The submission's field names, as the prompt file's keys (the body holds the prompt, or a music video's lyrics). */
const BODY = 'body';
const VIDEO_FIELD_KEYS: Record<string, string> = { ['prompt']: BODY };
const MV_FIELD_KEYS: Record<string, string> = {
  ['prompt']: BODY,
  lyrics: BODY,
  aspect: 'aspectRatio',
  musicAssetId: 'music',
  referenceImage: 'reference',
  referenceImageUrl: 'reference',
};

/** The issue on the value of its key (the key's line when it has no value), the body, or the header when the key is absent. */
function placed(parsed: ParsedPromptFile, issue: FieldIssue, keys: Record<string, string>): PromptIssue {
  const field = issue.field.split('.')[0];
  const key = keys[field] ?? field;
  if (key === 'body') return at(parsed.body ? parsed.bodyRange : parsed.headerRange, issue.message, 'body');
  const entry = parsed.entries.get(key);
  if (!entry) return at(parsed.headerRange, issue.message, key);
  return { ...at(entry.valueRange, issue.message, key), fixes: fixesFor(issue, entry) };
}

function at(range: Range, message: string, field?: string): PromptIssue {
  return { range, severity: 'error', message, field };
}

function replaceWith(range: Range, newText: string, title = l10n.t('Change to {0}', newText)): PromptFix {
  return { title, range, newText };
}

/** Quick fixes where one is obvious: the nearest allowed duration and the model's default, the closest model ids, an allowed value. */
function fixesFor(issue: FieldIssue, entry: FrontMatterEntry): PromptFix[] | undefined {
  const detail = issue.detail;
  if (!detail) return undefined;
  switch (detail.rule) {
    case 'duration': {
      const got = Number(entry.value);
      const byDistance = [...detail.allowed].sort((a, b) => Math.abs(a - got) - Math.abs(b - got) || a - b);
      const nearest = Number.isFinite(got) ? byDistance[0] : undefined;
      const fallback = findModel(detail.model)?.defaultDuration;
      const values = [...new Set([nearest, fallback].filter((d): d is number => d !== undefined))];
      return values.map((duration) =>
        replaceWith(
          entry.valueRange,
          String(duration),
          duration === nearest ? l10n.t('Change to {0} s, the nearest duration {1} allows', duration, detail.model) : l10n.t('Change to {0} s, the default of {1}', duration, detail.model),
        ),
      );
    }
    case 'model': {
      const got = String(entry.value ?? '').toLowerCase();
      return VIDEO_MODELS.map((model) => model.id)
        .sort((a, b) => distance(a, got) - distance(b, got))
        .slice(0, 3)
        .map((id) => replaceWith(entry.valueRange, id));
    }
    case 'oneOf':
      return detail.allowed.map((value) => replaceWith(entry.valueRange, /^\d+:\d+$/.test(value) ? `"${value}"` : value));
    default:
      return undefined;
  }
}

/** Edit distance, for "did you mean" model ids. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}
