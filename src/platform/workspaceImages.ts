/**
 * The user's image files: read with vscode.workspace.fs (works for remote and
 * virtual file systems too), named in messages, found by scripted paths.
 * Turning one into a frame is src/submission/frameFile.ts.
 */
import * as vscode from 'vscode';
import { MAX_IMAGE_BYTES, tooLargeMessage } from '../giggle/frames';
import { InputError } from '../giggle/errors';

export const IMAGE_GLOB = '**/*.{png,jpg,jpeg,webp,gif,PNG,JPG,JPEG,WEBP,GIF}';

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

