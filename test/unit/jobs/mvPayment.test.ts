import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MvPayResult } from '../../../src/giggle/types';
import type { MvJob } from '../../../src/jobs/jobTypes';
import { MvActionError, refreshMusicVideo } from '../../../src/jobs/mvActions';
import { mayAutoPay } from '../../../src/jobs/mvProgress';
import { declineMusicVideoPayment, payMusicVideo } from '../../../src/jobs/mvPayment';
import { reconcileInterruptedMvJobs, submitMusicVideo } from '../../../src/jobs/mvSubmission';
import type { Harness } from './mvFakes';
import { deferred, harness, lostReply, mvState, promptForm, refusal, settle, step } from './mvFakes';

const DONE_TWO = { completedSteps: ['music-generate', 'storyboard'], steps: [step('music-generate', 'completed'), step('storyboard', 'completed')] };
const AT_GATE = mvState({ ...DONE_TWO, currentStep: 'shot', payStatus: 'pending' });
const PAID = mvState({ ...DONE_TWO, currentStep: 'shot', payStatus: 'paid', steps: [...DONE_TWO.steps, step('shot', 'processing')] });

/** A music video that has reached the pay gate. */
async function awaitingPayment(h: Harness): Promise<MvJob> {
  const job = await submitMusicVideo(h.deps, promptForm());
  h.api.onQuery = async () => AT_GATE;
  const { job: waiting, events } = await refreshMusicVideo(h.deps, job.id);
  assert.equal(waiting.phase, 'awaitingPayment');
  assert.deepEqual(events, ['awaitingPayment']);
  return waiting;
}

test('paying records the order and resumes following; paying is on disk before the call leaves', async () => {
  const h = harness();
  const job = await awaitingPayment(h);
  h.clock.advance(10_000);
  const { job: paid, outcome } = await payMusicVideo(h.deps, job.id);

  assert.equal(outcome, 'paid');
  assert.equal(paid.phase, 'running');
  assert.deepEqual(paid.order, { orderId: 'order1', price: 580 });
  assert.equal(paid.paidAt, h.clock.now());
  const [call] = h.api.callsOf('payMv');
  assert.deepEqual(call.args, ['proj1']);
  assert.equal((call.onDisk.find((j) => j.id === job.id) as MvJob).phase, 'paying');
});

test('two clicks at once make exactly one pay call', async () => {
  const h = harness();
  const job = await awaitingPayment(h);
  const pay = deferred<MvPayResult>();
  h.api.onPay = () => pay.promise;

  const first = payMusicVideo(h.deps, job.id);
  const second = payMusicVideo(h.deps, job.id);
  await assert.rejects(second, (error: unknown) => {
    assert.ok(error instanceof MvActionError);
    assert.match(error.message, /already in progress/);
    return true;
  });
  pay.resolve({ orderId: 'o7', price: 420 });
  await first;
  assert.equal(h.api.count('payMv'), 1);
  // And afterwards there is nothing left to pay.
  await assert.rejects(payMusicVideo(h.deps, job.id), /not waiting for payment \(it is in progress\)/);
  assert.equal(h.api.count('payMv'), 1);
});

test('pay is refused locally unless the job waits for payment', async () => {
  const h = harness();
  const job = await submitMusicVideo(h.deps, promptForm());
  await assert.rejects(payMusicVideo(h.deps, job.id), /not waiting for payment/);
  assert.equal(h.api.count('payMv'), 0);
});

test('a clear refusal goes back to waiting for payment with the reason, and auto-pay will not try again', async () => {
  const h = harness();
  const job = await awaitingPayment(h);
  h.api.onPay = async () => {
    throw refusal('insufficient credits', 'payMv');
  };
  await assert.rejects(payMusicVideo(h.deps, job.id), /insufficient credits/);
  const after = h.store.get(job.id) as MvJob;
  assert.equal(after.phase, 'awaitingPayment');
  assert.match(after.lastError?.message ?? '', /Not paid: .*insufficient credits/);
  assert.equal(after.order, undefined);

  assert.equal(mayAutoPay(after), false);
  await assert.rejects(payMusicVideo(h.deps, job.id, { auto: true }), /Not paying automatically/);
  assert.equal(h.api.count('payMv'), 1);

  // The user may decide to pay again by hand.
  h.api.onPay = async () => ({ orderId: 'o2', price: 580 });
  const { job: paid } = await payMusicVideo(h.deps, job.id);
  assert.equal(paid.phase, 'running');
  assert.equal(paid.lastError, undefined);
  assert.equal(h.api.count('payMv'), 2);
});

test('Not Now is recorded on the job (on disk): automatic payment never pays it, an explicit Pay still does', async () => {
  const h = harness();
  const job = await awaitingPayment(h);
  h.clock.advance(5_000);
  const declined = await declineMusicVideoPayment(h.deps, job.id);
  assert.equal(declined?.payDeclinedAt, h.clock.now());
  await h.store.flush();
  assert.equal((h.storage.jobs().find((j) => j.id === job.id) as MvJob).payDeclinedAt, h.clock.now(), 'the decline is saved');

  assert.equal(mayAutoPay(declined!), false);
  await assert.rejects(payMusicVideo(h.deps, job.id, { auto: true }), (error: unknown) => {
    assert.ok(error instanceof MvActionError);
    assert.equal(error.reason, 'notAutomatic');
    assert.match(error.message, /Not Now/);
    return true;
  });
  assert.equal(h.api.count('payMv'), 0);

  const { job: paid } = await payMusicVideo(h.deps, job.id);
  assert.equal(paid.phase, 'running');
  assert.equal(h.api.count('payMv'), 1);
});

