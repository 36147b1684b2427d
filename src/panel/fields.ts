/**
 * Where a validation issue is shown in the panel. The validators name fields
 * as the API arguments do (`startFrame.base64`, `referenceImageUrl`); the form
 * has one field per thing the user chose. Pure, unit-tested.
 */
import * as l10n from '@vscode/l10n';
import type { Tab } from '../shared/protocol';

const VIDEO_FIELDS = ['prompt', 'model', 'duration', 'aspectRatio', 'resolution', 'startFrame', 'endFrame'];
const MV_FIELDS = [
  'name',
  'aspect',
  'musicGenerateType',
  'song',
  'projectType',
  'prompt',
  'vocalGender',
  'instrumental',
  'lyrics',
  'style',
  'title',
  'sceneDescription',
  'subtitleEnabled',
  'referenceImage',
];

/** The form field an issue belongs to, or undefined when it concerns the request as a whole. */
export function formFieldFor(tab: Tab, issueField: string): string | undefined {
  const head = issueField.split('.')[0];
  if (tab === 'mv' && (head === 'referenceImageUrl' || head === 'referenceImageFile')) return 'referenceImage';
  if (tab === 'mv' && (head === 'musicFile' || head === 'musicAssetId')) return 'song';
  const fields = tab === 'video' ? VIDEO_FIELDS : MV_FIELDS;
  return fields.includes(head) ? head : undefined;
}

export interface FormIssues {
  issues: { field: string; message: string }[];
  /** Issues that name no form field, joined for the panel's status line. */
  general?: string;
}

/** Sorts issues into per-field messages (first one per field wins) and a general remainder. */
export function sortIssues(tab: Tab, issues: readonly { field: string; message: string }[]): FormIssues {
  const byField = new Map<string, string>();
  const general: string[] = [];
  for (const issue of issues) {
    const field = formFieldFor(tab, issue.field);
    if (!field) general.push(issue.message);
    else if (!byField.has(field)) byField.set(field, sentence(humanize(issue.field, issue.message)));
  }
  return {
    issues: [...byField].map(([field, message]) => ({ field, message })),
    general: general.length ? general.map(sentence).join(' ') : undefined,
  };
}

/** The label that replaces a validator's field name at the start of its message (translated when used, not at import). */
function label(field: string): string | undefined {
  switch (field) {
    case 'prompt':
      return l10n.t('Prompt');
    case 'model':
      return l10n.t('Model');
    case 'duration':
      return l10n.t('Duration');
    case 'aspectRatio':
    case 'aspect':
      return l10n.t('Aspect ratio');
    case 'resolution':
      return l10n.t('Resolution');
    case 'startFrame':
      return l10n.t('Start frame');
    case 'endFrame':
      return l10n.t('End frame');
    case 'name':
      return l10n.t('Name');
    case 'lyrics':
      return l10n.t('Lyrics');
    case 'style':
      return l10n.t('Style');
    case 'title':
      return l10n.t('Title');
    case 'vocalGender':
      return l10n.t('Vocal gender');
    case 'sceneDescription':
      return l10n.t('Scene description');
    case 'referenceImage':
    case 'referenceImageUrl':
      return l10n.t('The reference image');
    case 'musicAssetId':
      return l10n.t('The song\'s asset id');
    case 'url':
      return l10n.t('The URL');
    case 'asset_id':
      return l10n.t('The asset id');
    case 'base64':
      return l10n.t('The image');
    default:
      return undefined;
  }
}

/** "startFrame.url must be …" reads better next to the field as "The URL must be …". */
export function humanize(issueField: string, message: string): string {
  for (const prefix of [issueField, issueField.split('.')[0]]) {
    if (!message.startsWith(`${prefix} `)) continue;
    const last = prefix.split('.').pop() ?? prefix;
    const text = label(last);
    return text ? `${text}${message.slice(prefix.length)}` : message;
  }
  return message;
}

/**
 * Validator messages start lower-case ("prompt must not be empty"); next to a
 * field they read as sentences. A translated message ending in a CJK
 * character gets a full-width full stop.
 */
export function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  if (/[.!?。！？]$/.test(capital)) return capital;
  return /[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]$/.test(capital) ? `${capital}。` : `${capital}.`;
}
