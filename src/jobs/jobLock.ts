/**
 * One submission in flight per job. Submit Again first reads and maybe
 * uploads the frames, and only then sends: a duplicate check on the request
 * (videoSubmission's fingerprint) cannot catch a second click made meanwhile,
 * since a second upload yields another asset id and so another request. The
 * lock is keyed by the job, whatever would be sent.
 */
import * as l10n from '@vscode/l10n';

export class JobBusyError extends Error {
  constructor() {
    super(l10n.t('This job is already being submitted. Wait for that to finish: it is not sent twice.'));
    this.name = 'JobBusyError';
  }
}

/** Jobs with an action in flight. In memory on purpose: a reload ends every action (and marks what it interrupted). */
const busy = new Set<string>();

/** Runs `action` holding the job's lock; rejects with JobBusyError, without running it, while another holds it. */
export async function whileJobLocked<T>(jobId: string, action: () => Promise<T>): Promise<T> {
  if (busy.has(jobId)) throw new JobBusyError();
  // Taken before the first await, so a second click in the same tick finds it.
  busy.add(jobId);
  try {
    return await action();
  } finally {
    busy.delete(jobId);
  }
}
