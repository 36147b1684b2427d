import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, InputError } from '../../../src/giggle/errors';
import type { MvStep } from '../../../src/giggle/catalogue';
import { GIF_4X6 } from '../giggle/imageFixtures';
import { KEY, harness, onlyRequest, rejection } from './harness';

/** Each simulated step takes at most 80 s at timeScale 1 (shot: 20 s × up to 8 shots). */
const STEP_MS = 200_000;

test('createMvProject POSTs {name, type: mv, aspect, mode: trustee} and returns the project id', async (t) => {
  const { sim, client, log } = await harness(t);
  const { projectId } = await client.createMvProject({ name: ' Summer ', aspect: '9:16' });
  const request = onlyRequest(sim);
  assert.equal(request.method, 'POST');
  assert.equal(request.path, '/api/v1/project/create');
  assert.equal(request.headers['x-auth'], KEY);
  assert.match(request.headers['content-type'], /^application\/json/);
  assert.deepEqual(request.body, { name: 'Summer', type: 'mv', aspect: '9:16', mode: 'trustee' });
  assert.ok(sim.projects.has(projectId));
  assert.deepEqual(log.map((e) => [e.operation, e.method, e.path, e.status]), [['createProject', 'POST', '/api/v1/project/create', 200]]);
});

test('the 30-second music video: projectType aimv-30 is the create body\'s type, and the simulator runs it to a 30-s video', async (t) => {
  const { sim, client } = await harness(t);
  const { projectId } = await client.createMvProject({ name: 'Short', aspect: '16:9', projectType: 'aimv-30' });
  assert.equal((onlyRequest(sim).body as Record<string, unknown>).type, 'aimv-30');
  assert.equal(sim.projects.get(projectId)?.type, 'aimv-30');
  await assert.rejects(client.createMvProject({ name: 'Short', aspect: '16:9', projectType: 'aimv-60' as never }), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.match(error.message, /projectType must be one of mv, aimv-30 \(got "aimv-60"\)/);
    return true;
  });
  assert.equal(sim.requests.length, 1, 'an unknown type is refused before sending');
});

test('createMvProject validates before sending', async (t) => {
  const { sim, client } = await harness(t);
  const error = await rejection(client.createMvProject({ name: '', aspect: '1:1' as '16:9' }));
  assert.ok(error instanceof InputError);
  assert.deepEqual(error.issues.map((i) => i.field), ['name', 'aspect']);
  assert.equal(sim.requests.length, 0);
});

test('submitMv (prompt mode) sends the snake_case body with defaults', async (t) => {
  const { sim, client } = await harness(t);
  const { projectId } = await client.createMvProject({ name: 'song', aspect: '16:9' });
  const image = GIF_4X6.toString('base64');
  await client.submitMv({ projectId, musicGenerateType: 'prompt', aspect: '16:9', prompt: 'upbeat pop', referenceImageUrl: image });
  const request = sim.requests[1];
  assert.equal(request.method, 'POST');
  assert.equal(request.path, '/api/v1/trustee_mode/mv/submit');
  assert.equal(request.headers['x-auth'], KEY);
  assert.deepEqual(request.body, {
    project_id: projectId,
    music_generate_type: 'prompt',
    aspect: '16:9',
    scene_description: '',
    subtitle_enabled: false,
    reference_image_url: image,
    prompt: 'upbeat pop',
    vocal_gender: 'auto',
    instrumental: false,
  });
});

test('submitMv (custom mode) sends lyrics, style, title and the given options', async (t) => {
  const { sim, client } = await harness(t);
  const { projectId } = await client.createMvProject({ name: 'song', aspect: '9:16' });
  await client.submitMv({
    projectId,
    musicGenerateType: 'custom',
    aspect: '9:16',
    lyrics: 'la la la',
    style: 'jazz',
    title: 'Night',
    sceneDescription: 'a rainy street',
    subtitleEnabled: true,
    referenceImageUrl: 'https://example.com/ref.png',
  });
  assert.deepEqual(sim.requests[1].body, {
    project_id: projectId,
    music_generate_type: 'custom',
    aspect: '9:16',
    scene_description: 'a rainy street',
    subtitle_enabled: true,
    reference_image_url: 'https://example.com/ref.png',
    lyrics: 'la la la',
    style: 'jazz',
    title: 'Night',
  });
});

test('submitMv refuses a bad request without sending', async (t) => {
  const { sim, client } = await harness(t);
  const error = await rejection(
    client.submitMv({ projectId: 'p', musicGenerateType: 'prompt', aspect: '16:9', prompt: 'x', sceneDescription: 'x'.repeat(201) }),
  );
  assert.ok(error instanceof InputError);
  assert.deepEqual(error.issues.map((i) => i.field), ['sceneDescription', 'referenceImage']);
  assert.equal(sim.requests.length, 0);
});

