import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Job, MvJob, VideoJob } from '../../../src/jobs/jobTypes';
import { JOBS_FILE_VERSION, parseJobsFile, serializeJobs } from '../../../src/jobs/persistedJobs';

const T0 = 1_700_000_000_000;

function video(id: string, overrides: Partial<VideoJob> = {}): VideoJob {
  return {
    id,
    kind: 'video',
    createdAt: T0,
    updatedAt: T0 + 5,
    request: {
      prompt: 'a red fox in the snow',
      model: 'sora2',
      duration: 8,
      aspectRatio: '9:16',
      resolution: '1080p',
      startFrame: { kind: 'url', url: 'https://img.example/fox.png' },
      endFrame: { kind: 'base64', bytes: 1234 },
    },
    taskId: 'c0ffee00-0000-4000-8000-000000000001',
    phase: 'completed',
    urls: ['https://cdn.example/v.mp4?Policy=p&Signature=s&Key-Pair-Id=k'],
    finishedAt: T0 + 60_000,
    lastError: { kind: 'network', message: 'Giggle did not answer in time', at: T0 + 1 },
    pollCount: 7,
    lastPolledAt: T0 + 60_000,
    seen: true,
    downloads: ['file:///w/videos/fox.mp4'],
    ...overrides,
  };
}

function mv(id: string, overrides: Partial<MvJob> = {}): MvJob {
  return {
    id,
    kind: 'mv',
    createdAt: T0,
    updatedAt: T0,
    request: {
      name: 'Song',
      aspect: '16:9',
      musicGenerateType: 'custom',
      lyrics: 'la la',
      style: 'pop',
      title: 'Tune',
      reference: { kind: 'file', path: '/w/ref.png', bytes: 99 },
    },
    projectId: 'proj-1',
    phase: 'awaitingPayment',
    project: { projectId: 'proj-1', status: 'processing', completedSteps: ['music-generate'], steps: [], payStatus: 'pending' },
    order: { orderId: 'o-1', price: 580 },
    paidAt: undefined,
    waitingSince: T0,
    ...overrides,
  };
}

function fileWith(entries: unknown[], version = JOBS_FILE_VERSION): string {
  return JSON.stringify({ version, jobs: entries });
}

test('serialize then parse gives back the same jobs, in order, with nothing skipped', () => {
  const jobs: Job[] = [video('v1'), mv('m1'), video('v2', { phase: 'outcomeUnknown', taskId: undefined, urls: [] })];
  const { jobs: parsed, skipped } = parseJobsFile(serializeJobs(jobs));
  assert.deepEqual(skipped, []);
  // JSON drops undefined-valued keys; compare what a JSON round trip of the input gives.
  assert.deepEqual(parsed, JSON.parse(JSON.stringify(jobs)));
});

test('an absent or blank file is an empty list without complaint', () => {
  assert.deepEqual(parseJobsFile(undefined), { jobs: [], skipped: [], kept: [] });
  assert.deepEqual(parseJobsFile('  \n'), { jobs: [], skipped: [], kept: [] });
});

test('a corrupt JSON file gives an empty list and one skipped line', () => {
  const { jobs, skipped } = parseJobsFile('{"version":1,"jobs":[{"id":"a"');
  assert.deepEqual(jobs, []);
  assert.equal(skipped.length, 1);
  assert.match(skipped[0], /not valid JSON/);
});

test('valid JSON of the wrong shape gives an empty list and one skipped line', () => {
  for (const text of ['[]', '{"jobs":"x"}', '{"version":"1","jobs":[]}', 'null', '42']) {
    const { jobs, skipped } = parseJobsFile(text);
    assert.deepEqual(jobs, [], text);
    assert.equal(skipped.length, 1, text);
  }
});

