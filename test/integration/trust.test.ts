// Workspace trust: what the extension does in restricted mode (an untrusted
// folder), as package.json declares it (capabilities.untrustedWorkspaces):
//  - works: the Jobs list, following jobs, submitting from a prompt / URL /
//    asset id, copying and opening links;
//  - needs trust: reading image files as frames (they would be sent to
//    Giggle) and writing downloads into the workspace;
//  - restricted settings: a workspace cannot set giggle.apiBaseUrl or
//    giggle.downloadFolder.
// Runs only in `node scripts/run-integration.mjs --untrusted` (workspace trust
// on, the test folder not trusted); in the ordinary run, where trust is
// disabled, the suite checks the manifest declaration and skips the rest.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { VideoJob } from '../../src/jobs/jobTypes';
import { EXTENSION_ID, simRequests, testKey, waitFor } from './helpers';
import { tinyPng } from './fixtures';
import { observe } from './reliability/observe';
import { api, marker, rejection, useKey, waitForJob } from './reliability/common';

const UNTRUSTED_RUN = process.env.GIGGLE_TEST_UNTRUSTED === '1';

interface Capabilities {
  untrustedWorkspaces?: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] };
  virtualWorkspaces?: boolean | { supported: boolean | 'limited'; description?: string };
}

suite('Workspace trust', function () {
  this.timeout(60_000);

  test('the manifest declares limited support and what needs trust', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { capabilities?: Capabilities };
    const untrusted = pkg.capabilities?.untrustedWorkspaces;
    assert.strictEqual(untrusted?.supported, 'limited');
    assert.deepStrictEqual([...(untrusted?.restrictedConfigurations ?? [])].sort(), ['giggle.apiBaseUrl', 'giggle.downloadFolder']);
    assert.match(untrusted?.description ?? '', /image files/i);
    assert.match(untrusted?.description ?? '', /download/i);
    const virtual = pkg.capabilities?.virtualWorkspaces;
    assert.ok(typeof virtual === 'object' && virtual.supported === 'limited');
  });

  suite('restricted mode (untrusted folder)', function () {
    suiteSetup(async function () {
      if (!UNTRUSTED_RUN) return this.skip();
      assert.strictEqual(vscode.workspace.isTrusted, false, 'the folder opened in restricted mode');
      await api();
      observe();
      await useKey(testKey());
      const folder = vscode.workspace.workspaceFolders![0];
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder.uri, 'frame.png'), tinyPng(4, 4));
    });

    test('the extension is active and its commands work', async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
      assert.ok(ext.isActive);
      const commands = await vscode.commands.getCommands(true);
      for (const command of ['giggle.generateVideo', 'giggle.refresh', 'giggle.copyVideoLink', 'giggle.downloadVideo']) assert.ok(commands.includes(command), command);
    });

    test('a video from a prompt is submitted, followed to completion, and its link can be copied', async () => {
      const giggle = await api();
      const prompt = `${marker('trust')} untrusted but fine`;
      const { jobId } = (await vscode.commands.executeCommand('giggle.generateVideo', { prompt, model: 'grok' })) as { jobId: string };
      const done = await waitForJob<VideoJob>(giggle, jobId, (j) => j.phase === 'completed', 'the video', 30_000);
      const link = (await vscode.commands.executeCommand('giggle.copyVideoLink', jobId)) as string;
      assert.ok(link.startsWith(done.urls[0].split('?')[0]), 'the link was copied');
    });

    test('a workspace image as a frame is refused before anything is read or sent', async () => {
      const giggle = await api();
      const before = (await simRequests()).length;
      const jobs = giggle.listJobs().length;
      for (const file of ['frame.png', path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'frame.png')]) {
        const error = await rejection(vscode.commands.executeCommand('giggle.generateVideo', { prompt: 'from an image', model: 'grok', startFrame: { file } }));
        assert.match(error.message, /needs a trusted workspace/);
        assert.match(error.message, /Trust this folder, or give the image as an https URL or a Giggle asset id/);
      }
      const mv = await rejection(
        vscode.commands.executeCommand('giggle.generateMusicVideo', { name: 'untrusted', aspect: '16:9', musicGenerateType: 'prompt', prompt: 'x', referenceImageFile: 'frame.png' }),
      );
      assert.match(mv.message, /needs a trusted workspace/);
      assert.deepStrictEqual((await simRequests()).slice(before).filter((r) => r.method === 'POST'), [], 'nothing was sent');
      assert.strictEqual(giggle.listJobs().length, jobs, 'no job was recorded');
    });

    test('a frame given as a URL still works', async () => {
      const giggle = await api();
      const { jobId } = (await vscode.commands.executeCommand('giggle.generateVideo', {
        prompt: `${marker('trust')} from a URL`,
        model: 'kling25',
        startFrame: { url: 'https://example.com/frame.png' },
      })) as { jobId: string };
      assert.ok(giggle.getJob(jobId), 'submitted');
    });

    test('downloading into the workspace is refused with a way out, and writes nothing', async () => {
      const giggle = await api();
      const job = giggle.listJobs().find((j) => j.phase === 'completed');
      assert.ok(job, 'a finished job');
      const videos = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'videos');
      const mark = observe().shown.length;
      const result = await vscode.commands.executeCommand('giggle.downloadVideo', job.id);
      assert.strictEqual(result, undefined);
      const note = observe().shown.slice(mark).find((s) => /trusted workspace/.test(s.message));
      assert.ok(note, 'the user is told why');
      assert.match(note.message, /Open Video in Browser/);
      assert.ok(!fs.existsSync(videos) || fs.readdirSync(videos).length === 0, 'nothing was written');
    });

    test('a workspace cannot redirect the key or the downloads (restricted settings)', async () => {
      const folder = vscode.workspace.workspaceFolders![0];
      const settingsFile = vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json');
      // giggle.defaultAspectRatio is not restricted: once the workspace's value shows, the configuration service has
      // read this very file, so the restricted values beside it are ignored, not merely not loaded yet.
      await vscode.workspace.fs.writeFile(
        settingsFile,
        Buffer.from(
          JSON.stringify({ 'giggle.defaultAspectRatio': '9:16', 'giggle.apiBaseUrl': 'https://evil.example', 'giggle.downloadFolder': '../outside' }),
        ),
      );
      try {
        await waitFor(
          () => vscode.workspace.getConfiguration('giggle').get('defaultAspectRatio') === '9:16',
          20_000,
          'the workspace settings file to be read (its unrestricted giggle.defaultAspectRatio)',
        );
        const config = vscode.workspace.getConfiguration('giggle');
        assert.notStrictEqual(config.get('apiBaseUrl'), 'https://evil.example', 'giggle.apiBaseUrl from the workspace is ignored');
        assert.strictEqual(config.get('downloadFolder'), 'videos', 'giggle.downloadFolder from the workspace is ignored');
        // And the extension keeps talking to the simulator.
        const giggle = await api();
        const { jobId } = (await vscode.commands.executeCommand('giggle.generateVideo', { prompt: `${marker('trust')} after settings`, model: 'grok' })) as { jobId: string };
        assert.ok(giggle.getJob(jobId)?.kind === 'video');
        assert.ok((await simRequests()).some((r) => (r.body as { prompt?: string } | undefined)?.prompt?.includes('after settings')), 'the submission went to the simulator');
      } finally {
        await vscode.workspace.fs.delete(settingsFile);
      }
    });
  });
});
