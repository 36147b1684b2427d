/**
 * The lazily loaded half of the extension (dist/features.js): the Giggle API
 * client (node-fetch, the response schemas), every command handler, the
 * wizards, the generator panel and the notifications. The core
 * (src/extension.ts) requires it the first time a command runs, the panel is
 * restored or a job needs polling, so opening VS Code with the extension
 * installed costs only the small core bundle.
 *
 * Both bundles keep their own copy of shared pure modules; nothing crosses
 * the boundary by `instanceof` (GiggleError is recognised by a registered
 * symbol) and the stateful services are built once, in the core, and passed
 * in.
 */
import * as vscode from 'vscode';
import { configurePureModuleStrings } from './platform/pureStrings';
import type { CoreServices, GiggleContext } from './context';
import { GiggleClient } from './giggle/client';
import { settings, SETTINGS } from './platform/settings';
import { notifyFollowEvent } from './commands/jobNotifications';
import type { FollowEvent } from './jobs/jobFollower';
import { runNamedCommand } from './commands/all';
import { offerEnvironmentKey } from './commands/apiKey';
import { submitVideoFromArgs } from './commands/videoSubmit';
import type { VideoArgs } from './commands/videoSubmit';
import { mvSubmissionFromArgs } from './commands/musicVideoArgs';
import { submitMusicVideo } from './submission/musicVideo';
import type { Job } from './jobs/jobTypes';
import { GeneratorPanel } from './panel/generatorPanel';

export interface Features {
  readonly ctx: GiggleContext;
  /** `invokedAt`: when the core's stub received the command (before this bundle loaded). */
  runCommand(name: string, args: readonly unknown[], invokedAt: number): Promise<unknown>;
  revivePanel(panel: vscode.WebviewPanel): void;
  onFollowEvent(event: FollowEvent): void;
  submitVideo(args: VideoArgs): Promise<Job>;
  submitMusicVideo(args: Record<string, unknown>): Promise<Job>;
  offerEnvironmentKey(): Promise<void>;
}

export function createFeatures(core: CoreServices): Features {
  configurePureModuleStrings();
  const { extension, log, keys } = core;
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
  extension.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (settings.affects(event, SETTINGS.apiBaseUrl) || settings.affects(event, SETTINGS.requestTimeoutSeconds)) {
        client = makeClient(() => keys.get());
        log.info(`API base URL is now ${settings.apiBaseUrl()}`);
      }
    }),
  );

  const ctx: GiggleContext = { ...core, client: () => client, clientWithKey: (key) => makeClient(() => key) };
  return {
    ctx,
    runCommand: (name, args, invokedAt) => runNamedCommand(ctx, name, args, invokedAt),
    revivePanel: (panel) => GeneratorPanel.revive(ctx, panel),
    onFollowEvent: (event) => notifyFollowEvent(ctx, event),
    submitVideo: (args) => submitVideoFromArgs(ctx, args),
    submitMusicVideo: async (args) => submitMusicVideo(ctx, await mvSubmissionFromArgs(args)),
    offerEnvironmentKey: () => offerEnvironmentKey(ctx),
  };
}
