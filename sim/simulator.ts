/**
 * The Giggle simulator: an HTTP server on loopback that answers like
 * giggle.pro (sim/README.md is the contract). This file owns the server,
 * dispatch by area (/api, /upload, /media, /__sim), auth, the body limit and
 * the application of scripted faults; the endpoints live in their own modules.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { AssetStore, type Asset } from './assets';
import { mediaReply, uploadReply } from './cdn';
import { SimClock } from './clock';
import { controlReply } from './control';
import { ApiError, failure, success } from './envelope';
import { FaultStore } from './faults';
import { jsonReply, readBody, writeReply, type Reply } from './http';
import { MusicVideos, type MvProject, type PayRecord } from './musicVideos';
import { Recorder } from './recorder';
import { apiRoutes, type ApiHandler } from './routes';
import { UrlSigner } from './signing';
import type { FaultKind, FaultRule, InvalidKeyReply, LogEntry, MediaRequest, RecordedRequest, SimulatorOptions } from './types';
import { VideoTasks, type VideoTask } from './videoTasks';

export type { FaultRule, InvalidKeyReply, LogEntry, MediaRequest, RecordedRequest, SimulatorOptions } from './types';
export type { VideoTask } from './videoTasks';
export type { MvProject, PayRecord } from './musicVideos';
export type { Asset } from './assets';

export interface Simulator {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Every /api and /upload request, in order. Cleared in place by reset(). */
  readonly requests: RecordedRequest[];
  /** Every /media request (signed links fetched), in order. */
  readonly mediaRequests: MediaRequest[];
  readonly faults: FaultRule[];
  readonly tasks: ReadonlyMap<string, VideoTask>;
  readonly projects: ReadonlyMap<string, MvProject>;
  readonly assets: ReadonlyMap<string, Asset>;
  /** Every MV pay call, accepted or refused. */
  readonly pays: readonly PayRecord[];
  readonly timeScale: number;
  addFault(rule: FaultRule): void;
  /** All faults, or only those of one kind (`hold`: the held requests go on). */
  clearFaults(kind?: FaultKind): void;
  /** Forgets requests, tasks, projects, assets, pays and faults (the clock keeps its offset). */
  reset(): void;
  /** Extension: forgets the registered assets only; submissions naming one are then refused as not found. */
  forgetAssets(): number;
  /** Stops listening and destroys open sockets, hung requests included. */
  close(): Promise<void>;
  /** Moves simulated time forward (works with the real clock too). */
  advance(ms: number): void;
  /** Simulated time, epoch ms. */
  now(): number;
  /** Pay calls for the project, accepted or refused. */
  payCount(projectId: string): number;
  /**
   * Extension: the service goes down for `ms` and comes back with its state:
   * it stops listening and cuts every open connection (hung requests
   * included), so clients see resets and then "connection refused", as after
   * a crash; after `ms` it listens again on the same port. Resolves once it
   * is down. Faults, tasks and projects are kept, as a restarted service
   * keeps its database.
   */
  outage(ms: number): Promise<void>;
  /** Extension: true while an outage lasts. */
  readonly down: boolean;
  /** Extension: how a refused key is answered from now on (undefined = the default HTTP 401). */
  setInvalidKeyReply(reply: InvalidKeyReply | undefined): void;
}

const DEFAULT_INVALID_KEY: InvalidKeyReply = { status: 401, code: 401, message: 'invalid API key' };

/** About 15 MB of JSON: several base64 frames. */
const DEFAULT_MAX_BODY = 15 * 1024 * 1024;
/** Presigned uploads take larger files than JSON bodies. */
const MAX_UPLOAD = 100 * 1024 * 1024;
const GIGGLE_URL_TTL_MS = 3_600_000;

const STATUS_TEXT: Record<number, string> = {
  401: 'invalid API key',
  403: 'forbidden',
  429: 'too many requests, please slow down',
  500: 'internal server error',
  502: 'bad gateway',
  503: 'service unavailable',
};

type Area = 'api' | 'upload' | 'media' | 'control' | 'other';

