import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Simulator } from '../../../sim/simulator';
import { MV_PROMPT_BODY, PNG_BASE64, createAndSubmitMv, createMv, post, queryMv, simFor, type Envelope } from './helpers';

/** Longer than any single MV step at timeScale 1 (the shot step is at most 8 × 20 s). */
const STEP = 170_000;

const pay = (sim: Simulator, projectId: string) => post(sim, '/api/v1/trustee_mode/mv/pay', { project_id: projectId });
const retry = (sim: Simulator, projectId: string, step: string) =>
  post(sim, '/api/v1/trustee_mode/mv/retry', { project_id: projectId, current_step: step });

/** Advances step by step until `done` says stop, returning the last query. */
async function pollUntil(sim: Simulator, projectId: string, done: (data: Envelope['data']) => boolean): Promise<Envelope['data']> {
  for (let i = 0; i < 20; i++) {
    const { data } = await queryMv(sim, projectId);
    if (done(data)) return data;
    sim.advance(STEP / 4);
  }
  throw new Error('project never reached the expected state');
}

test('create → submit → music-generate → storyboard → pay gate → shot → editor → completed', async (t) => {
  const sim = await simFor(t, { downloadUrlLagPolls: 0 });
  const projectId = await createAndSubmitMv(sim);
  assert.match(projectId, /^[0-9a-f]{18}$/);

  let data = (await queryMv(sim, projectId)).data;
  assert.equal(data.status, 'processing');
  assert.equal(data.current_step, 'music-generate');
  assert.equal(data.completed_steps, '');
  assert.equal(data.pay_status, '');
  assert.deepEqual(data.steps.map((step: { step: string }) => step.step), ['music-generate', 'storyboard', 'shot', 'editor']);
  assert.equal(data.steps[0].status, 'processing');
  assert.deepEqual(Object.keys(data.steps[0].sub_steps[0]).sort(), ['error', 'status', 'step']);
  assert.equal(data.video_asset.download_url, '');

  data = await pollUntil(sim, projectId, (d) => d.pay_status === 'pending');
  assert.equal(data.completed_steps, 'music-generate,storyboard');
  assert.equal(data.status, 'processing');
  assert.ok(data.shot_count >= 4 && data.shot_count <= 8);

  // The work stops at the pay gate, however long one waits.
  sim.advance(10 * STEP);
  data = (await queryMv(sim, projectId)).data;
  assert.equal(data.pay_status, 'pending');
  assert.equal(data.completed_steps, 'music-generate,storyboard');

  const paid = await pay(sim, projectId);
  assert.equal(paid.json.code, 200);
  assert.match(paid.json.data.order_id, /^ord_/);
  assert.equal(typeof paid.json.data.price, 'number');
  assert.equal(sim.payCount(projectId), 1);

  data = (await queryMv(sim, projectId)).data;
  assert.equal(data.pay_status, 'paid');
  assert.equal(data.current_step, 'shot');
  assert.equal(data.steps[2].sub_steps.length, data.shot_count);

  data = await pollUntil(sim, projectId, (d) => d.status === 'completed');
  assert.equal(data.completed_steps, 'music-generate,storyboard,shot,editor');
  assert.equal(data.current_step, 'editor');
  assert.equal(data.err_msg, '');
  const asset = data.video_asset;
  assert.ok(asset.asset_id);
  assert.ok(asset.duration > 0);
  for (const [url, type] of [
    [asset.download_url, 'video/mp4'],
    [asset.signed_url, 'video/mp4'],
    [asset.thumbnail_url, 'image/jpeg'],
  ]) {
    const res = await fetch(url);
    assert.equal(res.status, 200, url);
    assert.equal(res.headers.get('content-type'), type);
    const bytes = Buffer.from(await res.arrayBuffer());
    if (type === 'image/jpeg') assert.deepEqual([...bytes.subarray(0, 3)], [0xff, 0xd8, 0xff]);
  }
  assert.match(asset.download_url, /response-content-disposition=attachment/);
  assert.doesNotMatch(asset.signed_url, /response-content-disposition/);
});