test('the full trustee workflow: query, pay at the gate, retry a failed step, download_url after the lag', async (t) => {
  const { sim, client } = await harness(t, { sim: { downloadUrlLagPolls: 1 } });
  const { projectId } = await client.createMvProject({ name: 'song [fail:shot]', aspect: '16:9' });

  const created = await client.queryMv(projectId);
  assert.equal(created.projectId, projectId);
  assert.equal(created.status, 'created');
  assert.deepEqual(created.completedSteps, []);
  assert.equal(created.videoAsset, undefined);
  const query = sim.requests[1];
  assert.equal(query.method, 'GET');
  assert.equal(query.path, '/api/v1/trustee_mode/mv/query');
  assert.deepEqual(query.query, { project_id: projectId });
  assert.equal(query.headers['x-auth'], KEY);

  await client.submitMv({ projectId, musicGenerateType: 'prompt', aspect: '16:9', prompt: 'p', referenceImageUrl: 'https://example.com/r.png' });
  sim.advance(2 * STEP_MS);
  const gate = await client.queryMv(projectId);
  assert.equal(gate.payStatus, 'pending');
  assert.deepEqual(gate.completedSteps, ['music-generate', 'storyboard']);
  assert.deepEqual(gate.steps.map((s) => s.step), ['music-generate', 'storyboard', 'shot', 'editor']);
  assert.ok(gate.steps[0].subSteps.length > 0);
  assert.ok((gate.shotCount ?? 0) >= 4);

  const paid = await client.payMv(projectId);
  const pay = sim.requests.at(-1)!;
  assert.equal(pay.method, 'POST');
  assert.equal(pay.path, '/api/v1/trustee_mode/mv/pay');
  assert.equal(pay.headers['x-auth'], KEY);
  assert.deepEqual(pay.body, { project_id: projectId });
  assert.match(paid.orderId, /^ord_/);
  assert.equal(typeof paid.price, 'number');

  sim.advance(10 * STEP_MS);
  const failed = await client.queryMv(projectId);
  assert.equal(failed.status, 'failed');
  assert.match(failed.errorMessage ?? '', /shot failed/);
  const shot = failed.steps.find((s) => s.step === 'shot')!;
  assert.equal(shot.status, 'failed');
  assert.ok(shot.subSteps.some((s) => s.status === 'failed' && (s.error ?? '').length > 0));

  await client.retryMv(projectId, 'shot');
  const retry = sim.requests.at(-1)!;
  assert.equal(retry.method, 'POST');
  assert.equal(retry.path, '/api/v1/trustee_mode/mv/retry');
  assert.equal(retry.headers['x-auth'], KEY);
  assert.deepEqual(retry.body, { project_id: projectId, current_step: 'shot' });

  sim.advance(10 * STEP_MS);
  const completed = await client.queryMv(projectId);
  assert.equal(completed.status, 'completed');
  assert.deepEqual(completed.completedSteps, ['music-generate', 'storyboard', 'shot', 'editor']);
  // download_url lags one poll behind `completed`.
  assert.equal(completed.videoAsset?.downloadUrl, undefined);
  assert.match(completed.videoAsset?.signedUrl ?? '', /Signature=/);
  const ready = await client.queryMv(projectId);
  assert.match(ready.videoAsset?.downloadUrl ?? '', /^http:\/\/127\.0\.0\.1:\d+\/media\/video\/.*response-content-disposition=/);
  assert.ok((ready.videoAsset?.duration ?? 0) > 0);
});

test('payMv when not awaiting payment is an ApiError carrying the envelope code and message', async (t) => {
  const { client } = await harness(t);
  const { projectId } = await client.createMvProject({ name: 'n', aspect: '16:9' });
  const error = await rejection(client.payMv(projectId));
  assert.ok(error instanceof ApiError);
  assert.equal(error.code, 40009);
  assert.equal(error.apiMessage, `project ${projectId} is not awaiting payment`);
  assert.equal(error.operation, 'payMv');
  assert.equal(error.outcomeUnknown, false);
});

test('retryMv validates the step name and the project id before sending', async (t) => {
  const { sim, client } = await harness(t);
  assert.ok((await rejection(client.retryMv('p1', 'render' as MvStep))) instanceof InputError);
  assert.ok((await rejection(client.retryMv('', 'shot'))) instanceof InputError);
  assert.ok((await rejection(client.payMv(''))) instanceof InputError);
  assert.ok((await rejection(client.queryMv(''))) instanceof InputError);
  assert.equal(sim.requests.length, 0);
});
