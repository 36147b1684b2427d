/**
 * Runs a `giggle.*` command's handler and turns any error it lets escape into
 * a specific notification (with "Show Log") instead of VS Code's generic
 * "command failed". The core bundle registers the commands (all of those in
 * package.json) and forwards each call here once the features bundle is
 * loaded.
 */
import type { GiggleContext } from '../context';
import { showError } from '../platform/notifications';

export type CommandHandler = (ctx: GiggleContext, ...args: unknown[]) => unknown;

export async function runCommand(ctx: GiggleContext, name: string, handler: CommandHandler, args: readonly unknown[]): Promise<unknown> {
  try {
    return await handler(ctx, ...args);
  } catch (error) {
    showError(ctx, error, `giggle.${name}`);
    // Scripted callers (other extensions, tests) get the failure too.
    if (args.length > 0) throw error;
    return undefined;
  }
}
