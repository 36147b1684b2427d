/** Shows everything known about a job in a read-only Markdown preview (signed URLs shortened). */
import * as vscode from 'vscode';
import type { GiggleContext } from '../context';
import { jobTooltipLines } from '../views/jobPresentation';
import { resolveJob } from './jobArguments';

export async function showJobDetails(ctx: GiggleContext, arg?: unknown): Promise<void> {
  const target = await resolveJob(ctx, arg, 'see');
  if (!target) return;
  const { job } = target;
  const lines = jobTooltipLines(job);
  if (job.kind === 'mv' && job.project) {
    lines.push('', `### ${vscode.l10n.t('Steps')}`);
    for (const step of job.project.steps) {
      lines.push(`- ${step.step}: ${step.status}${step.error ? ` (${step.error})` : ''}`);
      for (const sub of step.subSteps) lines.push(`  - ${sub.step}: ${sub.status}${sub.error ? ` (${sub.error})` : ''}`);
    }
  }
  const document = await vscode.workspace.openTextDocument({ content: lines.join('  \n'), language: 'markdown' });
  await vscode.window.showTextDocument(document, { preview: true });
}
