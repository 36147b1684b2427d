/**
 * Opens a finished video in the browser: the primary way to watch it, since
 * VS Code's own media preview plays H.264 but not AAC, so Giggle's videos
 * with sound would play silently there.
 */
import * as vscode from 'vscode';
import type { GiggleContext } from '../context';
import { playableUrl } from '../giggle/signedUrls';
import { freshLinks, markSeen, refuseUnsafeLink, resolveJob } from './jobArguments';

export async function openVideo(ctx: GiggleContext, arg?: unknown): Promise<boolean> {
  const target = await resolveJob(ctx, arg, 'open');
  if (!target) return false;
  const links = await freshLinks(ctx, target.job);
  const url = links[target.linkIndex ?? 0];
  if (!url) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This job has no video yet.'));
    return false;
  }
  if (refuseUnsafeLink(ctx, target.job, url)) return false;
  markSeen(ctx, target.job);
  return openExactUrl(playableUrl(url));
}

/**
 * vscode.env.openExternal(Uri) re-encodes query strings in some VS Code
 * versions (microsoft/vscode#83610, #135949, #85930), breaking the
 * signature. The extension host's openUri keeps the original string when it
 * is given a string (it forwards `uriString` and the main thread opens that
 * exact text when it parses to the same URI), so pass the string itself.
 */
export function openExactUrl(url: string): Thenable<boolean> {
  return vscode.env.openExternal(url as unknown as vscode.Uri);
}