test('one foreign or corrupt entry is skipped with a line naming its index; the others survive', () => {
  const entries = [
    video('good-0'),
    { id: 'foreign', kind: 'image', createdAt: T0, updatedAt: T0 }, // #1: unknown kind
    mv('good-2'),
    { ...video('bad-3'), phase: 'exploded' }, // #3: unknown phase
    { ...video('bad-4'), createdAt: 'yesterday' }, // #4: wrong type
    'not an object', // #5
    video('good-6'),
  ];
  const { jobs, skipped, kept } = parseJobsFile(fileWith(entries));
  assert.deepEqual(
    jobs.map((job) => job.id),
    ['good-0', 'good-2', 'good-6'],
  );
  // A kind or a value this version does not know: a newer version's job, kept as it was; corrupt ones are not.
  assert.deepEqual(kept, [entries[1], entries[3]]);
  assert.equal(skipped.length, 4);
  assert.match(skipped[0], /#1\b/);
  assert.match(skipped[1], /#3\b/);
  assert.match(skipped[1], /phase/);
  assert.match(skipped[2], /#4\b/);
  assert.match(skipped[2], /createdAt/);
  assert.match(skipped[3], /#5\b/);
});

test('a skipped line does not repeat the entry\'s payload (prompt, URLs)', () => {
  const secretish = 'https://cdn.example/v.mp4?Policy=PPP&Signature=SECRET&Key-Pair-Id=KKK';
  const entries = [
    { ...video('bad'), urls: 'not-a-list', request: { prompt: 'my private prompt' } },
    { ...video('bad2'), urls: [secretish], createdAt: null },
    // An enum field holding arbitrary text: zod's own message would echo it.
    { ...video('bad3'), phase: secretish },
    { ...mv('bad4'), request: { ...mv('bad4').request, musicGenerateType: 'my private prompt' } },
  ];
  const { skipped } = parseJobsFile(fileWith(entries));
  assert.equal(skipped.length, 4);
  assert.match(skipped[2], /#2\b.*phase/);
  assert.match(skipped[3], /#3\b.*musicGenerateType/);
  for (const line of skipped) {
    assert.doesNotMatch(line, /my private prompt/);
    assert.doesNotMatch(line, /SECRET/);
  }
});

test('a duplicate id is skipped (the first one wins) and reported', () => {
  const { jobs, skipped } = parseJobsFile(fileWith([video('same', { phase: 'pending', urls: [] }), video('same', { phase: 'failed' }), video('other')]));
  assert.deepEqual(
    jobs.map((job) => [job.id, job.phase]),
    [
      ['same', 'pending'],
      ['other', 'completed'],
    ],
  );
  assert.equal(skipped.length, 1);
  assert.match(skipped[0], /#1\b.*duplicate/);
});

test('unknown extra fields are kept (a newer version\'s data survives a round trip)', () => {
  const entry = { ...video('v'), futureField: { x: 1 }, request: { ...video('v').request, futureOption: true } };
  const { jobs } = parseJobsFile(fileWith([entry], JOBS_FILE_VERSION + 1));
  assert.equal(jobs.length, 1);
  const again = parseJobsFile(serializeJobs(jobs)).jobs[0] as unknown as Record<string, unknown>;
  assert.deepEqual(again.futureField, { x: 1 });
  assert.equal((again.request as Record<string, unknown>).futureOption, true);
});

test('an empty id is rejected', () => {
  const { jobs, skipped } = parseJobsFile(fileWith([video('')]));
  assert.deepEqual(jobs, []);
  assert.match(skipped[0], /#0\b.*id/);
});

test('a 1,000-job file parses completely', () => {
  const many: Job[] = [];
  for (let i = 0; i < 1000; i++) many.push(i % 3 === 0 ? mv(`m${i}`) : video(`v${i}`, { createdAt: T0 + i }));
  const { jobs, skipped } = parseJobsFile(serializeJobs(many));
  assert.deepEqual(skipped, []);
  assert.equal(jobs.length, 1000);
  assert.equal(new Set(jobs.map((job) => job.id)).size, 1000);
  assert.equal(jobs[999].id, many[999].id);
});

test('a newer version\'s entries are written back after the known jobs, untouched', () => {
  const foreign = { id: 'foreign', kind: 'image', createdAt: T0, updatedAt: T0, frames: 12 };
  const { jobs, kept } = parseJobsFile(fileWith([video('a'), foreign]));
  const again = JSON.parse(serializeJobs(jobs, kept)) as { jobs: unknown[] };
  assert.deepEqual(again.jobs.at(-1), foreign);
  assert.deepEqual(parseJobsFile(serializeJobs(jobs, kept)).kept, [foreign]);
});
