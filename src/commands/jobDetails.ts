/**
 * Shows everything known about a job as a read-only Markdown document
 * (signed URLs shortened). Read-only through a content provider, not an
 * untitled document: an untitled one is "dirty", so closing it asked the
 * user whether to save the details. The document follows the job: when the
 * job changes, an open details document shows the change.
 */
import * as vscode from 'vscode';
import type { GiggleContext } from '../context';
import type { Job } from '../jobs/jobTypes';
import { jobTooltipLines, mvStepLines } from '../views/jobPresentation';
import { resolveJob } from './jobArguments';

const SCHEME = 'giggle-job';

export async function showJobDetails(ctx: GiggleContext, arg?: unknown): Promise<void> {
  const target = await resolveJob(ctx, arg, 'see');
  if (!target) return;
  ensureProvider(ctx);
  const document = await vscode.workspace.openTextDocument(detailsUri(target.job));
  await vscode.window.showTextDocument(document, { preview: true });
}

function detailsMarkdown(job: Job): string {
  const lines = jobTooltipLines(job);
  if (job.kind === 'mv' && job.project) {
    lines.push('', `### ${vscode.l10n.t('Steps')}`);
    lines.push(...mvStepLines(job.project.steps));
  }
  return lines.join('  \n');
}

/** The tab shows the path's last segment: the job's name, made safe for a path. */
function detailsUri(job: Job): vscode.Uri {
  const name = (job.kind === 'video' ? job.request.prompt : job.request.name).replace(/[\\/:*?"<>|#%\s]+/g, ' ').trim().slice(0, 40) || job.id;
  return vscode.Uri.from({ scheme: SCHEME, path: `/${name}.md`, query: job.id });
}

const registered = new WeakSet<GiggleContext>();

/** Registered on first use (the features bundle loads on demand); disposed with the extension. */
function ensureProvider(ctx: GiggleContext): void {
  if (registered.has(ctx)) return;
  registered.add(ctx);
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: changed.event,
    provideTextDocumentContent(uri) {
      const job = ctx.store.get(uri.query);
      return job ? detailsMarkdown(job) : vscode.l10n.t('That job is no longer in the list.');
    },
  };
  const open = () => vscode.workspace.textDocuments.filter((d) => d.uri.scheme === SCHEME);
  const subscription = ctx.store.onDidChange((job) => {
    for (const document of open()) if (document.uri.query === job.id) changed.fire(document.uri);
  });
  ctx.extension.subscriptions.push(changed, vscode.workspace.registerTextDocumentContentProvider(SCHEME, provider), { dispose: () => subscription.dispose() });
}
