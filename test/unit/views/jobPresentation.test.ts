import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Job, MvJob, MvJobPhase, VideoJob, VideoJobPhase } from '../../../src/jobs/jobTypes';
import { ITEM_FLAGS, LINK_CONTEXT_VALUE, STEP_CONTEXT_VALUE, jobContextValue, jobFlags } from '../../../src/views/contextValues';
import type { ItemFlag } from '../../../src/views/contextValues';
import { describeFrameSource, formatElapsed, jobDescription, jobIcon, jobLabel, jobTooltipLines, mvStepLines, phaseText, shorten } from '../../../src/views/jobPresentation';
import { mvJob, T0, videoJob } from '../support/jobFixtures';

// Alphanumeric values, so that markdown escaping cannot hide a leak from the substring checks below.
const SIGNATURE = 'SIGabc123XYZ';
const POLICY = 'POLeyJTdGF0ZW1lbnQ';
const KEY_PAIR = 'KPAPKAEXAMPLE';
const SIGNED = `https://d1.cloudfront.net/videos/out.mp4?Policy=${POLICY}&Signature=${SIGNATURE}&Key-Pair-Id=${KEY_PAIR}`;

const VIDEO_PHASES: VideoJobPhase[] = ['submitting', 'outcomeUnknown', 'submitFailed', 'pending', 'processing', 'completed', 'failed'];
const MV_PHASES: MvJobPhase[] = ['creating', 'createFailed', 'notSubmitted', 'submitting', 'outcomeUnknown', 'running', 'awaitingPayment', 'paying', 'failed', 'completed', 'stopped'];

const video = (overrides: Partial<VideoJob> = {}): VideoJob =>
  videoJob('v1', { request: { prompt: 'A red fox runs through fresh snow at dawn', model: 'grok', duration: 6, aspectRatio: '16:9', resolution: '720p' }, taskId: 'task-123', ...overrides });
const mv = (overrides: Partial<MvJob> = {}): MvJob =>
  mvJob('m1', {
    request: { name: 'Summer song', aspect: '9:16', musicGenerateType: 'prompt', prompt: 'upbeat summer pop', reference: { kind: 'asset', assetId: 'asset1' } },
    projectId: 'proj-1',
    ...overrides,
  });

// ---------------------------------------------------------------- presentation

test('shorten collapses whitespace and cuts long text with an ellipsis, never longer than max', () => {
  assert.equal(shorten('  a\n\tb   c  '), 'a b c');
  assert.equal(shorten('x'.repeat(48)), 'x'.repeat(48));
  const cut = shorten('y'.repeat(100));
  assert.equal(cut.length, 48);
  assert.ok(cut.endsWith('…'));
  assert.equal(shorten('hello world', 5), 'hell…');
});

test('formatElapsed: seconds, minutes and hours, never negative', () => {
  assert.equal(formatElapsed(0), '0s');
  assert.equal(formatElapsed(-5_000), '0s');
  assert.equal(formatElapsed(59_400), '59s');
  assert.equal(formatElapsed(59_600), '1m 00s');
  assert.equal(formatElapsed(61_000), '1m 01s');
  assert.equal(formatElapsed(59 * 60_000 + 59_000), '59m 59s');
  assert.equal(formatElapsed(3_600_000), '1h 00m');
  assert.equal(formatElapsed(3_600_000 + 61 * 60_000), '2h 01m');
});

test('phase texts read as words for every phase', () => {
  const expected: Record<string, string> = {
    submitting: 'submitting…',
    outcomeUnknown: 'outcome unknown',
    submitFailed: 'not submitted',
    pending: 'queued',
    processing: 'generating',
    completed: 'ready',
    failed: 'failed',
    creating: 'creating project…',
    createFailed: 'project not created',
    notSubmitted: 'not submitted',
    running: 'in progress',
    awaitingPayment: 'waiting for payment',
    paying: 'paying…',
    stopped: 'stopped following',
  };
  for (const phase of VIDEO_PHASES) assert.equal(phaseText(video({ phase })), expected[phase], phase);
  for (const phase of MV_PHASES) assert.equal(phaseText(mv({ phase })), expected[phase], phase);
});

