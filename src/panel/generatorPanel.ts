/**
 * The generator webview panel: one at a time (opening it again reveals it),
 * restored after a reload through a serializer, its form state kept by the
 * webview itself (setState). Every message from the webview is parsed with
 * the zod schemas of src/shared/protocol.ts before anything acts on it;
 * anything else is dropped and logged by type only, never with its payload.
 * The webview never receives the API key or a signed URL; besides the form
 * data it gets the extension's translation bundle (strings only) and, on the
 * video tab, price estimates (src/giggle/priceEstimates.ts).
 */
import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { GiggleContext } from '../context';
import { MAX_IMAGE_BYTES } from '../giggle/frames';
import { parseWebviewMessage } from '../shared/protocol';
import type { FrameField, HostMessage, Tab, WebviewMessage } from '../shared/protocol';
import { panelDefaults } from './defaults';
import { makeNonce, renderPanelHtml } from './html';
import { describeImageBytes, imageLabel, parseWebviewUri, pickImageFile, pickWorkspaceImage, readImageFile } from './images';
import type { ImageOutcome } from './images';
import { submitMusicVideoFromPanel, submitVideoFromPanel } from './submission';
import { PanelSubmissions } from './submissionTracker';
import { pickSongFile, readSongFile } from '../platform/songFile';
import { isGiggleError } from '../giggle/errors';
import { findModel } from '../giggle/catalogue';
import { PriceEstimates, videoGenerateType } from '../giggle/priceEstimates';

import { GENERATOR_VIEW_TYPE } from './viewType';
import { commandInvokedAt } from '../platform/testHooks';
export { GENERATOR_VIEW_TYPE };
/** The panel's title (its editor tab and the HTML document). */
function panelTitle(): string {
  return vscode.l10n.t('Giggle Generator');
}
/** Outlives any one panel: a panel closed and opened again mid-submission shows it and its outcome. */
const submissions = new PanelSubmissions();

/** Dropped images are held in memory until submitted; a few are enough for three frame fields. */
const MAX_DROPPED_IMAGES = 6;

/** The title of the image picker (quick pick or open dialog) for a frame field. */
function pickTitle(field: FrameField): string {
  switch (field) {
    case 'startFrame':
      return vscode.l10n.t('Start frame: choose an image');
    case 'endFrame':
      return vscode.l10n.t('End frame: choose an image');
    case 'referenceImage':
      return vscode.l10n.t('Reference image: choose an image');
  }
}

export class GeneratorPanel implements vscode.Disposable {
  private static current: GeneratorPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  /** Messages wait here while the webview is loading or hidden (a hidden webview drops them). */
  private readonly outbox: HostMessage[] = [];
  private webviewReady = false;
  private readonly dropped = new Map<string, { name: string; bytes: Uint8Array }>();
  /** Price estimates for the video tab, cached while the panel is open. */
  private readonly prices = new PriceEstimates((query) => this.ctx.client().getModelPrice(query));

  /** Opens the panel, or reveals the one that is open. */
  static show(ctx: GiggleContext): GeneratorPanel {
    // From the moment the command reached the extension (including loading the features bundle). Without
    // it there is no figure: "now" would leave out the features load and pass the budget on made-up data.
    const openedAt = commandInvokedAt();
    if (GeneratorPanel.current) {
      GeneratorPanel.current.panel.reveal(undefined, false);
      return GeneratorPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(GENERATOR_VIEW_TYPE, panelTitle(), vscode.ViewColumn.Active, webviewOptions(ctx.extension.extensionUri));
    try {
      GeneratorPanel.current = new GeneratorPanel(ctx, panel, openedAt);
    } catch (error) {
      // Never leave an empty panel behind.
      panel.dispose();
      throw error;
    }
    return GeneratorPanel.current;
  }

  /** Called by the serializer after a reload; the webview restores its own form state. */
  static revive(ctx: GiggleContext, panel: vscode.WebviewPanel): void {
    GeneratorPanel.current?.dispose();
    panel.webview.options = webviewOptions(ctx.extension.extensionUri);
    GeneratorPanel.current = new GeneratorPanel(ctx, panel);
  }

  private constructor(
    private readonly ctx: GiggleContext,
    private readonly panel: vscode.WebviewPanel,
    private readonly openedAt?: number,
  ) {
    panel.iconPath = {
      light: vscode.Uri.joinPath(ctx.extension.extensionUri, 'media', 'giggle-activity.svg'),
      dark: vscode.Uri.joinPath(ctx.extension.extensionUri, 'media', 'giggle-activity.svg'),
    };
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      panel.onDidChangeViewState(({ webviewPanel }) => {
        // Without retainContextWhenHidden the webview is torn down when hidden; it says `ready` again when shown.
        if (!webviewPanel.visible) this.webviewReady = false;
      }),
    );
  }

