/**
 * Streams a video to disk with progress and cancellation. Pure Node (no
 * `vscode`): the command wraps it in a progress notification. The file is
 * written under a temporary name and renamed at the end, so a cancelled or
 * failed download never leaves a half video under the real name, and an
 * existing file is never overwritten (the caller picks a free name).
 */
import { createWriteStream } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { WriteStream } from 'node:fs';
import { link, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import * as l10n from '@vscode/l10n';
import fetch from 'node-fetch';
import { redactSecrets } from '../giggle/redact';
import { redactUrl } from '../giggle/signedUrls';
import { isSafeLink, linkKind } from '../giggle/linkGuard';

export class DownloadError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    /** The user cancelled: nothing to explain or suggest (the message is localized, so callers check this, not the text). */
    readonly cancelled = false,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

export interface DownloadProgress {
  received: number;
  total?: number;
}

export async function downloadToFile(
  url: string,
  destination: string,
  options: { signal?: AbortSignal; onProgress?: (progress: DownloadProgress) => void; timeoutMs?: number } = {},
): Promise<number> {
  const partial = `${destination}.part`;
  const controller = new AbortController();
  const abort = () => controller.abort();
  options.signal?.addEventListener('abort', abort);
  let idle: ReturnType<typeof setTimeout> | undefined;
  const touch = () => {
    if (idle) clearTimeout(idle);
    idle = setTimeout(abort, options.timeoutMs ?? 60_000);
  };
  touch();
  // node-fetch 2 never ends nor errors a Content-Length body whose connection closes early, so watch the
  // connection itself: when the socket of the latest request closes and the body has not ended shortly
  // after, the download was cut short (instead of waiting for the idle timer and calling it "stalled").
  let bodyEnded = false;
  let cutShort = false;
  let grace: ReturnType<typeof setTimeout> | undefined;
  let latest: Socket | undefined;
  const agent = watchedAgent((socket) => {
    // A redirect's new connection: the old one closing (before or after this) says nothing.
    latest = socket;
    if (grace) clearTimeout(grace);
    socket.once('close', () => {
      if (socket !== latest) return;
      if (grace) clearTimeout(grace);
      grace = setTimeout(() => {
        if (bodyEnded) return;
        cutShort = true;
        abort();
      }, CUT_SHORT_GRACE_MS);
    });
  });
  let out: WriteStream | undefined;
  /** Set once our own `.part` is open: only then is it ours to delete (another download may own an existing one). */
  let ownsPartial = false;
  try {
    // node-fetch@2's types predate the DOM AbortSignal; the runtime accepts it.
    // Identity: a video does not compress, and Content-Length then counts the bytes we save.
    const response = await fetchFollowingSafeRedirects(url, { signal: controller.signal as never, agent, headers: { 'Accept-Encoding': 'identity' } });
    if (response.status === 403) {
      throw new DownloadError(l10n.t('The video link was refused (HTTP 403): it has probably expired ({0}).', redactUrl(url)), 403);
    }
    if (!response.ok || !response.body) {
      throw new DownloadError(l10n.t('Downloading {0} failed with HTTP {1}.', redactUrl(url), response.status), response.status);
    }
    // A proxy or API error page answered instead of the video (seen as HTTP 200): never save it as an .mp4.
    const type = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (/^(text\/|application\/(json|xml|problem\+json|problem\+xml)$)/.test(type)) {
      throw new DownloadError(l10n.t('Downloading {0} returned {1}, not a video; nothing was saved.', redactUrl(url), type), response.status);
    }
    // A server may compress anyway; node-fetch then hands us decoded bytes, which the
    // compressed Content-Length does not count (a truncated body is still caught by the socket watch).
    const encoding = (response.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
    const total = encoding === 'identity' ? Number(response.headers.get('content-length')) || undefined : undefined;
    let received = 0;
    await new Promise<void>((resolve, reject) => {
      out = createWriteStream(partial, { flags: 'wx' });
      out.on('open', () => (ownsPartial = true));
      response.body.on('data', (chunk: Buffer) => {
        received += chunk.length;
        touch();
        options.onProgress?.({ received, total });
      });
      response.body.on('end', () => (bodyEnded = true));
      response.body.on('error', reject);
      out.on('error', reject);
      out.on('close', () => resolve()); // after 'finish' and the file's close: only then rename it (Windows)
      response.body.pipe(out);
    });
    if (total !== undefined && received !== total) throw new DownloadError(l10n.t('The download stopped early ({0} of {1} bytes).', received, total));
    await moveWithoutOverwriting(partial, destination);
    return received;
  } catch (error) {
    // pipe() does not close the file when the body fails: close it before deleting (Windows cannot delete an open file).
    const stream = out;
    if (stream && !stream.closed) await new Promise<void>((resolve) => stream.destroy().once('close', () => resolve()));
    if (ownsPartial) await rm(partial, { force: true });
    if (options.signal?.aborted) throw new DownloadError(l10n.t('Download cancelled.'), undefined, true);
    if (cutShort) throw new DownloadError(l10n.t('The connection closed before the download finished; nothing was saved. Try again.'));
    if (controller.signal.aborted) {
      throw new DownloadError(l10n.t('The download stalled (nothing arrived for {0} s) and was stopped.', Math.round((options.timeoutMs ?? 60_000) / 1000)));
    }
    if (error instanceof DownloadError) throw error;
    // node-fetch's own messages quote the whole URL, signed query included.
    throw new DownloadError(l10n.t('Downloading {0} failed: {1}', redactUrl(url), redactSecrets((error as Error).message ?? String(error), [])));
  } finally {
    if (idle) clearTimeout(idle);
    if (grace) clearTimeout(grace);
    options.signal?.removeEventListener('abort', abort);
  }
}

/** A CDN may hop a few times; more than this is a loop. */
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Follows redirects by hand, each to a link isSafeLink accepts: the link was
 * checked before the download started, and a redirect must not lead it to
 * `file:`, another scheme, or plain http off this machine (which would
 * carry on what the signed link unlocked).
 */
async function fetchFollowingSafeRedirects(url: string, init: Parameters<typeof fetch>[1]): ReturnType<typeof fetch> {
  let target = url;
  for (let hops = 0; ; hops++) {
    const response = await fetch(target, { ...init, redirect: 'manual' });
    const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get('location') : null;
    if (location === null) return response;
    response.body?.resume();
    if (hops >= MAX_REDIRECTS) throw new DownloadError(l10n.t('The video link redirected more than {0} times; nothing was saved.', MAX_REDIRECTS), response.status);
    let next: string;
    try {
      next = new URL(location, target).href;
    } catch {
      next = location;
    }
    if (!isSafeLink(next)) {
      throw new DownloadError(
        l10n.t('The video link redirected to a {0} link, which is not downloaded; nothing was saved.', linkKind(next)),
        response.status,
      );
    }
    target = next;
  }
}

/** How long after its connection closed a body may still be delivering what arrived before. */
const CUT_SHORT_GRACE_MS = 1_000;

/** Agents (one per download, no keep-alive) that report every connection they open. */
function watchedAgent(onSocket: (socket: Socket) => void): (url: URL) => http.Agent {
  const watch = <A extends http.Agent>(agent: A): A => {
    const internal = agent as unknown as { createConnection: (...args: unknown[]) => Socket };
    const create = internal.createConnection.bind(agent);
    internal.createConnection = (...args: unknown[]) => {
      const socket = create(...args);
      onSocket(socket);
      return socket;
    };
    return agent;
  };
  const plain = watch(new http.Agent({ keepAlive: false }));
  const secure = watch(new https.Agent({ keepAlive: false }));
  return (url) => (url.protocol === 'http:' ? plain : secure);
}

/**
 * Renames the finished `.part` to its real name, failing instead of replacing a
 * file that appeared there meanwhile (rename alone silently overwrites).
 */
async function moveWithoutOverwriting(partial: string, destination: string): Promise<void> {
  try {
    await link(partial, destination); // fails with EEXIST, atomically, if the name is taken
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new DownloadError(alreadyExists(destination));
    // A file system without hard links: check, then rename (a narrow race, but no worse than before).
    if (await exists(destination)) throw new DownloadError(alreadyExists(destination));
    await rename(partial, destination);
    return;
  }
  await rm(partial, { force: true });
}

function alreadyExists(destination: string): string {
  return l10n.t('{0} already exists; it was not overwritten.', path.basename(destination));
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** `name.mp4`, or `name (2).mp4`, ... whichever does not exist yet in the folder (nor is being downloaded: no `.part`). */
export async function freeFileName(folder: string, fileName: string): Promise<string> {
  const extension = path.extname(fileName);
  const stem = fileName.slice(0, fileName.length - extension.length);
  for (let n = 1; n < 10_000; n++) {
    const candidate = path.join(folder, n === 1 ? fileName : `${stem} (${n})${extension}`);
    if (!(await exists(candidate)) && !(await exists(`${candidate}.part`))) return candidate;
  }
  throw new DownloadError(l10n.t('Could not find a free file name for {0} in {1}.', fileName, folder));
}

/** A readable, safe file name from the prompt: `giggle-<words>-<id>.mp4`. */
export function videoFileName(prompt: string, id: string, index = 0): string {
  const words = prompt
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents left apart by NFKD: "crème" → "creme", not "cre-me"
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  const suffix = index > 0 ? `-${index + 1}` : '';
  return `giggle-${words || 'video'}-${id.slice(0, 8)}${suffix}.mp4`;
}
