/**
 * The generator panel's form as one submission (issue 16): each frame file is
 * read once, the form is checked once, and the checked request goes down to
 * the API call without being rebuilt or checked again; a picked song is read
 * once and those bytes are what the submission carries.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isChecked } from '../../../src/giggle/checked';
import { frameFromImageBytes } from '../../../src/giggle/frames';
import type { MvCreateRequest, MvSubmitRequest, VideoRequest } from '../../../src/giggle/types';
import { validateVideoRequest } from '../../../src/giggle/validation';
import { JobStore } from '../../../src/jobs/jobStore';
import { submitVideoJob } from '../../../src/jobs/videoSubmission';
import { checkMusicVideo, submitMusicVideo, withUploadedAssets } from '../../../src/jobs/mvSubmission';
import { mvFromForm, videoFromForm } from '../../../src/panel/submissionForm';
import type { FormReaders } from '../../../src/panel/submissionForm';
import type { SongFile } from '../../../src/platform/songFile';
import type { SubmitMusicVideoMessage, SubmitVideoMessage } from '../../../src/shared/protocol';
import { makePng } from '../giggle/imageFixtures';
import { MemoryStorage } from '../support/memoryStorage';

const PNG = new Uint8Array(makePng(4, 3));
const START = 'file:///work/start.png';

/** Readers that count every read; the image reader checks the bytes as the host's does. */
function countingReaders() {
  const imageReads: string[] = [];
  const songReads: string[] = [];
  const song = { uri: { toString: () => 'file:///work/song.mp3' }, bytes: new Uint8Array([0xff, 0xfb, 0x90, 0x00]), contentType: 'audio/mpeg' } as unknown as SongFile;
  const readers: FormReaders = {
    dropped: new Map(),
    readImage: async (uri) => {
      imageReads.push(uri);
      const checked = frameFromImageBytes(PNG);
      assert.ok(checked.ok);
      return { ok: true, value: { kind: 'bytes', base64: checked.value.base64, byteLength: PNG.byteLength, origin: { kind: 'file', uri } } };
    },
    readSong: async (uri) => {
      songReads.push(uri);
      return { ok: true, value: song };
    },
  };
  return { readers, imageReads, songReads, song };
}

function countingValidator() {
  const calls: unknown[] = [];
  const validate = (input: unknown) => {
    calls.push(input);
    return validateVideoRequest(input);
  };
  return { validate, calls };
}

const VIDEO: SubmitVideoMessage = {
  type: 'submitVideo',
  requestId: 'r1',
  prompt: 'A cat walks in',
  model: 'grok',
  duration: 6,
  aspectRatio: '16:9',
  resolution: '720p',
  startFrame: { kind: 'file', uri: START },
  endFrame: { kind: 'asset', assetId: ' asset-1 ' },
};

test('a panel video submission reads its frame file once and checks the form once; that checked request is what is sent', async () => {
  const { readers, imageReads } = countingReaders();
  const { validate, calls } = countingValidator();
  const form = await videoFromForm(VIDEO, readers, validate);
  assert.ok(form.ok, JSON.stringify(form));
  assert.deepEqual(imageReads, [START], 'the frame file was read once');
  assert.equal(calls.length, 1, 'the form was checked once');
  assert.ok(isChecked(form.value.request), 'the request is marked as checked');
  assert.deepEqual(form.value.request.endFrame, { asset_id: 'asset-1' });
  assert.equal((form.value.request.startFrame as { base64: string }).base64, Buffer.from(PNG).toString('base64'), 'the bytes read are the bytes sent');

  // Below the panel: the job step records and sends that same request, without rebuilding (re-validating) it.
  const sent: VideoRequest[] = [];
  const store = new JobStore(new MemoryStorage(), { maxJobs: () => 100, writeDelayMs: 5, now: () => 1 });
  const api = { submitVideo: async (request: VideoRequest) => (sent.push(request), { taskId: 'task-1' }) };
  const job = await submitVideoJob({ store, api, newId: () => 'job-1', now: () => 1 }, form.value.request, {});
  assert.equal(job.taskId, 'task-1');
  assert.equal(sent.length, 1);
  assert.strictEqual(sent[0], form.value.request, 'the checked request itself reached the API call');
});

test('a panel video form with a bad frame and a bad prompt: every problem at once, still read once and checked once', async () => {
  const { readers, imageReads } = countingReaders();
  readers.readImage = async (uri, field) => (imageReads.push(uri), { ok: false, issues: [{ field, message: 'start.png is empty' }] });
  const { validate, calls } = countingValidator();
  const form = await videoFromForm({ ...VIDEO, prompt: '  ' }, readers, validate);
  assert.ok(!form.ok);
  assert.deepEqual(form.issues.map((issue) => issue.field), ['startFrame', 'prompt']);
  assert.deepEqual(imageReads, [START]);
  assert.equal(calls.length, 1);
});

