// giggle.trackJob in the real extension host: a task or project started
// elsewhere (here: straight against the simulator, as Giggle's own scripts
// would) is added to the list and followed; an imported project at the
// payment gate is never paid without asking, even with automatic payment on;
// a wrong id is refused with a clear message and adds no job.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { GiggleApi } from '../../src/publicApi';
import type { MvJob, VideoJob } from '../../src/jobs/jobTypes';
import { rejection, simUrl, waitFor } from './helpers';
import { observe, shownSince } from './reliability/observe';
import { api, marker, requestsTo, secretKey, setSetting, simState, sleep, useKey, waitForJob } from './reliability/common';

/** A call made "elsewhere": plain fetch with the key, not through the extension. */
async function elsewhere(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ code: number; data: Record<string, unknown> }> {
  const res = await fetch(`${simUrl()}${path}`, {
    method,
    headers: { 'x-auth': secretKey(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as { code: number; data: Record<string, unknown> };
}

/** 1×1 PNG, raw base64 (the seed's own example). */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

suite('Track a job started elsewhere', function () {
  this.timeout(90_000);
  let giggle: GiggleApi;

  suiteSetup(async () => {
    giggle = await api();
    observe().respond = () => undefined; // the payment question is dismissed, as a user who looks away
    await useKey(secretKey());
  });

  suiteTeardown(async () => {
    observe().respond = undefined;
    await setSetting('musicVideo.payment', undefined);
  });

  test('a video task id ({ taskId }) becomes a job that is followed to the finished video', async () => {
    const submitted = await elsewhere('POST', '/api/v1/generation/text-to-video', { prompt: `${marker('track')} elsewhere`, model: 'grok', duration: 6 });
    const taskId = submitted.data.task_id as string;
    const job = (await vscode.commands.executeCommand('giggle.trackJob', { taskId })) as VideoJob;
    assert.strictEqual(job.taskId, taskId);
    assert.ok(giggle.listJobs().some((j) => j.id === job.id), 'the job is in the list');
    const done = await waitForJob<VideoJob>(giggle, job.id, (j) => j.phase === 'completed', 'the tracked task to finish', 30_000);
    assert.ok(done.urls.length > 0, 'with its video link');
    const again = (await vscode.commands.executeCommand('giggle.trackJob', { taskId })) as VideoJob;
    assert.strictEqual(again.id, job.id, 'tracking it again adds nothing');
  });

  test('an imported project at the payment gate is never paid without asking, even with automatic payment (public API)', async () => {
    await setSetting('musicVideo.payment', 'auto');
    const created = await elsewhere('POST', '/api/v1/project/create', { name: marker('track-mv'), type: 'mv', aspect: '16:9', mode: 'trustee' });
    const projectId = created.data.project_id as string;
    await elsewhere('POST', '/api/v1/trustee_mode/mv/submit', { project_id: projectId, music_generate_type: 'prompt', aspect: '16:9', prompt: 'a song', reference_image_url: PNG });
    await waitFor(async () => (await elsewhere('GET', `/api/v1/trustee_mode/mv/query?project_id=${projectId}`)).data.pay_status === 'pending', 30_000, 'the payment gate');
    const mark = observe().shown.length;
    const job = (await giggle.trackJob({ projectId })) as MvJob;
    assert.strictEqual(job.phase, 'awaitingPayment');
    await waitFor(() => shownSince(mark).some((s) => s.items.includes('Pay')), 5000, 'the question whether to pay');
    await sleep(1500);
    assert.strictEqual((await requestsTo('POST', '/api/v1/trustee_mode/mv/pay', (b) => b.project_id === projectId)).length, 0, 'no pay call');
    assert.strictEqual((await simState()).pays.filter((p) => p.projectId === projectId).length, 0, 'nothing paid');
    assert.strictEqual((giggle.getJob(job.id) as MvJob).phase, 'awaitingPayment');
  });

  test('a wrong id gets a clear message and adds no job', async () => {
    const before = giggle.listJobs().length;
    const task = await rejection(vscode.commands.executeCommand('giggle.trackJob', { taskId: 'no-such-task-0000' }));
    assert.match(task.message, /Giggle has no video task with the id no-such-task-0000/);
    const project = await rejection(giggle.trackJob({ projectId: 'deadbeefdeadbeef00' }));
    assert.match(project.message, /Giggle has no music video project with the id deadbeefdeadbeef00/);
    const malformed = await rejection(vscode.commands.executeCommand('giggle.trackJob', { taskId: 'a b' }));
    assert.match(malformed.message, /not a Giggle id/);
    assert.strictEqual(giggle.listJobs().length, before, 'no job was added');
  });
});
