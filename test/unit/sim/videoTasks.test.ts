import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T0, queryTask, simFor, textToVideo } from './helpers';

/** Longer than any task at timeScale 1 (60–180 s). */
const DONE = 181_000;

function policyOf(url: string): { Statement: { Resource: string; Condition: { DateLessThan: { 'AWS:EpochTime': number } } }[] } {
  const policy = new URL(url).searchParams.get('Policy') ?? '';
  return JSON.parse(Buffer.from(policy.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64').toString('utf8'));
}

test('a video task goes pending → processing → completed with one signed URL, on the injected clock', async (t) => {
  const sim = await simFor(t);
  const taskId = await textToVideo(sim, 'a cat on a skateboard');
  const task = sim.tasks.get(taskId);
  assert.ok(task);
  const total = task.readyAt - T0;
  assert.ok(total >= 60_000 && total <= 180_000, `total ${total}`);

  let reply = await queryTask(sim, taskId);
  assert.equal(reply.code, 200);
  assert.equal(reply.data.status, 'pending');
  assert.deepEqual(reply.data.urls, []);
  sim.advance(total / 2);
  reply = await queryTask(sim, taskId);
  assert.equal(reply.data.status, 'processing');
  sim.advance(total / 2);
  reply = await queryTask(sim, taskId);
  assert.equal(reply.data.status, 'completed');
  assert.equal(reply.data.err_msg, '');
  assert.equal(reply.data.urls.length, 1);

  const url = new URL(reply.data.urls[0]);
  assert.equal(url.origin, sim.url);
  assert.equal(url.pathname, `/media/video/${taskId}.mp4`);
  assert.equal(url.searchParams.get('response-content-disposition'), `attachment; filename=${taskId}.mp4`);
  assert.equal(url.searchParams.get('Key-Pair-Id'), 'K2SIMULATOR');
  assert.ok(url.searchParams.get('Signature')?.includes('~'));
  const expires = Number(url.searchParams.get('Expires'));
  assert.equal(policyOf(reply.data.urls[0]).Statement[0].Condition.DateLessThan['AWS:EpochTime'], expires);
  assert.ok(expires > sim.now() / 1000);
  // The raw link keeps `~` unescaped, as giggle.pro's do.
  assert.match(reply.data.urls[0], /Signature=[^&]*~/);
});

test('durations follow from the task id and scale with timeScale; [slow] is ten times longer', async (t) => {
  const sim = await simFor(t, { timeScale: 0.01 });
  const fast = sim.tasks.get(await textToVideo(sim, 'quick'));
  const slow = sim.tasks.get(await textToVideo(sim, 'crawl [slow]'));
  assert.ok(fast && slow);
  assert.ok(fast.readyAt - T0 >= 600 && fast.readyAt - T0 <= 1800);
  assert.ok(slow.readyAt - T0 >= 6000 && slow.readyAt - T0 <= 18000);
});

test('the real clock works too: a tiny timeScale finishes in real milliseconds', async (t) => {
  const sim = await simFor(t, { timeScale: 0.0005, now: undefined });
  const taskId = await textToVideo(sim, 'real time');
  await new Promise((resolve) => setTimeout(resolve, 120));
  assert.equal((await queryTask(sim, taskId)).data.status, 'completed');
});

test('[two] yields two distinct signed URLs', async (t) => {
  const sim = await simFor(t);
  const taskId = await textToVideo(sim, 'two takes [two]');
  sim.advance(DONE);
  const { data } = await queryTask(sim, taskId);
  assert.equal(data.urls.length, 2);
  assert.notEqual(new URL(data.urls[0]).pathname, new URL(data.urls[1]).pathname);
  for (const url of data.urls) assert.equal((await fetch(url)).status, 200);
});

test('[fail] fails with a plain err_msg; [sensitive] fails with a moderation message', async (t) => {
  const sim = await simFor(t);
  const failing = await textToVideo(sim, 'oops [fail]');
  const moderated = await textToVideo(sim, 'bad things [sensitive]');
  sim.advance(DONE);
  const failed = (await queryTask(sim, failing)).data;
  assert.equal(failed.status, 'failed');
  assert.ok(failed.err_msg.length > 0);
  assert.doesNotMatch(failed.err_msg, /sensitive/);
  assert.deepEqual(failed.urls, []);
  const rejected = (await queryTask(sim, moderated)).data;
  assert.equal(rejected.status, 'failed');
  assert.match(rejected.err_msg, /sensitive/);
});

test('the media route serves a real MP4 with length, ranges and the download disposition', async (t) => {
  const sim = await simFor(t);
  const taskId = await textToVideo(sim, 'media');
  sim.advance(DONE);
  const [link] = (await queryTask(sim, taskId)).data.urls as string[];
  const whole = await fetch(link);
  assert.equal(whole.status, 200);
  assert.equal(whole.headers.get('content-type'), 'video/mp4');
  assert.equal(whole.headers.get('accept-ranges'), 'bytes');
  assert.match(whole.headers.get('content-disposition') ?? '', /^attachment; filename=/);
  const bytes = Buffer.from(await whole.arrayBuffer());
  assert.equal(Number(whole.headers.get('content-length')), bytes.length);
  assert.ok(bytes.length > 1000 && bytes.length < 100_000);
  assert.equal(bytes.toString('latin1', 4, 8), 'ftyp');
  assert.ok(bytes.includes(Buffer.from('avc1')), 'H.264 sample entry');

  const part = await fetch(link, { headers: { Range: 'bytes=0-99' } });
  assert.equal(part.status, 206);
  assert.equal(part.headers.get('content-range'), `bytes 0-99/${bytes.length}`);
  assert.deepEqual(Buffer.from(await part.arrayBuffer()), bytes.subarray(0, 100));
  const tail = await fetch(link, { headers: { Range: 'bytes=-10' } });
  assert.deepEqual(Buffer.from(await tail.arrayBuffer()), bytes.subarray(bytes.length - 10));
  const beyond = await fetch(link, { headers: { Range: `bytes=${bytes.length}-` } });
  assert.equal(beyond.status, 416);

  // Without the disposition parameter the same signature still holds: a playable link.
  const inline = new URL(link);
  inline.searchParams.delete('response-content-disposition');
  const play = await fetch(inline);
  assert.equal(play.status, 200);
  assert.equal(play.headers.get('content-disposition'), null);
  await play.arrayBuffer();
  assert.ok(sim.mediaRequests.length >= 5);
  assert.ok(sim.requests.every((request) => !request.path.startsWith('/media')));
});

test('`~` in the signature may be sent raw or as %7E; a cut or altered signature is 403', async (t) => {
  const sim = await simFor(t);
  const taskId = await textToVideo(sim, 'sig');
  sim.advance(DONE);
  const [link] = (await queryTask(sim, taskId)).data.urls as string[];
  const encoded = link.replace(/~/g, '%7E');
  assert.notEqual(encoded, link);
  const ok = await fetch(encoded);
  assert.equal(ok.status, 200);
  await ok.arrayBuffer();

  const signature = new URL(link).searchParams.get('Signature') ?? '';
  const altered = link.replace(`Signature=${signature}`, `Signature=${signature.slice(0, -3)}AAA`);
  const cut = link.slice(0, link.indexOf('~', link.indexOf('Signature=')));
  const otherPath = link.replace(`/media/video/${taskId}.mp4`, '/media/video/other.mp4');
  const laterExpiry = link.replace(/Expires=(\d+)/, (_, value: string) => `Expires=${Number(value) + 3600}`);
  for (const bad of [altered, cut, otherPath, laterExpiry]) {
    const res = await fetch(bad);
    assert.equal(res.status, 403, bad);
    assert.match(await res.text(), /AccessDenied/);
  }
});

test('signed URLs expire after signedUrlTtlMs (403), and a fresh query mints fresh ones', async (t) => {
  const sim = await simFor(t, { signedUrlTtlMs: 60_000 });
  const taskId = await textToVideo(sim, 'expiry');
  sim.advance(DONE);
  const [link] = (await queryTask(sim, taskId)).data.urls as string[];
  assert.equal(Number(new URL(link).searchParams.get('Expires')), Math.ceil((sim.now() + 60_000) / 1000));
  sim.advance(61_000);
  const expired = await fetch(link);
  assert.equal(expired.status, 403);
  assert.match(await expired.text(), /expired/);
  const [fresh] = (await queryTask(sim, taskId)).data.urls as string[];
  const res = await fetch(fresh);
  assert.equal(res.status, 200);
  await res.arrayBuffer();
});

test('the default URL lifetime is an hour scaled by timeScale', async (t) => {
  const sim = await simFor(t, { timeScale: 0.01 });
  const taskId = await textToVideo(sim, 'ttl');
  sim.advance(DONE * 0.01);
  const [link] = (await queryTask(sim, taskId)).data.urls as string[];
  assert.equal(Number(new URL(link).searchParams.get('Expires')), Math.ceil((sim.now() + 36_000) / 1000));
});