  showTab(tab: Tab): void {
    this.send({ type: 'showTab', tab });
  }

  /** Puts an image file into a frame field (the Explorer's "Generate video from this image"). */
  async loadImage(field: FrameField, uri: vscode.Uri): Promise<void> {
    this.send({ type: 'showTab', tab: field === 'referenceImage' ? 'mv' : 'video' });
    this.sendImage(field, await readImageFile(uri));
  }

  dispose(): void {
    if (GeneratorPanel.current === this) GeneratorPanel.current = undefined;
    this.dropped.clear();
    this.panel.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }

  private html(): string {
    const webview = this.panel.webview;
    const root = this.ctx.extension.extensionUri;
    const asset = (...parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(root, ...parts)).toString();
    return renderPanelHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      script: readOnce(path.join(this.ctx.extension.extensionPath, 'dist', 'webview.js')),
      style: readOnce(path.join(this.ctx.extension.extensionPath, 'media', 'panel.css')),
      codiconUri: asset('dist', 'codicons', 'codicon.css'),
      boot: { defaults: panelDefaults(this.ctx.extension.globalState), maxImageBytes: MAX_IMAGE_BYTES, openedAt: this.openedAt },
      lang: vscode.env.language,
      title: panelTitle(),
      loading: vscode.l10n.t('Loading the generator…'),
      // Strings only: the webview configures @vscode/l10n with them before it renders.
      l10n: vscode.l10n.bundle ?? {},
    });
  }

  private send(message: HostMessage): void {
    if (!this.webviewReady) {
      this.outbox.push(message);
      return;
    }
    void this.panel.webview.postMessage(message).then(
      (delivered) => delivered || this.outbox.push(message),
      () => this.outbox.push(message),
    );
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.ctx.log.warn(`generator panel: ignored a ${parsed.reason}`);
      return;
    }
    try {
      await this.handle(parsed.message);
    } catch (error) {
      this.ctx.log.error(`generator panel: handling "${parsed.message.type}" failed: ${(error as Error).message}`);
    }
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready': {
        this.webviewReady = true;
        const queued = this.outbox.splice(0);
        void this.panel.webview.postMessage({
          type: 'sync',
          defaults: panelDefaults(this.ctx.extension.globalState),
          inFlight: submissions.inFlight?.requestId,
          inFlightTab: submissions.inFlight?.tab,
          lastResult: submissions.lastResult,
        } satisfies HostMessage);
        for (const queuedMessage of queued) this.send(queuedMessage);
        return;
      }
      case 'pickImage': {
        const title = pickTitle(message.field);
        const uri = message.source === 'workspace' ? await pickWorkspaceImage(title) : await pickImageFile(title);
        if (uri) this.sendImage(message.field, await readImageFile(uri));
        return;
      }
      case 'pickSong': {
        const uri = await pickSongFile(vscode.l10n.t('Music video: your song'));
        if (uri && uri !== 'back') await this.sendSong(uri);
        return;
      }
      case 'dropUris': {
        const uri = message.uris.map(parseWebviewUri).find((candidate) => candidate !== undefined);
        if (!uri) {
          this.send({ type: 'frameError', field: message.field, message: vscode.l10n.t('Only PNG, JPEG, WebP or GIF files can be dropped here.') });
          return;
        }
        this.sendImage(message.field, await readImageFile(uri));
        return;
      }
      case 'dropFile': {
        const bytes = Buffer.from(message.base64, 'base64');
        const token = randomUUID();
        const outcome = describeImageBytes(bytes, message.name || vscode.l10n.t('The dropped file'), { kind: 'dropped', token });
        if (outcome.ok) this.keepDropped(token, message.name || vscode.l10n.t('dropped image'), bytes);
        this.sendImage(message.field, outcome);
        return;
      }
      case 'submitVideo':
      case 'submitMusicVideo':
        await this.submit(message);
        return;
      case 'priceRequest': {
        const generateType = videoGenerateType(message.withFrames);
        const credits = await this.prices.estimate({ model: message.model, generateType, duration: message.duration });
        // The model id is logged only when it is one of the catalogue's (the message is the webview's).
        if (credits === undefined) this.ctx.log.info(`generator panel: price unknown for ${findModel(message.model)?.id ?? 'an unknown model'}, ${message.duration} s (${generateType})`);
        // The panel may have been closed while Giggle was asked.
        if (GeneratorPanel.current === this) this.send({ type: 'price', requestId: message.requestId, credits });
        return;
      }
      case 'revealJob':
        if (!this.ctx.store.get(message.jobId)) return;
        await vscode.commands.executeCommand('workbench.view.extension.giggle');
        await this.ctx.treeView.reveal(this.ctx.tree.nodeFor(message.jobId), { select: true, focus: true });
        return;
    }
  }

  /** Checks a picked song with the same code as `musicFile`, so a wrong file is refused as soon as it is picked. */
  private async sendSong(uri: vscode.Uri): Promise<void> {
    try {
      const song = await readSongFile(uri);
      this.send({ type: 'song', uri: uri.toString(), name: imageLabel(uri), bytes: song.bytes.byteLength });
    } catch (error) {
      if (!isGiggleError(error) || error.kind !== 'invalidInput') throw error;
      const issues = 'issues' in error ? (error as { issues: { message: string }[] }).issues : [];
      this.send({ type: 'songError', message: issues.map((issue) => issue.message).join(' ') || error.message });
    }
  }

  private async submit(message: Extract<WebviewMessage, { type: 'submitVideo' | 'submitMusicVideo' }>): Promise<void> {
    const tab: Tab = message.type === 'submitVideo' ? 'video' : 'mv';
    const dropped = this.dropped;
    const result = await submissions.run({ requestId: message.requestId, tab }, () =>
      message.type === 'submitVideo' ? submitVideoFromPanel(this.ctx, message, dropped) : submitMusicVideoFromPanel(this.ctx, message, dropped),
    );
    if (!result) {
      // The webview disables Submit while a request is out (in this panel or one closed meanwhile); this covers a second message anyway.
      this.send({ type: 'submitResult', requestId: message.requestId, ok: false, tab, issues: [], message: vscode.l10n.t('A submission is already in progress.') });
      return;
    }
    // To the panel showing now: this one may have been closed and another opened while Giggle answered.
    GeneratorPanel.current?.send(result);
  }

  private sendImage(field: FrameField, outcome: ImageOutcome): void {
    if (outcome.ok) this.send({ type: 'frame', field, image: outcome.image });
    else this.send({ type: 'frameError', field, message: outcome.message });
  }

  private keepDropped(token: string, name: string, bytes: Uint8Array): void {
    this.dropped.set(token, { name, bytes });
    while (this.dropped.size > MAX_DROPPED_IMAGES) this.dropped.delete(this.dropped.keys().next().value as string);
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    // The form's submit event needs allow-forms; the CSP's form-action 'none' stops any actual submission.
    enableForms: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist')],
  };
}

const inlined = new Map<string, string>();
/** The extension's own files do not change while it runs: read once, from the extension host's disk. */
function readOnce(file: string): string {
  let text = inlined.get(file);
  if (text === undefined) inlined.set(file, (text = readFileSync(file, 'utf8')));
  return text;
}
