// Video jobs end to end in the real extension host, against the simulator:
// key → scripted generation → the job is followed to its video → copy,
// download, and the errors a user must be able to tell apart.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, rejection, sentRequestCount, simClearFaults, simFault, simRequests, simReset, testKey, waitFor } from './helpers';
import type { GiggleApi } from '../../src/publicApi';
import type { Job, VideoJob } from '../../src/jobs/jobTypes';
import { tinyPng } from './fixtures';
import { submitVideoFromPanel } from '../../src/panel/submission';
import type { SubmitResult } from '../../src/shared/protocol';
import { panelContext } from './panelContext';

const TEXT_TO_VIDEO = '/api/v1/generation/text-to-video';
const IMAGE_TO_VIDEO = '/api/v1/generation/image-to-video';

async function api(): Promise<GiggleApi> {
  const giggle = await activateExtension<GiggleApi>();
  await giggle.ready;
  return giggle;
}

async function waitForPhase(giggle: GiggleApi, jobId: string, phases: string[], timeoutMs = 30_000): Promise<Job> {
  return waitFor(() => {
    const job = giggle.getJob(jobId);
    return job && phases.includes(job.phase) ? job : undefined;
  }, timeoutMs, `job ${jobId} to reach ${phases.join('/')}`);
}

async function submissions(path: string) {
  return (await simRequests()).filter((r) => r.method === 'POST' && r.path === path);
}

