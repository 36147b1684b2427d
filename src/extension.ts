/**
 * Entry point: builds the services once, registers every command and view
 * through them, and returns the public API. Activation stays cheap (the jobs
 * file is read asynchronously; nothing polls until a job needs it), and a
 * failure here is shown to the user, since VS Code itself does not.
 */
import * as vscode from 'vscode';
import { appendFileSync } from 'node:fs';
import type { GiggleContext } from './context';
import { GiggleClient } from './giggle/client';
import { JobStore } from './jobs/jobStore';
import { JobFollower } from './jobs/jobFollower';
import { reconcileInterruptedSubmissions } from './jobs/videoSubmission';
import { reconcileInterruptedMvJobs } from './jobs/mvSubmission';
import { ApiKeyStore } from './platform/apiKey';
import { createLog } from './platform/log';
import { settings, SETTINGS } from './platform/settings';
import { fileJobsStorage } from './platform/fileJobsStorage';
import { notifyFollowEvent } from './platform/jobNotifications';
import { JobsTreeProvider } from './views/jobsTree';
import { registerGeneratorPanelSerializer } from './panel/generatorPanel';
import { createStatusBar } from './views/statusBar';
import { trackContextKeys } from './platform/contextKeys';
import { registerAllCommands } from './commands/all';
import { offerEnvironmentKey } from './commands/apiKey';
import { createPublicApi } from './publicApi';
import type { GiggleApi } from './publicApi';
import { createPollingPlan } from './jobs/pollingPlan';
import { mvPresentation, applyMvProgressForFollower } from './jobs/mvFollowing';
import { handleMvEvents } from './commands/musicVideoEvents';

export function activate(extension: vscode.ExtensionContext): GiggleApi {
  const started = performance.now();
  try {
    return activateOrThrow(extension);
  } catch (error) {
    void vscode.window.showErrorMessage(`Giggle Video could not start: ${(error as Error).message}`);
    throw error;
  } finally {
    recordActivation(started);
  }
}

/**
 * Benchmark hook (bench/activation.mjs): with GIGGLE_BENCH_ACTIVATION=<file>
 * in the extension host's environment, appends one line with activate()'s
 * duration in milliseconds. Unset (always, for users), it costs one
 * environment lookup.
 */
function recordActivation(started: number): void {
  const file = process.env.GIGGLE_BENCH_ACTIVATION;
  if (!file) return;
  try {
    appendFileSync(file, `${(performance.now() - started).toFixed(3)}\n`);
  } catch {
    // A benchmark aid must never break activation.
  }
}

function activateOrThrow(extension: vscode.ExtensionContext): GiggleApi {
  const keys = new ApiKeyStore(extension);
  const log = createLog(() => [keys.known()].filter((k): k is string => !!k));
  const makeClient = (getApiKey: () => string | undefined | Promise<string | undefined>) =>
    new GiggleClient({
      baseUrl: settings.apiBaseUrl(),
      getApiKey,
      timeoutMs: settings.requestTimeoutMs(),
      userAgent: `giggle-video-vscode/${extension.extension.packageJSON.version as string}`,
      onRequest: (entry) =>
        log.info(`${entry.method} ${entry.path} → ${entry.status ?? entry.errorKind ?? '?'} in ${Math.round(entry.durationMs)} ms`),
    });
  let client = makeClient(() => keys.get());

  const store = new JobStore(fileJobsStorage(extension.globalStorageUri.fsPath), {
    maxJobs: () => settings.historyMaxJobs(),
    log: (line) => log.warn(line),
  });
  const plan = createPollingPlan(extension.globalState);
  // Filled in below; the follower's event handler only runs after activation.
  const late: { ctx?: GiggleContext } = {};
  const follower = new JobFollower({
    store,
    api: { queryVideoTask: (id) => client.queryVideoTask(id), queryMv: (id) => client.queryMv(id) },
    planNextPoll: plan.nextPollAt,
    planUserPoll: plan.pollNowAt,
    createScheduler: plan.createScheduler,
    applyMvProgress: applyMvProgressForFollower,
    hasKey: async () => !!(await keys.get()),
    now: Date.now,
    onEvent: (event) => {
      if (event.type === 'finished') plan.recordFinished(event.job, event.seenAt);
      if (!late.ctx) return;
      if (event.type === 'mvProgress') handleMvEvents(late.ctx, event.job, event.events);
      else notifyFollowEvent(late.ctx, event);
    },
    log: (line) => log.warn(line),
  });
  const tree = new JobsTreeProvider(store, mvPresentation);
  const treeView = vscode.window.createTreeView('giggle.jobs', { treeDataProvider: tree, showCollapseAll: true });

  const context: GiggleContext = {
    extension,
    log,
    keys,
    client: () => client,
    clientWithKey: (key) => makeClient(() => key),
    store,
    follower,
    tree,
    treeView,
  };
  late.ctx = context;

  extension.subscriptions.push(
    keys,
    log,
    tree,
    treeView,
    { dispose: () => follower.dispose() },
    { dispose: () => void store.flush().finally(() => store.dispose()) },
    ...registerAllCommands(context),
    registerGeneratorPanelSerializer(context),
    createStatusBar(store),
    trackContextKeys(extension, keys, store),
    keys.onDidChange((present) => (present ? follower.resume() : follower.pause())),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (settings.affects(event, SETTINGS.apiBaseUrl) || settings.affects(event, SETTINGS.requestTimeoutSeconds)) {
        client = makeClient(() => keys.get());
        log.info(`API base URL is now ${settings.apiBaseUrl()}`);
      }
    }),
    // The user looks at the jobs: poll now rather than at the next scheduled time.
    treeView.onDidChangeVisibility((event) => event.visible && follower.pollNow()),
  );

  const ready = (async () => {
    await store.load();
    const interrupted = reconcileInterruptedSubmissions(store, Date.now()) + reconcileInterruptedMvJobs(store, Date.now());
    if (interrupted) log.warn(`${interrupted} job(s) were being submitted when the window closed; their outcome is unknown`);
    await follower.start();
    void offerEnvironmentKey(context);
  })().catch((error: Error) => {
    log.error(`could not restore the jobs list: ${error.message}`);
  });

  return createPublicApi(context, ready);
}

export function deactivate(): void {
  // Disposables registered in activate() flush the jobs list and stop timers.
}
