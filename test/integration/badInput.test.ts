// The bad-input matrix: inputs Giggle would refuse (or that should never leave
// the machine), through every front end that takes them — the scripted
// commands (keybindings, tasks, other extensions), the public API, the
// generator panel's submission path, and the panel's message parser — inside
// the real extension host. Each case must be refused with a clear message that
// names the field and what is allowed, before anything is sent: the
// simulator's request log is checked after every case, and no job is recorded.
// The table is printed by the driver (scripts/lib/matrix-report.mjs).
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { GiggleContext } from '../../src/context';
import type { VideoArgs } from '../../src/commands/videoSubmit';
import { MAX_PROMPT_LENGTH } from '../../src/giggle/catalogue';
import { submitMusicVideoFromPanel, submitVideoFromPanel } from '../../src/panel/submission';
import { parseWebviewUri } from '../../src/panel/images';
import { parseWebviewMessage } from '../../src/shared/protocol';
import type { FrameInput, SubmitMusicVideoMessage, SubmitVideoMessage } from '../../src/shared/protocol';
import { sentRequestCount, simClearFaults, simFault, simRequests } from './helpers';
import { tinyPng } from './fixtures';
import { observe } from './reliability/observe';
import { api, integrationMatrix, rejection, secretKey, useKey } from './reliability/common';

/**
 * The last column runs the host's parsers for webview input (parseWebviewMessage, parseWebviewUri) on
 * their own: unit cases, run here because parseWebviewUri needs `vscode`. They do not go through the
 * open panel's message handler, so they check the parser's verdict and reason, not "nothing was sent".
 */
const PARSER = 'webview message (parser unit case)';
const COLUMNS = ['command', 'public API', 'panel form', PARSER] as const;
type Column = (typeof COLUMNS)[number];

// --- Fixtures written into the test workspace ---------------------------------------

const png = Buffer.from(tinyPng(4, 4));
const FILES: Record<string, Uint8Array> = {
  'bad-input/notes.png': Buffer.from('These are meeting notes, not an image.\n'),
  'bad-input/truncated.png': png.subarray(0, png.length - 20),
  'bad-input/document.png': Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n'),
  'bad-input/huge.png': Buffer.concat([png.subarray(0, 33), Buffer.alloc(10 * 1024 * 1024 + 1024, 0x41)]),
  'bad-input/notes.txt': Buffer.from('plain text'),
  'bad-input/cover.png': png,
  'bad-input/notes.mp3': Buffer.from('These are lyrics typed into a file named .mp3, not a song.\n'),
  // Frame-sync bytes first, so only the size (checked before reading) can refuse it.
  'bad-input/huge.mp3': Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0xc4]), Buffer.alloc(50 * 1024 * 1024)]),
};

function workspaceUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, relative);
}

// --- The cases ----------------------------------------------------------------------------

/** A case's video fields: the commands' and public API's own argument object. */
type VideoInput = VideoArgs;

interface Case {
  name: string;
  /** What the message must say (field and what is allowed). */
  expect: RegExp[];
  video?: VideoInput;
  /** The same frame as the panel form holds it (a file it reads, or bytes dropped from the OS). */
  panelFrame?: FrameInput | { dropped: Uint8Array; name: string };
  mv?: Record<string, unknown>;
  panelMv?: Partial<SubmitMusicVideoMessage>;
  /** The panel form cannot express this input (its own controls or the message schema rule it out). */
  noPanel?: boolean;
  webview?: unknown;
  /** A webview-supplied URI the host must refuse to read. */
  webviewUri?: string;
  /** Must be refused at once (a read that blocks would hang here): a short time-out. */
  quick?: boolean;
}

const OK_VIDEO = { prompt: 'A calm lake at dawn', model: 'grok', duration: 6, aspectRatio: '16:9', resolution: '720p' };
const OK_MV = { name: 'Bad input', aspect: '16:9', musicGenerateType: 'prompt', prompt: 'a song', referenceImageFile: 'bad-input/cover.png' };
const huge = 'A'.repeat(Math.ceil((10 * 1024 * 1024 + 3) / 3) * 4);

