/**
 * Frames from the user's files: workspace images are read with
 * vscode.workspace.fs (works for remote and virtual file systems too) and
 * checked to be a real PNG/JPEG/WebP/GIF within the size limit before they
 * become raw base64 (no `data:` prefix).
 */
import * as vscode from 'vscode';
import type { Frame } from '../giggle/types';
import type { FrameSource } from '../jobs/jobTypes';
import { frameFromImageBytes, MAX_IMAGE_BYTES, tooLargeMessage } from '../giggle/frames';
import { InputError } from '../giggle/errors';

export const IMAGE_GLOB = '**/*.{png,jpg,jpeg,webp,gif,PNG,JPG,JPEG,WEBP,GIF}';

export interface ResolvedFrame {
  frame: Frame;
  source: FrameSource;
  /** Set for files, so a later "Submit again" can read the image anew. */
  uri?: vscode.Uri;
}

/**
 * Restricted mode: image files are not read (package.json, capabilities.untrustedWorkspaces).
 * What a file frame sends to Giggle is the file itself; in a folder the user has not trusted,
 * nothing of it leaves the machine until they do. URL and asset-id frames still work.
 */
export function untrustedReadMessage(uri: vscode.Uri): string {
  return vscode.l10n.t(
    'Reading {0} needs a trusted workspace: image files are sent to Giggle. Trust this folder, or give the image as an https URL or a Giggle asset id.',
    displayPath(uri),
  );
}

export async function frameFromFile(uri: vscode.Uri, field: string): Promise<ResolvedFrame> {
  if (!vscode.workspace.isTrusted) throw new InputError([{ field, message: untrustedReadMessage(uri) }]);
  const read = await readImageFileBytes(uri, displayPath(uri));
  if (!read.ok) throw new InputError([{ field, message: read.message }]);
  const { bytes } = read;
  const checked = frameFromImageBytes(bytes);
  if (!checked.ok) throw new InputError(checked.issues.map((issue) => ({ field, message: `${displayPath(uri)}: ${issue.message}` })));
  return { frame: checked.value, source: { kind: 'file', path: uri.toString(), bytes: bytes.byteLength }, uri };
}

/**
 * The one way every path (scripted command, wizards, Submit Again, panel)
 * reads an image file: its metadata first, so a named pipe or device (whose
 * read would block or never end) and a file over the frame limit (however
 * large) are refused without reading a byte. `name` is how messages call it.
 */
export async function readImageFileBytes(uri: vscode.Uri, name: string): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; message: string }> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory) return { ok: false, message: vscode.l10n.t('{0} is a folder, not an image', name) };
    // FileType.Unknown: a FIFO, socket or device (the disk provider reports only files, folders and links).
    if (!(stat.type & vscode.FileType.File)) {
      return { ok: false, message: vscode.l10n.t('{0} is not a regular file (a named pipe, socket or device?), so it was not read', name) };
    }
    if (stat.size > MAX_IMAGE_BYTES) return { ok: false, message: tooLargeMessage(name, stat.size) };
    return { ok: true, bytes: await vscode.workspace.fs.readFile(uri) };
  } catch (error) {
    return { ok: false, message: vscode.l10n.t('Could not read {0}: {1}', name, (error as Error).message) };
  }
}

export function displayPath(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? vscode.workspace.asRelativePath(uri, true) : uri.toString(true);
}

/** A scripted frame argument: {assetId} | {url} | {base64} | {file: path or Uri}. */
export async function frameFromArgument(value: unknown, field: string): Promise<ResolvedFrame | undefined> {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object') {
    throw new InputError([{ field, message: vscode.l10n.t('{0} must be an object with one of assetId, url, base64 or file.', field) }]);
  }
  const arg = value as Record<string, unknown>;
  const keys = ['assetId', 'url', 'base64', 'file'].filter((key) => arg[key] !== undefined);
  if (keys.length !== 1) {
    const message = keys.length
      ? vscode.l10n.t('{0} needs exactly one of assetId, url, base64 or file (got {1}).', field, keys.join(', '))
      : vscode.l10n.t('{0} needs exactly one of assetId, url, base64 or file (got none).', field);
    throw new InputError([{ field, message }]);
  }
  if (arg.file !== undefined) return frameFromFile(toUri(arg.file, field), field);
  if (typeof arg.assetId === 'string') return { frame: { asset_id: arg.assetId }, source: { kind: 'asset', assetId: arg.assetId } };
  if (typeof arg.url === 'string') return { frame: { url: arg.url }, source: { kind: 'url', url: arg.url } };
  if (typeof arg.base64 === 'string') return { frame: { base64: arg.base64 }, source: { kind: 'base64', bytes: Math.floor((arg.base64.length * 3) / 4) } };
  throw new InputError([{ field, message: vscode.l10n.t('{0}.{1} must be a string.', field, keys[0]) }]);
}

