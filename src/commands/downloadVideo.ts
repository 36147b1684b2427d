/**
 * Downloads a finished video into the workspace (giggle.downloadFolder,
 * default `videos/`), streamed with progress and cancellable. Never
 * overwrites: an existing name gets " (2)", " (3)", ... Needs a trusted
 * workspace on a local file system.
 */
import * as vscode from 'vscode';
import path from 'node:path';
import type { GiggleContext } from '../context';
import { downloadToFile, freeFileName, videoFileName } from '../media/download';
import { settings } from '../platform/settings';
import { freshLinks, markSeen, refuseUnsafeLink, resolveJob } from './jobArguments';

export async function downloadVideo(ctx: GiggleContext, arg?: unknown): Promise<vscode.Uri | undefined> {
  const target = await resolveJob(ctx, arg, 'download');
  if (!target) return undefined;
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Downloading into the workspace needs a trusted workspace. Trust this folder, or use "Open Video in Browser" instead.'),
    );
    return undefined;
  }
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  if (!folder) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder on disk to download videos into it, or use "Copy Video Link".'));
    return undefined;
  }
  const links = await freshLinks(ctx, target.job);
  const index = target.linkIndex ?? 0;
  const url = links[index];
  if (!url) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This job has no video to download yet.'));
    return undefined;
  }
  if (refuseUnsafeLink(ctx, target.job, url)) return undefined;
  const relativeFolder = settings.downloadFolder(folder.uri) || 'videos';
  const targetFolder = path.resolve(folder.uri.fsPath, relativeFolder);
  if (!isInside(folder.uri.fsPath, targetFolder)) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('giggle.downloadFolder ("{0}") points outside the workspace folder; choose a folder inside it.', relativeFolder),
    );
    return undefined;
  }
  await vscode.workspace.fs.createDirectory(vscode.Uri.file(targetFolder));
  const title = target.job.kind === 'video' ? target.job.request.prompt : target.job.request.name;
  const destination = await freeFileName(targetFolder, videoFileName(title, target.job.id, index));
  const bytes = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Downloading {0}', path.basename(destination)), cancellable: true },
    (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      let reported = 0;
      return downloadToFile(url, destination, {
        signal: controller.signal,
        timeoutMs: settings.downloadStallMs(),
        onProgress: ({ received, total }) => {
          if (!total) return progress.report({ message: vscode.l10n.t('{0} MB', (received / 1e6).toFixed(1)) });
          const percent = (received / total) * 100;
          progress.report({ increment: percent - reported, message: `${Math.round(percent)}%` });
          reported = percent;
        },
      });
    },
  );
  const uri = vscode.Uri.file(destination);
  ctx.store.update(target.job.id, (job) => ({ downloads: [...(job.downloads ?? []), uri.toString()] }));
  markSeen(ctx, target.job);
  ctx.log.info(`downloaded ${bytes} bytes to ${vscode.workspace.asRelativePath(uri)}`);
  const preview = vscode.l10n.t('Preview (silent)');
  const reveal = vscode.l10n.t('Reveal in Explorer');
  void vscode.window
    .showInformationMessage(vscode.l10n.t('Saved {0}.', vscode.workspace.asRelativePath(uri)), preview, reveal)
    .then((choice) => {
      if (choice === preview) void vscode.commands.executeCommand('vscode.open', uri);
      else if (choice === reveal) void vscode.commands.executeCommand('revealInExplorer', uri);
    });
  return uri;
}

function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
