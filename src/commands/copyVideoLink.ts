import * as vscode from 'vscode';
import type { GiggleContext } from '../context';
import { shareableUrl } from '../giggle/signedUrls';
import { freshLinks, markSeen, refuseUnsafeLink, resolveJob } from './jobArguments';

/** Copies the whole signed link (with `~` as `%7E`, so chat apps do not cut it). */
export async function copyVideoLink(ctx: GiggleContext, arg?: unknown): Promise<string | undefined> {
  const target = await resolveJob(ctx, arg, 'copy the link of');
  if (!target) return undefined;
  const links = await freshLinks(ctx, target.job);
  const url = links[target.linkIndex ?? 0];
  if (!url) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This job has no video link yet.'));
    return undefined;
  }
  if (refuseUnsafeLink(ctx, target.job, url)) return undefined;
  const link = shareableUrl(url);
  await vscode.env.clipboard.writeText(link);
  markSeen(ctx, target.job);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Video link copied. It is a signed link: it works for anyone who has it, and expires after a while.'),
  );
  return link;
}
