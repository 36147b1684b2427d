import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../../src/giggle/errors';
import type { MvSubmitRequest } from '../../../src/giggle/types';
import type { MvJob } from '../../../src/jobs/jobTypes';
import { unpaidAtGate } from '../../../src/jobs/mvFollowing';
import { MvActionError, refreshMusicVideo } from '../../../src/jobs/mvActions';
import {
  DuplicateSubmissionError,
  reconcileInterruptedMvJobs,
  resubmitInputFromJob,
  resubmitMusicVideo,
  submitMusicVideo,
} from '../../../src/jobs/mvSubmission';
import { PNG_BASE64, deferred, harness, lostReply, mvState, promptForm, refusal, settle, step } from './mvFakes';

test('one user action sends exactly one create and one submit, for the created project', async () => {
  const h = harness();
  const job = await submitMusicVideo(h.deps, promptForm());

  assert.equal(job.phase, 'running');
  assert.equal(job.projectId, 'proj1');
  assert.deepEqual(
    h.api.calls.map((call) => call.method),
    ['createMvProject', 'submitMv'],
  );
  assert.deepEqual(h.api.calls[0].args[0], { name: 'Beach MV', aspect: '16:9' });
  const sent = h.api.calls[1].args[0] as MvSubmitRequest;
  assert.equal(sent.projectId, 'proj1');
  assert.equal(sent.aspect, '16:9');
  assert.equal(sent.referenceImageUrl, PNG_BASE64);
  assert.equal(sent.musicGenerateType === 'prompt' && sent.prompt, 'Upbeat pop, sunny beach vibe');
  assert.equal(h.store.list().length, 1);
});

test('the job is on disk before each request leaves: creating before create, with its project id before submit', async () => {
  const h = harness();
  await submitMusicVideo(h.deps, promptForm());

  const [create, submit] = h.api.calls;
  assert.equal(create.onDisk.length, 1);
  assert.equal(create.onDisk[0].phase, 'creating');
  const atSubmit = submit.onDisk[0] as MvJob;
  assert.equal(atSubmit.projectId, 'proj1');
  // Not "notSubmitted": after a crash mid-submit the job must be asked about, not offered for a second submit.
  assert.equal(atSubmit.phase, 'submitting');
  await h.store.flush();
  assert.equal(h.storage.mvJob(atSubmit.id)?.phase, 'running');
});

test('the saved request describes the reference image but never holds its bytes', async () => {
  const h = harness();
  const fromFile = await submitMusicVideo(h.deps, promptForm(), { kind: 'file', path: 'images/beach.png' });
  const pasted = await submitMusicVideo(h.deps, promptForm({ name: 'Pasted' }));
  const byAsset = await submitMusicVideo(h.deps, promptForm({ name: 'Asset', referenceImageUrl: undefined, referenceImage: 'asset_123' }));
  await h.store.flush();

  assert.ok(!h.storage.text?.includes(PNG_BASE64), 'base64 bytes must not be persisted');
  assert.deepEqual(h.storage.mvJob(fromFile.id)?.request.reference, { kind: 'file', path: 'images/beach.png', bytes: 70 });
  assert.deepEqual(h.storage.mvJob(pasted.id)?.request.reference, { kind: 'base64', bytes: 70 });
  assert.deepEqual(h.storage.mvJob(byAsset.id)?.request.reference, { kind: 'asset', assetId: 'asset_123' });
  assert.equal(h.storage.mvJob(pasted.id)?.request.prompt, 'Upbeat pop, sunny beach vibe');
});

test('invalid input sends nothing and records no job, and names every bad field', async () => {
  const h = harness();
  await assert.rejects(
    submitMusicVideo(h.deps, promptForm({ aspect: '4:3', prompt: '', sceneDescription: 'x'.repeat(201) })),
    (error: unknown) => {
      assert.ok(error instanceof InputError);
      const fields = error.issues.map((issue) => issue.field).sort();
      assert.deepEqual(fields, ['aspect', 'prompt', 'sceneDescription']);
      return true;
    },
  );
  await assert.rejects(submitMusicVideo(h.deps, promptForm({ name: undefined, referenceImageUrl: 'data:image/png;base64,AAAA' })), InputError);
  assert.equal(h.api.calls.length, 0);
  assert.equal(h.store.list().length, 0);
  assert.equal(h.storage.writes.length, 0);
});

test('a refused create marks the job createFailed and submits nothing', async () => {
  const h = harness();
  h.api.onCreate = async () => {
    throw refusal('quota exceeded', 'createProject');
  };
  await assert.rejects(submitMusicVideo(h.deps, promptForm()), /quota exceeded/);

  const [job] = h.store.list() as MvJob[];
  assert.equal(job.phase, 'createFailed');
  assert.equal(job.projectId, undefined);
  assert.match(job.lastError?.message ?? '', /quota exceeded/);
  assert.equal(h.api.count('submitMv'), 0);
});