test('descriptions: model, duration, phase, elapsed; finished jobs stop their clock; overdue is said', () => {
  assert.equal(jobDescription(video(), T0 + 65_000), 'grok · 6s · generating · 1m 05s');
  assert.equal(jobDescription(video({ phase: 'completed', finishedAt: T0 + 130_000 }), T0 + 3_600_000), 'grok · 6s · ready · 2m 10s');
  assert.equal(jobDescription(video({ overdue: true }), T0 + 21 * 60_000), 'grok · 6s · generating · overdue · 21m 00s');
  assert.equal(jobDescription(video({ overdue: true, phase: 'completed', finishedAt: T0 + 21 * 60_000 }), T0 + 22 * 60_000), 'grok · 6s · ready · 21m 00s');
  assert.equal(jobDescription(mv(), T0 + 5_000), 'music video · in progress · 5s');
  assert.equal(jobDescription(mv(), T0 + 5_000, 'storyboard'), 'music video · storyboard · 5s');
});

test('labels are the shortened prompt or project name', () => {
  assert.equal(jobLabel(video({ request: { ...video().request, prompt: `a  long\nprompt ${'z'.repeat(80)}` } })).length, 48);
  assert.equal(jobLabel(mv()), 'Summer song');
});

test('icons follow the state, and a fault shows a warning whatever the phase', () => {
  assert.equal(jobIcon(video({ phase: 'completed' })), 'pass-filled');
  assert.equal(jobIcon(video({ phase: 'failed' })), 'error');
  assert.equal(jobIcon(video({ phase: 'submitFailed' })), 'error');
  assert.equal(jobIcon(video({ phase: 'outcomeUnknown' })), 'question');
  assert.equal(jobIcon(video({ phase: 'pending' })), 'clock');
  assert.equal(jobIcon(video({ phase: 'processing' })), 'loading~spin');
  assert.equal(jobIcon(video({ phase: 'processing', fault: 'connection reset' })), 'warning');
  assert.equal(jobIcon(mv({ phase: 'awaitingPayment' })), 'credit-card');
  assert.equal(jobIcon(mv({ phase: 'stopped' })), 'debug-pause');
  assert.equal(jobIcon(mv({ phase: 'createFailed' })), 'error');
});

function assertNoSignedUrl(lines: string[]): void {
  const text = lines.join('\n');
  for (const secret of [SIGNATURE, POLICY, KEY_PAIR]) assert.ok(!text.includes(secret), `tooltip leaks ${secret}:\n${text}`);
}

test('the tooltip never contains a full signed URL (videos, frames, errors, faults)', () => {
  const job = video({
    phase: 'completed',
    urls: [SIGNED, `${SIGNED}&response-content-disposition=attachment`],
    request: { ...video().request, startFrame: { kind: 'url', url: SIGNED }, endFrame: { kind: 'url', url: SIGNED } },
    lastError: { kind: 'unexpected', message: `request to ${SIGNED} failed, reason: socket hang up`, at: T0 },
    fault: `Could not reach ${SIGNED}`,
  });
  const lines = jobTooltipLines(job);
  assertNoSignedUrl(lines);
  // ...but the link is still recognisable.
  assert.ok(lines.some((line) => line.includes('https://d1.cloudfront.net/videos/out.mp4')));

  const project = { projectId: 'proj-1', status: 'completed', completedSteps: [], steps: [], videoAsset: { downloadUrl: SIGNED, signedUrl: SIGNED } };
  assertNoSignedUrl(jobTooltipLines(mv({ phase: 'completed', project, lastError: { kind: 'x', message: `see ${SIGNED}`, at: T0 } })));
});

