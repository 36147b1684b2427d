/**
 * A request field as validation messages name it. In English that is the
 * key itself (`prompt`, `aspectRatio`): the messages serve scripted callers
 * too, whose argument keys they name. A translation gives the field's label
 * with the key in brackets ("提示词（prompt）"), so a message under the
 * panel's translated labels reads naturally and still names the key.
 * Nested paths (`startFrame.asset_id`) and unknown keys stay as they are.
 */
import * as l10n from '@vscode/l10n';

export function fieldName(field: string): string {
  switch (field) {
    case 'prompt':
      return l10n.t({ message: 'prompt', comment: ['request field named in validation messages; translate as "label（key）"'] });
    case 'model':
      return l10n.t({ message: 'model', comment: ['request field named in validation messages; translate as "label（key）"'] });
    case 'duration':
      return l10n.t({ message: 'duration', comment: ['request field named in validation messages; translate as "label（key）"'] });
    case 'aspectRatio':
      return l10n.t({ message: 'aspectRatio', comment: ['request field named in validation messages; translate as "label（key）"'] });
    case 'resolution':
      return l10n.t({ message: 'resolution', comment: ['request field named in validation messages; translate as "label（key）"'] });
    case 'startFrame':
      return l10n.t({ message: 'startFrame', comment: ['request field named in validation messages; translate as "label（key）"'] });
    case 'endFrame':
      return l10n.t({ message: 'endFrame', comment: ['request field named in validation messages; translate as "label（key）"'] });
    case 'name':
      return l10n.t({ message: 'name', comment: ['request field (music video name) named in validation messages; translate as "label（key）"'] });
    case 'aspect':
      return l10n.t({ message: 'aspect', comment: ['request field (music video aspect) named in validation messages; translate as "label（key）"'] });
    case 'lyrics':
      return l10n.t({ message: 'lyrics', comment: ['request field named in validation messages; translate as "label（key）"'] });
    case 'style':
      return l10n.t({ message: 'style', comment: ['request field (music style) named in validation messages; translate as "label（key）"'] });
    case 'title':
      return l10n.t({ message: 'title', comment: ['request field (song title) named in validation messages; translate as "label（key）"'] });
    case 'vocalGender':
      return l10n.t({ message: 'vocalGender', comment: ['request field named in validation messages; translate as "label（key）"'] });
    case 'instrumental':
      return l10n.t({ message: 'instrumental', comment: ['request field named in validation messages; translate as "label（key）"'] });
    case 'sceneDescription':
      return l10n.t({ message: 'sceneDescription', comment: ['request field named in validation messages; translate as "label（key）"'] });
    case 'subtitleEnabled':
      return l10n.t({ message: 'subtitleEnabled', comment: ['request field named in validation messages; translate as "label（key）"'] });
    case 'referenceImage':
      return l10n.t({ message: 'referenceImage', comment: ['request field named in validation messages; translate as "label（key）"'] });
    case 'referenceImageUrl':
      return l10n.t({ message: 'referenceImageUrl', comment: ['request field named in validation messages; translate as "label（key）"'] });
    default:
      return field;
  }
}
