/**
 * Where a validation issue is shown in the panel. The validators name fields
 * as the API arguments do (`startFrame.base64`, `referenceImageUrl`); the form
 * has one field per thing the user chose. Pure, unit-tested.
 */
import type { Tab } from '../shared/protocol';

const VIDEO_FIELDS = ['prompt', 'model', 'duration', 'aspectRatio', 'resolution', 'startFrame', 'endFrame'];
const MV_FIELDS = [
  'name',
  'aspect',
  'musicGenerateType',
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

const LABELS: Record<string, string> = {
  prompt: 'Prompt',
  model: 'Model',
  duration: 'Duration',
  aspectRatio: 'Aspect ratio',
  aspect: 'Aspect ratio',
  resolution: 'Resolution',
  startFrame: 'Start frame',
  endFrame: 'End frame',
  name: 'Name',
  lyrics: 'Lyrics',
  style: 'Style',
  title: 'Title',
  vocalGender: 'Vocal gender',
  sceneDescription: 'Scene description',
  referenceImage: 'The reference image',
  referenceImageUrl: 'The reference image',
  url: 'The URL',
  asset_id: 'The asset id',
  base64: 'The image',
};

/** "startFrame.url must be …" reads better next to the field as "The URL must be …". */
export function humanize(issueField: string, message: string): string {
  for (const prefix of [issueField, issueField.split('.')[0]]) {
    if (!message.startsWith(`${prefix} `)) continue;
    const last = prefix.split('.').pop() ?? prefix;
    const label = LABELS[last];
    return label ? `${label}${message.slice(prefix.length)}` : message;
  }
  return message;
}

/** Validator messages start lower-case ("prompt must not be empty"); next to a field they read as sentences. */
function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
