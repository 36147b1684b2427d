/**
 * Request validation before anything is sent: a rejected generation can still
 * cost time, and the API's own error texts are terse. Every issue names the
 * field (as the caller spelled it, camelCase), the rule it broke and what is
 * allowed (src/giggle/issues.ts words them for each audience). Values of
 * the wrong JS type produce issues, never exceptions; only `undefined` counts
 * as "absent" (null is reported, since it usually hides a bug upstream).
 */
import * as l10n from '@vscode/l10n';
import {
  ASPECT_RATIOS,
  DEFAULT_ASPECT_RATIO,
  DEFAULT_MODEL,
  DEFAULT_RESOLUTION,
  MAX_PROMPT_LENGTH,
  MAX_SCENE_DESCRIPTION,
  MV_ASPECTS,
  MV_PROJECT_TYPES,
  RESOLUTIONS,
  VIDEO_MODELS,
  VOCAL_GENDERS,
  findModel,
} from './catalogue';
import type { AspectRatio, MvAspect, MvProjectType, Resolution, VocalGender } from './catalogue';
import { ASSET_ID_PATTERN, base64ImageIssues, describeType, httpUrlIssues, validateFrame } from './frames';
import type { Frame, MvCreateRequest, MvSubmitRequest, VideoRequest } from './types';
import { fieldName } from './fieldNames';
import { ruleIssue } from './issues';
import type { FieldIssue, Validated } from './issues';

// Re-exported for callers outside src/giggle that import them with the validators.
export type { FieldIssue, Validated } from './issues';

/** Not documented by Giggle; a project name is a label in its web UI, so a short cap keeps it readable there. */
export const MAX_MV_NAME_LENGTH = 100;

type Input = Record<string, unknown>;

export function validateVideoRequest(input: unknown): Validated<VideoRequest> {
  if (!isRecord(input)) return notAnObject(input);
  const issues: FieldIssue[] = [];

  const prompt = requiredText(input, 'prompt', issues, MAX_PROMPT_LENGTH);

  // The seed's parameter table names grok as the default model.
  const modelId = input.model === undefined ? DEFAULT_MODEL : input.model;
  const model = typeof modelId === 'string' ? findModel(modelId) : undefined;
  if (!model) {
    issues.push(ruleIssue('model', { rule: 'model', allowed: VIDEO_MODELS.map((m) => m.id), got: shown(modelId) }, fieldName));
  }

  let duration = model?.defaultDuration ?? 0;
  if (model && input.duration !== undefined) {
    if (typeof input.duration !== 'number' || !model.durations.includes(input.duration)) {
      issues.push(ruleIssue('duration', { rule: 'duration', allowed: model.durations, model: model.id, got: shown(input.duration) }, fieldName));
    } else {
      duration = input.duration;
    }
  }

  const aspectRatio = oneOf(input, 'aspectRatio', ASPECT_RATIOS, issues, DEFAULT_ASPECT_RATIO) as AspectRatio;
  const resolution = oneOf(input, 'resolution', RESOLUTIONS, issues, DEFAULT_RESOLUTION) as Resolution;

  const frames: { startFrame?: Frame; endFrame?: Frame } = {};
  for (const field of ['startFrame', 'endFrame'] as const) {
    if (input[field] === undefined) continue;
    const frameIssues = validateFrame(input[field], field);
    issues.push(...frameIssues);
    if (frameIssues.length === 0) frames[field] = input[field] as Frame;
  }

  if (issues.length > 0 || !model || prompt === undefined) return { ok: false, issues };
  return { ok: true, value: { prompt, model: model.id, duration, aspectRatio, resolution, ...frames } };
}

export function validateMvCreate(input: unknown): Validated<MvCreateRequest> {
  if (!isRecord(input)) return notAnObject(input);
  const issues: FieldIssue[] = [];
  const name = requiredText(input, 'name', issues, MAX_MV_NAME_LENGTH);
  const aspect = oneOf(input, 'aspect', MV_ASPECTS, issues) as MvAspect;
  const projectType = oneOf(input, 'projectType', MV_PROJECT_TYPES, issues, 'mv') as MvProjectType;
  if (issues.length > 0 || name === undefined) return { ok: false, issues };
  // Only when given, so a plain music video's request stays as it always was.
  return { ok: true, value: { name, aspect, ...(input.projectType !== undefined ? { projectType } : {}) } };
}

