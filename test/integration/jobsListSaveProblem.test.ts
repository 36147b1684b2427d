// When the jobs list cannot be written (disk full, permissions), the user is
// told once, the job stays in the window and is still followed, and the user
// is told again when saving works. The write is made to fail for real, without
// knowing how the store names its temporary files: `jobs.json` itself is
// replaced by a non-empty folder, so whatever the store writes first, putting
// it in place as `jobs.json` fails (EISDIR), even for root (the test host runs
// as root, so taking away permissions would not). The swap is repeated until it
// holds, because a save that is under way may put a new `jobs.json` in place
// between the two renames; an obstacle at a path a save may be writing at
// that moment made this suite flaky (EEXIST on a fresh clone).
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

/** Where the real list waits while `jobs.json` is blocked: no save ever writes there. */
const asideOf = (file: string) => `${file}.aside-by-test`;

/**
 * Moves the saved list aside and puts a non-empty folder at its path. A save
 * landing between the two renames recreates the file; it is moved aside in
 * turn (it is the newer list) and the folder tried again.
 */
function blockSaves(file: string): void {
  const obstacle = `${file}.obstacle-by-test`;
  fs.mkdirSync(path.join(obstacle, 'keep'), { recursive: true });
  for (;;) {
    fs.renameSync(file, asideOf(file));
    try {
      fs.renameSync(obstacle, file);
      return;
    } catch (error) {
      // A directory cannot replace a file that a save has just put back (ENOTDIR/EISDIR/EEXIST): again.
      if (!['ENOTDIR', 'EISDIR', 'EEXIST', 'ENOTEMPTY'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    }
  }
}

/** Takes the folder away and puts the saved list back (a later save rewrites it whole anyway). */
function unblockSaves(file: string): void {
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) fs.rmSync(file, { recursive: true, force: true });
  if (fs.existsSync(asideOf(file))) fs.renameSync(asideOf(file), file);
}

suite('Jobs list cannot be saved', function () {
  this.timeout(60_000);
  let blocked = false;

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
    if (blocked) unblockSaves(file);
    blocked = false;
  });

  test('says so once, keeps following the job, and says when saving works again', async () => {
    const giggle = await api();
    const shownBefore = observe().shown.length;
    blockSaves(file);
    blocked = true;
    const shown = () => observe().shown.slice(shownBefore);

    const prompt = marker('unsaved');
    const job = await giggle.submitVideo({ prompt, model: 'grok' });
    const warning = await waitFor(() => shown().find((s) => CANNOT_SAVE.test(s.message)), 10_000, 'the cannot-save warning');
    assert.strictEqual(warning.level, 'warning');
    assert.ok(warning.message.includes(path.dirname(file)), `the warning names the folder to check: ${warning.message}`);
    assert.ok(warning.items.includes('Show Log'), 'the warning offers the log');
    assert.ok(fs.statSync(file).isDirectory(), 'the obstacle is still in place');
    assert.ok(!fs.readFileSync(asideOf(file), 'utf8').includes(prompt), 'the new job really was not saved');

    const done = await waitForJob<VideoJob>(giggle, job.id, (j) => j.phase === 'completed', 'the unsaved job to be followed to its video', 30_000);
    assert.ok(done.urls.length > 0, 'the job is still followed while the list cannot be saved');
    assert.strictEqual(shown().filter((s) => CANNOT_SAVE.test(s.message)).length, 1, 'told once per streak of failures, not at every change');

    unblockSaves(file);
    blocked = false;
    giggle.refresh();
    await giggle.submitVideo({ prompt: marker('saved-again'), model: 'grok' });
    await waitFor(() => shown().find((s) => SAVES_AGAIN.test(s.message)), 10_000, 'the saves-again notice');
    await waitFor(() => fs.readFileSync(file, 'utf8').includes(prompt) || undefined, 10_000, 'the earlier job to be in the saved file');
  });
});
