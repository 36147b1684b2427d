/**
 * The API key lives only in SecretStorage. It is read on demand (never cached
 * in settings or state) and may vanish at any time: another browser in
 * code-server, a keyring-less Linux, a cleared profile. Callers ask politely
 * again instead of failing.
 */
import * as vscode from 'vscode';

const SECRET_KEY = 'giggle.apiKey';
const ENV_IMPORT_OFFERED = 'giggle.envKeyImportOffered';

export class ApiKeyStore implements vscode.Disposable {
  private cached: string | undefined;
  private readonly changed = new vscode.EventEmitter<boolean>();
  /** Fires with whether a key is now present. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.subscription = context.secrets.onDidChange(async (event) => {
      if (event.key !== SECRET_KEY) return;
      this.cached = await context.secrets.get(SECRET_KEY);
      this.changed.fire(!!this.cached);
    });
  }

  async get(): Promise<string | undefined> {
    this.cached = (await this.context.secrets.get(SECRET_KEY)) || undefined;
    return this.cached;
  }

  /** The last key seen, for redaction only (synchronous). */
  known(): string | undefined {
    return this.cached;
  }

  async set(key: string): Promise<void> {
    this.cached = key;
    await this.context.secrets.store(SECRET_KEY, key);
    this.changed.fire(true);
  }

  async clear(): Promise<void> {
    this.cached = undefined;
    await this.context.secrets.delete(SECRET_KEY);
    this.changed.fire(false);
  }

  /** Giggle's own scripts read GIGGLE_API_KEY; offer it once when no key is stored. */
  shouldOfferEnvImport(): string | undefined {
    const fromEnv = process.env.GIGGLE_API_KEY?.trim();
    if (!fromEnv || this.context.globalState.get<boolean>(ENV_IMPORT_OFFERED)) return undefined;
    return fromEnv;
  }

  async markEnvImportOffered(): Promise<void> {
    await this.context.globalState.update(ENV_IMPORT_OFFERED, true);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