const CASES: Case[] = [
  { name: 'empty prompt', video: { prompt: '' }, expect: [/prompt must not be empty/] },
  { name: 'whitespace prompt', video: { prompt: '  \n\t  ' }, expect: [/prompt must not be empty/] },
  {
    name: `prompt of ${MAX_PROMPT_LENGTH + 1} characters`,
    video: { prompt: 'x'.repeat(MAX_PROMPT_LENGTH + 1) },
    expect: [/prompt must be at most 2000 characters \(got 2001\)/],
  },
  { name: 'unknown model', video: { model: 'grok-9000' }, expect: [/model must be one of grok, grok-fast/, /"grok-9000"/] },
  { name: 'duration not allowed for the model', video: { model: 'grok', duration: 7 }, expect: [/duration must be one of 6, 10 seconds for grok/] },
  { name: 'duration as text', video: { model: 'sora2', duration: '8' }, expect: [/duration must be one of 4, 8, 12 seconds for sora2/], noPanel: true },
  { name: 'unknown aspect ratio', video: { aspectRatio: '21:9' }, expect: [/aspectRatio must be one of 16:9, 9:16, 1:1, 3:4, 4:3/] },
  { name: 'unknown resolution', video: { resolution: '4k' }, expect: [/resolution must be one of 480p, 720p, 1080p/] },
  {
    name: 'frame: a text file named .png',
    video: { startFrame: { file: 'bad-input/notes.png' } },
    panelFrame: { kind: 'file', uri: '' },
    expect: [/notes\.png/, /not a PNG, JPEG, WebP or GIF image \(it looks like text\)/],
  },
  {
    name: 'frame: a truncated PNG',
    video: { startFrame: { file: 'bad-input/truncated.png' } },
    panelFrame: { kind: 'file', uri: '' },
    expect: [/truncated\.png/, /looks truncated/],
  },
  {
    name: 'frame: a PDF renamed .png',
    video: { startFrame: { file: 'bad-input/document.png' } },
    panelFrame: { kind: 'file', uri: '' },
    expect: [/document\.png/, /it is a PDF document/],
  },
  {
    name: 'frame: an image over 10 MiB',
    video: { startFrame: { file: 'bad-input/huge.png' } },
    panelFrame: { kind: 'file', uri: '' },
    expect: [/huge\.png/, /is [\d,]+ bytes; the limit is 10,485,760 bytes \(10\.0 MiB\)/],
  },
  {
    name: 'frame: base64 with a data: prefix',
    video: { startFrame: { base64: `data:image/png;base64,${png.toString('base64')}` } },
    expect: [/startFrame/, /raw base64 without a "data:" prefix/],
  },
  {
    name: 'frame: base64 with invalid characters',
    video: { startFrame: { base64: `${png.toString('base64').slice(0, 20)}*%$${png.toString('base64').slice(20)}` } },
    expect: [/startFrame/, /not valid base64: "\*" at position 20/],
  },
  {
    name: 'frame: base64 of a truncated PNG',
    video: { startFrame: { base64: png.subarray(0, png.length - 20).toString('base64') } },
    panelFrame: { dropped: png.subarray(0, png.length - 20), name: 'dropped.png' },
    expect: [/looks truncated/],
  },
  {
    name: 'frame: base64 over 10 MiB',
    video: { startFrame: { base64: huge } },
    panelFrame: { dropped: Buffer.concat([png.subarray(0, 33), Buffer.alloc(10 * 1024 * 1024 + 10, 1)]), name: 'dropped.png' },
    expect: [/(is|decodes to) [\d,]+ bytes; the limit is 10,485,760 bytes \(10\.0 MiB\)/],
  },
  {
    name: 'frame: an ftp:// URL',
    video: { startFrame: { url: 'ftp://example.com/frame.png' } },
    panelFrame: { kind: 'url', url: 'ftp://example.com/frame.png' },
    expect: [/startFrame\.url must be an http or https URL \(got ftp\)/],
  },
  {
    name: 'frame: a javascript: URL',
    video: { startFrame: { url: 'javascript:alert(1)' } },
    panelFrame: { kind: 'url', url: 'javascript:alert(1)' },
    expect: [/startFrame\.url must be an http or https URL \(got javascript\)/],
  },
  {
    name: 'frame: a file:// URL',
    video: { startFrame: { url: 'file:///etc/passwd' } },
    panelFrame: { kind: 'url', url: 'file:///etc/passwd' },
    expect: [/startFrame\.url must be an http or https URL \(got file\)/],
  },
  {
    name: 'frame: asset id with a path',
    video: { startFrame: { assetId: '../../etc/passwd' } },
    panelFrame: { kind: 'asset', assetId: '../../etc/passwd' },
    expect: [/startFrame\.asset_id must be 1 to 128 letters, digits, "_" or "-"/],
  },
  {
    name: 'frame: asset id with spaces and quotes',
    video: { startFrame: { assetId: 'a b"; drop' } },
    panelFrame: { kind: 'asset', assetId: 'a b"; drop' },
    expect: [/startFrame\.asset_id must be 1 to 128 letters, digits, "_" or "-"/],
  },
  {
    name: 'frame: asset id of 129 characters',
    video: { startFrame: { assetId: 'a'.repeat(129) } },
    panelFrame: { kind: 'asset', assetId: 'a'.repeat(129) },
    expect: [/startFrame\.asset_id must be 1 to 128/],
  },
  {
    name: 'frame: both an asset id and a URL',
    video: { startFrame: { assetId: 'abc', url: 'https://example.com/a.png' } },
    expect: [/startFrame needs exactly one of assetId, url, base64 or file \(got assetId, url\)/],
  },
  {
    name: 'MV: both reference image fields',
    mv: { referenceImageFile: undefined, referenceImage: 'abc123', referenceImageUrl: 'https://example.com/cover.png' },
    expect: [/either referenceImage or referenceImageUrl, not both/],
  },
  {
    name: 'MV: neither reference image field',
    mv: { referenceImageFile: undefined },
    panelMv: { referenceImage: { kind: 'missing' } },
    expect: [/reference image is required|referenceImage \(an asset id\) or referenceImageUrl .* is required/i],
  },
  {
    name: 'MV: own song that is not audio',
    mv: { musicGenerateType: undefined, prompt: undefined, musicFile: 'bad-input/notes.mp3' },
    panelMv: { musicGenerateType: 'upload', prompt: undefined, song: { kind: 'file', uri: workspaceUri('bad-input/notes.mp3').toString() } },
    expect: [/notes\.mp3/, /not an MP3, WAV, OGG or FLAC file/],
  },
  {
    name: 'MV: own song over 50 MB',
    mv: { musicGenerateType: undefined, prompt: undefined, musicFile: 'bad-input/huge.mp3' },
    panelMv: { musicGenerateType: 'upload', prompt: undefined, song: { kind: 'file', uri: workspaceUri('bad-input/huge.mp3').toString() } },
    expect: [/huge\.mp3/, /50\.0 MB/, /at most 50 MB/],
  },
  {
    name: 'MV: own song with another music mode',
    mv: { musicGenerateType: 'custom', musicAssetId: 'abc123' },
    expect: [/needs musicGenerateType "upload" \(got custom\)/],
  },
  {
    name: 'MV: custom mode without lyrics',
    mv: { musicGenerateType: 'custom', prompt: undefined, style: 'pop', title: 'T' },
    panelMv: { musicGenerateType: 'custom', lyrics: '', style: 'pop', title: 'T' },
    expect: [/lyrics (is required|must not be empty)/],
  },
  {
    name: 'MV: custom mode without style',
    mv: { musicGenerateType: 'custom', prompt: undefined, lyrics: 'la la', title: 'T' },
    panelMv: { musicGenerateType: 'custom', lyrics: 'la la', style: '  ', title: 'T' },
    expect: [/style (is required|must not be empty)/],
  },
  {
    name: 'MV: custom mode without title',
    mv: { musicGenerateType: 'custom', prompt: undefined, lyrics: 'la la', style: 'pop' },
    panelMv: { musicGenerateType: 'custom', lyrics: 'la la', style: 'pop', title: '' },
    expect: [/title (is required|must not be empty)/],
  },
  {
    name: 'MV: scene description of 201 characters',
    mv: { sceneDescription: 's'.repeat(201) },
    panelMv: { sceneDescription: 's'.repeat(201) },
    expect: [/sceneDescription must be at most 200 characters \(got 201\)/],
  },
  {
    name: 'MV: reference image URL over plain http',
    mv: { referenceImageFile: undefined, referenceImageUrl: 'http://example.com/cover.png' },
    panelMv: { referenceImage: { kind: 'url', url: 'http://example.com/cover.png' } },
    expect: [/referenceImageUrl must be an https URL \(got http\)/],
  },
  {
    name: 'MV: reference asset id with odd characters',
    mv: { referenceImageFile: undefined, referenceImage: 'id/../../x' },
    panelMv: { referenceImage: { kind: 'asset', assetId: 'id/../../x' } },
    expect: [/referenceImage must be an asset id of 1 to 128 letters, digits/],
  },
  { name: 'MV: empty project name', mv: { name: '   ' }, panelMv: { name: '   ' }, expect: [/name must not be empty/] },
  { name: 'MV: aspect not offered for music videos', mv: { aspect: '4:3' }, panelMv: { aspect: '4:3' }, expect: [/aspect must be one of 16:9, 9:16/] },
  { name: 'webview: unknown message type', webview: { type: 'runShell', command: 'rm -rf /' }, expect: [/message of an unknown type/] },
  { name: 'webview: not an object', webview: 'submitVideo', expect: [/message without a type/] },
  { name: 'webview: null', webview: null, expect: [/message without a type/] },
  {
    name: 'webview: prompt of the wrong type',
    webview: { type: 'submitVideo', requestId: 'r1', prompt: 42, model: 'grok', duration: 6, aspectRatio: '16:9', resolution: '720p' },
    expect: [/malformed "submitVideo" message \(prompt: invalid_type\)/],
  },
  {
    name: 'webview: an extra field',
    webview: { type: 'ready', extra: '<script>' },
    expect: [/malformed "ready" message \(\(root\): unrecognized_keys\)/],
  },
  {
    name: 'webview: a __proto__ key',
    webview: JSON.parse('{"type":"ready","__proto__":{"polluted":true}}'),
    expect: [/malformed "ready" message/],
  },
  {
    name: 'webview: a prompt over the transport ceiling',
    webview: { type: 'submitVideo', requestId: 'r1', prompt: 'x'.repeat(20_001), model: 'grok', duration: 6, aspectRatio: '16:9', resolution: '720p' },
    expect: [/malformed "submitVideo" message \(prompt: too_big\)/],
  },
  {
    name: 'webview: request id with odd characters',
    webview: { type: 'revealJob', jobId: '../../x' },
    expect: [/malformed "revealJob" message \(jobId: invalid_format\)/],
  },
  {
    name: 'webview: a frame kind that does not exist',
    webview: { ...OK_VIDEO, type: 'submitVideo', requestId: 'r1', startFrame: { kind: 'path', path: '/etc/passwd' } },
    expect: [/malformed "submitVideo" message \(startFrame.kind: invalid_union\)/],
  },
  // parseWebviewUri answers undefined (refused) and no message: there is nothing to match.
  { name: 'webview: a dropped URI that is not a workspace image', webviewUri: 'https://evil.example/x.png', expect: [] },
  { name: 'webview: a dropped file:// URI that is not an image', webviewUri: 'file:///etc/passwd', expect: [] },
];

