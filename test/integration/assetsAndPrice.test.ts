// Setting giggle.frames.upload = asset: a file frame is uploaded through the
// asset endpoints (presign → PUT → register) and sent as {asset_id}; the same
// image is uploaded once; a failed upload stops the submission; a second
// Submit Again during the upload sends nothing.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, rejection, simClearFaults, simControl, simFault, simRequests, simReset, testKey, waitFor } from './helpers';
import type { SimRequest } from './helpers';
import type { VideoJob } from '../../src/jobs/jobTypes';
import { secretKey, useKey } from './reliability/common';
import type { GiggleApi } from '../../src/publicApi';
import { tinyPng } from './fixtures';

const IMAGE_TO_VIDEO = '/api/v1/generation/image-to-video';
const PRESIGN = '/api/v1/asset/get-presigned-url';
const REGISTER = '/api/v1/asset/register';

/** A workspace PNG whose bytes no earlier run has uploaded (its size is unique enough). */
/**
 * Uploads are remembered by content for the whole run, so every "fresh" image must have bytes no
 * other image had: a random size repeated one now and then (then no upload happened and a test that
 * waits for one failed). Widths count up from 20 (other suites use smaller images); the height is
 * this run's own.
 */
let freshImages = 0;
const RUN_HEIGHT = 300 + Math.floor(Math.random() * 200);
async function freshImage(name: string): Promise<string> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  const png = tinyPng(20 + freshImages++, RUN_HEIGHT);
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder.uri, 'frames', name), png);
  return `frames/${name}`;
}

const isUpload = (r: SimRequest) => r.path === PRESIGN || r.path === REGISTER || r.path.startsWith('/upload/');
const submissions = (requests: SimRequest[]) => requests.filter((r) => r.method === 'POST' && r.path === IMAGE_TO_VIDEO);
const startAssetId = (r: SimRequest) => ((r.body as { start_frame: { asset_id?: string } }).start_frame ?? {}).asset_id;

/** Runs giggle.generateVideo and returns the requests it made, its error if any, and the jobs with its prompt. */
async function generate(prompt: string, image: string) {
  const before = (await simRequests()).length;
  let error: Error | undefined;
  try {
    await vscode.commands.executeCommand('giggle.generateVideo', { prompt, model: 'kling25', startFrame: { file: image } });
  } catch (caught) {
    error = caught as Error;
  }
  const giggle = await activateExtension<GiggleApi>();
  const jobs = giggle.listJobs().filter((j) => j.kind === 'video' && j.request.prompt === prompt) as VideoJob[];
  return { requests: (await simRequests()).slice(before), error, jobs };
}

