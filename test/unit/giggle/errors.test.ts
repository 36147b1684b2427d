import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ApiError,
  AuthError,
  InputError,
  MalformedReplyError,
  MissingKeyError,
  ModerationError,
  NetworkError,
  RateLimitError,
  isGiggleError,
} from '../../../src/giggle/errors';
import type { GiggleError } from '../../../src/giggle/errors';
import { parseRetryAfter } from '../../../src/giggle/retryAfter';

test('every error is a GiggleError with its kind, name and operation', () => {
  const errors: Array<[GiggleError, string, string]> = [
    [new MissingKeyError('textToVideo'), 'missingKey', 'MissingKeyError'],
    [new AuthError('queryTask', 401), 'auth', 'AuthError'],
    [new RateLimitError('payMv', 429, 2000), 'rateLimited', 'RateLimitError'],
    [new ModerationError('textToVideo', 'sensitive'), 'moderation', 'ModerationError'],
    [new ApiError('submitMv', { code: 40001, apiMessage: 'bad' }), 'api', 'ApiError'],
    [new NetworkError('queryMv', 'reset', { outcomeUnknown: false }), 'network', 'NetworkError'],
    [new MalformedReplyError('createProject', 'reply is not JSON', { outcomeUnknown: true }), 'malformed', 'MalformedReplyError'],
    [new InputError([{ field: 'prompt', message: 'prompt must not be empty' }]), 'invalidInput', 'InputError'],
  ];
  for (const [error, kind, name] of errors) {
    assert.ok(isGiggleError(error));
    assert.ok(error instanceof Error);
    assert.equal(error.kind, kind);
    assert.equal(error.name, name);
  }
  assert.equal(isGiggleError(new Error('x')), false);
  assert.equal(isGiggleError({ kind: 'auth' }), false);
  assert.equal(isGiggleError(undefined), false);
});

test('messages are specific English sentences naming the call', () => {
  assert.equal(new AuthError('textToVideo', 401).message, 'Giggle rejected the API key (HTTP 401) while submitting a text-to-video task');
  assert.equal(new AuthError('queryMv', 200, 403).message, 'Giggle rejected the API key (code 403) while querying a music video project');
  assert.equal(new RateLimitError('queryTask', 429, 1500).message, 'Giggle is rate limiting requests (HTTP 429) while querying a video task; retry after 2 s');
  assert.equal(new RateLimitError('queryTask', 429).message, 'Giggle is rate limiting requests (HTTP 429) while querying a video task');
  assert.equal(
    new ApiError('payMv', { code: 40009, apiMessage: 'already paid', httpStatus: 200 }).message,
    'Giggle answered with error code 40009 while paying for a music video: already paid',
  );
  assert.equal(
    new ApiError('createProject', { code: 502, apiMessage: 'bad gateway', httpStatus: 502 }).message,
    'Giggle answered with error code 502 (HTTP 502) while creating a music video project: bad gateway',
  );
  assert.equal(
    new NetworkError('textToVideo', 'timeout', { outcomeUnknown: true, timeoutMs: 30000 }).message,
    'Giggle did not answer in time (30000 ms) while submitting a text-to-video task; the request may still have taken effect',
  );
  assert.equal(new NetworkError('queryTask', 'refused', { outcomeUnknown: false }).message, 'The connection to Giggle was refused while querying a video task');
  assert.equal(
    new MalformedReplyError('imageToVideo', 'data.task_id is missing', { outcomeUnknown: true }).message,
    'Giggle sent an unexpected reply while submitting an image-to-video task: data.task_id is missing',
  );
  assert.match(new MissingKeyError('submitMv').message, /^No Giggle API key is set; nothing was sent while submitting a music video/);
  assert.equal(
    new InputError([{ field: 'a', message: 'a is bad' }, { field: 'b', message: 'b is bad' }]).message,
    'Invalid input, nothing was sent: a is bad; b is bad',
  );
});

test('structured fields are exposed for the UI', () => {
  const rate = new RateLimitError('queryTask', 429, 5000);
  assert.equal(rate.retryAfterMs, 5000);
  assert.equal(rate.httpStatus, 429);
  const api = new ApiError('submitMv', { code: '40001', apiMessage: 'prompt is required', httpStatus: 200 });
  assert.equal(api.code, '40001');
  assert.equal(api.apiMessage, 'prompt is required');
  assert.equal(new NetworkError('queryTask', 'dns', { outcomeUnknown: false }).cause, 'dns');
  assert.equal(new MalformedReplyError('payMv', 'reply is not JSON', { outcomeUnknown: true }).detail, 'reply is not JSON');
  assert.deepEqual(new InputError([{ field: 'prompt', message: 'm' }]).issues, [{ field: 'prompt', message: 'm' }]);
});

test('outcomeUnknown defaults to false and is set only when asked', () => {
  assert.equal(new AuthError('textToVideo', 401).outcomeUnknown, false);
  assert.equal(new RateLimitError('textToVideo', 429).outcomeUnknown, false);
  assert.equal(new ModerationError('textToVideo', 'sensitive').outcomeUnknown, false);
  assert.equal(new MissingKeyError('textToVideo').outcomeUnknown, false);
  assert.equal(new ApiError('textToVideo', { code: 1, apiMessage: '' }).outcomeUnknown, false);
  assert.equal(new ApiError('textToVideo', { code: 500, apiMessage: '', outcomeUnknown: true }).outcomeUnknown, true);
  assert.equal(new NetworkError('textToVideo', 'reset', { outcomeUnknown: true }).outcomeUnknown, true);
});

test('parseRetryAfter reads delay-seconds and HTTP-dates', () => {
  const now = Date.UTC(2025, 0, 1, 12, 0, 0);
  assert.equal(parseRetryAfter('2', now), 2000);
  assert.equal(parseRetryAfter(' 0 ', now), 0);
  assert.equal(parseRetryAfter('Wed, 01 Jan 2025 12:00:30 GMT', now), 30_000);
  // A date in the past means "now", never a negative wait.
  assert.equal(parseRetryAfter('Wed, 01 Jan 2025 11:00:00 GMT', now), 0);
  assert.equal(parseRetryAfter(null, now), undefined);
  assert.equal(parseRetryAfter(undefined, now), undefined);
  assert.equal(parseRetryAfter('soon', now), undefined);
  assert.equal(parseRetryAfter('1.5', now), undefined);
  assert.equal(parseRetryAfter('-3', now), undefined);
});
