/**
 * Item commands are called from the tree (with a node), from notifications
 * (with a job id), from scripts (with a job id or {jobId}) and from the
 * palette or a keybinding (with nothing: then they ask which job). This
 * resolves any of those to the job, and picks which of its links is meant.
 */
import * as vscode from 'vscode';
import type { GiggleContext } from '../context';
import type { Job } from '../jobs/jobTypes';
import { videoLinks } from '../jobs/jobTypes';
import type { JobPurpose } from '../jobs/jobPurpose';
import { jobsForPurpose } from '../jobs/jobPurpose';
import { isLikelyExpired } from '../giggle/signedUrls';
import { isSafeLink, linkKind } from '../giggle/linkGuard';
import { jobDescription } from '../views/jobPresentation';

export interface JobTarget {
  job: Job;
  /** The link index when a specific link node was chosen. */
  linkIndex?: number;
}

export type { JobPurpose } from '../jobs/jobPurpose';

function whichJobQuestion(purpose: JobPurpose): string {
  switch (purpose) {
    case 'open':
      return vscode.l10n.t('Which job do you want to open?');
    case 'copy the link of':
      return vscode.l10n.t('Which job do you want to copy the link of?');
    case 'download':
      return vscode.l10n.t('Which job do you want to download?');
    case 'preview':
      return vscode.l10n.t('Which job do you want to preview?');
    case 'see':
      return vscode.l10n.t('Which job do you want to see?');
    case 'remove':
      return vscode.l10n.t('Which job do you want to remove?');
    case 'submit again':
      return vscode.l10n.t('Which job do you want to submit again?');
    case 'pay for':
      return vscode.l10n.t('Which job do you want to pay for?');
    case 'retry':
      return vscode.l10n.t('Which job do you want to retry?');
    case 'resume':
      return vscode.l10n.t('Which job do you want to resume?');
  }
}

export async function resolveJob(ctx: GiggleContext, arg: unknown, purpose: JobPurpose): Promise<JobTarget | undefined> {
  if (typeof arg === 'string') return wrap(ctx.store.get(arg) ?? ctx.store.findByRemoteId(arg));
  if (arg && typeof arg === 'object' && 'jobId' in arg && typeof (arg as { jobId: unknown }).jobId === 'string') {
    const node = arg as { jobId: string; type?: string; index?: number };
    return wrap(ctx.store.get(node.jobId), node.type === 'link' ? node.index : undefined);
  }
  // From the palette or a keybinding: ask, with the job selected in the Jobs view first.
  const all = ctx.store.list();
  if (all.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There are no Giggle jobs yet.'));
    return undefined;
  }
  const selected = ctx.treeView.selection[0];
  const jobs = jobsForPurpose(all, purpose, selected?.jobId);
  if (jobs.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No Giggle job has a finished video yet. Finished jobs show "ready" in the Jobs view.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    jobs.map((job) => ({ label: job.kind === 'video' ? job.request.prompt : job.request.name, description: jobDescription(job, Date.now()), job })),
    { placeHolder: whichJobQuestion(purpose), matchOnDescription: true },
  );
  if (!picked) return undefined;
  // The selected link node (of a job with several videos) still says which link is meant.
  const linkIndex = selected?.jobId === picked.job.id && selected.type === 'link' ? selected.index : undefined;
  return { job: picked.job, linkIndex };
}

function wrap(job: Job | undefined, linkIndex?: number): JobTarget | undefined {
  if (!job) {
    void vscode.window.showWarningMessage(vscode.l10n.t('That job is no longer in the list.'));
    return undefined;
  }
  return { job, linkIndex };
}

/**
 * The job's video links, asking Giggle again for fresh ones when a signed URL
 * has expired or is about to (they are only valid for a while).
 */
export async function freshLinks(ctx: GiggleContext, job: Job): Promise<string[]> {
  const links = videoLinks(job);
  if (!links.some((url) => isLikelyExpired(url, Date.now()))) return links;
  try {
    if (job.kind === 'video' && job.taskId) {
      const state = await ctx.client().queryVideoTask(job.taskId);
      if (state.status === 'completed' && state.urls.length) {
        return videoLinks(ctx.store.update(job.id, () => ({ urls: state.urls })) ?? job);
      }
    } else if (job.kind === 'mv' && job.projectId) {
      const project = await ctx.client().queryMv(job.projectId);
      if (project.videoAsset?.downloadUrl) return videoLinks(ctx.store.update(job.id, () => ({ project })) ?? job);
    }
  } catch (error) {
    ctx.log.warn(`could not refresh the links of job ${job.id}: ${(error as Error).message}`);
  }
  return links;
}

/**
 * True when the link Giggle sent for this job is not a web link, after telling
 * the user: open, copy and download (and so preview) all ask here first, so a
 * `vscode:`, `file:` or `javascript:` link in a reply never reaches
 * openExternal, the clipboard or a download. The log names the scheme only.
 */
export function refuseUnsafeLink(ctx: GiggleContext, job: Job, url: string): boolean {
  if (isSafeLink(url)) return false;
  const kind = linkKind(url);
  ctx.log.warn(`job ${job.id}: Giggle sent a video link that is not https (${kind}); not used`);
  void vscode.window.showErrorMessage(
    vscode.l10n.t(
      'Giggle sent a video link that is not a web address ({0}), so it was not used: only https links are opened, downloaded or copied. Check the video on giggle.pro.',
      kind,
    ),
  );
  return true;
}

export function markSeen(ctx: GiggleContext, job: Job): void {
  if (!job.seen) ctx.store.update(job.id, () => ({ seen: true }));
}
