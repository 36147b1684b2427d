/**
 * The panel preselects what the user last submitted (model, aspect ratio,
 * resolution, music-video aspect), falling back to the settings. Kept in
 * globalState: a few short strings, per user, not per workspace.
 */
import type * as vscode from 'vscode';
import { ASPECT_RATIOS, MV_ASPECTS, RESOLUTIONS, findModel } from '../giggle/catalogue';
import { settings } from '../platform/settings';
import type { PanelDefaults } from '../shared/protocol';

export const DEFAULTS_KEY = 'giggle.panel.lastUsed';

export function panelDefaults(state: vscode.Memento): PanelDefaults {
  const stored = state.get<Partial<PanelDefaults>>(DEFAULTS_KEY) ?? {};
  const pick = (value: unknown, allowed: readonly string[], fallback: string) =>
    typeof value === 'string' && allowed.includes(value) ? value : fallback;
  const model = typeof stored.model === 'string' && findModel(stored.model) ? stored.model : settings.defaultModel();
  return {
    model: findModel(model) ? model : 'grok',
    aspectRatio: pick(stored.aspectRatio, ASPECT_RATIOS, settings.defaultAspectRatio()),
    resolution: pick(stored.resolution, RESOLUTIONS, settings.defaultResolution()),
    mvAspect: pick(stored.mvAspect, MV_ASPECTS, MV_ASPECTS[0]),
  };
}

export async function rememberDefaults(state: vscode.Memento, used: Partial<PanelDefaults>): Promise<void> {
  const stored = state.get<Partial<PanelDefaults>>(DEFAULTS_KEY) ?? {};
  await state.update(DEFAULTS_KEY, { ...stored, ...used });
}
