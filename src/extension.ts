/**
 * Entry point and the eagerly loaded core (dist/extension.js): the jobs list,
 * the tree, the status bar, context keys and the polling schedule. Everything
 * heavier (the API client with node-fetch and its schemas, commands, wizards,
 * the panel) lives in dist/features.js and is required the first time it is
 * needed (see featuresLoader.ts), which keeps this bundle and activate() small.
 * Activation stays cheap (the jobs file is read asynchronously; nothing polls
 * until a job needs it), and a failure here is shown to the user, since VS
 * Code itself does not.
 */
import * as vscode from 'vscode';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { configurePureModuleStrings } from './platform/pureStrings';
import type { CoreServices } from './context';
import { JobStore } from './jobs/jobStore';
import { JobFollower } from './jobs/jobFollower';
import { reconcileInterruptedSubmissions } from './jobs/videoSubmission';
import { reconcileInterruptedMvJobs } from './jobs/mvSubmission';
import { livingWindows, openWindows, startPresence } from './jobs/windowPresence';
import type { Presence } from './jobs/windowPresence';
import { Announcer } from './jobs/announcer';
import { postNotice, takeNotices, watchNotices } from './jobs/noticeBox';
import { pollerLease } from './jobs/pollerLease';
import type { PollerLease } from './jobs/pollerLease';
import { ApiKeyStore } from './platform/apiKey';
import { createLog } from './platform/log';
import { settings } from './platform/settings';
import { fileJobsStorage } from './platform/fileJobsStorage';
import { saveProblemNotice } from './platform/saveProblemNotice';
import { unreadableJobsNotice } from './platform/unreadableJobsNotice';
import { recordBenchFigure } from './platform/testHooks';
import { JobsTreeProvider } from './views/jobsTree';
import { createStatusBar } from './views/statusBar';
import { trackContextKeys } from './platform/contextKeys';
import { createPublicApi } from './publicApi';
import type { GiggleApi } from './publicApi';
import { createPollingPlan } from './jobs/pollingPlan';
import { mvPresentation, applyMvProgressForFollower, unpaidAtGate } from './jobs/mvFollowing';
import { createFeaturesLoader, registerLazyCommands, registerLazyPanelSerializer } from './featuresLoader';

export function activate(extension: vscode.ExtensionContext): GiggleApi {
  const started = performance.now();
  try {
    return activateOrThrow(extension);
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Giggle Video could not start: {0}', (error as Error).message));
    throw error;
  } finally {
    recordBenchFigure('activate', started);
  }
}

