/**
 * Hands VS Code's translation bundle for the display language to
 * @vscode/l10n, through which the pure modules (src/giggle, src/jobs, …)
 * translate. Each host bundle (core and features) has its own copy of
 * @vscode/l10n, so each calls this once when it starts.
 */
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';

export function configurePureModuleStrings(): void {
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
}
