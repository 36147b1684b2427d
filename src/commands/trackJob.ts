/**
 * giggle.trackJob: follow a video task or music video project started
 * elsewhere. From the palette it asks for the id; scripts pass `{ taskId }`
 * or `{ projectId }` (also the public API's trackJob). Giggle is asked first:
 * a wrong id gets a clear message and adds nothing.
 */
import { randomUUID } from 'crypto';
import * as vscode from 'vscode';
import type { GiggleContext } from '../context';
import type { Job } from '../jobs/jobTypes';
import { trackJob as track, trackTarget, type TrackTarget } from '../jobs/trackJob';
import { notifyFollowEvent } from './jobNotifications';

export async function trackJob(ctx: GiggleContext, arg?: unknown): Promise<Job | undefined> {
  const target = arg === undefined ? await askForId() : trackTarget(arg);
  if (!target) return undefined;
  const { job, added, mvEvents } = await track({ store: ctx.store, api: ctx.client(), newId: randomUUID, now: Date.now }, target);
  if (!added) {
    void vscode.window.showInformationMessage(vscode.l10n.t('That job is already in the Giggle Jobs list.'));
    return job;
  }
  ctx.log.info(`tracking ${job.kind === 'video' ? `video task ${job.taskId}` : `music video project ${job.projectId}`} started elsewhere (phase ${job.phase})`);
  // An imported project already at the payment gate asks (auto-pay never applies to tracked jobs).
  if (job.kind === 'mv' && mvEvents.length > 0) notifyFollowEvent(ctx, { type: 'mvProgress', job, events: mvEvents });
  return job;
}

async function askForId(): Promise<TrackTarget | undefined> {
  const video = vscode.l10n.t('Video task');
  const mv = vscode.l10n.t('Music video project');
  const kind = await vscode.window.showQuickPick([video, mv], { placeHolder: vscode.l10n.t('What was started elsewhere?') });
  if (!kind) return undefined;
  const id = (
    await vscode.window.showInputBox({
      title: vscode.l10n.t('Track a Giggle Job'),
      prompt: kind === video ? vscode.l10n.t('The task id (task_id) of the video') : vscode.l10n.t('The project id (project_id) of the music video'),
      ignoreFocusOut: true,
      validateInput: (value) => (/^[\w-]{1,128}$/.test(value.trim()) ? undefined : vscode.l10n.t('A Giggle id has only letters, digits, - and _.')),
    })
  )?.trim();
  if (!id) return undefined;
  return kind === video ? { kind: 'video', taskId: id } : { kind: 'mv', projectId: id };
}