test('a create whose outcome is unknown stays outcomeUnknown without a project id and is never re-sent', async () => {
  const h = harness();
  h.api.onCreate = async () => {
    throw lostReply('createProject');
  };
  await assert.rejects(submitMusicVideo(h.deps, promptForm()), /may still have taken effect/);

  const [job] = h.store.list() as MvJob[];
  assert.equal(job.phase, 'outcomeUnknown');
  assert.equal(job.projectId, undefined);
  assert.match(job.lastError?.message ?? '', /may or may not have been created/);
  await settle();
  assert.equal(h.api.count('createMvProject'), 1);
  assert.equal(h.api.count('submitMv'), 0);
});

test('a refused submit keeps the project; Submit Again re-sends the submit for that same project only', async () => {
  const h = harness();
  h.api.onSubmit = async () => {
    throw refusal('reference_image not found');
  };
  await assert.rejects(submitMusicVideo(h.deps, promptForm()), /reference_image not found/);
  const [failed] = h.store.list() as MvJob[];
  assert.equal(failed.phase, 'notSubmitted');
  assert.equal(failed.projectId, 'proj1');
  assert.match(failed.lastError?.message ?? '', /created but not submitted/);

  h.api.onSubmit = async () => undefined;
  const { input, missingImage } = resubmitInputFromJob(failed);
  assert.deepEqual(missingImage, { kind: 'base64', bytes: 70 });
  const again = await resubmitMusicVideo(h.deps, failed.id, { ...input, referenceImageUrl: PNG_BASE64 });

  assert.equal(again.id, failed.id);
  assert.equal(again.phase, 'running');
  assert.equal(again.lastError, undefined);
  assert.equal(h.api.count('createMvProject'), 1, 'never a second project');
  const submits = h.api.callsOf('submitMv');
  assert.equal(submits.length, 2);
  assert.equal((submits[1].args[0] as MvSubmitRequest).projectId, 'proj1');
  assert.equal(h.store.list().length, 1);
});

test('Submit Again cannot change the aspect of an existing project', async () => {
  const h = harness();
  h.api.onSubmit = async () => {
    throw refusal('bad prompt');
  };
  await assert.rejects(submitMusicVideo(h.deps, promptForm()));
  const [job] = h.store.list();
  await assert.rejects(resubmitMusicVideo(h.deps, job.id, promptForm({ aspect: '9:16' })), InputError);
  assert.equal(h.api.count('submitMv'), 1);
});

test('a submit "already submitted" refusal on Submit Again means it is under way', async () => {
  const h = harness();
  h.api.onSubmit = async () => {
    throw refusal('boom');
  };
  await assert.rejects(submitMusicVideo(h.deps, promptForm()));
  h.api.onSubmit = async () => {
    throw refusal('project proj1 has already been submitted');
  };
  const [job] = h.store.list();
  const again = await resubmitMusicVideo(h.deps, job.id, promptForm());
  assert.equal(again.phase, 'running');
});

test('a submit whose outcome is unknown is asked about: no progress means safe to submit again', async () => {
  const h = harness();
  h.api.onSubmit = async () => {
    throw lostReply();
  };
  await assert.rejects(submitMusicVideo(h.deps, promptForm()));
  const [job] = h.store.list() as MvJob[];
  assert.equal(job.phase, 'outcomeUnknown');
  assert.equal(job.projectId, 'proj1');

  // Not yet decided: Submit Again is refused rather than risking a second submission.
  await assert.rejects(resubmitMusicVideo(h.deps, job.id, promptForm()), (error: unknown) => {
    assert.ok(error instanceof MvActionError);
    assert.match(error.message, /Refresh it first/);
    return true;
  });

  h.api.onQuery = async (projectId) => mvState({ projectId, status: 'created', currentStep: '', payStatus: '' });
  const { job: decided, events } = await refreshMusicVideo(h.deps, job.id);
  assert.equal(decided.phase, 'notSubmitted');
  assert.deepEqual(events, ['notSubmitted']);
  assert.match(decided.lastError?.message ?? '', /did not go through/);

  h.api.onSubmit = async () => undefined;
  const again = await resubmitMusicVideo(h.deps, job.id, promptForm());
  assert.equal(again.phase, 'running');
  assert.equal(h.api.count('createMvProject'), 1);
  assert.equal(h.api.count('submitMv'), 2);
});

