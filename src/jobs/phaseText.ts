/**
 * A job's state in words, for the Jobs view and for messages that mention
 * it ("this one is in progress"), never the internal phase id. Localized with
 * @vscode/l10n (English when no bundle is set).
 */
import * as l10n from '@vscode/l10n';
import type { Job } from './jobTypes';

/** The job's state in words (the Jobs view's description and tooltip); an unknown phase shows as is. */
export function phaseText(job: Job): string {
  switch (job.phase) {
    case 'submitting':
      return l10n.t({ message: 'submitting…', args: [], comment: ['job state in the Jobs view'] });
    case 'outcomeUnknown':
      return l10n.t({ message: 'outcome unknown', args: [], comment: ['job state in the Jobs view'] });
    case 'submitFailed':
    case 'notSubmitted':
      return l10n.t({ message: 'not submitted', args: [], comment: ['job state in the Jobs view'] });
    case 'pending':
      return l10n.t({ message: 'queued', args: [], comment: ['job state in the Jobs view'] });
    case 'processing':
      return l10n.t({ message: 'generating', args: [], comment: ['job state in the Jobs view'] });
    case 'completed':
      return l10n.t({ message: 'ready', args: [], comment: ['job state in the Jobs view'] });
    case 'failed':
      return l10n.t({ message: 'failed', args: [], comment: ['job state in the Jobs view'] });
    case 'creating':
      return l10n.t({ message: 'creating project…', args: [], comment: ['job state in the Jobs view'] });
    case 'createFailed':
      return l10n.t({ message: 'project not created', args: [], comment: ['job state in the Jobs view'] });
    case 'running':
      return l10n.t({ message: 'in progress', args: [], comment: ['job state in the Jobs view'] });
    case 'awaitingPayment':
      return l10n.t({ message: 'waiting for payment', args: [], comment: ['job state in the Jobs view'] });
    case 'paying':
      return l10n.t({ message: 'paying…', args: [], comment: ['job state in the Jobs view'] });
    case 'stopped':
      return l10n.t({ message: 'stopped following', args: [], comment: ['job state in the Jobs view'] });
    default:
      return (job as { phase: string }).phase;
  }
}
