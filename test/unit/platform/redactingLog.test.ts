import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactingLog } from '../../../src/platform/redactingLog';
import type { LogSink } from '../../../src/platform/redactingLog';

const KEY = 'gk_live_0123456789abcdefSECRET';
const SIGNATURE = 'FAKESIG~k3Y9sEcReTsIgNaTuRe';
const SIGNED_URL = `https://cdn.giggle.example/v/a.mp4?Policy=eyJ9&Signature=${SIGNATURE}&Key-Pair-Id=KPAIR`;
const LEVELS = ['info', 'warn', 'error', 'debug', 'trace'] as const;

/** The output channel as a list of the lines that reached it, per level. */
function sink(): LogSink & { lines: Array<[string, string]>; shown: boolean[] } {
  const lines: Array<[string, string]> = [];
  const shown: boolean[] = [];
  const level = (name: string) => (message: string) => void lines.push([name, message]);
  return {
    lines,
    shown,
    info: level('info'),
    warn: level('warn'),
    error: level('error'),
    debug: level('debug'),
    trace: level('trace'),
    show: (preserveFocus) => void shown.push(preserveFocus ?? false),
    dispose: () => undefined,
  };
}

test('every log level reaches the channel without the API key or a signed URL\'s query, and keeps the rest of the line', () => {
  const channel = sink();
  const log = redactingLog(channel, () => [KEY]);
  for (const level of LEVELS) log[level](`${level}: request with key ${KEY} failed; video at ${SIGNED_URL}`);
  assert.deepEqual(channel.lines.map(([level]) => level), [...LEVELS], 'each level writes to its own level');
  for (const [level, line] of channel.lines) {
    assert.ok(!line.includes(KEY), `${level} wrote the key: ${line}`);
    assert.ok(!line.includes(SIGNATURE), `${level} wrote the signature: ${line}`);
    assert.ok(!/[?&](Policy|Signature|Key-Pair-Id)=/.test(line), `${level} wrote a signed query: ${line}`);
    assert.match(line, new RegExp(`^${level}: request with key gk_l… failed; video at https://cdn\\.giggle\\.example/v/a\\.mp4`));
  }
});

test('a key set after the log was created is redacted at every level', () => {
  const channel = sink();
  let keys: string[] = [];
  const log = redactingLog(channel, () => keys);
  keys = [KEY];
  for (const level of LEVELS) log[level](`now ${KEY}`);
  assert.ok(channel.lines.every(([, line]) => line === 'now gk_l…'), JSON.stringify(channel.lines));
});

test('showing the log keeps the focus where the user is', () => {
  const channel = sink();
  redactingLog(channel, () => []).show();
  assert.deepEqual(channel.shown, [true]);
});
