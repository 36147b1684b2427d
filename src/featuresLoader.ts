/**
 * Loads dist/features.js on first need and forwards to it: every command
 * declared in package.json is registered here as a thin stub (so the palette,
 * menus and keybindings work before the features exist), and the panel
 * serializer is registered here because VS Code activates us for it.
 *
 * `require('./features.js')` is external to the core bundle (esbuild.mjs),
 * so it resolves to the sibling file at run time.
 */
import * as vscode from 'vscode';
import type { CoreServices } from './context';
import type { Features } from './features';
import type * as FeaturesModule from './features';
import { GENERATOR_VIEW_TYPE } from './panel/viewType';
import { INTERNAL_COMMANDS } from './commands/internal';
import { recordBenchFigure } from './platform/testHooks';

export interface FeaturesLoader {
  load(): Promise<Features>;
}

export function createFeaturesLoader(core: CoreServices): FeaturesLoader {
  let loaded: Promise<Features> | undefined;
  return {
    load: () =>
      (loaded ??= new Promise<Features>((resolve) => {
        const started = performance.now();
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const module = require('./features.js') as typeof FeaturesModule;
        const features = module.createFeatures(core);
        core.log.info(`features loaded in ${(performance.now() - started).toFixed(1)} ms`);
        recordBenchFigure('features', started);
        resolve(features);
      }).catch((error: Error) => {
        // A broken install must say so, and a later call may try again.
        loaded = undefined;
        core.log.error(`could not load the extension's features: ${error.message}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('Giggle Video could not load its features: {0}. Reinstalling the extension may help.', error.message));
        throw error;
      })),
  };
}

interface ContributedCommand {
  command: string;
}

/** One stub per command in package.json (and per internal command); each loads the features and runs the real handler. */
export function registerLazyCommands(extension: vscode.ExtensionContext, features: () => Promise<Features>): vscode.Disposable[] {
  const contributed = (extension.extension.packageJSON as { contributes?: { commands?: ContributedCommand[] } }).contributes?.commands ?? [];
  return [...contributed.map(({ command }) => command), ...INTERNAL_COMMANDS]
    .filter((id) => id.startsWith('giggle.'))
    .map((id) =>
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        const invokedAt = Date.now();
        return (await features()).runCommand(id.slice('giggle.'.length), args, invokedAt);
      }),
    );
}

export function registerLazyPanelSerializer(features: () => Promise<Features>): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(GENERATOR_VIEW_TYPE, {
    deserializeWebviewPanel: async (panel: vscode.WebviewPanel) => (await features()).revivePanel(panel),
  });
}