// --- Frame files that must not be read at all (issue 15, item 11) -------------------------
// A named pipe would block the read forever (nothing ever writes to it), and a
// 3 GiB sparse file would be read whole: both must be refused from the file's
// metadata alone, on every path. Created in suiteSetup (mkfifo, truncate).

const PIPE = 'bad-input/pipe.png';
const SPARSE = 'bad-input/sparse.png';
const SPARSE_BYTES = 3 * 1024 * 1024 * 1024;
const NOT_REGULAR = /not a regular file \(a named pipe, socket or device\?\), so it was not read/;
const SPARSE_SIZE = /is 3072\.0 MiB; the limit is 10\.0 MiB/;

CASES.push(
  { name: 'frame: a named pipe (FIFO) named .png', video: { startFrame: { file: PIPE } }, panelFrame: { kind: 'file', uri: '' }, expect: [/pipe\.png/, NOT_REGULAR], quick: true },
  { name: 'frame: a 3 GiB sparse file named .png', video: { startFrame: { file: SPARSE } }, panelFrame: { kind: 'file', uri: '' }, expect: [/sparse\.png/, SPARSE_SIZE], quick: true },
  {
    name: 'MV: reference image is a named pipe (FIFO)',
    mv: { referenceImageFile: PIPE },
    panelMv: { referenceImage: { kind: 'file', uri: workspaceUri(PIPE).toString() } },
    expect: [/pipe\.png/, NOT_REGULAR],
    quick: true,
  },
  {
    name: 'MV: reference image is a 3 GiB sparse file',
    mv: { referenceImageFile: SPARSE },
    panelMv: { referenceImage: { kind: 'file', uri: workspaceUri(SPARSE).toString() } },
    expect: [/sparse\.png/, SPARSE_SIZE],
    quick: true,
  },
);