test('download_url appears only after downloadUrlLagPolls queries already said completed', async (t) => {
  const sim = await simFor(t, { downloadUrlLagPolls: 2 });
  const projectId = await createAndSubmitMv(sim);
  await pollUntil(sim, projectId, (d) => d.pay_status === 'pending');
  await pay(sim, projectId);
  sim.advance(4 * STEP);
  const seen: string[] = [];
  for (let i = 0; i < 4; i++) {
    const { data } = await queryMv(sim, projectId);
    assert.equal(data.status, 'completed');
    assert.ok(data.video_asset.signed_url);
    seen.push(data.video_asset.download_url ? 'url' : 'none');
  }
  assert.deepEqual(seen, ['none', 'none', 'url', 'url']);
});

test('a project created but never submitted reports status created and no steps', async (t) => {
  const sim = await simFor(t);
  const projectId = await createMv(sim);
  sim.advance(STEP);
  const { code, data } = await queryMv(sim, projectId);
  assert.equal(code, 200);
  assert.equal(data.status, 'created');
  assert.deepEqual(data.steps, []);
  assert.equal(data.completed_steps, '');
});

test('[fail:STEP] fails that step once with a sub-step error; retry resumes it', async (t) => {
  const sim = await simFor(t, { downloadUrlLagPolls: 0 });
  const projectId = await createAndSubmitMv(sim, 'Broken [fail:storyboard]');
  const failed = await pollUntil(sim, projectId, (d) => d.status !== 'processing');
  assert.equal(failed.status, 'failed');
  assert.equal(failed.current_step, 'storyboard');
  assert.equal(failed.completed_steps, 'music-generate');
  assert.match(failed.err_msg, /storyboard/);
  const step = failed.steps[1];
  assert.equal(step.status, 'failed');
  assert.ok(step.error);
  assert.ok(step.sub_steps.some((sub: { status: string; error: string }) => sub.status === 'failed' && sub.error));

  // Retrying a step that did not fail is refused.
  const wrong = await retry(sim, projectId, 'shot');
  assert.equal(wrong.status, 200);
  assert.equal(wrong.json.code, 40009);
  assert.match(wrong.json.msg, /has not failed/);
  const invalidStep = await retry(sim, projectId, 'render');
  assert.equal(invalidStep.json.code, 40001);

  const ok = await retry(sim, projectId, 'storyboard');
  assert.equal(ok.json.code, 200);
  let data = (await queryMv(sim, projectId)).data;
  assert.equal(data.status, 'processing');
  assert.equal(data.err_msg, '');
  assert.equal(data.steps[1].status, 'processing');
  data = await pollUntil(sim, projectId, (d) => d.pay_status === 'pending');
  assert.equal(data.completed_steps, 'music-generate,storyboard');
  // Retrying again once it has recovered is refused too.
  assert.equal((await retry(sim, projectId, 'storyboard')).json.code, 40009);
});

test('[fail:shot] in the prompt fails the shot step after payment; retry finishes the project', async (t) => {
  const sim = await simFor(t, { downloadUrlLagPolls: 0 });
  const projectId = await createAndSubmitMv(sim, 'Prompt marker', { prompt: 'pop [fail:shot]' });
  await pollUntil(sim, projectId, (d) => d.pay_status === 'pending');
  await pay(sim, projectId);
  const failed = await pollUntil(sim, projectId, (d) => d.status !== 'processing');
  assert.deepEqual([failed.status, failed.current_step, failed.pay_status], ['failed', 'shot', 'paid']);
  assert.equal((await retry(sim, projectId, 'shot')).json.code, 200);
  const done = await pollUntil(sim, projectId, (d) => d.status === 'completed');
  assert.ok(done.video_asset.download_url);
  assert.equal(sim.payCount(projectId), 1);
});

test('pay is refused (and recorded) before the gate, twice, and for unknown projects', async (t) => {
  const sim = await simFor(t);
  const projectId = await createAndSubmitMv(sim);
  const early = await pay(sim, projectId);
  assert.deepEqual([early.status, early.json.code], [200, 40009]);
  assert.match(early.json.msg, /not awaiting payment/);
  await pollUntil(sim, projectId, (d) => d.pay_status === 'pending');
  assert.equal((await pay(sim, projectId)).json.code, 200);
  const twice = await pay(sim, projectId);
  assert.equal(twice.json.code, 40009);
  assert.match(twice.json.msg, /already paid/);
  assert.equal(sim.payCount(projectId), 3);
  assert.deepEqual(sim.pays.map((record) => record.accepted), [false, true, false]);
  assert.equal((await pay(sim, 'nope')).json.code, 404);
});