class SimulatorServer implements Simulator {
  readonly timeScale: number;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly clock: SimClock;
  private readonly signer: UrlSigner;
  private readonly recorder = new Recorder();
  private readonly faultStore = new FaultStore();
  private readonly assetStore: AssetStore;
  private readonly videos: VideoTasks;
  private readonly mvs: MusicVideos;
  private readonly routes: Map<string, ApiHandler>;
  private readonly apiKeys: readonly string[];
  private invalidKeyReply: InvalidKeyReply;
  private readonly maxBodyBytes: number;
  private readonly onLog?: (entry: LogEntry) => void;
  private baseUrl = '';
  /** See the /__sim/public-origin control route. */
  private publicOrigin?: string;
  private listeningPort = 0;
  private closing?: Promise<void>;
  private outageUntil = 0;
  /** Set by the outage control route: the outage starts once its own reply has been sent. */
  private afterControlReply?: () => void;
  /** Requests held by a `hold` fault, released when the faults are cleared. */
  private readonly held: (() => void)[] = [];

  constructor(private readonly options: SimulatorOptions) {
    this.timeScale = options.timeScale ?? 1;
    if (!(this.timeScale >= 0)) throw new Error('timeScale must be a non-negative number');
    this.clock = new SimClock(options.now ?? Date.now, this.timeScale);
    // An explicit TTL is taken as given; the default is Giggle's hour, scaled like
    // every other duration, with a one-second floor so links are usable at all.
    const ttl = options.signedUrlTtlMs ?? Math.max(1000, GIGGLE_URL_TTL_MS * this.timeScale);
    this.signer = new UrlSigner(this.clock, () => this.publicOrigin ?? this.baseUrl, ttl);
    this.assetStore = new AssetStore(this.signer);
    this.videos = new VideoTasks(this.clock, this.signer, this.assetStore);
    this.mvs = new MusicVideos(this.clock, this.signer, this.assetStore, options.downloadUrlLagPolls ?? 2);
    this.routes = apiRoutes(this.videos, this.mvs, this.assetStore);
    this.apiKeys = options.apiKeys ?? ['sim-demo-key'];
    this.invalidKeyReply = options.invalidKeyReply ?? DEFAULT_INVALID_KEY;
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
    this.onLog = options.onLog;
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent && !res.destroyed) {
          writeReply(res, jsonReply(500, failure(500, `simulator error: ${(error as Error).message}`)));
        }
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async listen(): Promise<void> {
    const host = this.options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.listeningPort = (this.server.address() as AddressInfo).port;
    this.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${this.listeningPort}`;
  }

  get url(): string {
    return this.baseUrl;
  }
  get port(): number {
    return this.listeningPort;
  }
  get requests(): RecordedRequest[] {
    return this.recorder.requests;
  }
  get mediaRequests(): MediaRequest[] {
    return this.recorder.mediaRequests;
  }
  get faults(): FaultRule[] {
    return this.faultStore.list();
  }
  get tasks(): ReadonlyMap<string, VideoTask> {
    return this.videos.tasks;
  }
  get projects(): ReadonlyMap<string, MvProject> {
    return this.mvs.projects;
  }
  get assets(): ReadonlyMap<string, Asset> {
    return this.assetStore.assets;
  }
  get pays(): readonly PayRecord[] {
    return this.mvs.pays;
  }

  addFault(rule: FaultRule): void {
    this.faultStore.add(rule);
  }
  clearFaults(kind?: FaultKind): void {
    this.faultStore.clear(kind);
    if (!kind || kind === 'hold') for (const release of this.held.splice(0)) release();
  }
  reset(): void {
    this.recorder.clear();
    this.clearFaults();
    this.videos.clear();
    this.mvs.clear();
    this.assetStore.clear();
    this.invalidKeyReply = this.options.invalidKeyReply ?? DEFAULT_INVALID_KEY;
  }
  setInvalidKeyReply(reply: InvalidKeyReply | undefined): void {
    this.invalidKeyReply = reply ?? this.options.invalidKeyReply ?? DEFAULT_INVALID_KEY;
  }
  forgetAssets(): number {
    return this.assetStore.forgetAssets();
  }
  advance(ms: number): void {
    this.clock.advance(ms);
  }
  now(): number {
    return this.clock.now();
  }
  payCount(projectId: string): number {
    return this.mvs.payCount(projectId);
  }

  get down(): boolean {
    return this.outageUntil > 0;
  }

  outage(ms: number): Promise<void> {
    if (this.closing) return Promise.resolve();
    if (this.down) {
      // Already down: extend the outage.
      this.outageUntil = Math.max(this.outageUntil, Date.now() + ms);
      return Promise.resolve();
    }
    this.outageUntil = Date.now() + ms;
    const stopped = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    const comeBack = (): void => {
      const wait = this.outageUntil - Date.now();
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (this.closing) return;
        if (this.outageUntil - Date.now() > 5) return comeBack();
        this.server.listen(this.listeningPort, this.options.host ?? '127.0.0.1', () => (this.outageUntil = 0));
      }, Math.max(0, wait));
      this.timers.add(timer);
    };
    comeBack();
    return stopped;
  }

  /** Control routes that change the server itself, run after their reply is on its way. */
  setPublicOrigin(origin: string | undefined): void {
    this.publicOrigin = origin;
  }

  scheduleOutage(ms: number): void {
    this.afterControlReply = () => void this.outage(ms);
  }

  close(): Promise<void> {
    if (!this.closing) {
      this.outageUntil = 0;
      for (const timer of this.timers) clearTimeout(timer);
      this.timers.clear();
      this.closing = new Promise<void>((resolve) => this.server.close(() => resolve()));
      for (const socket of this.sockets) socket.destroy();
    }
    return this.closing;
  }

  /** A JSON-safe snapshot for `GET /__sim/state`. */
  state(): unknown {
    return {
      now: this.now(),
      tasks: [...this.videos.tasks.values()],
      projects: [...this.mvs.projects.values()].map((project) => ({ ...project, failOnce: [...project.failOnce] })),
      pays: this.mvs.pays,
      assets: [...this.assetStore.assets.values()].map(({ bytes, ...asset }) => ({ ...asset, size: bytes.length })),
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', this.baseUrl);
    const area = areaOf(url.pathname);
    const { bytes, tooLarge } = await readBody(req, area === 'upload' ? MAX_UPLOAD : this.maxBodyBytes);
    const log = (status: number, fault?: FaultRule['kind']) =>
      this.onLog?.({ method, path: loggedPath(area, url), status, ms: Date.now() - started, fault });

    if (area === 'control') {
      const reply = controlReply(method, url.pathname, parseJson(bytes), this);
      const after = this.afterControlReply;
      this.afterControlReply = undefined;
      res.on('finish', () => {
        log(reply.status);
        after?.();
      });
      writeReply(res, reply);
      return;
    }

    const recorded = area === 'api' || area === 'upload'
      ? this.recorder.record(req, url, this.clock.now(), bytes, area === 'upload')
      : undefined;
    const decision = area === 'other' ? { latencyMs: 0 } : this.faultStore.take(method, url.pathname);
    if (decision.latencyMs > 0) await this.sleep(decision.latencyMs);
    if (decision.rule?.kind === 'hold') {
      this.recorder.markFault(recorded, 'hold');
      // Until a test clears the faults: "while this request is in flight" without guessing a duration.
      await new Promise<void>((release) => this.held.push(release));
    }
    const rule = decision.rule?.kind === 'hold' ? undefined : decision.rule;
    if (rule) this.recorder.markFault(recorded, rule.kind);
    if (decision.latencyMs > 0 && !rule) this.recorder.markFault(recorded, 'latency');

    // Faults that replace the service's answer entirely.
    let reply: Reply | undefined;
    if (rule?.kind === 'hang') {
      // Never answered; close() destroys the socket.
      if (area === 'media') this.recorder.recordMedia(req, url, this.clock.now(), 0, rule.kind);
      log(0, 'hang');
      return;
    }
    if (rule?.kind === 'reset' && !rule.afterProcessing) {
      if (area === 'media') this.recorder.recordMedia(req, url, this.clock.now(), 0, rule.kind);
      resetSocket(req);
      log(0, 'reset');
      return;
    }
    if (rule?.kind === 'status') {
      const status = rule.status ?? 500;
      const headers: Record<string, string> = rule.retryAfterSeconds !== undefined ? { 'Retry-After': String(rule.retryAfterSeconds) } : {};
      reply = jsonReply(status, failure(status, rule.message ?? STATUS_TEXT[status] ?? `HTTP ${status}`), headers);
    } else if (rule?.kind === 'apiError') {
      reply = jsonReply(200, failure(rule.code ?? 500, rule.message ?? 'error'));
    } else if (rule?.kind === 'malformed') {
      // What a proxy cutting a reply short looks like.
      reply = { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: '{"code":200,"msg":"success","data":{' };
    }

    reply ??= this.serve(area, req, url, bytes, tooLarge);
    if (area === 'media') this.recorder.recordMedia(req, url, this.clock.now(), reply.status, rule?.kind ?? (decision.latencyMs > 0 ? 'latency' : undefined));

    if (rule?.kind === 'reset') {
      // afterProcessing: the work was done, but the client never learns the outcome.
      resetSocket(req);
      log(0, 'reset');
      return;
    }
    if (rule?.kind === 'missingField' && reply.envelope?.data && typeof reply.envelope.data === 'object' && rule.field) {
      delete (reply.envelope.data as Record<string, unknown>)[rule.field];
    }
    // stringCode: `"200"` (numeric string), or the rule's own string such as `"success"` (non-numeric).
    if (rule?.kind === 'stringCode' && reply.envelope) reply.envelope.code = typeof rule.code === 'string' ? rule.code : String(reply.envelope.code);
    if (rule?.kind === 'patchData' && reply.envelope?.data && typeof reply.envelope.data === 'object' && rule.data) {
      Object.assign(reply.envelope.data as Record<string, unknown>, structuredClone(rule.data));
    }
    if (rule?.textField === 'message' && reply.envelope) {
      reply.envelope.message = reply.envelope.msg;
      delete reply.envelope.msg;
    }
    const status = reply.status;
    res.on('finish', () => log(status, rule?.kind ?? (decision.latencyMs > 0 ? 'latency' : undefined)));
    writeReply(res, reply);
  }

  private serve(area: Area, req: IncomingMessage, url: URL, bytes: Buffer, tooLarge: boolean): Reply {
    switch (area) {
      case 'api':
        return this.serveApi(req, url, bytes, tooLarge);
      case 'upload':
        if (tooLarge) return jsonReply(413, failure(413, 'upload too large'));
        return uploadReply(req, url, bytes, this.signer, this.assetStore);
      case 'media':
        return mediaReply(req, url, this.signer, this.assetStore);
      default:
        return jsonReply(404, failure(404, 'not found'));
    }
  }

  private serveApi(req: IncomingMessage, url: URL, bytes: Buffer, tooLarge: boolean): Reply {
    // A gateway refuses an oversized body before the application sees it.
    if (tooLarge) {
      return jsonReply(413, failure(413, `request body too large (limit ${Math.round(this.maxBodyBytes / 1024 / 1024)} MB)`));
    }
    const key = req.headers['x-auth'];
    if (!key) return jsonReply(401, failure(401, 'missing x-auth header'));
    if (typeof key !== 'string' || !this.apiKeys.includes(key)) {
      const refused = this.invalidKeyReply;
      return jsonReply(refused.status, failure(refused.code, refused.message));
    }

    const method = req.method ?? 'GET';
    const handler = this.routes.get(`${method} ${url.pathname}`);
    if (!handler) {
      const known = [...this.routes.keys()].some((route) => route.endsWith(` ${url.pathname}`));
      return known ? jsonReply(405, failure(405, `method ${method} not allowed`)) : jsonReply(404, failure(404, 'not found'));
    }
    let body: unknown;
    if (bytes.length > 0) {
      if (!String(req.headers['content-type'] ?? '').toLowerCase().includes('application/json')) {
        return jsonReply(415, failure(415, 'Content-Type must be application/json'));
      }
      body = parseJson(bytes);
      if (body === undefined) return jsonReply(400, failure(400, 'request body is not valid JSON'));
    }
    try {
      return jsonReply(200, success(handler({ query: url.searchParams, body })));
    } catch (error) {
      if (error instanceof ApiError) return jsonReply(error.httpStatus, failure(error.code, error.message));
      throw error;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const simulator = new SimulatorServer(options);
  await simulator.listen();
  return simulator;
}

function areaOf(path: string): Area {
  if (path.startsWith('/__sim/')) return 'control';
  if (path.startsWith('/api/')) return 'api';
  if (path.startsWith('/upload/')) return 'upload';
  if (path.startsWith('/media/')) return 'media';
  return 'other';
}

/** Signed query strings are credentials: logs show that one was there, not what it was. */
function loggedPath(area: Area, url: URL): string {
  if (!url.search) return url.pathname;
  return area === 'api' || area === 'control' ? url.pathname + url.search : `${url.pathname}?…`;
}

function parseJson(bytes: Buffer): unknown {
  if (bytes.length === 0) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Sends a TCP RST where Node supports it, like a dropped connection; a plain close otherwise. */
function resetSocket(req: IncomingMessage): void {
  const socket = req.socket as Socket & { resetAndDestroy?: () => void };
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}