const MV_WITH_SONG: SubmitMusicVideoMessage = {
  type: 'submitMusicVideo',
  requestId: 'r3',
  name: 'My song',
  aspect: '16:9',
  musicGenerateType: 'upload',
  song: { kind: 'file', uri: 'file:///work/song.mp3' },
  sceneDescription: 'a beach',
  subtitleEnabled: true,
  referenceImage: { kind: 'file', uri: START },
};

test('a panel music video with its own song reads the song once and carries those bytes to the submission', async () => {
  const { readers, songReads, song } = countingReaders();
  const message: SubmitMusicVideoMessage = { ...MV_WITH_SONG, requestId: 'r2', aspect: '9:16', sceneDescription: '', subtitleEnabled: false };
  const form = await mvFromForm(message, readers);
  assert.ok(form.ok, JSON.stringify(form));
  assert.deepEqual(songReads, ['file:///work/song.mp3'], 'the song was read once');
  assert.strictEqual(form.value.song, song, 'the submission carries the bytes read, so nothing reads the song again');
  assert.equal(form.value.reference?.kind, 'bytes', 'the reference image read once travels as bytes');
  assert.equal(form.value.request.submit.musicGenerateType, 'upload');
});

test('a panel music video is checked once; after the uploads that checked request is what is created and submitted', async () => {
  const { readers, imageReads, songReads } = countingReaders();
  const checks: unknown[] = [];
  const check = (input: unknown) => (checks.push(input), checkMusicVideo(input));
  const form = await mvFromForm(MV_WITH_SONG, readers, check);
  assert.ok(form.ok, JSON.stringify(form));
  assert.deepEqual(imageReads, [START], 'the reference image was read once');
  assert.deepEqual(songReads, ['file:///work/song.mp3'], 'the song was read once');
  assert.equal(checks.length, 1, 'the form was checked once');
  // What submitMusicVideo (src/submission/musicVideo.ts) does after uploading the song and the image.
  const uploaded = withUploadedAssets(form.value.request, { musicAssetId: 'song-asset-1', reference: { referenceImage: 'image-asset-1' } });

  const created: MvCreateRequest[] = [];
  const submitted: MvSubmitRequest[] = [];
  const api = {
    createMvProject: async (request: MvCreateRequest) => (created.push(request), { projectId: 'project-1' }),
    submitMv: async (request: MvSubmitRequest) => void submitted.push(request),
  };
  const store = new JobStore(new MemoryStorage(), { maxJobs: () => 100, writeDelayMs: 5, now: () => 1 });
  const job = await submitMusicVideo({ store, api, newId: () => 'job-1', now: () => 1 }, uploaded);
  assert.equal(job.projectId, 'project-1');
  assert.strictEqual(created[0], form.value.request.create, 'the checked create request itself reached the API call (not validated anew)');
  assert.equal(submitted.length, 1);
  assert.ok(isChecked(submitted[0]), 'the client trusts the submit request: it is not validated again');
  const sent = submitted[0] as MvSubmitRequest & { musicAssetId?: string; referenceImage?: string; referenceImageUrl?: string };
  assert.equal(sent.projectId, 'project-1');
  assert.equal(sent.musicAssetId, 'song-asset-1', 'the uploaded song, not a stand-in, is what is sent');
  assert.equal(sent.referenceImage, 'image-asset-1');
  assert.equal(sent.referenceImageUrl, undefined, 'the image goes once, as its asset id');
  assert.equal(checks.length, 1, 'still one check after sending');
});

test('a panel music video whose image stays inline sends the bytes read, never the stand-in the check used', async () => {
  const { readers } = countingReaders();
  const form = await mvFromForm({ ...MV_WITH_SONG, musicGenerateType: 'prompt', prompt: 'jazz', song: undefined }, readers);
  assert.ok(form.ok, JSON.stringify(form));
  const submit = form.value.request.submit as MvSubmitRequest & { referenceImage?: string; referenceImageUrl?: string };
  assert.equal(submit.referenceImage, undefined);
  assert.equal(submit.referenceImageUrl, Buffer.from(PNG).toString('base64'));
  assert.ok(isChecked(submit));
});

test('a panel music video with a bad name and an unreadable song: both named next to their fields, checked once', async () => {
  const { readers } = countingReaders();
  readers.readSong = async () => ({ ok: false, issues: [{ field: 'song', message: 'song.mp3 is empty' }] });
  const checks: unknown[] = [];
  const form = await mvFromForm({ ...MV_WITH_SONG, name: '  ' }, readers, (input) => (checks.push(input), checkMusicVideo(input)));
  assert.ok(!form.ok);
  assert.deepEqual(form.issues.map((issue) => issue.field), ['song', 'name', 'musicAssetId']);
  assert.equal(checks.length, 1);
});
