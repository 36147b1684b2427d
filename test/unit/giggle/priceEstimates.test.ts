// Price estimates for the wizard and the panel (src/giggle/priceEstimates.ts): the
// model-price lookup is injected, so no API and no vscode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PriceEstimates } from '../../../src/giggle/priceEstimates';
import type { PriceQuery } from '../../../src/giggle/types';

const TXT = 'VideoService.Txt2Video';
const IMG = 'VideoService.Img2Video';

function recorder(answer: (query: PriceQuery) => Promise<number | undefined>) {
  const calls: PriceQuery[] = [];
  return { calls, lookup: (query: PriceQuery) => (calls.push(query), answer(query)) };
}

test('asks Giggle with model, generate type and duration, and caches a known price', async () => {
  const { calls, lookup } = recorder(async (q) => (q.generateType === IMG ? 70 : 60));
  const prices = new PriceEstimates(lookup);
  assert.equal(await prices.estimate({ model: 'grok', generateType: TXT, duration: 6 }), 60);
  assert.equal(await prices.estimate({ model: 'grok', generateType: TXT, duration: 6 }), 60);
  assert.equal(await prices.estimate({ model: 'grok', generateType: IMG, duration: 6 }), 70);
  assert.deepEqual(calls, [
    { model: 'grok', generateType: TXT, duration: 6 },
    { model: 'grok', generateType: IMG, duration: 6 },
  ]);
});

test('concurrent requests for the same price share one call', async () => {
  let release!: (credits: number) => void;
  const { calls, lookup } = recorder(() => new Promise((resolve) => (release = resolve)));
  const prices = new PriceEstimates(lookup);
  const a = prices.estimate({ model: 'veo31', generateType: TXT, duration: 8 });
  const b = prices.estimate({ model: 'veo31', generateType: TXT, duration: 8 });
  release(120);
  assert.deepEqual([await a, await b], [120, 120]);
  assert.equal(calls.length, 1);
});

test('a failed, refused or nonsensical answer is unknown, and is asked again next time', async () => {
  const answers: Array<() => Promise<number | undefined>> = [
    async () => undefined,
    async () => Promise.reject(new Error('network down')),
    async () => Number.NaN,
    async () => -5,
    async () => 30,
  ];
  const { calls, lookup } = recorder(() => answers.shift()!());
  const prices = new PriceEstimates(lookup);
  const query = { model: 'kling25', generateType: TXT, duration: 5 };
  for (let i = 0; i < 4; i++) assert.equal(await prices.estimate(query), undefined);
  assert.equal(await prices.estimate(query), 30);
  assert.equal(calls.length, 5);
});

test('a slow answer is unknown after the wait, never a blocker', async () => {
  const { lookup } = recorder(() => new Promise(() => {}));
  const prices = new PriceEstimates(lookup, 20);
  const started = Date.now();
  assert.equal(await prices.estimate({ model: 'grok', generateType: TXT, duration: 10 }), undefined);
  assert.ok(Date.now() - started < 1000);
});

test('a model or duration the catalogue does not offer is unknown without asking Giggle', async () => {
  const { calls, lookup } = recorder(async () => 10);
  const prices = new PriceEstimates(lookup);
  assert.equal(await prices.estimate({ model: 'not-a-model', generateType: TXT, duration: 6 }), undefined);
  assert.equal(await prices.estimate({ model: 'grok', generateType: TXT, duration: 7 }), undefined);
  assert.equal(calls.length, 0);
});
