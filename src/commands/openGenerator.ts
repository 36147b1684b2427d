/**
 * `giggle.openGenerator` opens (or reveals) the generator panel;
 * `giggle.generateVideoFromImage` (Explorer context menu on image files)
 * opens it with the clicked image as the start frame.
 */
import * as vscode from 'vscode';
import type { GiggleContext } from '../context';
import { InputError } from '../giggle/errors';
import { GeneratorPanel } from '../panel/generatorPanel';
import { hasImageExtension } from '../panel/images';

/** Optional argument: `{ tab: 'video' | 'mv' }` is accepted for scripted callers; anything else is ignored. */
export function openGenerator(ctx: GiggleContext, arg?: unknown): void {
  const panel = GeneratorPanel.show(ctx);
  const tab = (arg as { tab?: unknown } | undefined)?.tab;
  if (tab === 'video' || tab === 'mv') panel.showTab(tab);
}

/**
 * The Explorer passes the clicked resource first and the whole selection
 * second; the clicked one wins. Works from the palette too, with the active
 * editor's image.
 */
export async function generateVideoFromImage(ctx: GiggleContext, ...args: unknown[]): Promise<void> {
  const uri = args[0] instanceof vscode.Uri ? args[0] : activeTabUri();
  if (!uri || !hasImageExtension(uri)) {
    throw new InputError([{ field: 'startFrame', message: vscode.l10n.t('Choose a PNG, JPEG, WebP or GIF file in the Explorer to generate a video from it.') }]);
  }
  await GeneratorPanel.show(ctx).loadImage('startFrame', uri);
}

/** The image open in the active editor tab (images open in a custom editor, not a text editor). */
function activeTabUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText ? input.uri : undefined;
}
