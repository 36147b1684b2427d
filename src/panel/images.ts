/**
 * Images for the panel's frame fields, read on the extension host (through
 * vscode.workspace.fs, so remote and virtual workspaces work) and checked with
 * the same rules as every other frame (src/giggle/frames.ts) before the
 * webview shows them. The webview gets a description and a preview; the bytes
 * go to Giggle only when the user submits.
 */
import * as vscode from 'vscode';
import { frameFromImageBytes, imageInfo } from '../giggle/frames';
import type { ImageRef, PickedImage } from '../shared/protocol';
import { displayPath, IMAGE_GLOB, readImageFileBytes, untrustedReadMessage } from '../platform/workspaceImages';

/** Images above this are described but not previewed: the preview travels to the webview as a data: URL. */
export const MAX_PREVIEW_BYTES = 4 * 1024 * 1024;

export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp', 'gif'];

export type ImageOutcome = { ok: true; image: PickedImage; bytes: Uint8Array } | { ok: false; message: string };

/** Describes image bytes for the webview, or says why they cannot be a frame. */
export function describeImageBytes(bytes: Uint8Array, name: string, ref: ImageRef): ImageOutcome {
  const checked = checkImageBytes(bytes, name);
  return checked.ok ? describeChecked(checked, name, ref) : checked;
}

type CheckedImage = { ok: true; bytes: Uint8Array; base64: string } | { ok: false; message: string };

function checkImageBytes(bytes: Uint8Array, name: string): CheckedImage {
  const checked = frameFromImageBytes(bytes, name);
  if (!checked.ok) return { ok: false, message: checked.issues.map((issue) => issue.message).join('; ') };
  return { ok: true, bytes, base64: checked.value.base64 };
}

function describeChecked({ bytes, base64 }: { bytes: Uint8Array; base64: string }, name: string, ref: ImageRef): ImageOutcome {
  const info = imageInfo(bytes);
  const mime = info?.mime ?? 'image/png';
  return {
    ok: true,
    bytes,
    image: {
      ref,
      name,
      bytes: bytes.byteLength,
      mime,
      width: info?.width,
      height: info?.height,
      preview: bytes.byteLength <= MAX_PREVIEW_BYTES ? `data:${mime};base64,${base64}` : undefined,
    },
  };
}

/** Reads and checks an image file for the form, with its preview. */
export async function readImageFile(uri: vscode.Uri): Promise<ImageOutcome> {
  const read = await readFrameImage(uri);
  return read.ok ? describeChecked(read, imageLabel(uri), { kind: 'file', uri: uri.toString() }) : read;
}

/**
 * Reads and checks an image file once (a pipe, device or file over the limit
 * is refused without reading it): what is shown when picked, and what is sent on submit.
 */
export async function readFrameImage(uri: vscode.Uri): Promise<CheckedImage> {
  const name = imageLabel(uri);
  if (!vscode.workspace.isTrusted) return { ok: false, message: untrustedReadMessage(uri) };
  if (!hasImageExtension(uri)) {
    return { ok: false, message: vscode.l10n.t('{0} is not a PNG, JPEG, WebP or GIF file (its name should end in {1})', name, `.${IMAGE_EXTENSIONS.join(', .')}`) };
  }
  const read = await readImageFileBytes(uri, name);
  return read.ok ? checkImageBytes(read.bytes, name) : read;
}

/** Workspace-relative, without the folder's name when only one folder is open; other files by full path. */
export function imageLabel(uri: vscode.Uri): string {
  const folders = vscode.workspace.workspaceFolders ?? [];
  return vscode.workspace.getWorkspaceFolder(uri) ? vscode.workspace.asRelativePath(uri, folders.length > 1) : displayPath(uri);
}

export function hasImageExtension(uri: vscode.Uri): boolean {
  const ext = /\.([^./]+)$/.exec(uri.path)?.[1]?.toLowerCase();
  return !!ext && IMAGE_EXTENSIONS.includes(ext);
}

/**
 * A URI the webview handed over (an Explorer drop or a stored form value).
 * Only schemes the workspace itself uses are read, and hasImageExtension plus
 * the byte checks keep this to image files: the webview can name a file, but
 * the host decides what it reads.
 */
export function parseWebviewUri(text: string): vscode.Uri | undefined {
  const uri = parseWorkspaceUri(text);
  return uri && hasImageExtension(uri) ? uri : undefined;
}

/** A URI from the webview, only in a scheme the workspace itself uses (the caller checks what the file is). */
export function parseWorkspaceUri(text: string): vscode.Uri | undefined {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(text.trim(), true);
  } catch {
    return undefined;
  }
  const schemes = new Set(['file', ...(vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.scheme)]);
  return schemes.has(uri.scheme) ? uri : undefined;
}

/** A filterable list of the workspace's images; undefined when the user cancels. */
export async function pickWorkspaceImage(title: string): Promise<vscode.Uri | undefined> {
  const files = await vscode.workspace.findFiles(IMAGE_GLOB, '**/{node_modules,.git}/**', 2000);
  if (files.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No PNG, JPEG, WebP or GIF images were found in the workspace. Use "Browse…" or drop an image instead.'));
    return undefined;
  }
  const items = files
    .map((uri) => ({ label: `$(file-media) ${imageLabel(uri)}`, uri }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Type to filter the workspace images'), matchOnDescription: true });
  return picked?.uri;
}

export async function pickImageFile(title: string): Promise<vscode.Uri | undefined> {
  const uris = await vscode.window.showOpenDialog({
    title,
    canSelectMany: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    filters: { [vscode.l10n.t('Images')]: IMAGE_EXTENSIONS },
    openLabel: vscode.l10n.t('Use Image'),
  });
  return uris?.[0];
}


