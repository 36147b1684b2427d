/**
 * Where a validation issue is shown in the panel, and in what words. The
 * validators name fields as the API arguments do (`startFrame.base64`,
 * `referenceImageUrl`); the form has one field per thing the user chose, and
 * names it by its label. Pure, unit-tested.
 */
import { fieldLabel, fieldName } from '../giggle/fieldNames';
import { describeIssue } from '../giggle/issues';
import type { FieldIssue } from '../giggle/issues';
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
export function sortIssues(tab: Tab, issues: readonly FieldIssue[]): FormIssues {
  const byField = new Map<string, string>();
  const general: string[] = [];
  for (const issue of issues) {
    const field = formFieldFor(tab, issue.field);
    if (!field) general.push(issue.message);
    else if (!byField.has(field)) byField.set(field, sentence(panelMessage(issue)));
  }
  return {
    issues: [...byField].map(([field, message]) => ({ field, message })),
    general: general.length ? general.map(sentence).join(' ') : undefined,
  };
}

/**
 * An issue as the panel words it: by the field's label ("The URL must be …")
 * where a scripted caller reads its bare key ("startFrame.url must be …").
 * A translation that already names the field by its label with the key
 * ("提示词（prompt）") keeps its words, as do issues without a rule (a file that
 * cannot be read says so in its own words).
 */
export function panelMessage(issue: FieldIssue): string {
  if (!issue.detail || fieldName(issue.field) !== issue.field) return issue.message;
  const label = fieldLabel(issue.field.split('.').pop() ?? issue.field);
  return label ? describeIssue(issue.detail, label, false) : issue.message;
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
