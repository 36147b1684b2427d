/**
 * Shared helpers for the simulator tests: plain `fetch` over loopback (not
 * the extension's client), and a simulator that is always closed.
 */
import type { TestContext } from 'node:test';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../sim/simulator';

export const KEY = 'test-key';

/** A fixed start time, so signed-URL expiry and durations are reproducible. */
export const T0 = Date.UTC(2025, 0, 1);

export async function simFor(t: TestContext, options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator({ apiKeys: [KEY], now: () => T0, ...options });
  t.after(() => sim.close());
  return sim;
}

export interface Envelope {
  code: number | string;
  msg: string;
  uuid: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
}

export async function call(
  sim: Simulator,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  key: string | null = KEY,
): Promise<{ status: number; json: Envelope; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (key !== null) headers['x-auth'] = key;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(sim.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Envelope, headers: res.headers };
}

export const post = (sim: Simulator, path: string, body: unknown) => call(sim, 'POST', path, body);
export const get = (sim: Simulator, path: string) => call(sim, 'GET', path);

export async function textToVideo(sim: Simulator, prompt: string, extra: Record<string, unknown> = {}): Promise<string> {
  const { json } = await post(sim, '/api/v1/generation/text-to-video', { prompt, model: 'grok', duration: 6, ...extra });
  if (json.code !== 200) throw new Error(`submit failed: ${json.msg}`);
  return json.data.task_id as string;
}

export async function queryTask(sim: Simulator, taskId: string): Promise<Envelope> {
  return (await get(sim, `/api/v1/generation/task/query?task_id=${encodeURIComponent(taskId)}`)).json;
}

/** A 1×1 PNG: the seed's own base64 example. */
export const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

export const MV_PROMPT_BODY = {
  music_generate_type: 'prompt',
  aspect: '16:9',
  prompt: 'Upbeat pop, sunny beach vibe',
  reference_image_url: 'https://example.com/ref.jpg',
};

export async function createMv(sim: Simulator, name = 'My MV'): Promise<string> {
  const { json } = await post(sim, '/api/v1/project/create', { name, type: 'mv', aspect: '16:9', mode: 'trustee' });
  if (json.code !== 200) throw new Error(`create failed: ${json.msg}`);
  return json.data.project_id as string;
}

export async function createAndSubmitMv(sim: Simulator, name = 'My MV', extra: Record<string, unknown> = {}): Promise<string> {
  const projectId = await createMv(sim, name);
  const { json } = await post(sim, '/api/v1/trustee_mode/mv/submit', { project_id: projectId, ...MV_PROMPT_BODY, ...extra });
  if (json.code !== 200) throw new Error(`submit failed: ${json.msg}`);
  return projectId;
}

export async function queryMv(sim: Simulator, projectId: string): Promise<Envelope> {
  return (await get(sim, `/api/v1/trustee_mode/mv/query?project_id=${projectId}`)).json;
}
