import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PollTimer } from '../../../src/jobs/pollTimer';
import { ManualClock } from '../support/manualClock';


test('holds no timer when nothing is scheduled, and exactly one otherwise', () => {
  const host = new ManualClock();
  const timer = new PollTimer(() => undefined, host);
  assert.equal(host.pending.size, 0);
  timer.schedule('a', 5_000);
  timer.schedule('b', 3_000);
  timer.schedule('c', 9_000);
  assert.equal(host.pending.size, 1);
  assert.equal([...host.pending.values()][0].at, 3_000);
  timer.remove('b');
  assert.equal(host.pending.size, 1);
  assert.equal([...host.pending.values()][0].at, 5_000);
  timer.remove('a');
  timer.remove('c');
  assert.equal(host.pending.size, 0);
  assert.equal(timer.armed, false);
});

test('hands due jobs to the callback, earliest first, and disarms when the last one is taken', () => {
  const host = new ManualClock();
  const seen: string[][] = [];
  const timer = new PollTimer((ids) => seen.push(ids), host);
  timer.schedule('late', 2_000);
  timer.schedule('early', 1_000);
  host.advance(1_500);
  assert.deepEqual(seen, [['early']]);
  assert.equal(timer.has('early'), false);
  host.advance(2_500);
  assert.deepEqual(seen, [['early'], ['late']]);
  assert.equal(host.pending.size, 0);
});

test('fifty jobs due together are spread: at most 4 per 200 ms, all served within 2.5 s', () => {
  const host = new ManualClock();
  const times: number[] = [];
  const timer = new PollTimer((ids, now) => ids.forEach(() => times.push(now)), host);
  for (let i = 0; i < 50; i++) timer.schedule(`job${i}`, 10_000 + i * 0.01);
  host.advance(20_000);
  assert.equal(times.length, 50);
  for (let i = 4; i < times.length; i++) assert.ok(times[i] - times[i - 4] >= 200, `burst at ${times[i]}`);
  assert.ok(times[49] - times[0] <= 2_500);
  assert.ok(host.armed <= 20, `${host.armed} timers armed`);
});

test('expedite only ever moves a poll earlier; non-finite times unschedule instead of spinning', () => {
  const host = new ManualClock();
  const timer = new PollTimer(() => undefined, host);
  timer.schedule('a', 10_000);
  timer.expedite('a', 20_000);
  assert.equal(timer.scheduledAt('a'), 10_000);
  timer.expedite('a', 1_000);
  assert.equal(timer.scheduledAt('a'), 1_000);
  timer.expedite('b', 4_000);
  assert.equal(timer.scheduledAt('b'), 4_000);
  timer.schedule('a', NaN);
  assert.equal(timer.has('a'), false);
  timer.dispose();
  assert.equal(host.pending.size, 0);
  timer.schedule('c', 1);
  assert.equal(host.pending.size, 0);
});

test('a job re-scheduled from inside the callback keeps a single timer', () => {
  const host = new ManualClock();
  let polls = 0;
  const timer: PollTimer = new PollTimer((ids, now) => {
    polls += ids.length;
    ids.forEach((id) => timer.schedule(id, now + 1_000));
  }, host);
  timer.schedule('a', 1_000);
  timer.schedule('b', 1_500);
  host.advance(10_000);
  assert.equal(polls, 19);
  assert.equal(host.pending.size, 1);
});
