/**
 * Context keys for `when` clauses, the welcome views and the walkthrough.
 * The walkthrough's steps complete on these (onContext:...), so the
 * "submitted" and "opened" keys are remembered across sessions.
 */
import * as vscode from 'vscode';
import type { ApiKeyStore } from './apiKey';
import type { JobStore } from '../jobs/jobStore';
import { videoLinks } from '../jobs/jobTypes';

export const CONTEXT_KEYS = {
  hasKey: 'giggle.hasKey',
  hasJobs: 'giggle.hasJobs',
  /** Some job has a finished video: the video commands appear in the Command Palette. */
  hasVideos: 'giggle.hasVideos',
  hasSubmitted: 'giggle.hasSubmittedJob',
  hasOpenedVideo: 'giggle.hasOpenedVideo',
} as const;

const set = (key: string, value: boolean) => vscode.commands.executeCommand('setContext', key, value);

export function trackContextKeys(context: vscode.ExtensionContext, keys: ApiKeyStore, store: JobStore): vscode.Disposable {
  const remember = (key: string) => {
    if (context.globalState.get(key)) return;
    void context.globalState.update(key, true);
    void set(key, true);
  };
  void set(CONTEXT_KEYS.hasSubmitted, !!context.globalState.get(CONTEXT_KEYS.hasSubmitted));
  void set(CONTEXT_KEYS.hasOpenedVideo, !!context.globalState.get(CONTEXT_KEYS.hasOpenedVideo));
  void keys.get().then((key) => set(CONTEXT_KEYS.hasKey, !!key));
  const updateJobs = () => void set(CONTEXT_KEYS.hasJobs, store.list().length > 0);
  // Updated on every change (a job finishing is an update), but sent to the workbench only when it flips.
  let hasVideos: boolean | undefined;
  const updateVideos = () => {
    const now = store.list().some((job) => videoLinks(job).length > 0);
    if (now !== hasVideos) void set(CONTEXT_KEYS.hasVideos, (hasVideos = now));
  };
  updateJobs();
  updateVideos();
  // Restored jobs announce no change: read the list again once it is loaded.
  const loadSub = store.onDidLoad(() => {
    updateJobs();
    updateVideos();
  });
  const storeSub = store.onDidChange((job, change) => {
    if (change !== 'updated') updateJobs();
    updateVideos();
    if ((job.kind === 'video' && job.taskId) || (job.kind === 'mv' && job.projectId)) remember(CONTEXT_KEYS.hasSubmitted);
    if (job.seen) remember(CONTEXT_KEYS.hasOpenedVideo);
  });
  return vscode.Disposable.from(
    keys.onDidChange((present) => void set(CONTEXT_KEYS.hasKey, present)),
    { dispose: () => storeSub.dispose() },
    { dispose: () => loadSub.dispose() },
  );
}
