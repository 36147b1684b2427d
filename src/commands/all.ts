/**
 * Every command the extension contributes, with its handler, in one list.
 * test/unit/manifest.test.ts checks that this list and package.json's
 * `contributes.commands` name the same commands.
 */
import * as vscode from 'vscode';
import type { GiggleContext } from '../context';
import type { CommandHandler } from './registry';
import { runCommand } from './registry';
import { runWithInvocationTime } from '../platform/testHooks';
import { clearApiKey, setApiKey } from './apiKey';
import { generateVideo } from './generateVideo';
import { openVideo } from './openVideo';
import { copyVideoLink } from './copyVideoLink';
import { downloadVideo } from './downloadVideo';
import { previewVideo } from './previewVideo';
import { showJobDetails } from './jobDetails';
import { removeJob } from './removeJob';
import { submitAgain } from './submitAgain';
import { trackJob } from './trackJob';
import { generateMusicVideo, payMusicVideo, resubmitMusicVideo, resumeMusicVideo, retryMusicVideoStep } from './musicVideo';
import { openGenerator, generateVideoFromImage } from './openGenerator';

export const COMMANDS: Record<string, CommandHandler> = {
  setApiKey,
  clearApiKey,
  generateVideo,
  generateMusicVideo,
  openGenerator,
  generateVideoFromImage,
  refresh: (ctx) => {
    if (ctx.follower.isPaused()) {
      void vscode.window
        .showWarningMessage(vscode.l10n.t('Following jobs is paused until a valid Giggle API key is set.'), vscode.l10n.t('Set API Key'))
        .then((choice) => {
          if (choice) void vscode.commands.executeCommand('giggle.setApiKey');
        });
    }
    ctx.follower.pollNow();
  },
  showLog: (ctx) => ctx.log.show(),
  openVideo,
  copyVideoLink,
  downloadVideo,
  previewVideo,
  showJobDetails,
  removeJob,
  submitAgain,
  payMusicVideo,
  retryMusicVideoStep,
  resumeMusicVideo,
  resubmitMusicVideo,
  trackJob,
};

/** Runs the named command (without its `giggle.` prefix); unknown names are a bug in the manifest/COMMANDS pairing (see manifest.test.ts). */
export function runNamedCommand(ctx: GiggleContext, name: string, args: readonly unknown[], invokedAt = Date.now()): Promise<unknown> {
  const handler = COMMANDS[name];
  if (!handler) return Promise.reject(new Error(`unknown command giggle.${name}`));
  return runWithInvocationTime(invokedAt, () => runCommand(ctx, name, handler, args));
}
