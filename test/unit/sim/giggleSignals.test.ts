/**
 * The signals Giggle's own scripts react to, produced on demand per job
 * (markers) or per request (faults, control routes). See sim/README.md,
 * "Signals Giggle's scripts react to".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KEY, call, createAndSubmitMv, get, post, queryMv, queryTask, simFor, textToVideo } from './helpers';

const LONG = 30 * 60_000;

test('[err-msg:STEP]: only err_msg says the project failed; statuses still say processing; retry of that step resumes', async (t) => {
  const sim = await simFor(t);
  const id = await createAndSubmitMv(sim, 'quiet [err-msg:music-generate]');
  sim.advance(LONG);
  const { data } = await queryMv(sim, id);
  assert.equal(data.status, 'processing');
  assert.equal(data.current_step, 'music-generate');
  assert.match(data.err_msg, /music-generate failed/);
  assert.ok(data.steps.every((s: { status: string; error: string; sub_steps: { status: string; error: string }[] }) => s.status !== 'failed' && !s.error && s.sub_steps.every((sub) => sub.status !== 'failed' && !sub.error)));
  const retried = await post(sim, '/api/v1/trustee_mode/mv/retry', { project_id: id, current_step: 'music-generate' });
  assert.equal(retried.json.code, 200);
  assert.equal((await queryMv(sim, id)).data.err_msg, '');
});

test('[sub-error:STEP]: only a sub-step error says so; status, err_msg and the step are clean', async (t) => {
  const sim = await simFor(t);
  const id = await createAndSubmitMv(sim, 'quieter [sub-error:music-generate]');
  sim.advance(LONG);
  const { data } = await queryMv(sim, id);
  assert.equal(data.status, 'processing');
  assert.equal(data.err_msg, '');
  const step = data.steps[0];
  assert.equal(step.status, 'processing');
  assert.equal(step.error, '');
  const withError = step.sub_steps.filter((sub: { error: string }) => sub.error);
  assert.equal(withError.length, 1);
  assert.equal(withError[0].status, 'processing');
});

test('[pay-step]: the pay gate shows as a current_step containing "pay" with an empty pay_status; pay works once', async (t) => {
  const sim = await simFor(t);
  const id = await createAndSubmitMv(sim, 'gate [pay-step]');
  sim.advance(LONG);
  const { data } = await queryMv(sim, id);
  assert.equal(data.pay_status, '');
  assert.match(data.current_step, /pay/);
  assert.equal((await post(sim, '/api/v1/trustee_mode/mv/pay', { project_id: id })).json.code, 200);
  const after = (await queryMv(sim, id)).data;
  assert.equal(after.pay_status, 'paid');
  assert.equal(after.current_step, 'shot');
});

test('[no-urls] and [empty-urls]: completed without a video', async (t) => {
  const sim = await simFor(t);
  const absent = await textToVideo(sim, 'nothing back [no-urls]');
  const empty = await textToVideo(sim, 'nothing back [empty-urls]');
  sim.advance(LONG);
  const a = (await queryTask(sim, absent)).data;
  const e = (await queryTask(sim, empty)).data;
  assert.equal(a.status, 'completed');
  assert.ok(!('urls' in a));
  assert.equal(e.status, 'completed');
  assert.deepEqual(e.urls, []);
});

test('[policy-only]: links carry Policy but no Expires, play until the policy says, then 403', async (t) => {
  const sim = await simFor(t, { signedUrlTtlMs: 60_000 });
  const id = await textToVideo(sim, 'seed-like link [policy-only]');
  sim.advance(LONG);
  const [url] = (await queryTask(sim, id)).data.urls as string[];
  assert.ok(!/[?&]Expires=/.test(url) && /[?&]Policy=/.test(url));
  assert.equal((await fetch(url)).status, 200);
  sim.advance(61_000);
  assert.equal((await fetch(url)).status, 403);
});

test('stringCode with a code, textField message, and an invalid key answered as HTTP 200', async (t) => {
  const sim = await simFor(t);
  sim.addFault({ match: { path: '/api/v1/generation/task/query' }, kind: 'stringCode', code: 'success', textField: 'message', times: 1 });
  const id = await textToVideo(sim, 'codes');
  const reply = await queryTask(sim, id);
  assert.equal(reply.code, 'success');
  assert.equal((reply as unknown as { message: string }).message, 'success');
  assert.ok(!('msg' in reply));

  sim.setInvalidKeyReply({ status: 200, code: 40100, message: 'Invalid API key' });
  const refused = await call(sim, 'GET', `/api/v1/generation/task/query?task_id=${id}`, undefined, 'not-' + KEY);
  assert.equal(refused.status, 200);
  assert.equal(refused.json.code, 40100);
  assert.equal(refused.json.msg, 'Invalid API key');
  const control = await fetch(`${sim.url}/__sim/invalid-key-reply`, { method: 'POST', body: 'null' });
  assert.equal(control.status, 200);
  assert.equal((await call(sim, 'GET', `/api/v1/generation/task/query?task_id=${id}`, undefined, 'nope')).status, 401);
  assert.equal((await get(sim, `/api/v1/generation/task/query?task_id=${id}`)).json.code, 200);
});

test('the 30-second music video: type aimv-30 runs the same flow and ends with a 30-s video; other types are refused', async (t) => {
  const sim = await simFor(t, { downloadUrlLagPolls: 0 });
  const created = await post(sim, '/api/v1/project/create', { name: 'short', type: 'aimv-30', aspect: '9:16', mode: 'trustee' });
  assert.equal(created.json.code, 200);
  const id = created.json.data.project_id as string;
  assert.equal((await post(sim, '/api/v1/trustee_mode/mv/submit', { project_id: id, music_generate_type: 'prompt', aspect: '9:16', prompt: 'p', reference_image_url: 'https://example.com/r.jpg' })).json.code, 200);
  sim.advance(LONG);
  assert.equal((await post(sim, '/api/v1/trustee_mode/mv/pay', { project_id: id })).json.code, 200);
  sim.advance(LONG);
  const { data } = await queryMv(sim, id);
  assert.equal(data.status, 'completed');
  assert.equal(data.video_asset.duration, 30);
  const refused = await post(sim, '/api/v1/project/create', { name: 'x', type: 'aimv-60', aspect: '9:16', mode: 'trustee' });
  assert.equal(refused.json.code, 40001);
});
