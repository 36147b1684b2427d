import * as vscode from 'vscode';
import type { GiggleContext } from '../context';
import { isUnfinished } from '../jobs/jobTypes';
import { resolveJob } from './jobArguments';

/** Removes a job from the list; an unfinished one only after the user confirms (Giggle keeps working on it). */
export async function removeJob(ctx: GiggleContext, arg?: unknown): Promise<boolean> {
  const target = await resolveJob(ctx, arg, 'remove');
  if (!target) return false;
  if (isUnfinished(target.job)) {
    const remove = vscode.l10n.t('Remove');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('This job is not finished. Removing it stops following it here; Giggle may still complete it and charge for it.'),
      { modal: true },
      remove,
    );
    if (choice !== remove) return false;
  }
  ctx.store.remove(target.job.id);
  return true;
}
