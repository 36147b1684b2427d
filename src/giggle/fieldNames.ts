/**
 * The one table of request fields' names, for the host and the webview
 * bundle alike (src/webview imports it; pure, no state). Per field:
 *
 * - `named`: the field as validation messages name it. In English that is
 *   the key itself (`prompt`, `aspectRatio`): the messages serve scripted
 *   callers too, whose argument keys they name. A translation gives the
 *   field's label with the key in brackets ("提示词（prompt）"), so a message
 *   reads naturally and still names the key. Fields without it (nested
 *   paths such as `startFrame.asset_id`, unknown keys) are named by the key.
 * - `label`: how the generator panel shows the field (its form label, and the
 *   subject of a message next to it when the message would name a bare key).
 *
 * Every text is translated when read (never at module load: translations are
 * configured at activation).
 */
import * as l10n from '@vscode/l10n';

interface FieldNames {
  readonly named?: () => string;
  readonly label?: () => string;
}

const FIELDS = {
  prompt: {
    named: () => l10n.t({ message: 'prompt', comment: ['request field named in validation messages; translate as "label（key）"'] }),
    label: () => l10n.t('Prompt'),
  },
  model: {
    named: () => l10n.t({ message: 'model', comment: ['request field named in validation messages; translate as "label（key）"'] }),
    label: () => l10n.t('Model'),
  },
  duration: {
    named: () => l10n.t({ message: 'duration', comment: ['request field named in validation messages; translate as "label（key）"'] }),
    label: () => l10n.t('Duration'),
  },
  aspectRatio: {
    named: () => l10n.t({ message: 'aspectRatio', comment: ['request field named in validation messages; translate as "label（key）"'] }),
    label: () => l10n.t('Aspect ratio'),
  },
  resolution: {
    named: () => l10n.t({ message: 'resolution', comment: ['request field named in validation messages; translate as "label（key）"'] }),
    label: () => l10n.t('Resolution'),
  },
  startFrame: {
    named: () => l10n.t({ message: 'startFrame', comment: ['request field named in validation messages; translate as "label（key）"'] }),
    label: () => l10n.t('Start frame'),
  },
  endFrame: {
    named: () => l10n.t({ message: 'endFrame', comment: ['request field named in validation messages; translate as "label（key）"'] }),
    label: () => l10n.t('End frame'),
  },
  name: {
    named: () => l10n.t({ message: 'name', comment: ['request field (music video name) named in validation messages; translate as "label（key）"'] }),
    label: () => l10n.t('Name'),
  },
  aspect: {
    named: () => l10n.t({ message: 'aspect', comment: ['request field (music video aspect) named in validation messages; translate as "label（key）"'] }),
    label: () => l10n.t('Aspect ratio'),
  },
  lyrics: {
    named: () => l10n.t({ message: 'lyrics', comment: ['request field named in validation messages; translate as "label（key）"'] }),
    label: () => l10n.t('Lyrics'),
  },
  style: {
    named: () => l10n.t({ message: 'style', comment: ['request field (music style) named in validation messages; translate as "label（key）"'] }),
    label: () => l10n.t('Style'),
  },
  title: {
    named: () => l10n.t({ message: 'title', comment: ['request field (song title) named in validation messages; translate as "label（key）"'] }),
    label: () => l10n.t('Title'),
  },
  vocalGender: {
    named: () => l10n.t({ message: 'vocalGender', comment: ['request field named in validation messages; translate as "label（key）"'] }),
    label: () => l10n.t('Vocal gender'),
  },
  instrumental: {
    named: () => l10n.t({ message: 'instrumental', comment: ['request field named in validation messages; translate as "label（key）"'] }),
  },
  sceneDescription: {
    named: () => l10n.t({ message: 'sceneDescription', comment: ['request field named in validation messages; translate as "label（key）"'] }),
    label: () => l10n.t('Scene description'),
  },
  subtitleEnabled: {
    named: () => l10n.t({ message: 'subtitleEnabled', comment: ['request field named in validation messages; translate as "label（key）"'] }),
  },
  referenceImage: {
    named: () => l10n.t({ message: 'referenceImage', comment: ['request field named in validation messages; translate as "label（key）"'] }),
    label: () => l10n.t('The reference image'),
  },
  referenceImageUrl: {
    named: () => l10n.t({ message: 'referenceImageUrl', comment: ['request field named in validation messages; translate as "label（key）"'] }),
    label: () => l10n.t('The reference image'),
  },
  musicAssetId: { label: () => l10n.t('The song\'s asset id') },
  // The last part of a nested frame path (`startFrame.url`).
  url: { label: () => l10n.t('The URL') },
  asset_id: { label: () => l10n.t('The asset id') },
  base64: { label: () => l10n.t('The image') },
} satisfies Record<string, FieldNames>;

/** A field with a label, for callers (the webview's form) that need one. */
export type LabelledField = { [K in keyof typeof FIELDS]: (typeof FIELDS)[K] extends { label: () => string } ? K : never }[keyof typeof FIELDS];

function entry(field: string): FieldNames | undefined {
  return Object.prototype.hasOwnProperty.call(FIELDS, field) ? (FIELDS as Record<string, FieldNames>)[field] : undefined;
}

/** The field as validation messages name it (see above); the key itself when the table has no name for it. */
export function fieldName(field: string): string {
  return entry(field)?.named?.() ?? field;
}

/** The field's label in the panel, or undefined when it has none. */
export function fieldLabel(field: LabelledField): string;
export function fieldLabel(field: string): string | undefined;
export function fieldLabel(field: string): string | undefined {
  return entry(field)?.label?.();
}
