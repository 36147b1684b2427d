// A music video from the user's own song, in the real extension host: `musicFile` is checked,
// uploaded as an audio asset once per content, and submitted as music_generate_type `upload`
// with its music_asset_id (the simulator refuses that mode unless the asset is registered audio).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { MvJob } from '../../src/jobs/jobTypes';
import { submitMusicVideoFromPanel } from '../../src/panel/submission';
import { panelContext } from './panelContext';
import { silentMp3 } from './fixtures';
import { marker, requestsTo, secretKey, useKey } from './reliability/common';

const SUBMIT = '/api/v1/trustee_mode/mv/submit';
const PRESIGN = '/api/v1/asset/get-presigned-url';
const CREATE = '/api/v1/project/create';

suite('Music video from your own song, and the 30-second version', function () {
  this.timeout(60_000);

  suiteSetup(async () => {
    await useKey(secretKey());
  });

  test('musicFile: uploaded once as audio/mpeg, submitted as upload mode with its asset id; musicAssetId reuses it', async () => {
    const folder = vscode.workspace.workspaceFolders![0];
    const fileName = `${marker('song')}.mp3`;
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder.uri, fileName), silentMp3(30 + Math.floor(Math.random() * 30)));
    const presignsBefore = (await requestsTo('POST', PRESIGN)).length;
    const base = { aspect: '16:9', referenceImageUrl: 'https://example.com/cover.png' };
    const first = (await vscode.commands.executeCommand('giggle.generateMusicVideo', { ...base, name: marker('song-mv'), musicFile: fileName })) as MvJob;
    const second = (await vscode.commands.executeCommand('giggle.generateMusicVideo', {
      ...base,
      name: marker('song-mv'),
      musicFile: vscode.Uri.joinPath(folder.uri, fileName).fsPath,
    })) as MvJob;
    const presigns = (await requestsTo('POST', PRESIGN)).slice(presignsBefore);
    assert.deepStrictEqual(presigns.map((r) => (r.body as Record<string, unknown>).content_type), ['audio/mpeg'], 'uploaded once, as audio/mpeg');
    const bodies = await Promise.all(
      [first, second].map(async (job) => (await requestsTo('POST', SUBMIT, (b) => b.project_id === job.projectId))[0].body as Record<string, unknown>),
    );
    for (const body of bodies) {
      assert.strictEqual(body.music_generate_type, 'upload');
      assert.match(String(body.music_asset_id), /^[a-z0-9]+$/, 'an asset id');
      assert.strictEqual(body.prompt, undefined, 'nothing of prompt mode');
    }
    assert.strictEqual(bodies[0].music_asset_id, bodies[1].music_asset_id, 'the same asset both times');
    assert.strictEqual(first.request.musicGenerateType, 'upload');
    assert.strictEqual(first.request.musicAssetId, bodies[0].music_asset_id, 'the job remembers the song for Submit Again');

    const byId = (await vscode.commands.executeCommand('giggle.generateMusicVideo', {
      ...base,
      name: marker('song-mv'),
      musicAssetId: String(bodies[0].music_asset_id),
    })) as MvJob;
    const third = (await requestsTo('POST', SUBMIT, (b) => b.project_id === byId.projectId))[0].body as Record<string, unknown>;
    assert.deepStrictEqual([third.music_generate_type, third.music_asset_id], ['upload', bodies[0].music_asset_id]);
  });

  test('the 30-second version: projectType aimv-30 creates an aimv-30 project and the job remembers it', async () => {
    const job = (await vscode.commands.executeCommand('giggle.generateMusicVideo', {
      name: marker('mv30'),
      projectType: 'aimv-30',
      aspect: '9:16',
      musicGenerateType: 'prompt',
      prompt: 'a short song',
      referenceImageUrl: 'https://example.com/cover.png',
    })) as MvJob;
    const create = (await requestsTo('POST', CREATE, (b) => b.name === job.request.name))[0].body as Record<string, unknown>;
    assert.strictEqual(create.type, 'aimv-30');
    assert.strictEqual(job.request.projectType, 'aimv-30');
  });

  test('the generator panel: "My own song" with a workspace song.mp3 and the 30-second length submit upload mode with its asset id, as aimv-30', async () => {
    const folder = vscode.workspace.workspaceFolders![0];
    const fileName = `${marker('panel-song')}.mp3`;
    const uri = vscode.Uri.joinPath(folder.uri, fileName);
    await vscode.workspace.fs.writeFile(uri, silentMp3(60 + Math.floor(Math.random() * 30)));
    const name = marker('panel-song-mv');
    const presignsBefore = (await requestsTo('POST', PRESIGN)).length;
    // The panel submits through the submission layer itself (issue 16): this context is the panel's, with its own jobs list and client on the simulator.
    const panelCtx = panelContext(secretKey());
    const result = await submitMusicVideoFromPanel(
      panelCtx,
      {
        type: 'submitMusicVideo',
        requestId: 'panel-song',
        name,
        aspect: '9:16',
        projectType: 'aimv-30',
        musicGenerateType: 'upload',
        song: { kind: 'file', uri: uri.toString() },
        sceneDescription: '',
        subtitleEnabled: false,
        referenceImage: { kind: 'url', url: 'https://example.com/cover.png' },
      },
      new Map(),
    );
    assert.ok(result.ok, `the panel submitted: ${JSON.stringify(result)}`);
    const presigns = (await requestsTo('POST', PRESIGN)).slice(presignsBefore);
    assert.deepStrictEqual(presigns.map((r) => (r.body as Record<string, unknown>).content_type), ['audio/mpeg'], 'the song was uploaded once, as audio/mpeg');
    const create = (await requestsTo('POST', CREATE, (b) => b.name === name))[0].body as Record<string, unknown>;
    assert.strictEqual(create.type, 'aimv-30', 'the 30-second version');
    const submit = (await requestsTo('POST', SUBMIT, (b) => b.project_id === result.remoteId))[0].body as Record<string, unknown>;
    assert.strictEqual(submit.music_generate_type, 'upload');
    assert.match(String(submit.music_asset_id), /^[a-z0-9]+$/, 'an asset id');
    assert.strictEqual(submit.prompt, undefined, 'nothing of prompt mode');
  });
});
