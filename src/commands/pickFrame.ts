/**
 * The wizards' frame step: a workspace image, a file from disk (read once,
 * here), a URL or an asset id.
 */
import * as vscode from 'vscode';
import { displayPath, IMAGE_GLOB } from '../platform/workspaceImages';
import type { SubmissionFrame } from '../submission/frame';
import { frameFromFile } from '../submission/frameFile';

/** Lets the user pick a frame: a workspace image, a file from disk, a URL or an asset id. */
export async function pickFrame(title: string, field: string): Promise<SubmissionFrame | 'back' | undefined> {
  type Choice = 'workspace' | 'disk' | 'url' | 'asset';
  const items: Array<vscode.QuickPickItem & { value: Choice }> = [
    { label: vscode.l10n.t('$(file-media) Image from the workspace'), value: 'workspace' },
    { label: vscode.l10n.t('$(folder-opened) Image file from disk…'), value: 'disk' },
    { label: vscode.l10n.t('$(link) Image URL…'), value: 'url' },
    { label: vscode.l10n.t('$(cloud) Giggle asset id…'), value: 'asset' },
  ];
  const choice = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Where does the frame come from?'), ignoreFocusOut: true });
  if (!choice) return undefined;
  switch (choice.value) {
    case 'workspace': {
      const files = await vscode.workspace.findFiles(IMAGE_GLOB, '**/{node_modules,.git}/**', 500);
      if (files.length === 0) {
        void vscode.window.showWarningMessage(vscode.l10n.t('No PNG, JPEG, WebP or GIF images were found in the workspace.'));
        return 'back';
      }
      const picked = await vscode.window.showQuickPick(
        files.map((uri) => ({ label: displayPath(uri), uri })),
        { title, placeHolder: vscode.l10n.t('Choose an image'), ignoreFocusOut: true, matchOnDescription: true },
      );
      return picked ? frameFromFile(picked.uri, field) : 'back';
    }
    case 'disk': {
      const uris = await vscode.window.showOpenDialog({
        title,
        canSelectMany: false,
        filters: { [vscode.l10n.t('Images')]: ['png', 'jpg', 'jpeg', 'webp', 'gif'] },
      });
      return uris?.[0] ? frameFromFile(uris[0], field) : 'back';
    }
    case 'url': {
      const url = await vscode.window.showInputBox({
        title,
        prompt: vscode.l10n.t('Image URL (http or https)'),
        ignoreFocusOut: true,
        validateInput: (value) => (/^https?:\/\/\S+$/i.test(value.trim()) ? undefined : vscode.l10n.t('Enter an http(s) URL.')),
      });
      return url ? { kind: 'url', url: url.trim() } : 'back';
    }
    case 'asset': {
      const id = await vscode.window.showInputBox({
        title,
        prompt: vscode.l10n.t('Giggle asset id'),
        ignoreFocusOut: true,
        validateInput: (value) => (/^[A-Za-z0-9_-]{1,128}$/.test(value.trim()) ? undefined : vscode.l10n.t('Asset ids contain only letters, digits, - and _.')),
      });
      return id ? { kind: 'asset', assetId: id.trim() } : 'back';
    }
  }
}