export function validateMvSubmit(input: unknown): Validated<MvSubmitRequest> {
  if (!isRecord(input)) return notAnObject(input);
  const issues: FieldIssue[] = [];

  const projectId = requiredText(input, 'projectId', issues);
  const aspect = oneOf(input, 'aspect', MV_ASPECTS, issues) as MvAspect;

  const sceneDescription = optionalText(input, 'sceneDescription', issues, MAX_SCENE_DESCRIPTION) ?? '';
  const subtitleEnabled = optionalBoolean(input, 'subtitleEnabled', issues) ?? false;
  const reference = referenceIssues(input, issues);

  const mode = input.musicGenerateType;
  let specific: Record<string, unknown> = {};
  if (mode === 'prompt') {
    specific = {
      prompt: requiredText(input, 'prompt', issues),
      vocalGender: oneOf(input, 'vocalGender', VOCAL_GENDERS, issues, 'auto') as VocalGender,
      instrumental: optionalBoolean(input, 'instrumental', issues) ?? false,
    };
  } else if (mode === 'custom') {
    specific = {
      lyrics: requiredText(input, 'lyrics', issues),
      style: requiredText(input, 'style', issues),
      title: requiredText(input, 'title', issues),
    };
  } else if (mode === 'upload') {
    specific = { musicAssetId: requiredText(input, 'musicAssetId', issues) };
  } else {
    issues.push({
      field: 'musicGenerateType',
      message: l10n.t('musicGenerateType must be "prompt", "custom" or "upload" (got {0})', shown(mode)),
    });
  }

  if (issues.length > 0 || projectId === undefined) return { ok: false, issues };
  const value = {
    projectId,
    musicGenerateType: mode,
    aspect,
    sceneDescription,
    subtitleEnabled,
    ...reference,
    ...specific,
  } as MvSubmitRequest;
  return { ok: true, value };
}

/** Exactly one of referenceImage (asset id) / referenceImageUrl (https URL or raw base64 image). */
function referenceIssues(input: Input, issues: FieldIssue[]): { referenceImage?: string; referenceImageUrl?: string } {
  const hasId = input.referenceImage !== undefined;
  const hasUrl = input.referenceImageUrl !== undefined;
  if (hasId === hasUrl) {
    issues.push({
      field: hasId ? 'referenceImageUrl' : 'referenceImage',
      message: hasId
        ? l10n.t('give either referenceImage or referenceImageUrl, not both')
        : l10n.t('referenceImage (an asset id) or referenceImageUrl (an https URL or raw base64 image) is required'),
    });
    return {};
  }
  if (hasId) {
    const id = input.referenceImage;
    if (typeof id !== 'string' || !ASSET_ID_PATTERN.test(id)) {
      issues.push(ruleIssue('referenceImage', { rule: 'referenceAssetId', got: shown(id) }, fieldName));
      return {};
    }
    return { referenceImage: id };
  }
  const url = input.referenceImageUrl;
  if (typeof url !== 'string') {
    issues.push({ field: 'referenceImageUrl', message: l10n.t('referenceImageUrl must be an https URL or raw base64 image (got {0})', describeType(url)) });
    return {};
  }
  // A scheme other than data: means a URL was meant; data: gets the base64 check's clearer "remove the prefix" message.
  const urlLike = /^[a-z][a-z0-9+.-]*:/i.test(url) && !/^data:/i.test(url);
  const found = urlLike ? httpUrlIssues(url, 'referenceImageUrl', ['https:']) : base64ImageIssues(url, 'referenceImageUrl');
  issues.push(...found);
  return found.length === 0 ? { referenceImageUrl: url } : {};
}

function requiredText(input: Input, field: string, issues: FieldIssue[], max?: number): string | undefined {
  const value = input[field];
  if (typeof value !== 'string') {
    issues.push(ruleIssue(field, { rule: 'textRequired', got: describeType(value) }, fieldName));
    return undefined;
  }
  const trimmed = value.trim();
  if (trimmed.length === 0) {
    issues.push(ruleIssue(field, { rule: 'textEmpty' }, fieldName));
    return undefined;
  }
  return checkLength(trimmed, field, issues, max);
}

function optionalText(input: Input, field: string, issues: FieldIssue[], max?: number): string | undefined {
  const value = input[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    issues.push(ruleIssue(field, { rule: 'notText', got: describeType(value) }, fieldName));
    return undefined;
  }
  return checkLength(value, field, issues, max);
}

/** Lengths count Unicode code points, so an emoji counts once (as a person would count it). */
function checkLength(value: string, field: string, issues: FieldIssue[], max?: number): string | undefined {
  const length = [...value].length;
  if (max !== undefined && length > max) {
    issues.push(ruleIssue(field, { rule: 'tooLong', limit: max, length }, fieldName));
    return undefined;
  }
  return value;
}

function optionalBoolean(input: Input, field: string, issues: FieldIssue[]): boolean | undefined {
  const value = input[field];
  if (value === undefined || typeof value === 'boolean') return value;
  issues.push(ruleIssue(field, { rule: 'notBoolean', got: shown(value) }, fieldName));
  return undefined;
}

function oneOf(input: Input, field: string, allowed: readonly string[], issues: FieldIssue[], fallback?: string): string | undefined {
  const value = input[field];
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value === 'string' && allowed.includes(value)) return value;
  issues.push(ruleIssue(field, { rule: 'oneOf', allowed, got: shown(value) }, fieldName));
  return undefined;
}

function isRecord(value: unknown): value is Input {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function notAnObject(value: unknown): { ok: false; issues: FieldIssue[] } {
  return { ok: false, issues: [{ field: 'request', message: l10n.t('request must be an object (got {0})', describeType(value)) }] };
}

/** A short rendering of a rejected value: strings quoted (and cut), other types named. */
function shown(value: unknown): string {
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return describeType(value);
}
