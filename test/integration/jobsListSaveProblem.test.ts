// When the jobs list cannot be written (disk full, permissions), the user is
// told once, the job stays in the window and is still followed, and the user
// is told again when saving works. The write is made to fail for real: the
// store writes `jobs.json.<pid>.tmp` and renames it, and a directory in that
// place makes the write fail even for root (the test host runs as root, so
// taking away permissions would not).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { VideoJob } from '../../src/jobs/jobTypes';
import { api, marker, useKey, waitForJob } from './reliability/common';
import { observe, userDataFiles } from './reliability/observe';
import { EXTENSION_ID, testKey, waitFor } from './helpers';

const CANNOT_SAVE = /could not save the jobs list/;
const SAVES_AGAIN = /can save the jobs list again/;

function savedJobsFile(): string | undefined {
  return userDataFiles().find((f) => f.includes(`${path.sep}globalStorage${path.sep}`) && f.endsWith(`${EXTENSION_ID}${path.sep}jobs.json`));
}

suite('Jobs list cannot be saved', function () {
  this.timeout(60_000);
  let blocker: string | undefined;

  let file: string;

  suiteSetup(async () => {
    await useKey(testKey());
    // A job saved normally first, so the file (and its folder) exist when this suite runs alone.
    const giggle = await api();
    const first = await giggle.submitVideo({ prompt: marker('saved-first'), model: 'grok' });
    file = await waitFor(() => {
      const found = savedJobsFile();
      return found && fs.readFileSync(found, 'utf8').includes(first.id) ? found : undefined;
    }, 10_000, 'the jobs list to be saved');
  });

  teardown(() => {
    if (blocker) fs.rmSync(blocker, { recursive: true, force: true });
    blocker = undefined;
  });

  test('says so once, keeps following the job, and says when saving works again', async () => {
    const giggle = await api();
    blocker = `${file}.${process.pid}.tmp`; // the extension host is this process
    fs.mkdirSync(blocker);
    const shownBefore = observe().shown.length;
    const shown = () => observe().shown.slice(shownBefore);

    const prompt = marker('unsaved');
    const job = await giggle.submitVideo({ prompt, model: 'grok' });
    const warning = await waitFor(() => shown().find((s) => CANNOT_SAVE.test(s.message)), 10_000, 'the cannot-save warning');
    assert.strictEqual(warning.level, 'warning');
    assert.ok(warning.message.includes(path.dirname(file)), `the warning names the folder to check: ${warning.message}`);
    assert.ok(warning.items.includes('Show Log'), 'the warning offers the log');
    assert.ok(!fs.readFileSync(file, 'utf8').includes(prompt), 'the new job really was not saved');

    const done = await waitForJob<VideoJob>(giggle, job.id, (j) => j.phase === 'completed', 'the unsaved job to be followed to its video', 30_000);
    assert.ok(done.urls.length > 0, 'the job is still followed while the list cannot be saved');
    assert.strictEqual(shown().filter((s) => CANNOT_SAVE.test(s.message)).length, 1, 'told once per streak of failures, not at every change');

    fs.rmSync(blocker, { recursive: true, force: true });
    blocker = undefined;
    giggle.refresh();
    await giggle.submitVideo({ prompt: marker('saved-again'), model: 'grok' });
    await waitFor(() => shown().find((s) => SAVES_AGAIN.test(s.message)), 10_000, 'the saves-again notice');
    await waitFor(() => fs.readFileSync(file, 'utf8').includes(prompt) || undefined, 10_000, 'the earlier job to be in the saved file');
  });
});
