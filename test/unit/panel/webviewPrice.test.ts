// The price line of the generator panel's webview (src/webview/price.ts):
// debounced requests, stale answers dropped, "unknown" when no answer comes.
// Timers are faked, so the test is exact and instant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PriceTracker, isCurrent, priceKey, priceText, priceTooltip, videoPriceInputs } from '../../../src/webview/price';
import type { PriceTimers, PriceView } from '../../../src/webview/price';
import type { PriceRequestMessage } from '../../../src/shared/protocol';
import { emptyFrame } from '../../../src/webview/state';
import { ManualClock } from '../support/manualClock';


function setup() {
  const clock = new ManualClock();
  const timers: PriceTimers & { advance(ms: number): void } = {
    set: (callback, ms) => clock.setTimeout(callback, ms),
    clear: (handle) => clock.clearTimeout(handle),
    advance: (ms) => clock.advanceBy(ms),
  };
  const sent: PriceRequestMessage[] = [];
  const shown: PriceView[] = [];
  let id = 0;
  const tracker = new PriceTracker({
    send: (request) => sent.push(request),
    show: (view) => shown.push(view),
    newRequestId: () => `r${++id}`,
    debounceMs: 300,
    answerTimeoutMs: 10_000,
    timers,
  });
  return { timers, sent, shown, tracker, last: () => shown[shown.length - 1] };
}

const GROK = { model: 'grok', duration: 6, withFrames: false };

test('the first request goes at once; the answer shows the credits', () => {
  const { sent, tracker, last } = setup();
  tracker.update(GROK, true);
  assert.deepEqual(last(), { state: 'pending' });
  assert.deepEqual(sent, [{ type: 'priceRequest', requestId: 'r1', model: 'grok', duration: 6, withFrames: false }]);
  assert.equal(tracker.receive({ requestId: 'r1', credits: 60 }), true);
  assert.deepEqual(last(), { state: 'known', credits: 60 });
});

test('a burst of changes asks once, for the last inputs, after the pause', () => {
  const { timers, sent, tracker } = setup();
  tracker.update({ ...GROK, model: 'sora2', duration: 4 });
  timers.advance(100);
  tracker.update({ ...GROK, model: 'sora2', duration: 8 });
  timers.advance(100);
  tracker.update({ ...GROK, model: 'sora2', duration: 12 });
  assert.equal(sent.length, 0);
  timers.advance(299);
  assert.equal(sent.length, 0);
  timers.advance(1);
  assert.deepEqual(sent, [{ type: 'priceRequest', requestId: 'r1', model: 'sora2', duration: 12, withFrames: false }]);
});

test('unchanged inputs (typing a prompt) ask nothing; `now` hurries a request still in its pause', () => {
  const { timers, sent, tracker } = setup();
  tracker.update(GROK, true);
  tracker.update({ ...GROK });
  timers.advance(1000);
  assert.equal(sent.length, 1);
  tracker.update({ ...GROK, withFrames: true });
  tracker.update({ ...GROK, withFrames: true }, true);
  assert.equal(sent.length, 2);
  timers.advance(1000);
  assert.equal(sent.length, 2, 'the hurried request is not sent again after the pause');
});

test('latest wins: an answer to an older request is stale and ignored, whatever order they arrive in', () => {
  const { timers, tracker, last } = setup();
  tracker.update(GROK, true); // r1
  tracker.update({ ...GROK, duration: 10 });
  timers.advance(300); // r2
  assert.deepEqual(last(), { state: 'pending' });
  assert.equal(tracker.receive({ requestId: 'r1', credits: 60 }), false);
  assert.deepEqual(last(), { state: 'pending' }, 'the stale answer changed nothing');
  assert.equal(tracker.receive({ requestId: 'r2', credits: 100 }), true);
  assert.deepEqual(last(), { state: 'known', credits: 100 });
  assert.equal(tracker.receive({ requestId: 'r1', credits: 60 }), false, 'a late stale answer');
  assert.deepEqual(last(), { state: 'known', credits: 100 });
});

test('an answer that arrives while a newer change waits for its pause is stale too', () => {
  const { tracker, last } = setup();
  tracker.update(GROK, true); // r1
  tracker.update({ ...GROK, duration: 10 }); // waiting
  assert.equal(tracker.receive({ requestId: 'r1', credits: 60 }), false);
  assert.deepEqual(last(), { state: 'pending' });
});

test('no credits in the answer means "price unknown"; so does no answer at all', () => {
  const { timers, tracker, last } = setup();
  tracker.update(GROK, true);
  tracker.receive({ requestId: 'r1' });
  assert.deepEqual(last(), { state: 'unknown' });

  tracker.update({ ...GROK, duration: 10 }, true); // r2, never answered
  timers.advance(9_999);
  assert.deepEqual(last(), { state: 'pending' });
  timers.advance(1);
  assert.deepEqual(last(), { state: 'unknown' });
  // A late answer to the latest request still shows.
  assert.equal(tracker.receive({ requestId: 'r2', credits: 80 }), true);
  assert.deepEqual(last(), { state: 'known', credits: 80 });
});

test('the deadline of an older request does not mark a newer one unknown', () => {
  const { timers, tracker, last } = setup();
  tracker.update(GROK, true); // r1 at t=0
  timers.advance(5_000);
  tracker.update({ ...GROK, duration: 10 }, true); // r2 at t=5000
  timers.advance(6_000); // r1's deadline has passed
  assert.deepEqual(last(), { state: 'pending' });
});

test('nothing to price clears the line', () => {
  const { tracker, last } = setup();
  tracker.update(GROK, true);
  tracker.update(undefined);
  assert.deepEqual(last(), { state: 'none' });
  assert.equal(tracker.receive({ requestId: 'r1', credits: 60 }), false);
});

test('isCurrent: only the latest request counts', () => {
  assert.equal(isCurrent('a', 'a'), true);
  assert.equal(isCurrent('b', 'a'), false);
  assert.equal(isCurrent(undefined, 'a'), false);
});

test('the price inputs: a chosen frame (any mode but "none") makes it image to video', () => {
  const form = { model: 'veo31', duration: 8, startFrame: emptyFrame(), endFrame: emptyFrame() };
  assert.deepEqual(videoPriceInputs(form), { model: 'veo31', duration: 8, withFrames: false });
  assert.deepEqual(videoPriceInputs({ ...form, endFrame: emptyFrame('url') }), { model: 'veo31', duration: 8, withFrames: true });
  assert.deepEqual(videoPriceInputs({ ...form, startFrame: emptyFrame('image') }), { model: 'veo31', duration: 8, withFrames: true });
  assert.notEqual(priceKey({ model: 'a', duration: 1, withFrames: false }), priceKey({ model: 'a', duration: 1, withFrames: true }));
});

test('the texts (English, no bundle configured)', () => {
  assert.equal(priceText({ state: 'known', credits: 60 }), 'Estimated price: 60 credits');
  assert.equal(priceText({ state: 'known', credits: 1 }), 'Estimated price: 1 credit');
  assert.equal(priceText({ state: 'unknown' }), 'Price unknown');
  assert.equal(priceText({ state: 'pending' }), 'Estimating price…');
  assert.equal(priceText({ state: 'none' }), '');
  assert.match(priceTooltip({ state: 'unknown' }), /submitting anyway is possible/);
});
