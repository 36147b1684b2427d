/**
 * How a job reads in the tree: label, description, icon id, tooltip lines.
 * Kept free of `vscode` so the wording is unit-tested; the tree turns these
 * into TreeItems.
 */
import type { FrameSource, Job } from '../jobs/jobTypes';
import { redactSecrets } from '../giggle/redact';
import { redactUrl } from '../giggle/signedUrls';

export function shorten(text: string, max = 48): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length <= max ? single : `${single.slice(0, max - 1)}…`;
}

export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  const hours = Math.floor(minutes / 60);
  return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
}

const PHASE_TEXT: Record<string, string> = {
  submitting: 'submitting…',
  outcomeUnknown: 'outcome unknown',
  submitFailed: 'not submitted',
  pending: 'queued',
  processing: 'generating',
  completed: 'ready',
  failed: 'failed',
  creating: 'creating project…',
  createFailed: 'project not created',
  notSubmitted: 'not submitted',
  running: 'in progress',
  awaitingPayment: 'waiting for payment',
  paying: 'paying…',
  stopped: 'stopped following',
};

export function phaseText(job: Job): string {
  return PHASE_TEXT[job.phase] ?? job.phase;
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
  if (job.kind === 'video') parts.push(job.request.model, `${job.request.duration}s`);
  else parts.push('music video');
  parts.push(stepLabel ?? phaseText(job));
  if (job.overdue && job.phase !== 'completed') parts.push('overdue');
  parts.push(elapsed);
  return parts.join(' · ');
}

/** Markdown lines for the tooltip: every parameter, ids, and the latest problem. Signed URLs shortened. */
export function jobTooltipLines(job: Job): string[] {
  const lines: string[] = [];
  if (job.kind === 'video') {
    const r = job.request;
    lines.push(`**${escapeMarkdown(shorten(r.prompt, 300))}**`, '');
    lines.push(`Model: ${r.model} · ${r.duration}s · ${r.aspectRatio} · ${r.resolution}`);
    if (r.startFrame) lines.push(`Start frame: ${describeFrameSource(r.startFrame)}`);
    if (r.endFrame) lines.push(`End frame: ${describeFrameSource(r.endFrame)}`);
    if (job.taskId) lines.push(`Task: \`${job.taskId}\``);
    for (const url of job.urls) lines.push(`Video: ${redactUrl(url)}`);
  } else {
    const r = job.request;
    lines.push(`**${escapeMarkdown(r.name)}** (music video, ${r.aspect})`, '');
    lines.push(r.musicGenerateType === 'prompt' ? `Music: ${escapeMarkdown(shorten(r.prompt ?? '', 200))}` : `Song: ${escapeMarkdown(r.title ?? '')} (${escapeMarkdown(r.style ?? '')})`);
    if (job.projectId) lines.push(`Project: \`${job.projectId}\``);
    if (job.order) lines.push(`Order: \`${job.order.orderId}\`${job.order.price !== undefined ? ` · ${job.order.price} credits` : ''}`);
  }
  lines.push(`Status: ${phaseText(job)}${job.overdue ? ' (overdue)' : ''}`);
  lines.push(`Started: ${new Date(job.createdAt).toLocaleString()}`);
  // Stored error texts are meant to be redacted already; a fault can hold any error's message, so scrub again.
  if (job.lastError) lines.push('', `$(error) ${escapeMarkdown(redactSecrets(job.lastError.message, []))}`);
  if (job.fault) lines.push('', `$(warning) ${escapeMarkdown(redactSecrets(job.fault, []))}`);
  return lines;
}

export function describeFrameSource(frame: FrameSource): string {
  switch (frame.kind) {
    case 'asset':
      return `asset ${frame.assetId}`;
    case 'url':
      return redactUrl(frame.url);
    case 'file':
      return frame.path;
    case 'base64':
      return `image (${Math.round(frame.bytes / 1024)} KB)`;
  }
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