function activateOrThrow(extension: vscode.ExtensionContext): GiggleApi {
  configurePureModuleStrings();
  const keys = new ApiKeyStore(extension);
  const log = createLog(() => [keys.known()].filter((k): k is string => !!k));

  const storageFolder = extension.globalStorageUri.fsPath;
  // This window, among the others that share the jobs file (see windowPresence.ts).
  const windowId = randomUUID();
  // Started just after activate() returns (below), to keep activation small; nothing reads them before.
  let presence: Presence | undefined;
  let lease: PollerLease | undefined;
  let disposed = false;
  const store = new JobStore(fileJobsStorage(storageFolder), {
    windowId,
    maxJobs: () => settings.historyMaxJobs(),
    log: (line) => log.warn(line),
    onSaveProblem: saveProblemNotice(log, storageFolder),
    onUnreadable: unreadableJobsNotice(log, path.join(storageFolder, 'jobs.json')),
  });
  const plan = createPollingPlan(extension.globalState);
  // Filled in below: the follower only calls the features after activation.
  const late: { features?: ReturnType<typeof createFeaturesLoader> } = {};
  const features = () => late.features!.load();
  // Finished jobs are announced once, in the window that started them or the one the user looks at.
  const announcer = new Announcer({
    windowId,
    openWindows: () => openWindows(storageFolder),
    post: (notice) => postNotice(storageFolder, notice),
    take: (accept) => takeNotices(storageFolder, windowId, accept),
    job: (id) => store.get(id),
    show: (event) => void features().then((loaded) => loaded.onFollowEvent(event)),
    now: Date.now,
    log: (line) => log.warn(line),
  });
  const follower = new JobFollower({
    mayPoll: () => lease?.holds() ?? false,
    store,
    api: {
      queryVideoTask: async (id) => (await features()).ctx.client().queryVideoTask(id),
      queryMv: async (id) => (await features()).ctx.client().queryMv(id),
    },
    planNextPoll: plan.nextPollAt,
    planUserPoll: plan.pollNowAt,
    createScheduler: plan.createScheduler,
    // The gate remembers whether payment was automatic when it was reached (see unpaidAtGate).
    applyMvProgress: (job, state, now) => applyMvProgressForFollower(job, state, now, { autoPay: settings.musicVideoPayment() === 'auto' }),
    hasKey: async () => !!(await keys.get()),
    now: Date.now,
    onEvent: (event) => {
      if (event.type === 'finished') plan.recordFinished(event.job, event.seenAt);
      // The announcer keeps the events' order.
      void announcer.route(event);
    },
    log: (line) => log.warn(line),
  });
  const tree = new JobsTreeProvider(store, mvPresentation);
  const treeView = vscode.window.createTreeView('giggle.jobs', { treeDataProvider: tree, showCollapseAll: true });

  const core: CoreServices = { extension, log, keys, store, follower, tree, treeView };
  late.features = createFeaturesLoader(core);

  extension.subscriptions.push(
    keys,
    log,
    {
      dispose: () => {
        disposed = true;
        presence?.dispose();
        lease?.dispose();
      },
    },
    tree,
    treeView,
    { dispose: () => follower.dispose() },
    announcer,
    // What the polling window hands to this one: looked at as notices arrive (watched below) and as jobs change.
    store.onDidChange(() => void announcer.collect()),
    vscode.window.onDidChangeWindowState((state) => {
      if (!state.focused) return;
      presence?.focused(Date.now());
      void announcer.collect();
    }),
    { dispose: () => void store.flush().finally(() => store.dispose()) },
    ...registerLazyCommands(extension, features),
    registerLazyPanelSerializer(features),
    createStatusBar(store),
    trackContextKeys(extension, keys, store),
    keys.onDidChange((present) => (present ? follower.resume() : follower.pause())),
    // The user looks at the jobs: poll now rather than at the next scheduled time.
    treeView.onDidChangeVisibility((event) => event.visible && follower.pollNow()),
  );

  const ready = (async () => {
    // After activate() has returned: this window's presence, its bid to be the one that polls, and the notices it is handed.
    await Promise.resolve();
    if (disposed) return;
    presence = startPresence(storageFolder, windowId);
    if (vscode.window.state.focused) presence.focused(Date.now());
    // One window polls Giggle for all of them; the others show what it writes to the shared list.
    lease = pollerLease(storageFolder, (holds) => {
      log.info(holds ? 'this window now follows the jobs for every window' : 'another window took over following the jobs');
      if (holds) follower.pollNow();
    }, { holder: windowId });
    extension.subscriptions.push(watchNotices(storageFolder, () => void announcer.collect()));
    await store.load();
    // Only the calls of windows that are gone were interrupted; an open window's are still on their way.
    const open = await livingWindows(storageFolder);
    const isOpen = (id: string) => id !== windowId && open.has(id);
    const interrupted = reconcileInterruptedSubmissions(store, Date.now(), isOpen) + reconcileInterruptedMvJobs(store, Date.now(), isOpen);
    if (interrupted) log.warn(`${interrupted} job(s) were being submitted when the window closed; their outcome is unknown`);
    await follower.start();
    // Announcements left for a window that closed before showing them.
    void announcer.collect();
    // Automatic payment interrupted by a reload at the gate: pay now, as the user asked (never a second payment).
    const unpaid = settings.musicVideoPayment() === 'auto' ? unpaidAtGate(store.list()) : [];
    if (unpaid.length) {
      log.info(`${unpaid.length} music video(s) reached the payment gate before the window closed; paying automatically`);
      const loaded = await features();
      for (const job of unpaid) loaded.onFollowEvent({ type: 'mvProgress', job, events: ['awaitingPayment'] });
    }
    // Offering GIGGLE_API_KEY needs the features; load them only when there is something to offer.
    if (keys.shouldOfferEnvImport() && !(await keys.get())) await (await features()).offerEnvironmentKey();
  })().catch((error: Error) => {
    log.error(`could not restore the jobs list: ${error.message}`);
  });

  return createPublicApi(core, features, ready);
}

export function deactivate(): void {
  // Disposables registered in activate() flush the jobs list and stop timers.
}