function createSpecialFiles(): void {
  const pipe = workspaceUri(PIPE).fsPath;
  fs.rmSync(pipe, { force: true });
  execFileSync('mkfifo', [pipe]);
  const fd = fs.openSync(workspaceUri(SPARSE).fsPath, 'w');
  fs.ftruncateSync(fd, SPARSE_BYTES);
  fs.closeSync(fd);
}

/** A frame file that Submit Again reads anew, replaced by a pipe after the first submission. */
const BECAME_PIPE = 'bad-input/became-a-pipe.png';

/** Ends any read left blocked on a pipe (only without the fix): a writer that opens and closes gives it end-of-file. */
function releasePipeReaders(): void {
  for (const pipe of [PIPE, BECAME_PIPE]) {
    try {
      fs.closeSync(fs.openSync(workspaceUri(pipe).fsPath, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
    } catch {
      // ENXIO: nobody is reading; ENOENT: not a pipe here.
    }
  }
}


/** The panel form can express a video case unless its controls or the message schema rule it out. */
function panelTakesVideo(testCase: Case): boolean {
  return !!testCase.video && !testCase.noPanel && (testCase.panelFrame !== undefined || testCase.video.startFrame === undefined);
}

/** Which columns apply to a case, decided up front (the matrix counts a declared cell that never ran as failed). */
function notApplicable(testCase: Case): { column: Column; why: string }[] {
  const out: { column: Column; why: string }[] = [];
  const scripted = !!testCase.video || !!testCase.mv;
  if (!scripted) out.push({ column: 'command', why: 'webview input only' }, { column: 'public API', why: 'webview input only' });
  if (!scripted) out.push({ column: 'panel form', why: 'webview input only' });
  else if (testCase.video && !panelTakesVideo(testCase)) out.push({ column: 'panel form', why: 'the panel has no way to enter this' });
  else if (testCase.mv && !testCase.panelMv) out.push({ column: 'panel form', why: 'the panel has one reference image field' });
  if (!('webview' in testCase) && !testCase.webviewUri) out.push({ column: PARSER, why: 'not webview input' });
  return out;
}

const matrix = integrationMatrix({
  file: 'bad-input-matrix.json',
  title: 'Bad-input matrix (refused before anything is sent)',
  rowHeader: 'input',
  columns: COLUMNS,
  rows: CASES.map((c) => c.name),
  notApplicable: CASES.flatMap((c) => notApplicable(c).map((cell) => ({ row: c.name, ...cell }))),
});

/** A context that must never be touched: the panel's submission path uses it only once the form is valid. */
const untouchable = new Proxy({} as GiggleContext, {
  get(_target, property) {
    throw new Error(`the panel went past validation (it used ctx.${String(property)})`);
  },
});

function videoMessage(overrides: Partial<SubmitVideoMessage>): SubmitVideoMessage {
  return { type: 'submitVideo', requestId: 'bad-input', ...OK_VIDEO, ...overrides } as SubmitVideoMessage;
}

function mvMessage(overrides: Partial<SubmitMusicVideoMessage>): SubmitMusicVideoMessage {
  return {
    type: 'submitMusicVideo',
    requestId: 'bad-input',
    name: 'Bad input',
    aspect: '16:9',
    musicGenerateType: 'prompt',
    prompt: 'a song',
    sceneDescription: '',
    subtitleEnabled: false,
    referenceImage: { kind: 'file', uri: workspaceUri('bad-input/cover.png').toString() },
    ...overrides,
  } as SubmitMusicVideoMessage;
}

suite('Bad-input matrix', function () {
  this.timeout(120_000);

  suiteSetup(async () => {
    matrix.start();
    await api();
    await useKey(secretKey());
    for (const [relative, bytes] of Object.entries(FILES)) await vscode.workspace.fs.writeFile(workspaceUri(relative), bytes);
    createSpecialFiles();
    matrix.notes.push(
      'command = giggle.generateVideo / giggle.generateMusicVideo with an argument object; public API = activate().submitVideo / submitMusicVideo;',
      'panel form = the generator panel\'s submission path (src/panel/submission.ts) with a context that fails if touched;',
      'webview message (parser unit case) = the host\'s parsers for webview input on their own (parseWebviewMessage: verdict and reason; parseWebviewUri: refused), not the open panel\'s handler;',
      'every command, public API and panel form case also checks that the simulator received nothing and no job was recorded.',
    );
  });

  suiteTeardown(async () => {
    releasePipeReaders();
    await vscode.workspace.fs.delete(workspaceUri('bad-input'), { recursive: true }).then(undefined, () => undefined);
    matrix.write();
  });

  async function cell(name: string, column: Column, run: () => Promise<string>, expect: RegExp[]): Promise<void> {
    const giggle = await api();
    await matrix.cell(name, column, async () => {
      const before = await sentRequestCount();
      const jobs = giggle.listJobs().length;
      const shown = observe().shown.length;
      const message = await run();
      for (const pattern of expect) assert.match(message, pattern);
      assert.ok(message.length < 600, `the message is short enough to read (${message.length} characters)`);
      assert.strictEqual(await sentRequestCount(), before, 'the simulator received nothing');
      assert.strictEqual(giggle.listJobs().length, jobs, 'no job was recorded');
      if (column === 'command') {
        const notes = observe().shown.slice(shown).filter((s) => s.level === 'error');
        assert.ok(notes.some((n) => expect.every((p) => p.test(n.message))), `the error notification says the same: ${JSON.stringify(notes.map((n) => n.message))}`);
      }
    });
  }

  for (const testCase of CASES) {
    test(testCase.name, async function () {
      if (testCase.quick) this.timeout(15_000);
      const giggle = await api();
      const { name, expect } = testCase;
      if (testCase.video) {
        const args = { ...OK_VIDEO, ...testCase.video };
        await cell(name, 'command', async () => (await rejection(vscode.commands.executeCommand('giggle.generateVideo', args))).message, [/nothing was sent/, ...expect]);
        await cell(name, 'public API', async () => (await rejection(giggle.submitVideo(args))).message, expect);
        const frame = testCase.panelFrame;
        if (panelTakesVideo(testCase)) {
          await cell(name, 'panel form', async () => {
            let message: SubmitVideoMessage;
            const dropped = new Map<string, { name: string; bytes: Uint8Array }>();
            if (frame && 'dropped' in frame) {
              dropped.set('token-1', { name: frame.name, bytes: frame.dropped });
              message = videoMessage({ startFrame: { kind: 'dropped', token: 'token-1' } });
            } else if (frame && frame.kind === 'file') {
              const file = (testCase.video!.startFrame as { file: string }).file;
              message = videoMessage({ startFrame: { kind: 'file', uri: workspaceUri(file).toString() } });
            } else if (frame) {
              message = videoMessage({ startFrame: frame });
            } else {
              message = videoMessage(testCase.video as Partial<SubmitVideoMessage>);
            }
            const result = await submitVideoFromPanel(untouchable, message, dropped);
            assert.strictEqual(result.ok, false, 'the panel refuses the form');
            return result.ok ? '' : [...result.issues.map((i) => `${i.field}: ${i.message}`), result.message ?? ''].join(' | ');
          }, expect.map(relaxForPanel));
        }
      }
      if (testCase.mv) {
        const args: Record<string, unknown> = { ...OK_MV, ...testCase.mv };
        for (const key of Object.keys(args)) if (args[key] === undefined) delete args[key];
        await cell(name, 'command', async () => (await rejection(vscode.commands.executeCommand('giggle.generateMusicVideo', args))).message, [/nothing was sent/, ...expect]);
        await cell(name, 'public API', async () => (await rejection(giggle.submitMusicVideo(args))).message, expect);
        if (testCase.panelMv) {
          await cell(name, 'panel form', async () => {
            const result = await submitMusicVideoFromPanel(untouchable, mvMessage(testCase.panelMv!), new Map());
            assert.strictEqual(result.ok, false, 'the panel refuses the form');
            return result.ok ? '' : [...result.issues.map((i) => `${i.field}: ${i.message}`), result.message ?? ''].join(' | ');
          }, expect.map(relaxForPanel));
        }
      }
      // Parser unit cases: a pure function cannot send, so there is no "nothing was sent" to check.
      if ('webview' in testCase) {
        await matrix.cell(name, PARSER, async () => {
          const parsed = parseWebviewMessage(testCase.webview);
          assert.strictEqual(parsed.ok, false, 'the message is refused');
          const reason = parsed.ok ? '' : parsed.reason;
          assert.ok(!/rm -rf|<script>|x{50}|etc\/passwd/.test(reason), `the reason does not repeat the payload: ${reason}`);
          for (const pattern of expect) assert.match(reason, pattern);
        });
      } else if (testCase.webviewUri) {
        await matrix.cell(name, PARSER, async () => {
          assert.strictEqual(parseWebviewUri(testCase.webviewUri!), undefined, 'the host refuses to read it');
        });
      }
      matrix.assertRow(name);
    });
  }

  // --- Submit Again reads its frame file anew (issue 15, item 11) -------------------------
  test('Submit Again: a frame file that has become a named pipe is refused at once; nothing is sent', async function () {
    this.timeout(30_000);
    const giggle = await api();
    const prompt = 'Its frame file became a pipe';
    await vscode.workspace.fs.writeFile(workspaceUri(BECAME_PIPE), png);
    await simFault({ match: { method: 'POST', path: '/api/v1/generation/image-to-video' }, kind: 'apiError', code: 40001, message: 'refused for this test', times: 1 });
    try {
      await rejection(vscode.commands.executeCommand('giggle.generateVideo', { ...OK_VIDEO, prompt, startFrame: { file: BECAME_PIPE } }));
    } finally {
      await simClearFaults();
    }
    const job = giggle.listJobs().find((j) => j.kind === 'video' && j.request.prompt === prompt);
    assert.strictEqual(job?.phase, 'submitFailed', 'a refused job to submit again');
    fs.rmSync(workspaceUri(BECAME_PIPE).fsPath);
    execFileSync('mkfifo', [workspaceUri(BECAME_PIPE).fsPath]);

    const before = await sentRequestCount();
    const error = await rejection(vscode.commands.executeCommand('giggle.submitAgain', job.id));
    assert.match(error.message, /became-a-pipe\.png/);
    assert.match(error.message, NOT_REGULAR);
    assert.strictEqual(await sentRequestCount(), before, 'nothing was sent');
    assert.strictEqual(giggle.getJob(job.id)?.phase, 'submitFailed', 'the job is kept as it was');
  });

  test('afterwards: the simulator received no submission at all from this suite', async () => {
    const { cases, passed } = matrix.counts();
    console.log(`bad-input matrix: ${cases} cases, ${passed} passed`);
    assert.deepStrictEqual(matrix.failures(undefined, { notRun: true }), [], 'every declared cell ran and passed');
    const posts = (await simRequests()).filter((r) => r.method === 'POST' && JSON.stringify(r.body ?? '').includes('Bad input'));
    assert.deepStrictEqual(posts.map((r) => r.path), []);
  });
});

/** The panel words messages for its form ("The URL must be …" for "startFrame.url must be …"): compare without the field's own name. */
function relaxForPanel(pattern: RegExp): RegExp {
  const source = pattern.source
    .replace(/^(startFrame\\\.)?(referenceImageUrl|referenceImage|asset_id|url|sceneDescription|lyrics|style|title|name|aspectRatio|aspect|prompt|resolution|model|duration) /, '')
    .replace(/asset_id/g, 'asset[ _]id');
  return new RegExp(source, pattern.flags.includes('i') ? pattern.flags : `${pattern.flags}i`);
}
