// The music video's reference image as a Giggle asset (giggle.frames.upload = asset), in the real
// extension host: the file is uploaded once per content and sent as `reference_image` (an asset id),
// never inline as base64.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { MvJob } from '../../src/jobs/jobTypes';
import { silentMp3, tinyPng } from './fixtures';
import { rejection, simClearFaults, simFault, simRequests } from './helpers';
import { marker, requestsTo, secretKey, setSetting, useKey } from './reliability/common';

const SUBMIT = '/api/v1/trustee_mode/mv/submit';
const PRESIGN = '/api/v1/asset/get-presigned-url';
const CREATE = '/api/v1/project/create';

suite('Music video reference image as an asset', function () {
  this.timeout(60_000);

  suiteSetup(async () => {
    await useKey(secretKey());
    await setSetting('frames.upload', 'asset');
  });

  suiteTeardown(async () => {
    await setSetting('frames.upload', undefined);
  });

  test('the reference image as an asset: uploaded once per content, sent as reference_image', async () => {
    const folder = vscode.workspace.workspaceFolders![0];
    const fileName = `${marker('ref')}.png`;
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder.uri, fileName), tinyPng(7, 5));
    const presignsBefore = (await requestsTo('POST', PRESIGN)).length;
    const args = (name: string) => ({ name, aspect: '16:9', musicGenerateType: 'prompt', prompt: 'a song', referenceImageFile: fileName });
    const first = (await vscode.commands.executeCommand('giggle.generateMusicVideo', args(marker('ref-mv')))) as MvJob;
    const second = (await vscode.commands.executeCommand('giggle.generateMusicVideo', args(marker('ref-mv')))) as MvJob;
    const bodies = await Promise.all(
      [first, second].map(async (job) => (await requestsTo('POST', SUBMIT, (b) => b.project_id === job.projectId))[0].body as Record<string, unknown>),
    );
    for (const body of bodies) {
      assert.match(String(body.reference_image), /^[a-z0-9]+$/, 'an asset id');
      assert.strictEqual(body.reference_image_url, undefined, 'no inline image');
    }
    assert.strictEqual(bodies[0].reference_image, bodies[1].reference_image, 'the same asset both times');
    assert.strictEqual((await requestsTo('POST', PRESIGN)).length - presignsBefore, 1, 'uploaded once');
  });

  test('a music video form that would be refused uploads neither its song nor its reference image', async () => {
    const folder = vscode.workspace.workspaceFolders![0];
    const image = `${marker('ref-refused')}.png`;
    const song = `${marker('song-refused')}.mp3`;
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder.uri, image), tinyPng(9, 4));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder.uri, song), silentMp3(41));
    const before = (await simRequests()).length;
    const error = await rejection(
      vscode.commands.executeCommand('giggle.generateMusicVideo', { name: '   ', aspect: '16:9', musicGenerateType: 'upload', musicFile: song, referenceImageFile: image }),
    );
    assert.match(error.message, /nothing was sent/);
    assert.match(error.message, /name/i);
    // Only POSTs: the poller may still be asking about earlier suites' jobs.
    const sent = (await simRequests()).slice(before).filter((r) => r.method === 'POST');
    assert.deepStrictEqual(sent.map((r) => r.path), [], 'nothing was uploaded, created or submitted');
  });

  test('a failed reference image upload names the music video, and creates no project', async () => {
    const folder = vscode.workspace.workspaceFolders![0];
    const image = `${marker('ref-fail')}.png`;
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder.uri, image), tinyPng(6, 11));
    await simFault({ match: { method: 'POST', path: PRESIGN }, kind: 'status', status: 500 });
    try {
      const before = (await simRequests()).length;
      const error = await rejection(
        vscode.commands.executeCommand('giggle.generateMusicVideo', { name: marker('ref-fail-mv'), aspect: '16:9', musicGenerateType: 'prompt', prompt: 'a song', referenceImageFile: image }),
      );
      assert.match(error.message, /Uploading \S*ref-fail\S*\.png to Giggle failed, so the music video was not submitted/);
      const after = (await simRequests()).slice(before);
      assert.ok(after.some((r) => r.path === PRESIGN), 'the upload was attempted');
      assert.strictEqual(after.filter((r) => r.path === CREATE || r.path === SUBMIT).length, 0, 'no project was created or submitted');
    } finally {
      await simClearFaults();
    }
  });
});