/** A path (workspace-relative or absolute), a URI string or a Uri, as scripts give files. */
export function toUri(file: unknown, field: string): vscode.Uri {
  if (file instanceof vscode.Uri) return file;
  if (file && typeof file === 'object' && 'scheme' in file && 'path' in file) return vscode.Uri.from(file as vscode.Uri);
  if (typeof file !== 'string' || !file.trim()) throw new InputError([{ field, message: vscode.l10n.t('{0}.file must be a path or a Uri.', field) }]);
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(file)) return vscode.Uri.parse(file, true);
  if (file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file)) return vscode.Uri.file(file);
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new InputError([{ field, message: vscode.l10n.t('{0}.file is relative ({1}) but no folder is open.', field, file) }]);
  return vscode.Uri.joinPath(folder.uri, file);
}

/** Lets the user pick a frame: a workspace image, a file from disk, a URL or an asset id. */
export async function pickFrame(title: string, field: string): Promise<ResolvedFrame | 'back' | undefined> {
  type Choice = 'workspace' | 'disk' | 'url' | 'asset';
  const items: Array<vscode.QuickPickItem & { value: Choice }> = [
    { label: vscode.l10n.t('$(file-media) Image from the workspace'), value: 'workspace' },
    { label: vscode.l10n.t('$(folder-opened) Image file from disk…'), value: 'disk' },
    { label: vscode.l10n.t('$(link) Image URL…'), value: 'url' },
    { label: vscode.l10n.t('$(cloud) Giggle asset id…'), value: 'asset' },
  ];
  const choice = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Where does the frame come from?'), ignoreFocusOut: true });
  if (!choice) return undefined;
  switch (choice.value) {
    case 'workspace': {
      const files = await vscode.workspace.findFiles(IMAGE_GLOB, '**/{node_modules,.git}/**', 500);
      if (files.length === 0) {
        void vscode.window.showWarningMessage(vscode.l10n.t('No PNG, JPEG, WebP or GIF images were found in the workspace.'));
        return 'back';
      }
      const picked = await vscode.window.showQuickPick(
        files.map((uri) => ({ label: displayPath(uri), uri })),
        { title, placeHolder: vscode.l10n.t('Choose an image'), ignoreFocusOut: true, matchOnDescription: true },
      );
      return picked ? frameFromFile(picked.uri, field) : 'back';
    }
    case 'disk': {
      const uris = await vscode.window.showOpenDialog({
        title,
        canSelectMany: false,
        filters: { [vscode.l10n.t('Images')]: ['png', 'jpg', 'jpeg', 'webp', 'gif'] },
      });
      return uris?.[0] ? frameFromFile(uris[0], field) : 'back';
    }
    case 'url': {
      const url = await vscode.window.showInputBox({
        title,
        prompt: vscode.l10n.t('Image URL (http or https)'),
        ignoreFocusOut: true,
        validateInput: (value) => (/^https?:\/\/\S+$/i.test(value.trim()) ? undefined : vscode.l10n.t('Enter an http(s) URL.')),
      });
      return url ? { frame: { url: url.trim() }, source: { kind: 'url', url: url.trim() } } : 'back';
    }
    case 'asset': {
      const id = await vscode.window.showInputBox({
        title,
        prompt: vscode.l10n.t('Giggle asset id'),
        ignoreFocusOut: true,
        validateInput: (value) => (/^[A-Za-z0-9_-]{1,128}$/.test(value.trim()) ? undefined : vscode.l10n.t('Asset ids contain only letters, digits, - and _.')),
      });
      return id ? { frame: { asset_id: id.trim() }, source: { kind: 'asset', assetId: id.trim() } } : 'back';
    }
  }
}
