import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { formatLog, parseArgs } from '../../../sim/cli';

const ROOT = path.resolve(__dirname, '../../..');

test('parseArgs: defaults, values, repeatable keys, errors', () => {
  assert.deepEqual(parseArgs([]), { port: 8787, timeScale: 1, keys: ['sim-demo-key'] });
  assert.deepEqual(parseArgs(['--port', '0', '--time-scale=0.2', '--key', 'a', '--key', 'b', '--download-lag', '0', '--url-ttl-ms', '60000']), {
    port: 0,
    timeScale: 0.2,
    keys: ['a', 'b'],
    lag: 0,
    urlTtlMs: 60_000,
  });
  assert.deepEqual(parseArgs(['--key=a=b']).keys, ['a=b']);
  assert.throws(() => parseArgs(['--port', 'x']), /--port/);
  assert.throws(() => parseArgs(['--time-scale', '-1']), /--time-scale/);
  assert.throws(() => parseArgs(['--bogus']), /unknown option/);
  assert.throws(() => parseArgs(['--key']), /needs a value/);
});

test('formatLog shows method, status and path, and marks faults', () => {
  const line = formatLog({ method: 'GET', path: '/media/video/a.mp4?…', status: 200, ms: 3 });
  assert.match(line, /GET +200 \/media\/video\/a\.mp4\?… 3ms$/);
  assert.match(formatLog({ method: 'POST', path: '/x', status: 0, ms: 1, fault: 'hang' }), /--- \/x 1ms \[fault: hang\]/);
});

test('the CLI prints GIGGLE_SIM_URL first, logs requests without secrets, and exits on SIGINT', { timeout: 20_000 }, async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sim/cli.ts', '--port', '0', '--time-scale', '0.001', '--key', 'secret-key-123'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => (out += chunk));
  const waitFor = async (pattern: RegExp) => {
    for (const started = Date.now(); !pattern.test(out); await new Promise((resolve) => setTimeout(resolve, 20))) {
      if (Date.now() - started > 15_000) throw new Error(`timed out waiting for ${pattern}; got:\n${out}`);
    }
  };
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await waitFor(/Ctrl\+C/);
    const first = out.split('\n')[0];
    assert.match(first, /^GIGGLE_SIM_URL=http:\/\/127\.0\.0\.1:\d+$/);
    const url = first.slice('GIGGLE_SIM_URL='.length);

    const headers = { 'x-auth': 'secret-key-123', 'content-type': 'application/json' };
    const submit = await fetch(`${url}/api/v1/generation/text-to-video`, {
      method: 'POST', headers, body: JSON.stringify({ prompt: 'cli', model: 'grok', duration: 6 }),
    });
    const taskId = ((await submit.json()) as { data: { task_id: string } }).data.task_id;
    await new Promise((resolve) => setTimeout(resolve, 250));
    const query = await fetch(`${url}/api/v1/generation/task/query?task_id=${taskId}`, { headers });
    const link = ((await query.json()) as { data: { urls: string[] } }).data.urls[0];
    await (await fetch(link)).arrayBuffer();
    await waitFor(/GET +200 \/media\/video\//);

    assert.match(out, /POST +200 \/api\/v1\/generation\/text-to-video/);
    assert.match(out, /GET +200 \/api\/v1\/generation\/task\/query\?task_id=/);
    assert.doesNotMatch(out, /secret-key-123/);
    assert.doesNotMatch(out, /Signature=|Policy=/);
  } finally {
    child.kill('SIGINT');
  }
  assert.equal(await exited, 0);
});