test('the tooltip lists the parameters, ids, status and the latest problem', () => {
  const lines = jobTooltipLines(
    video({
      request: { ...video().request, startFrame: { kind: 'asset', assetId: 'as1' }, endFrame: { kind: 'base64', bytes: 20_480 } },
      overdue: true,
      lastError: { kind: 'network', message: 'Giggle did not answer in time', at: T0 },
    }),
  );
  const text = lines.join('\n');
  assert.match(text, /Model: grok · 6s · 16:9 · 720p/);
  assert.match(text, /Start frame: asset as1/);
  assert.match(text, /End frame: image \(20 KB\)/);
  assert.match(text, /Task: `task-123`/);
  assert.match(text, /Status: generating \(overdue\)/);
  assert.match(text, /\$\(error\) Giggle did not answer in time/);

  const mvText = jobTooltipLines(mv({ order: { orderId: 'o-9', price: 580 }, phase: 'awaitingPayment' })).join('\n');
  assert.match(mvText, /music video, 9:16/);
  assert.match(mvText, /Project: `proj-1`/);
  assert.match(mvText, /Order: `o-9` · 580 credits/);
  assert.match(mvText, /Status: waiting for payment/);
});

test('markdown in prompts is escaped in the tooltip', () => {
  const lines = jobTooltipLines(video({ request: { ...video().request, prompt: '[click](command:giggle.removeJob) **bold**' } }));
  assert.ok(!lines[0].includes('[click](command:'), lines[0]);
});

/** A Markdown link, image or autolink that is not escaped (a backslash before `[`, `(` or `<` disarms it). */
const LIVE_MARKDOWN_LINK = /(^|[^\\])(\]\(|<[a-z][a-z0-9+.-]*:)/i;

test('Giggle\'s text and ids in the tooltip and details are never live Markdown', () => {
  const hostile = '[run](command:giggle.clearApiKey) <command:giggle.clearApiKey>';
  const lines = jobTooltipLines(
    video({
      taskId: 'id`[run](command:giggle.clearApiKey)`',
      urls: ['https://cdn.example/v/[run](command:giggle.clearApiKey).mp4?Signature=s'],
      lastError: { kind: 'api', message: `Video failed: ${hostile}`, at: T0 },
      fault: `querying: ${hostile}`,
    }),
  );
  const text = lines.join('\n');
  // Outside code spans nothing is a link; the id's code span is closed only by its own (longer) fence.
  const outsideCode = text.replace(/(`+)[^`][\s\S]*?\1/g, '');
  assert.doesNotMatch(outsideCode, LIVE_MARKDOWN_LINK, text);
  assert.ok(lines.includes('Task: `` id`[run] (command:giggle.clearApiKey)` ``'), text);

  const mvLines = jobTooltipLines(mv({ projectId: 'p`1', order: { orderId: '`o`' } }));
  assert.ok(mvLines.includes('Project: ``p`1``'), mvLines.join('\n'));
  assert.ok(mvLines.includes('Order: `` `o` ``'), mvLines.join('\n'));

  const steps = mvStepLines([
    { step: 'music-generate', status: 'failed', error: hostile, subSteps: [{ step: '[x](command:y)', status: 'failed', error: hostile }] },
  ]);
  assert.equal(steps.length, 2);
  for (const line of steps) assert.doesNotMatch(line, LIVE_MARKDOWN_LINK, line);
  assert.match(steps[1], /^ {2}- /, 'sub-steps stay nested');
});

test('frame sources are described without their bytes or signed query', () => {
  assert.equal(describeFrameSource({ kind: 'asset', assetId: 'a1' }), 'asset a1');
  assert.equal(describeFrameSource({ kind: 'file', path: '/w/img.png' }), '/w/img.png');
  assert.equal(describeFrameSource({ kind: 'base64', bytes: 2048 }), 'image (2 KB)');
  assert.ok(!describeFrameSource({ kind: 'url', url: SIGNED }).includes(SIGNATURE));
});

// ---------------------------------------------------------------- context values vs package.json menus

interface MenuEntry {
  command: string;
  when?: string;
}
const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as { contributes: { menus: Record<string, MenuEntry[]> } };
const itemMenus = manifest.contributes.menus['view/item/context'];

/** The `viewItem =~ /…/` regexes of package.json, per command. */
function viewItemRegexes(command: string): RegExp[] {
  return itemMenus
    .filter((entry) => entry.command === command)
    .map((entry) => {
      const m = /viewItem =~ \/(.+?)\/(\w*)(?:\s|$)/.exec(entry.when ?? '');
      assert.ok(m, `no viewItem regex for ${command}: ${entry.when}`);
      return new RegExp(m[1], m[2]);
    });
}

