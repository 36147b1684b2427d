/**
 * How a job reads in the tree: label, description, icon id, tooltip lines.
 * Kept free of `vscode` so the wording is unit-tested; the tree turns these
 * into TreeItems. Text is localized with @vscode/l10n (English when no bundle is set).
 */
import * as l10n from '@vscode/l10n';
import type { FrameSource, Job } from '../jobs/jobTypes';
import type { MvStepState } from '../giggle/types';
import { redactSecrets } from '../giggle/redact';
import { redactUrl } from '../giggle/signedUrls';
import { markdownCode, markdownText } from '../giggle/serviceText';
import { phaseText } from '../jobs/phaseText';

export { phaseText };

export function shorten(text: string, max = 48): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length <= max ? single : `${single.slice(0, max - 1)}…`;
}

export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return l10n.t('{0}s', seconds);
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return l10n.t('{0}m {1}s', minutes, String(seconds % 60).padStart(2, '0'));
  const hours = Math.floor(minutes / 60);
  return l10n.t('{0}h {1}m', hours, String(minutes % 60).padStart(2, '0'));
}

/** Codicon id for the job's state. */
export function jobIcon(job: Job): string {
  if (job.fault) return 'warning';
  switch (job.phase) {
    case 'completed':
      return 'pass-filled';
    case 'failed':
    case 'submitFailed':
    case 'createFailed':
      return 'error';
    case 'outcomeUnknown':
      return 'question';
    case 'awaitingPayment':
      return 'credit-card';
    case 'stopped':
    case 'notSubmitted':
      return 'debug-pause';
    case 'pending':
      return 'clock';
    default:
      return 'loading~spin';
  }
}

export function jobLabel(job: Job): string {
  return job.kind === 'video' ? shorten(job.request.prompt) : shorten(job.request.name);
}

export function jobDescription(job: Job, now: number, stepLabel?: string): string {
  const end = job.finishedAt ?? now;
  const elapsed = formatElapsed(end - job.createdAt);
  const parts: string[] = [];
  if (job.kind === 'video') parts.push(job.request.model, l10n.t('{0}s', job.request.duration));
  else parts.push(l10n.t('music video'));
  parts.push(stepLabel ?? phaseText(job));
  if (job.overdue && job.phase !== 'completed') parts.push(l10n.t('overdue'));
  parts.push(elapsed);
  return parts.join(' · ');
}

/** Markdown lines for the tooltip: every parameter, ids, and the latest problem. Signed URLs shortened. */
export function jobTooltipLines(job: Job): string[] {
  const lines: string[] = [];
  if (job.kind === 'video') {
    const r = job.request;
    lines.push(`**${markdownText(shorten(r.prompt, 300))}**`, '');
    lines.push(l10n.t('Model: {0} · {1}s · {2} · {3}', r.model, r.duration, r.aspectRatio, r.resolution));
    if (r.startFrame) lines.push(l10n.t('Start frame: {0}', frameMarkdown(r.startFrame)));
    if (r.endFrame) lines.push(l10n.t('End frame: {0}', frameMarkdown(r.endFrame)));
    if (job.taskId) lines.push(l10n.t('Task: {0}', markdownCode(job.taskId)));
    for (const url of job.urls) lines.push(l10n.t('Video: {0}', markdownText(redactUrl(url))));
  } else {
    const r = job.request;
    lines.push(l10n.t('**{0}** (music video, {1})', markdownText(r.name), r.aspect), '');
    lines.push(
      r.musicGenerateType === 'prompt'
        ? l10n.t('Music: {0}', markdownText(shorten(r.prompt ?? '', 200)))
        : r.musicGenerateType === 'upload'
          ? l10n.t('Song: your upload (asset {0})', markdownCode(r.musicAssetId ?? ''))
          : l10n.t('Song: {0} ({1})', markdownText(r.title ?? ''), markdownText(r.style ?? '')),
    );
    if (job.projectId) lines.push(l10n.t('Project: {0}', markdownCode(job.projectId)));
    if (job.order) {
      lines.push(
        job.order.price !== undefined
          ? l10n.t('Order: {0} · {1} credits', markdownCode(job.order.orderId), job.order.price)
          : l10n.t('Order: {0}', markdownCode(job.order.orderId)),
      );
    }
  }
  lines.push(job.overdue ? l10n.t('Status: {0} (overdue)', phaseText(job)) : l10n.t('Status: {0}', phaseText(job)));
  lines.push(l10n.t('Started: {0}', new Date(job.createdAt).toLocaleString()));
  // Stored error texts are meant to be redacted already; a fault can hold any error's message, so scrub again.
  if (job.lastError) lines.push('', `$(error) ${markdownText(redactSecrets(job.lastError.message, []))}`);
  if (job.fault) lines.push('', `$(warning) ${markdownText(redactSecrets(job.fault, []))}`);
  return lines;
}

/** The details' list of music video steps: names, states and errors are Giggle's text, so all escaped. */
export function mvStepLines(steps: readonly MvStepState[]): string[] {
  const line = (indent: string, step: { step: string; status: string; error?: string }) =>
    `${indent}- ${markdownText(step.step)}: ${markdownText(step.status)}${step.error ? ` (${markdownText(step.error)})` : ''}`;
  return steps.flatMap((step) => [line('', step), ...step.subSteps.map((sub) => line('  ', sub))]);
}

/** A path or a link can hold any character; the other descriptions are our own words. */
function frameMarkdown(frame: FrameSource): string {
  const text = describeFrameSource(frame);
  return frame.kind === 'url' || frame.kind === 'file' ? markdownText(text) : text;
}

export function describeFrameSource(frame: FrameSource): string {
  switch (frame.kind) {
    case 'asset':
      return l10n.t('asset {0}', frame.assetId);
    case 'url':
      return redactUrl(frame.url);
    case 'file':
      return frame.path;
    case 'base64':
      return l10n.t('image ({0} KB)', Math.round(frame.bytes / 1024));
  }
}
