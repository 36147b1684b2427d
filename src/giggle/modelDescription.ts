/**
 * A model's description for people, in the display language: the catalogue
 * keeps English (the simulator and validation read it too); product names
 * ("OpenAI Sora 2") stay as they are. Used by the Generate Video wizard and
 * the generator panel's model select.
 */
import * as l10n from '@vscode/l10n';
import type { VideoModel } from './catalogue';

export function modelDescription(model: VideoModel): string {
  switch (model.description) {
    case 'Strong overall capability':
      return l10n.t('Strong overall capability');
    case 'Grok, fast version':
      return l10n.t('Grok, fast version');
    case 'OpenAI Sora 2, fast':
      return l10n.t('OpenAI Sora 2, fast');
    case 'OpenAI Sora 2 Pro, fast':
      return l10n.t('OpenAI Sora 2 Pro, fast');
    case 'Kling video model':
      return l10n.t('Kling video model');
    case 'Seedance Pro, with audio':
      return l10n.t('Seedance Pro, with audio');
    case 'Seedance Pro, no audio':
      return l10n.t('Seedance Pro, no audio');
    case 'Google Veo 3.1, with audio':
      return l10n.t('Google Veo 3.1, with audio');
    case 'Google Veo 3.1, no audio':
      return l10n.t('Google Veo 3.1, no audio');
    case 'MiniMax model':
      return l10n.t('MiniMax model');
    case 'Wanxiang model':
      return l10n.t('Wanxiang model');
    default:
      return model.description;
  }
}