suite('Assets and price', function () {
  this.timeout(60_000);
  let previous: string | undefined;

  suiteSetup(async () => {
    await simReset();
    const giggle = await activateExtension<GiggleApi>();
    await giggle.ready;
    assert.strictEqual(await vscode.commands.executeCommand('giggle.setApiKey', testKey()), true);
    const config = vscode.workspace.getConfiguration('giggle');
    previous = config.inspect<string>('frames.upload')?.globalValue;
    await config.update('frames.upload', 'asset', vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('giggle').update('frames.upload', previous, vscode.ConfigurationTarget.Global);
    await simClearFaults();
  });

  teardown(async () => {
    await simClearFaults();
  });

  test('a file frame is uploaded as an asset and sent as {asset_id}; the same image is not uploaded again', async () => {
    const image = await freshImage('asset-start.png');
    const before = (await simRequests()).length;
    await vscode.commands.executeCommand('giggle.generateVideo', { prompt: 'The uploaded still comes alive', model: 'kling25', startFrame: { file: image } });
    const first = (await simRequests()).slice(before);
    const presign = first.filter((r) => r.method === 'POST' && r.path === PRESIGN);
    const put = first.filter((r) => r.method === 'PUT' && r.path.startsWith('/upload/'));
    const register = first.filter((r) => r.method === 'POST' && r.path === REGISTER);
    assert.strictEqual(presign.length, 1, 'one presign');
    assert.strictEqual(put.length, 1, 'one PUT of the bytes');
    assert.strictEqual(register.length, 1, 'one register');
    assert.strictEqual(put[0].headers['content-type'], 'image/png');
    const order = [presign[0].seq, put[0].seq, register[0].seq];
    assert.deepStrictEqual([...order].sort((a, b) => a - b), order, 'presign, then PUT, then register');
    const sent = first.filter((r) => r.method === 'POST' && r.path === IMAGE_TO_VIDEO);
    assert.strictEqual(sent.length, 1, 'one image-to-video submission');
    const frame = (sent[0].body as { start_frame: Record<string, unknown> }).start_frame;
    assert.deepStrictEqual(Object.keys(frame), ['asset_id']);
    assert.ok(typeof frame.asset_id === 'string' && frame.asset_id.length > 0);
    assert.ok(sent[0].seq > register[0].seq, 'submitted after the upload');

    const middle = (await simRequests()).length;
    await vscode.commands.executeCommand('giggle.generateVideo', { prompt: 'The same still, again', model: 'kling25', startFrame: { file: image } });
    const second = (await simRequests()).slice(middle);
    assert.strictEqual(second.filter((r) => r.path === PRESIGN || r.path === REGISTER || r.path.startsWith('/upload/')).length, 0, 'no second upload');
    const again = second.filter((r) => r.method === 'POST' && r.path === IMAGE_TO_VIDEO);
    assert.strictEqual(again.length, 1);
    assert.deepStrictEqual((again[0].body as { start_frame: unknown }).start_frame, { asset_id: frame.asset_id }, 'the remembered asset id is sent');
  });

  // Issue 15, item 10: the cache of uploads forgets what Giggle no longer knows, and is per account.

  test('Giggle no longer knows a cached asset: the image is uploaded once more and the video sent once more, into one job', async () => {
    const image = await freshImage('asset-forgotten.png');
    const first = await generate('Uploaded before Giggle forgot it', image);
    const oldId = startAssetId(submissions(first.requests)[0]);
    await simControl('POST', 'forget-assets');

    const prompt = 'Sent again after Giggle forgot the still';
    const { requests, error, jobs } = await generate(prompt, image);
    assert.strictEqual(error, undefined, `the submission succeeds: ${error?.message}`);
    const sent = submissions(requests);
    assert.strictEqual(sent.length, 2, 'the refused request and one more');
    assert.strictEqual(startAssetId(sent[0]), oldId, 'first with the remembered id');
    const newId = startAssetId(sent[1]);
    assert.ok(newId && newId !== oldId, 'then with a fresh upload');
    assert.strictEqual(requests.filter((r) => r.path === PRESIGN).length, 1, 'uploaded once more, once');
    assert.ok(requests.filter(isUpload).every((r) => r.seq > sent[0].seq && r.seq < sent[1].seq), 'the upload comes between the two');
    assert.strictEqual(jobs.length, 1, 'one job in the list');
    assert.ok(jobs[0].taskId, 'the job has its task');
    assert.notStrictEqual(jobs[0].phase, 'submitFailed');

    const third = await generate('The fresh upload is remembered', image);
    assert.strictEqual(third.requests.filter(isUpload).length, 0, 'no upload the time after');
    assert.strictEqual(startAssetId(submissions(third.requests)[0]), newId);
  });

  test('"asset unknown" even after the fresh upload: no loop, one re-upload, and the job says why', async () => {
    const image = await freshImage('asset-unknown-twice.png');
    await generate('Uploaded before the refusals', image);
    await simFault({ match: { method: 'POST', path: IMAGE_TO_VIDEO }, kind: 'apiError', code: 40001, message: 'start_frame.asset_id is unknown: asset not found' });
    const { requests, error, jobs } = await generate('Refused twice for its asset', image);
    assert.ok(error, 'the submission fails');
    assert.match(error.message, /asset not found/);
    assert.strictEqual(submissions(requests).length, 2, 'sent twice, never a third time');
    assert.strictEqual(requests.filter((r) => r.path === PRESIGN).length, 1, 'uploaded again once');
    assert.strictEqual(jobs.length, 1);
    assert.strictEqual(jobs[0].phase, 'submitFailed');
  });

  test('a submission whose outcome is unknown is neither re-sent nor re-uploaded', async () => {
    const image = await freshImage('asset-outcome-unknown.png');
    await generate('Uploaded before the lost reply', image);
    await simFault({ match: { method: 'POST', path: IMAGE_TO_VIDEO }, kind: 'reset', times: 1 });
    const { requests, error, jobs } = await generate('Its reply was lost', image);
    assert.ok(error, 'the submission fails');
    assert.strictEqual(submissions(requests).length, 1, 'sent once');
    assert.strictEqual(requests.filter(isUpload).length, 0, 'nothing uploaded');
    assert.strictEqual(jobs[0]?.phase, 'outcomeUnknown');
  });

  test('another API key does not reuse the first key\'s uploads; the first key still does', async function () {
    if (secretKey() === testKey()) this.skip();
    const image = await freshImage('asset-per-key.png');
    const first = await generate('Uploaded with the first key', image);
    const firstId = startAssetId(submissions(first.requests)[0]);
    await useKey(secretKey());
    try {
      const other = await generate('The same still with another key', image);
      assert.strictEqual(other.requests.filter((r) => r.path === PRESIGN).length, 1, 'uploaded for the other account');
      assert.notStrictEqual(startAssetId(submissions(other.requests)[0]), firstId);
    } finally {
      await useKey(testKey());
    }
    const back = await generate('The first key again', image);
    assert.strictEqual(back.requests.filter(isUpload).length, 0, 'no upload');
    assert.strictEqual(startAssetId(submissions(back.requests)[0]), firstId, 'its own upload is reused');
  });

  test('a request that would be refused uploads nothing', async () => {
    const image = await freshImage('asset-refused.png');
    const before = (await simRequests()).length;
    const error = await rejection(vscode.commands.executeCommand('giggle.generateVideo', { prompt: '   ', model: 'kling25', startFrame: { file: image } }));
    assert.match(error.message, /prompt/i);
    const after = (await simRequests()).slice(before);
    assert.strictEqual(after.filter((r) => r.path === PRESIGN || r.path === IMAGE_TO_VIDEO).length, 0, 'nothing was uploaded or sent');
  });

  test('a failed upload says so clearly and sends no submission', async () => {
    const image = await freshImage('asset-fail.png');
    await simFault({ match: { method: 'POST', path: PRESIGN }, kind: 'status', status: 500 });
    const before = (await simRequests()).length;
    const error = await rejection(
      vscode.commands.executeCommand('giggle.generateVideo', { prompt: 'This must not be sent', model: 'kling25', startFrame: { file: image } }),
    );
    assert.match(error.message, /Uploading \S*frames\/asset-fail\.png to Giggle failed, so the video was not submitted/);
    const after = (await simRequests()).slice(before);
    assert.ok(after.some((r) => r.path === PRESIGN), 'the upload was attempted');
    assert.strictEqual(after.filter((r) => r.path === IMAGE_TO_VIDEO || r.path.startsWith('/upload/') || r.path === REGISTER).length, 0, 'nothing else was sent');
  });

  test('Submit Again clicked twice during the frame upload uploads once and creates one task', async () => {
    const giggle = await activateExtension<GiggleApi>();
    const image = await freshImage('again-twice.png');
    const prompt = `Submitted again twice ${Date.now()}`;
    const config = vscode.workspace.getConfiguration('giggle');
    // A job refused by Giggle while the frame was sent inline: its image was never uploaded, so Submit Again uploads it.
    await config.update('frames.upload', 'base64', vscode.ConfigurationTarget.Global);
    await simFault({ match: { method: 'POST', path: IMAGE_TO_VIDEO }, kind: 'apiError', code: 50013, message: 'task queue is full', times: 1 });
    try {
      await rejection(vscode.commands.executeCommand('giggle.generateVideo', { prompt, model: 'kling25', startFrame: { file: image } }));
    } finally {
      await config.update('frames.upload', 'asset', vscode.ConfigurationTarget.Global);
    }
    const job = giggle.listJobs().find((j): j is VideoJob => j.kind === 'video' && j.request.prompt === prompt);
    assert.ok(job && job.phase === 'submitFailed', 'the refused job is in the list');

    // The first upload is held by the simulator until the second click has been answered.
    await simFault({ match: { method: 'POST', path: PRESIGN }, kind: 'latency', latencyMs: 3_000, times: 1 });
    const before = (await simRequests()).length;
    const first = vscode.commands.executeCommand<VideoJob>('giggle.submitAgain', job.id);
    await waitFor(async () => (await simRequests()).slice(before).some((r) => r.path === PRESIGN), 10_000, 'the first upload to start');
    const second = await rejection(vscode.commands.executeCommand('giggle.submitAgain', job.id));
    assert.match(second.message, /already being submitted/);
    const again = await first;
    assert.strictEqual(again.id, job.id, 'the same job was submitted again');
    assert.ok(again.taskId, 'it has a task');

    const sent = (await simRequests()).slice(before);
    assert.strictEqual(sent.filter((r) => r.path === PRESIGN).length, 1, 'the frame was uploaded once');
    const submissions = sent.filter((r) => r.method === 'POST' && r.path === IMAGE_TO_VIDEO);
    assert.strictEqual(submissions.length, 1, 'exactly one task was created');
    assert.strictEqual(giggle.listJobs().filter((j) => j.kind === 'video' && j.request.prompt === prompt).length, 1, 'one job in the list');
  });
});
