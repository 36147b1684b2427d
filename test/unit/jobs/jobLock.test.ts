// One submission in flight per job: a second Submit Again while the first is
// still reading, uploading or sending is refused at once, whatever it would send.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JobBusyError, whileJobLocked } from '../../../src/jobs/jobLock';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

test('a second action on the same job while the first is in flight is refused before it starts', async () => {
  const held = gate();
  let runs = 0;
  const first = whileJobLocked('job-1', async () => {
    runs++;
    await held.opened;
    return 'first';
  });
  await assert.rejects(
    whileJobLocked('job-1', async () => {
      runs++;
      return 'second';
    }),
    (error: unknown) => {
      assert.ok(error instanceof JobBusyError);
      assert.match(error.message, /already being submitted/);
      return true;
    },
  );
  held.open();
  assert.equal(await first, 'first');
  assert.equal(runs, 1, 'the second never ran');
});

test('other jobs are not held up, and the lock is released when the action ends, even by failing', async () => {
  const held = gate();
  const first = whileJobLocked('job-a', () => held.opened);
  assert.equal(await whileJobLocked('job-b', async () => 'b'), 'b');
  held.open();
  await first;

  await assert.rejects(
    whileJobLocked('job-a', async () => {
      throw new Error('refused');
    }),
    /refused/,
  );
  assert.equal(await whileJobLocked('job-a', async () => 'again'), 'again');
});

test('the lock is taken before the first await of the action, so two calls in the same tick cannot both run', async () => {
  const order: string[] = [];
  const a = whileJobLocked('job-t', async () => {
    order.push('a');
  });
  const b = whileJobLocked('job-t', async () => {
    order.push('b');
  }).catch(() => order.push('b refused'));
  await Promise.all([a, b]);
  assert.deepEqual(order, ['a', 'b refused']);
});
