// Giggle's API called straight on the simulator with the test key, for jobs
// created "outside this window", and the saved form of such a job.
import * as assert from 'assert';
import type { MvJob } from '../../../src/jobs/jobTypes';
import { e2eEnv } from './fixtures';
import type { Workbench } from './workbench';

/** One call to the simulator's Giggle API with the test key; returns `data` of the envelope. */
export async function giggle(method: 'GET' | 'POST', apiPath: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${e2eEnv.simUrl}${apiPath}`, {
    method,
    headers: { 'x-auth': e2eEnv.key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const envelope = (await res.json()) as { code: number; msg?: string; data?: Record<string, unknown> };
  assert.strictEqual(envelope.code, 200, `${method} ${apiPath}: ${envelope.msg}`);
  return envelope.data ?? {};
}

/** A music-video project created and submitted through the API; resolves with its id. */
export async function submitMvProject(name: string, prompt: string, referenceUrl: string): Promise<string> {
  const { project_id: projectId } = (await giggle('POST', '/api/v1/project/create', { name, type: 'mv', aspect: '16:9', mode: 'trustee' })) as { project_id: string };
  await giggle('POST', '/api/v1/trustee_mode/mv/submit', { project_id: projectId, music_generate_type: 'prompt', aspect: '16:9', prompt, reference_image_url: referenceUrl });
  return projectId;
}

/** A music-video job as the extension saves it, for a project created outside this window. */
export function savedMvJob(id: string, name: string, prompt: string, referenceUrl: string, projectId: string, extra: Partial<MvJob> = {}): MvJob {
  const now = Date.now();
  return {
    id,
    kind: 'mv',
    createdAt: now - 60_000,
    updatedAt: now - 1_000,
    request: { name, aspect: '16:9', musicGenerateType: 'prompt', prompt, reference: { kind: 'url', url: referenceUrl } },
    projectId,
    phase: 'running',
    waitingSince: now - 60_000,
    ...extra,
  };
}

/** Sets the test key from the palette; it lives in the browser profile, so windows opened later have it too. */
export async function setApiKey(wb: Workbench): Promise<void> {
  await wb.runCommand('Giggle: Set API Key');
  await wb.answerQuickInput(e2eEnv.key);
  await wb.waitForNotification(/Giggle API key saved/);
}
