/**
 * Test doubles for the music-video job tests: an in-memory jobs file behind a
 * real JobStore, a fake Giggle API that records every call (and what was on
 * disk when it was made), a hand-driven clock, and progress snapshots.
 */
import { ApiError, NetworkError } from '../../../src/giggle/errors';
import type { MvCreateRequest, MvPayResult, MvProjectState, MvStep, MvStepState, MvSubmitRequest } from '../../../src/giggle/types';
import type { Job, MvJob } from '../../../src/jobs/jobTypes';
import { JobStore } from '../../../src/jobs/jobStore';
import { MemoryStorage } from '../support/memoryStorage';

export { MemoryStorage };

/** The 1×1 PNG from the MV seed. */
export const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

export class Clock {
  constructor(public time = 1_700_000_000_000) {}
  now = (): number => this.time;
  advance(ms: number): void {
    this.time += ms;
  }
}

type Method = 'createMvProject' | 'submitMv' | 'queryMv' | 'payMv' | 'retryMv';

export interface RecordedCall {
  method: Method;
  args: unknown[];
  /** The jobs file at the moment the request left. */
  onDisk: Job[];
}

/** A fake API: each method's behaviour is replaceable; every call is recorded. */
export class FakeMvApi {
  readonly calls: RecordedCall[] = [];
  onCreate: (request: MvCreateRequest) => Promise<{ projectId: string }> = async () => ({ projectId: 'proj1' });
  onSubmit: (request: MvSubmitRequest) => Promise<void> = async () => undefined;
  onQuery: (projectId: string) => Promise<MvProjectState> = async (projectId) => mvState({ projectId });
  onPay: (projectId: string) => Promise<MvPayResult> = async () => ({ orderId: 'order1', price: 580 });
  onRetry: (projectId: string, step: MvStep) => Promise<void> = async () => undefined;

  constructor(private readonly storage: MemoryStorage) {}

  count(method: Method): number {
    return this.calls.filter((call) => call.method === method).length;
  }

  callsOf(method: Method): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  private record(method: Method, ...args: unknown[]): void {
    this.calls.push({ method, args, onDisk: this.storage.jobs() });
  }

  createMvProject(request: MvCreateRequest): Promise<{ projectId: string }> {
    this.record('createMvProject', request);
    return this.onCreate(request);
  }
  submitMv(request: MvSubmitRequest): Promise<void> {
    this.record('submitMv', request);
    return this.onSubmit(request);
  }
  queryMv(projectId: string): Promise<MvProjectState> {
    this.record('queryMv', projectId);
    return this.onQuery(projectId);
  }
  payMv(projectId: string): Promise<MvPayResult> {
    this.record('payMv', projectId);
    return this.onPay(projectId);
  }
  retryMv(projectId: string, step: MvStep): Promise<void> {
    this.record('retryMv', projectId, step);
    return this.onRetry(projectId, step);
  }
}

export interface Harness {
  storage: MemoryStorage;
  store: JobStore;
  api: FakeMvApi;
  clock: Clock;
  deps: { store: JobStore; api: FakeMvApi; now: () => number; newId: () => string };
}

export function harness(): Harness {
  const storage = new MemoryStorage();
  const clock = new Clock();
  const store = new JobStore(storage, { maxJobs: () => 200, writeDelayMs: 1, now: clock.now });
  const api = new FakeMvApi(storage);
  let next = 0;
  return { storage, store, api, clock, deps: { store, api, now: clock.now, newId: () => `job${++next}` } };
}

/** A Giggle business refusal (HTTP 200, code ≠ 200): definitely not taken. */
export function refusal(message: string, operation: 'createProject' | 'submitMv' | 'payMv' | 'retryMv' = 'submitMv'): ApiError {
  return new ApiError(operation, { code: 40009, apiMessage: message });
}

/** A timeout after sending: the request may have taken effect. */
export function lostReply(operation: 'createProject' | 'submitMv' | 'payMv' | 'retryMv' = 'submitMv'): NetworkError {
  return new NetworkError(operation, 'timeout', { outcomeUnknown: true, timeoutMs: 30_000 });
}

export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export function promptForm(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Beach MV',
    aspect: '16:9',
    musicGenerateType: 'prompt',
    prompt: 'Upbeat pop, sunny beach vibe',
    vocalGender: 'female',
    referenceImageUrl: PNG_BASE64,
    ...overrides,
  };
}

export function mvState(overrides: Partial<MvProjectState> = {}): MvProjectState {
  return { projectId: 'proj1', status: 'processing', completedSteps: [], steps: [], ...overrides };
}

export function step(name: string, status: string, extra: Partial<MvStepState> = {}): MvStepState {
  return { step: name, status, subSteps: [], ...extra };
}

/** A job record in a given phase, for the pure progress rules. */
export function mvJob(overrides: Partial<MvJob> = {}): MvJob {
  return {
    id: 'job1',
    kind: 'mv',
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    request: { name: 'Beach MV', aspect: '16:9', musicGenerateType: 'prompt', prompt: 'pop', reference: { kind: 'base64', bytes: 70 } },
    projectId: 'proj1',
    phase: 'running',
    waitingSince: 1_700_000_000_000,
    ...overrides,
  };
}

/** Lets pending promise callbacks run (a fake call that resolves later is awaited by the code under test). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}