const FLAG_COMMANDS: Record<ItemFlag, string[]> = {
  ready: ['giggle.openVideo', 'giggle.copyVideoLink', 'giggle.downloadVideo', 'giggle.previewVideo'],
  payable: ['giggle.payMusicVideo'],
  retryable: ['giggle.retryMusicVideoStep'],
  resumable: ['giggle.resumeMusicVideo'],
  resubmittable: ['giggle.submitAgain'],
};

function allJobs(): Job[] {
  const jobs: Job[] = [];
  for (const phase of VIDEO_PHASES) {
    jobs.push(video({ phase, taskId: undefined }), video({ phase, urls: [SIGNED] }), video({ phase, fault: 'x', overdue: true }));
  }
  const project = { projectId: 'proj-1', status: 'completed', completedSteps: [], steps: [], videoAsset: { downloadUrl: SIGNED } };
  for (const phase of MV_PHASES) {
    jobs.push(mv({ phase }), mv({ phase, projectId: undefined }), mv({ phase, project }));
  }
  return jobs;
}

test('every flag has menu entries in package.json, and each matches exactly the items carrying that flag', () => {
  assert.deepEqual([...ITEM_FLAGS].sort(), Object.keys(FLAG_COMMANDS).sort());
  for (const flag of ITEM_FLAGS) {
    for (const command of FLAG_COMMANDS[flag]) {
      const regexes = viewItemRegexes(command);
      assert.ok(regexes.length > 0, `${command} has no item menu entry`);
      for (const regex of regexes) {
        for (const job of allJobs()) {
          const value = jobContextValue(job);
          assert.equal(regex.test(value), jobFlags(job).includes(flag), `${command} ${regex} vs "${value}"`);
        }
      }
    }
  }
});

test('details and remove are offered on every job item, and on nothing else', () => {
  for (const command of ['giggle.showJobDetails', 'giggle.removeJob']) {
    for (const regex of viewItemRegexes(command)) {
      for (const job of allJobs()) assert.ok(regex.test(jobContextValue(job)), `${command} missing on ${jobContextValue(job)}`);
      assert.equal(regex.test(LINK_CONTEXT_VALUE), false);
      assert.equal(regex.test(STEP_CONTEXT_VALUE), false);
    }
  }
  // A video link child item offers the video actions.
  for (const regex of viewItemRegexes('giggle.openVideo')) assert.ok(regex.test(LINK_CONTEXT_VALUE));
});

test('flags: which job offers which action', () => {
  const project = { projectId: 'proj-1', status: 'completed', completedSteps: [], steps: [], videoAsset: { downloadUrl: SIGNED } };
  const cases: Array<[Job, ItemFlag[]]> = [
    [video({ phase: 'completed', urls: [SIGNED] }), ['ready']],
    [video({ phase: 'completed', urls: [] }), []],
    [video({ phase: 'processing', urls: [SIGNED] }), []],
    [video({ phase: 'submitFailed' }), ['resubmittable']],
    [video({ phase: 'outcomeUnknown' }), ['resubmittable']],
    [video({ phase: 'failed' }), []],
    [mv({ phase: 'completed', project }), ['ready']],
    [mv({ phase: 'completed' }), []],
    [mv({ phase: 'running', project }), []],
    [mv({ phase: 'awaitingPayment' }), ['payable']],
    [mv({ phase: 'failed' }), ['retryable']],
    [mv({ phase: 'stopped' }), ['resumable']],
    [mv({ phase: 'notSubmitted' }), ['resubmittable']],
    [mv({ phase: 'createFailed', projectId: undefined }), ['resubmittable']],
    [mv({ phase: 'outcomeUnknown', projectId: undefined }), ['resubmittable']],
    [mv({ phase: 'outcomeUnknown' }), []],
  ];
  for (const [job, flags] of cases) assert.deepEqual(jobFlags(job), flags, `${job.kind} ${job.phase}`);
  assert.equal(jobContextValue(video({ phase: 'completed', urls: [SIGNED] })), 'job.video.completed.ready');
  assert.equal(jobContextValue(mv({ phase: 'running' })), 'job.mv.running');
});