test('a submit whose outcome is unknown becomes running when Giggle shows progress', async () => {
  const h = harness();
  h.api.onSubmit = async () => {
    throw lostReply();
  };
  await assert.rejects(submitMusicVideo(h.deps, promptForm()));
  const [job] = h.store.list();
  h.api.onQuery = async () => mvState({ currentStep: 'music-generate', steps: [step('music-generate', 'processing'), step('storyboard', 'pending')] });
  const { job: decided, events } = await refreshMusicVideo(h.deps, job.id);
  assert.equal(decided.phase, 'running');
  assert.deepEqual(events, ['submitConfirmed']);
  assert.equal(decided.lastError, undefined);
  assert.equal(h.api.count('submitMv'), 1);
});

test('a double invocation with the same input while one is in flight is refused, not sent twice', async () => {
  const h = harness();
  const create = deferred<{ projectId: string }>();
  h.api.onCreate = () => create.promise;

  const first = submitMusicVideo(h.deps, promptForm());
  await assert.rejects(submitMusicVideo(h.deps, promptForm()), (error: unknown) => {
    assert.ok(error instanceof DuplicateSubmissionError);
    assert.match(error.message, /already being submitted/);
    return true;
  });
  create.resolve({ projectId: 'proj1' });
  await first;
  assert.equal(h.api.count('createMvProject'), 1);
  assert.equal(h.api.count('submitMv'), 1);
  assert.equal(h.store.list().length, 1);

  // Once the first is done, the same input is a new, deliberate music video.
  h.api.onCreate = async () => ({ projectId: 'proj2' });
  await submitMusicVideo(h.deps, promptForm());
  assert.equal(h.api.count('createMvProject'), 2);
});

test('a double Submit Again click sends one submit', async () => {
  const h = harness();
  h.api.onSubmit = async () => {
    throw refusal('busy');
  };
  await assert.rejects(submitMusicVideo(h.deps, promptForm()));
  const [job] = h.store.list();
  const submit = deferred<void>();
  h.api.onSubmit = () => submit.promise;
  const first = resubmitMusicVideo(h.deps, job.id, promptForm());
  await assert.rejects(resubmitMusicVideo(h.deps, job.id, promptForm()), DuplicateSubmissionError);
  submit.resolve();
  await first;
  assert.equal(h.api.count('submitMv'), 2);
});

test('Submit Again after a refused create creates a project anew on the same job', async () => {
  const h = harness();
  h.api.onCreate = async () => {
    throw refusal('try later', 'createProject');
  };
  await assert.rejects(submitMusicVideo(h.deps, promptForm()));
  const [job] = h.store.list();

  h.api.onCreate = async () => ({ projectId: 'proj9' });
  const again = await resubmitMusicVideo(h.deps, job.id, promptForm());
  assert.equal(again.id, job.id);
  assert.equal(again.phase, 'running');
  assert.equal(again.projectId, 'proj9');
  assert.equal(h.api.callsOf('createMvProject')[1].onDisk[0].phase, 'creating');
  assert.equal(h.api.count('submitMv'), 1);
});

test('Submit Again is refused, with the reason, for a job that is running', async () => {
  const h = harness();
  const job = await submitMusicVideo(h.deps, promptForm());
  await assert.rejects(resubmitMusicVideo(h.deps, job.id, promptForm()), /can be submitted again; this one is in progress/);
  assert.equal(h.api.calls.length, 2);
});

test('jobs left mid-call by a closed window become outcomeUnknown (or uncertain payments), never re-sent', async () => {
  const h = harness();
  const create = deferred<{ projectId: string }>();
  h.api.onCreate = () => create.promise;
  void submitMusicVideo(h.deps, promptForm()).catch(() => undefined);
  await settle();

  // A reload: a fresh store reads what was on disk.
  const reloaded = harness();
  reloaded.storage.text = h.storage.text;
  await reloaded.store.load();
  assert.equal(reconcileInterruptedMvJobs(reloaded.store, reloaded.clock.now()), 1);
  const [job] = reloaded.store.list() as MvJob[];
  assert.equal(job.phase, 'outcomeUnknown');
  assert.match(job.lastError?.message ?? '', /window closed/);
  // reconcileInterruptedMvJobs is handed the store and nothing that can send: what it does is what it writes.
  // The file must say outcomeUnknown (never `creating`, which a later start-up would reconcile again), and no
  // automatic payment may follow from it.
  await reloaded.store.flush();
  assert.equal(reloaded.storage.mvJob(job.id)?.phase, 'outcomeUnknown');
  assert.deepEqual(unpaidAtGate(reloaded.storage.jobs()), []);
  create.resolve({ projectId: 'proj1' });
});
