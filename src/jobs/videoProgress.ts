/**
 * How a status reply changes a video job. Pure, so the rules (terminal states,
 * moderation wording, the 20-minute overdue mark) are tested without timers.
 */
import * as l10n from '@vscode/l10n';
import type { VideoTaskState } from '../giggle/types';
import type { VideoJob } from './jobTypes';

/** giggle-api.md: "20 minutes without a terminal state is abnormal". */
export const VIDEO_OVERDUE_MS = 20 * 60 * 1000;

export type VideoProgressEvent = 'ready' | 'failed' | 'overdue';

export function applyVideoState(job: VideoJob, state: VideoTaskState, now: number): { patch: Partial<VideoJob>; events: VideoProgressEvent[] } {
  const events: VideoProgressEvent[] = [];
  const patch: Partial<VideoJob> = { fault: undefined, lastPolledAt: now, pollCount: (job.pollCount ?? 0) + 1 };
  if (state.status === 'completed' && state.urls.length === 0) {
    // generation_api.py (line 251): "completed" with no URL means no video came back; the script
    // reports a problem and suggests generating again. It is a failure, never "Video ready".
    patch.phase = 'failed';
    patch.finishedAt = job.finishedAt ?? now;
    patch.overdue = false;
    patch.lastError = { kind: 'noVideo', message: l10n.t('Giggle finished without returning a video. Use Submit Again to generate it again.'), at: now };
    if (job.phase !== 'failed') events.push('failed');
  } else if (state.status === 'completed') {
    patch.phase = 'completed';
    patch.urls = state.urls;
    patch.finishedAt = job.finishedAt ?? now;
    patch.overdue = false;
    if (job.phase !== 'completed') events.push('ready');
  } else if (state.status === 'failed') {
    patch.phase = 'failed';
    patch.finishedAt = job.finishedAt ?? now;
    patch.moderated = !!state.moderated;
    // Finished: no longer "overdue" (as for completed), or the item would read "failed · overdue".
    patch.overdue = false;
    patch.lastError = {
      kind: state.moderated ? 'moderation' : 'failed',
      message: state.moderated
        ? moderationMessage(state.errorMessage)
        : (state.errorMessage ?? l10n.t('Giggle reported that the generation failed, without a reason.')),
      at: now,
    };
    if (job.phase !== 'failed') events.push('failed');
  } else {
    patch.phase = state.status;
    if (!job.overdue && now - job.createdAt >= VIDEO_OVERDUE_MS) {
      patch.overdue = true;
      events.push('overdue');
    }
  }
  return { patch, events };
}

/** Giggle said "completed" but sent no video: generating again is the way out (Submit Again). */
export function noVideoCameBack(job: VideoJob): boolean {
  return job.phase === 'failed' && job.lastError?.kind === 'noVideo';
}

function moderationMessage(reason: string | undefined): string {
  return reason
    ? l10n.t('Giggle\'s content checks rejected the prompt or image ({0}). Change the prompt or image and generate again.', reason)
    : l10n.t('Giggle\'s content checks rejected the prompt or image. Change the prompt or image and generate again.');
}
