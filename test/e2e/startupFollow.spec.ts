// Followed from startup (issue #14): the extension activates on
// onStartupFinished, so after a restart an unfinished job is followed and its
// finish announced without the user opening the Giggle view; and a window
// whose list holds only finished jobs sends Giggle nothing at all (the price
// of activating at every startup must be zero requests).
//
// "After a restart" is planted, not raced: the only window is closed (its
// extension host deactivates), the saved list gets the job as the extension
// would have saved it, and the window opens again with the Explorer in front.
import * as assert from 'assert';
import type { VideoJob } from '../../src/jobs/jobTypes';
import { e2eEnv, useWorkbench } from './support/fixtures';
import { reopenWithJobs } from './support/reopen';
import { windowPresenceFiles } from './support/profile';
import { giggle, setApiKey } from './support/giggleApi';
import { simControl } from './support/sim';

type Recorded = { seq: number; method: string; path: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const giggleRequests = async () => ((await simControl('GET', 'requests')) as Recorded[]).filter((r) => r.path.startsWith('/api/'));

describe('Jobs followed from startup', function () {
  this.timeout(240_000);
  const run = Date.now().toString(36);
  const prompt = `a paper boat crossing a puddle ${run}`;

  before(function () {
    if (!e2eEnv.simUrl) this.skip();
  });

  const ui = useWorkbench();

  it('announces an unfinished video after a restart without the Giggle view being opened', async () => {
    const { wb } = ui;
    await setApiKey(wb); // kept in this browser profile across the restart

    // Submitted through Giggle's API, saved as the extension saves a job it is following.
    const { task_id: taskId } = (await giggle('POST', '/api/v1/generation/text-to-video', { prompt, model: 'grok', duration: 6, aspect_ratio: '16:9', resolution: '720p' })) as { task_id: string };
    const now = Date.now();
    const job: VideoJob = {
      id: `startup-${run}`,
      kind: 'video',
      createdAt: now - 30_000,
      updatedAt: now - 1_000,
      request: { prompt, model: 'grok', duration: 6, aspectRatio: '16:9', resolution: '720p' },
      taskId,
      phase: 'processing',
      urls: [],
    };
    await reopenWithJobs(wb, (jobs) => [job, ...jobs.filter((j) => j.id !== job.id)]);

    await wb.waitForNotification(/Video ready: /, { timeout: 90_000 });
    assert.ok(!(await wb.sideBarTitle()).toUpperCase().includes('GIGGLE'), 'the Giggle view was never opened');
  });

  it('sends Giggle nothing after a restart when every saved job is finished', async () => {
    const { wb } = ui;
    const before = Math.max(0, ...(await giggleRequests()).map((r) => r.seq));
    await reopenWithJobs(wb, (jobs) => {
      assert.ok(jobs.length > 0 && jobs.every((j) => j.phase === 'completed'), 'the list holds only finished jobs');
      return jobs;
    });
    // Positive control: the extension did activate at startup (its presence file), and had time to poll had it wanted to.
    for (const deadline = Date.now() + 60_000; windowPresenceFiles().length === 0; await sleep(200)) {
      assert.ok(Date.now() < deadline, 'the extension activated at startup without the Giggle view');
    }
    // An absence needs an observation window: 5 s is several times the poll delay of a followed job after activation.
    await sleep(5_000);
    const sent = (await giggleRequests()).filter((r) => r.seq > before);
    assert.deepStrictEqual(sent.map((r) => `${r.method} ${r.path}`), [], 'no request to Giggle');
  });
});