test('submitting a project twice is refused; an unknown project is 404', async (t) => {
  const sim = await simFor(t);
  const projectId = await createAndSubmitMv(sim);
  const again = await post(sim, '/api/v1/trustee_mode/mv/submit', { project_id: projectId, ...MV_PROMPT_BODY });
  assert.deepEqual([again.status, again.json.code], [200, 40009]);
  assert.match(again.json.msg, /already been submitted/);
  const unknown = await post(sim, '/api/v1/trustee_mode/mv/submit', { project_id: 'nope', ...MV_PROMPT_BODY });
  assert.equal(unknown.json.code, 404);
});

test('create and submit bodies are validated like the real API', async (t) => {
  const sim = await simFor(t);
  const create = (body: Record<string, unknown>) => post(sim, '/api/v1/project/create', body);
  const good = { name: 'n', type: 'mv', aspect: '16:9', mode: 'trustee' };
  assert.match((await create({ ...good, aspect: '1:1' })).json.msg, /aspect 1:1 is not supported/);
  assert.match((await create({ ...good, mode: 'manual' })).json.msg, /mode manual/);
  assert.match((await create({ ...good, type: 'video' })).json.msg, /type video/);
  assert.equal((await create({ ...good, name: '' })).json.msg, 'name is required');

  const projectId = await createMv(sim);
  const submit = (body: Record<string, unknown>) => post(sim, '/api/v1/trustee_mode/mv/submit', { project_id: projectId, ...body });
  const prompt = { ...MV_PROMPT_BODY };
  const custom = { music_generate_type: 'custom', aspect: '9:16', reference_image_url: 'https://example.com/r.png', lyrics: 'la', style: 'pop', title: 'T' };
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ ...prompt, prompt: '' }, /^prompt is required$/],
    [{ ...prompt, music_generate_type: 'hum' }, /music_generate_type hum/],
    [{ ...prompt, aspect: '4:3' }, /aspect 4:3/],
    [{ ...prompt, scene_description: 'x'.repeat(201) }, /scene_description must be at most 200 characters \(got 201\)/],
    [{ ...prompt, reference_image: 'abc', reference_image_url: 'https://example.com/r.png' }, /mutually exclusive/],
    [{ ...prompt, reference_image_url: undefined }, /reference_image or reference_image_url is required/],
    [{ ...prompt, reference_image_url: undefined, reference_image: 'unknown1' }, /reference_image unknown1 not found/],
    [{ ...prompt, reference_image_url: 'not base64 !' }, /reference_image_url is not valid base64/],
    [{ ...prompt, vocal_gender: 'robot' }, /vocal_gender robot/],
    [{ ...prompt, instrumental: 'yes' }, /instrumental must be a boolean/],
    [{ ...prompt, subtitle_enabled: 1 }, /subtitle_enabled must be a boolean/],
    [{ ...custom, lyrics: undefined }, /^lyrics is required$/],
    [{ ...custom, style: '' }, /^style is required$/],
    [{ ...custom, title: undefined }, /^title is required$/],
    [{ ...prompt, music_generate_type: 'upload' }, /music_asset_id is required/],
  ];
  for (const [body, msg] of cases) {
    const { status, json } = await submit(body);
    assert.equal(status, 200);
    assert.equal(json.code, 40001, JSON.stringify(body));
    assert.match(json.msg, msg);
  }
  // Refused bodies do not count as a submission: a corrected one is accepted.
  const ok = await submit({ ...custom, scene_description: 'x'.repeat(200), subtitle_enabled: true });
  assert.equal(ok.json.code, 200, ok.json.msg);
  assert.equal(sim.projects.get(projectId)?.submission?.music_generate_type, 'custom');
});

test('a base64 reference image is accepted raw', async (t) => {
  const sim = await simFor(t);
  const projectId = await createAndSubmitMv(sim, 'b64', { reference_image_url: PNG_BASE64 });
  assert.equal((await queryMv(sim, projectId)).data.status, 'processing');
});
