// Music videos (trustee mode) end to end in the real extension host, against
// the simulator: one action creates and submits, steps are followed, payment
// waits for consent (or is automatic when the user chose so), a failed step
// is retried, and the simulator's log shows one create, submit and pay each.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, simRequests, simReset, testKey, waitFor } from './helpers';
import type { GiggleApi } from '../../src/publicApi';
import type { Job, MvJob } from '../../src/jobs/jobTypes';
import { tinyPng } from './fixtures';

async function api(): Promise<GiggleApi> {
  const giggle = await activateExtension<GiggleApi>();
  await giggle.ready;
  return giggle;
}

async function waitForPhase(giggle: GiggleApi, jobId: string, phases: string[], timeoutMs = 45_000): Promise<MvJob> {
  return (await waitFor(() => {
    const job = giggle.getJob(jobId);
    return job && phases.includes(job.phase) ? job : undefined;
  }, timeoutMs, `music video ${jobId} to reach ${phases.join('/')}`)) as MvJob;
}

async function callsFor(projectId: string) {
  const requests = await simRequests();
  const about = (path: string) =>
    requests.filter((r) => r.method === 'POST' && r.path === path && (r.body as { project_id?: string })?.project_id === projectId).length;
  return {
    submit: about('/api/v1/trustee_mode/mv/submit'),
    pay: about('/api/v1/trustee_mode/mv/pay'),
    retry: about('/api/v1/trustee_mode/mv/retry'),
  };
}

async function setPayment(mode: 'ask' | 'auto') {
  await vscode.workspace.getConfiguration('giggle').update('musicVideo.payment', mode, vscode.ConfigurationTarget.Global);
}

suite('Music videos', function () {
  this.timeout(90_000);

  suiteSetup(async () => {
    await simReset();
    await api();
    assert.strictEqual(await vscode.commands.executeCommand('giggle.setApiKey', testKey()), true);
    const folder = vscode.workspace.workspaceFolders![0];
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder.uri, 'cover.png'), tinyPng(4, 4));
  });

  suiteTeardown(async () => {
    await setPayment('ask');
  });

  test('prompt mode: one action creates and submits; payment waits for consent; paying once completes it', async () => {
    await setPayment('ask');
    const giggle = await api();
    const job = (await vscode.commands.executeCommand('giggle.generateMusicVideo', {
      name: 'Summer drive',
      aspect: '16:9',
      musicGenerateType: 'prompt',
      prompt: 'upbeat synth-pop about a night drive',
      vocalGender: 'female',
      instrumental: false,
      referenceImageFile: 'cover.png',
      sceneDescription: 'neon city at night',
      subtitleEnabled: true,
    })) as MvJob;
    assert.ok(job.projectId, 'the project was created');
    const creates = (await simRequests()).filter((r) => r.path === '/api/v1/project/create' && (r.body as { name?: string }).name === 'Summer drive');
    assert.strictEqual(creates.length, 1);
    assert.deepStrictEqual(creates[0].body, { name: 'Summer drive', type: 'mv', aspect: '16:9', mode: 'trustee' });
    const submit = (await simRequests()).find((r) => r.path === '/api/v1/trustee_mode/mv/submit' && (r.body as { project_id: string }).project_id === job.projectId);
    const body = submit?.body as Record<string, unknown>;
    assert.strictEqual(body.music_generate_type, 'prompt');
    assert.strictEqual(body.vocal_gender, 'female');
    assert.strictEqual(body.subtitle_enabled, true);
    assert.strictEqual(body.reference_image_url, Buffer.from(tinyPng(4, 4)).toString('base64'));

    const waiting = await waitForPhase(giggle, job.id, ['awaitingPayment']);
    assert.ok((waiting.project?.completedSteps ?? []).includes('music-generate'), 'steps progressed before the payment gate');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.strictEqual((await callsFor(job.projectId!)).pay, 0, 'nothing is paid without consent');

    const paid = (await vscode.commands.executeCommand('giggle.payMusicVideo', job.id)) as MvJob;
    assert.ok(paid.order?.orderId, 'the order id is reported');
    const done = await waitForPhase(giggle, job.id, ['completed'], 60_000);
    assert.match(done.project?.videoAsset?.downloadUrl ?? '', /^http:\/\/127\.0\.0\.1:\d+\/media\//);
    assert.deepStrictEqual(await callsFor(job.projectId!), { submit: 1, pay: 1, retry: 0 });
  });

  test('custom mode with automatic payment completes without a prompt, paying exactly once', async () => {
    await setPayment('auto');
    const giggle = await api();
    const job = (await vscode.commands.executeCommand('giggle.generateMusicVideo', {
      name: 'My own song',
      aspect: '9:16',
      musicGenerateType: 'custom',
      lyrics: 'La la la\nthe road goes on',
      style: 'lo-fi',
      title: 'Road',
      referenceImageFile: 'cover.png',
    })) as MvJob;
    const done = await waitForPhase(giggle, job.id, ['completed'], 60_000);
    assert.ok(done.order?.orderId);
    assert.deepStrictEqual(await callsFor(job.projectId!), { submit: 1, pay: 1, retry: 0 });
  });

  test('a failed step shows its error, and Retry Step resumes it to completion', async () => {
    await setPayment('auto');
    const giggle = await api();
    const job = (await vscode.commands.executeCommand('giggle.generateMusicVideo', {
      name: 'Fragile [fail:storyboard]',
      aspect: '16:9',
      musicGenerateType: 'prompt',
      prompt: 'a ballad',
      referenceImageFile: 'cover.png',
    })) as MvJob;
    const failed = await waitForPhase(giggle, job.id, ['failed']);
    assert.ok(failed.lastError?.message, 'the step error is on the item');
    await vscode.commands.executeCommand('giggle.retryMusicVideoStep', job.id);
    await waitForPhase(giggle, job.id, ['completed'], 60_000);
    const calls = await callsFor(job.projectId!);
    assert.deepStrictEqual(calls, { submit: 1, pay: 1, retry: 1 });
    const retry = (await simRequests()).find((r) => r.path === '/api/v1/trustee_mode/mv/retry');
    assert.deepStrictEqual(retry?.body, { project_id: job.projectId, current_step: 'storyboard' });
  });

  test('the public API submits a music video and reports its progress through onDidChangeJob', async () => {
    await setPayment('auto');
    const giggle = await api();
    const phases: string[] = [];
    let id: string | undefined;
    const sub = giggle.onDidChangeJob(({ job }: { job: Job }) => {
      if (job.id === id || (job.kind === 'mv' && job.request.name === 'Via API')) phases.push(job.phase);
    });
    try {
      const job = await giggle.submitMusicVideo({ name: 'Via API', aspect: '16:9', musicGenerateType: 'prompt', prompt: 'jazz', referenceImageFile: 'cover.png' });
      id = job.id;
      await waitForPhase(giggle, job.id, ['completed'], 60_000);
      for (const phase of ['creating', 'running', 'completed']) assert.ok(phases.includes(phase), `saw ${phase} in ${phases.join(',')}`);
    } finally {
      sub.dispose();
    }
  });
});