test('a decline that arrives after the job left the gate records nothing', async () => {
  const h = harness();
  const job = await awaitingPayment(h);
  await payMusicVideo(h.deps, job.id);
  assert.equal(await declineMusicVideoPayment(h.deps, job.id), undefined);
  assert.equal((h.store.get(job.id) as MvJob).payDeclinedAt, undefined);
});

test('"already paid" means the gate is open: follow the project, nothing charged', async () => {
  const h = harness();
  const job = await awaitingPayment(h);
  h.api.onPay = async () => {
    throw refusal('project proj1 already paid', 'payMv');
  };
  const { job: after, outcome } = await payMusicVideo(h.deps, job.id);
  assert.equal(outcome, 'alreadyPaid');
  assert.equal(after.phase, 'running');
  assert.equal(after.lastError, undefined);
});

test('an unknown pay outcome stays paying, is never repeated, and a query showing "paid" settles it', async () => {
  const h = harness();
  const job = await awaitingPayment(h);
  h.api.onPay = async () => {
    throw lostReply('payMv');
  };
  await assert.rejects(payMusicVideo(h.deps, job.id), /did not answer in time/);
  const unknown = h.store.get(job.id) as MvJob;
  assert.equal(unknown.phase, 'paying');
  assert.equal(unknown.payUncertain, true);
  assert.match(unknown.lastError?.message ?? '', /outcome is unknown/);
  await assert.rejects(payMusicVideo(h.deps, job.id), /no known outcome yet/);

  h.clock.advance(3000);
  h.api.onQuery = async () => PAID;
  const { job: settled, events } = await refreshMusicVideo(h.deps, job.id);
  assert.equal(settled.phase, 'running');
  assert.deepEqual(events, ['paidConfirmed']);
  assert.equal(settled.paidAt, h.clock.now());
  assert.equal(settled.payUncertain, undefined);
  assert.equal(settled.lastError, undefined);
  assert.equal(h.api.count('payMv'), 1);
});

test('an unknown pay outcome followed by "still pending" asks the user, and only the user can pay again', async () => {
  const h = harness();
  const job = await awaitingPayment(h);
  h.api.onPay = async () => {
    throw lostReply('payMv');
  };
  await assert.rejects(payMusicVideo(h.deps, job.id));

  h.api.onQuery = async () => AT_GATE;
  const { job: back, events } = await refreshMusicVideo(h.deps, job.id);
  assert.equal(back.phase, 'awaitingPayment');
  assert.deepEqual(events, ['awaitingPayment']);
  assert.match(back.lastError?.message ?? '', /earlier payment did not go through/);
  assert.equal(back.payUncertain, true);

  assert.equal(mayAutoPay(back), false);
  await assert.rejects(payMusicVideo(h.deps, job.id, { auto: true }), /Not paying automatically/);
  assert.equal(h.api.count('payMv'), 1);

  h.api.onPay = async () => ({ orderId: 'o3', price: 580 });
  const { job: paid } = await payMusicVideo(h.deps, job.id);
  assert.equal(paid.phase, 'running');
  assert.equal(paid.payUncertain, undefined);
  assert.equal(h.api.count('payMv'), 2);
});

test('while the pay call is in flight, a "pending" progress reply does not undo the payment', async () => {
  const h = harness();
  const job = await awaitingPayment(h);
  const pay = deferred<MvPayResult>();
  h.api.onPay = () => pay.promise;
  const paying = payMusicVideo(h.deps, job.id);
  await settle();

  h.api.onQuery = async () => AT_GATE;
  const { job: during, events } = await refreshMusicVideo(h.deps, job.id);
  assert.equal(during.phase, 'paying');
  assert.deepEqual(events, []);

  pay.resolve({ orderId: 'o1' });
  const { job: paid } = await paying;
  assert.equal(paid.phase, 'running');
  assert.deepEqual(paid.order, { orderId: 'o1' });
  assert.equal(h.api.count('payMv'), 1);
});

test('a window closed mid-payment: after reload the payment is uncertain and the query decides', async () => {
  const h = harness();
  const job = await awaitingPayment(h);
  h.api.onPay = () => new Promise(() => undefined); // never answers
  void payMusicVideo(h.deps, job.id);
  await settle();

  const reloaded = harness();
  reloaded.storage.text = h.storage.text;
  await reloaded.store.load();
  reconcileInterruptedMvJobs(reloaded.store, reloaded.clock.now());
  const loaded = reloaded.store.get(job.id) as MvJob;
  assert.equal(loaded.phase, 'paying');
  assert.equal(loaded.payUncertain, true);

  reloaded.api.onQuery = async () => AT_GATE;
  const { job: decided } = await refreshMusicVideo(reloaded.deps, job.id);
  assert.equal(decided.phase, 'awaitingPayment');
  assert.equal(mayAutoPay(decided), false);
  assert.equal(reloaded.api.count('payMv'), 0);
});