suite('Video jobs', function () {
  this.timeout(60_000);

  suiteSetup(async () => {
    await simReset();
    const giggle = await api();
    assert.strictEqual(await vscode.commands.executeCommand('giggle.setApiKey', testKey()), true);
    assert.strictEqual(giggle.isFollowingPaused(), false);
  });

  teardown(async () => {
    await simClearFaults();
  });

  test('setting the key checks it with Giggle and sends it only as x-auth', async () => {
    const checks = (await simRequests()).filter((r) => r.path === '/api/v1/generation/task/query');
    assert.ok(checks.length >= 1, 'the key was checked with an authenticated call');
    assert.strictEqual(checks[0].headers['x-auth'], testKey());
    const settings = JSON.stringify(vscode.workspace.getConfiguration('giggle'));
    assert.ok(!settings.includes(testKey()), 'the key never lands in settings');
  });

  test('a rejected key is not saved and says why', async () => {
    const result = await vscode.commands.executeCommand('giggle.setApiKey', 'definitely-wrong-key');
    assert.strictEqual(result, false);
    const giggle = await api();
    assert.strictEqual(giggle.isFollowingPaused(), false, 'the good key stays in place');
  });

  test('the generator panel: a workspace image as start frame is sent in one request, as that file\'s bytes', async () => {
    const folder = vscode.workspace.workspaceFolders![0];
    const uri = vscode.Uri.joinPath(folder.uri, `panel-start-${Date.now()}.png`);
    const bytes = tinyPng(3, 5);
    await vscode.workspace.fs.writeFile(uri, bytes);
    const prompt = `Panel start frame ${Date.now()}`;
    // Reads cannot be counted here (vscode.workspace.fs is read-only to extensions); test/unit/panel/submissionForm.test.ts counts them.
    let result: SubmitResult;
    try {
      result = await submitVideoFromPanel(
        panelContext(testKey()),
        { type: 'submitVideo', requestId: 'panel-frame', prompt, model: 'grok', duration: 6, aspectRatio: '16:9', resolution: '720p', startFrame: { kind: 'file', uri: uri.toString() } },
        new Map(),
      );
    } finally {
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
    assert.ok(result.ok, JSON.stringify(result));
    const sent = (await submissions(IMAGE_TO_VIDEO)).filter((r) => (r.body as Record<string, unknown>).prompt === prompt);
    assert.strictEqual(sent.length, 1, 'one request');
    assert.deepStrictEqual((sent[0].body as Record<string, unknown>).start_frame, { base64: Buffer.from(bytes).toString('base64') }, 'the bytes read are the bytes sent');
  });

  test('a scripted text-to-video call is submitted once, followed and completes with signed links', async () => {
    const giggle = await api();
    const before = (await submissions(TEXT_TO_VIDEO)).length;
    const result = (await vscode.commands.executeCommand('giggle.generateVideo', {
      prompt: 'Camera slowly pushes forward, person smiling in frame',
      model: 'grok-fast',
      duration: 6,
      aspectRatio: '9:16',
      resolution: '480p',
    })) as { jobId: string; taskId: string };
    assert.ok(result.taskId, 'the command returns the task id');
    const sent = (await submissions(TEXT_TO_VIDEO)).slice(before);
    assert.strictEqual(sent.length, 1, 'exactly one submission');
    assert.deepStrictEqual(sent[0].body, {
      prompt: 'Camera slowly pushes forward, person smiling in frame',
      model: 'grok-fast',
      duration: 6,
      aspect_ratio: '9:16',
      resolution: '480p',
    });
    const listed = giggle.listJobs()[0];
    assert.strictEqual(listed.id, result.jobId, 'the new job is first in the list');
    const done = (await waitForPhase(giggle, result.jobId, ['completed'])) as VideoJob;
    assert.ok(done.urls.length >= 1);
    assert.match(done.urls[0], /Signature=/);
  });

  test('image-to-video with a workspace PNG sends the file as raw base64', async () => {
    const giggle = await api();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace is open');
    const png = tinyPng();
    const file = vscode.Uri.joinPath(folder.uri, 'frames', 'start.png');
    await vscode.workspace.fs.writeFile(file, png);
    const result = (await vscode.commands.executeCommand('giggle.generateVideo', {
      prompt: 'The still comes alive',
      model: 'kling25',
      startFrame: { file: 'frames/start.png' },
    })) as { jobId: string };
    const sent = (await submissions(IMAGE_TO_VIDEO)).at(-1);
    assert.ok(sent, 'an image-to-video request was sent');
    const body = sent.body as { start_frame: { base64: string }; duration: number };
    assert.strictEqual(body.start_frame.base64, Buffer.from(png).toString('base64'));
    assert.ok(!body.start_frame.base64.startsWith('data:'));
    assert.strictEqual(body.duration, 5, 'kling25 defaults to 5 s');
    await waitForPhase(giggle, result.jobId, ['completed']);
  });

  test('copy link puts the whole signed URL on the clipboard, with ~ written as %7E', async () => {
    const giggle = await api();
    const job = giggle.listJobs().find((j) => j.phase === 'completed') as VideoJob;
    const link = (await vscode.commands.executeCommand('giggle.copyVideoLink', job.id)) as string;
    const clip = await vscode.env.clipboard.readText();
    assert.strictEqual(clip, link);
    assert.ok(!clip.includes('~'));
    for (const part of ['Policy=', 'Signature=', 'Key-Pair-Id=']) assert.ok(clip.includes(part), `link keeps ${part}`);
    // The link may have been refreshed (signed URLs expire): compare with the job's current one.
    const current = giggle.getJob(job.id) as VideoJob;
    assert.strictEqual(clip, current.urls[0].replace(/~/g, '%7E'));
  });

  test('download saves the MP4 into videos/ and never overwrites', async () => {
    const giggle = await api();
    const job = giggle.listJobs().find((j) => j.phase === 'completed') as VideoJob;
    const first = (await vscode.commands.executeCommand('giggle.downloadVideo', job.id)) as vscode.Uri;
    const second = (await vscode.commands.executeCommand('giggle.downloadVideo', job.id)) as vscode.Uri;
    assert.ok(first && second);
    assert.notStrictEqual(first.fsPath, second.fsPath, 'the second download gets a new name');
    assert.match(vscode.workspace.asRelativePath(first), /^videos\//);
    const bytes = await vscode.workspace.fs.readFile(first);
    assert.strictEqual(Buffer.from(bytes.subarray(4, 8)).toString('latin1'), 'ftyp', 'an MP4 file');
    assert.deepStrictEqual(await vscode.workspace.fs.readFile(second), bytes);
  });

  test('preview opens the downloaded file in VS Code, details show the job, and remove drops a finished job', async () => {
    const giggle = await api();
    const job = giggle.listJobs().find((j) => j.phase === 'completed' && (j.downloads?.length ?? 0) > 0) as VideoJob;
    assert.ok(job, 'a downloaded job exists');
    const previewed = (await vscode.commands.executeCommand('giggle.previewVideo', job.id)) as vscode.Uri;
    assert.strictEqual(previewed.toString(), job.downloads!.at(-1), 'the existing download is previewed, not downloaded again');
    await waitFor(() => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => (t.input as { uri?: vscode.Uri })?.uri?.toString() === previewed.toString())), 10_000, 'a tab for the video');

    await vscode.commands.executeCommand('giggle.showJobDetails', job.id);
    const document = vscode.window.activeTextEditor!.document;
    const details = document.getText();
    assert.match(details, new RegExp(job.taskId!));
    assert.ok(!details.includes('Signature='), 'details shorten signed links');
    assert.strictEqual(document.languageId, 'markdown');
    assert.strictEqual(document.isDirty, false, 'closing the details never asks whether to save them');
    assert.ok(!document.uri.query.includes('Signature') && document.uri.scheme !== 'untitled', `a read-only details document: ${document.uri.toString()}`);

    assert.strictEqual(await vscode.commands.executeCommand('giggle.removeJob', job.id), true);
    assert.strictEqual(giggle.getJob(job.id), undefined);
    await waitFor(() => document.getText().includes('That job is no longer in the list.') || undefined, 5_000, 'the open details to follow the job (now removed)');
  });

  test('a 401 on submission says the key was rejected, keeps the job as not submitted, and sends once', async () => {
    const giggle = await api();
    await simFault({ match: { method: 'POST', path: TEXT_TO_VIDEO }, kind: 'status', status: 401, times: 1 });
    const before = (await submissions(TEXT_TO_VIDEO)).length;
    const error = await rejection(vscode.commands.executeCommand('giggle.generateVideo', { prompt: 'auth check', model: 'grok' }));
    assert.match(error.message, /rejected the API key \(HTTP 401\)/);
    assert.ok(!error.message.includes(testKey()), 'the key is not in the message');
    assert.strictEqual((await submissions(TEXT_TO_VIDEO)).length - before, 1, 'no automatic retry');
    const job = giggle.listJobs()[0];
    assert.strictEqual(job.phase, 'submitFailed');
  });

  test('a 429 with Retry-After says Giggle is rate limiting and is not retried', async () => {
    await simFault({ match: { method: 'POST', path: TEXT_TO_VIDEO }, kind: 'status', status: 429, retryAfterSeconds: 7, times: 1 });
    const before = (await submissions(TEXT_TO_VIDEO)).length;
    const error = await rejection(vscode.commands.executeCommand('giggle.generateVideo', { prompt: 'rate check', model: 'grok' }));
    assert.match(error.message, /rate limiting/);
    assert.match(error.message, /7 s/);
    assert.strictEqual((await submissions(TEXT_TO_VIDEO)).length - before, 1);
  });

  test('a moderation failure says the prompt or image was rejected by content checks', async () => {
    const giggle = await api();
    const result = (await vscode.commands.executeCommand('giggle.generateVideo', { prompt: 'something [sensitive]', model: 'grok' })) as { jobId: string };
    const job = await waitForPhase(giggle, result.jobId, ['failed']);
    assert.match(job.lastError?.message ?? '', /content checks rejected the prompt or image/);
  });

  test('a submission whose reply is lost is marked outcome unknown and never re-sent', async () => {
    const giggle = await api();
    await simFault({ match: { method: 'POST', path: TEXT_TO_VIDEO }, kind: 'reset', afterProcessing: true, times: 1 });
    const before = (await submissions(TEXT_TO_VIDEO)).length;
    await rejection(vscode.commands.executeCommand('giggle.generateVideo', { prompt: 'lost reply', model: 'grok' }));
    const job = giggle.listJobs()[0];
    assert.strictEqual(job.phase, 'outcomeUnknown');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.strictEqual((await submissions(TEXT_TO_VIDEO)).length - before, 1, 'sent exactly once');
  });

  test('invalid input is refused with the field named, and nothing is sent', async () => {
    const before = await sentRequestCount();
    const error = await rejection(vscode.commands.executeCommand('giggle.generateVideo', { prompt: '  ', model: 'grok', duration: 7 }));
    assert.match(error.message, /prompt/i);
    assert.match(error.message, /6, 10/);
    const notImage = await rejection(vscode.commands.executeCommand('giggle.generateVideo', { prompt: 'x', model: 'grok', startFrame: { base64: 'data:image/png;base64,AAAA' } }));
    assert.match(notImage.message, /data:/);
    assert.strictEqual(await sentRequestCount(), before);
  });

  test('following survives a transient network fault without failing the job', async () => {
    const giggle = await api();
    const result = (await vscode.commands.executeCommand('giggle.generateVideo', { prompt: 'through the storm', model: 'grok' })) as { jobId: string };
    await simFault({ match: { method: 'GET', path: '/api/v1/generation/task/query' }, kind: 'reset', times: 2 });
    const done = await waitForPhase(giggle, result.jobId, ['completed'], 45_000);
    assert.strictEqual(done.fault, undefined, 'the fault clears once Giggle answers');
  });
});
