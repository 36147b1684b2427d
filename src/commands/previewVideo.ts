/**
 * Opens the downloaded file in VS Code's built-in media preview. That preview
 * plays H.264 but not AAC audio, so it is a silent preview; the user is told
 * once, and "Open in Browser" stays the primary way to watch.
 */
import * as vscode from 'vscode';
import type { GiggleContext } from '../context';
import { resolveJob } from './jobArguments';
import { downloadVideo } from './downloadVideo';

const SILENT_NOTICE_SHOWN = 'giggle.silentPreviewNoticeShown';

export async function previewVideo(ctx: GiggleContext, arg?: unknown): Promise<vscode.Uri | undefined> {
  const target = await resolveJob(ctx, arg, 'preview');
  if (!target) return undefined;
  let uri = await firstExisting(target.job.downloads ?? []);
  if (!uri) uri = await downloadVideo(ctx, target.job.id);
  if (!uri) return undefined;
  await vscode.commands.executeCommand('vscode.open', uri);
  if (!ctx.extension.globalState.get(SILENT_NOTICE_SHOWN)) {
    await ctx.extension.globalState.update(SILENT_NOTICE_SHOWN, true);
    void vscode.window.showInformationMessage(
      vscode.l10n.t('VS Code\'s preview plays the picture without sound (it cannot decode AAC audio). Use "Open Video in Browser" to hear it.'),
    );
  }
  return uri;
}

async function firstExisting(downloads: readonly string[]): Promise<vscode.Uri | undefined> {
  for (const text of [...downloads].reverse()) {
    const uri = vscode.Uri.parse(text);
    try {
      await vscode.workspace.fs.stat(uri);
      return uri;
    } catch {
      // Moved or deleted since: try the previous download, or download again.
    }
  }
  return undefined;
}
