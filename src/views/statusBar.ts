/**
 * The status bar item: running jobs with a spinner, and "N ready" for
 * finished videos the user has not opened, copied or downloaded yet.
 * Clicking it reveals the Jobs view; it hides itself when there is nothing
 * to say.
 */
import * as vscode from 'vscode';
import type { JobStore } from '../jobs/jobStore';
import { isUnfinished, videoLinks } from '../jobs/jobTypes';
import type { Job } from '../jobs/jobTypes';

export interface StatusCounts {
  running: number;
  ready: number;
  needsAction: number;
}

export function statusCounts(jobs: readonly Job[]): StatusCounts {
  let running = 0;
  let ready = 0;
  let needsAction = 0;
  for (const job of jobs) {
    if (job.kind === 'mv' && (job.phase === 'awaitingPayment' || job.phase === 'failed')) needsAction++;
    else if (isUnfinished(job) && !['submitFailed', 'outcomeUnknown', 'notSubmitted', 'createFailed', 'stopped', 'failed'].includes(job.phase)) running++;
    if (videoLinks(job).length > 0 && !job.seen) ready++;
  }
  return { running, ready, needsAction };
}

export function statusText(counts: StatusCounts): string | undefined {
  const parts: string[] = [];
  if (counts.running) parts.push(`$(sync~spin) ${counts.running}`);
  if (counts.needsAction) parts.push(`$(bell-dot) ${counts.needsAction}`);
  if (counts.ready) parts.push(vscode.l10n.t('$(check) {0} ready', counts.ready));
  return parts.length ? `Giggle ${parts.join('  ')}` : undefined;
}

export function createStatusBar(store: JobStore): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('giggle.status', vscode.StatusBarAlignment.Left, 50);
  item.name = vscode.l10n.t('Giggle Jobs');
  item.command = 'giggle.jobs.focus';
  const refresh = () => {
    const counts = statusCounts(store.list());
    const text = statusText(counts);
    if (!text) return item.hide();
    item.text = text;
    item.tooltip = [
      counts.running ? vscode.l10n.t('{0} job(s) generating', counts.running) : undefined,
      counts.needsAction ? vscode.l10n.t('{0} music video(s) need you (payment or a failed step)', counts.needsAction) : undefined,
      counts.ready ? vscode.l10n.t('{0} video(s) ready and not opened yet', counts.ready) : undefined,
      vscode.l10n.t('Click to show the Giggle jobs'),
    ]
      .filter(Boolean)
      .join('\n');
    item.show();
  };
  const subscriptions = [store.onDidChange(refresh), store.onDidLoad(refresh)];
  refresh();
  return vscode.Disposable.from(item, { dispose: () => subscriptions.forEach((s) => s.dispose()) });
}
