/**
 * The user's own song for a music video (`musicFile`): read through
 * vscode.workspace.fs, but only after a stat proves it is a regular file of a
 * size a song can have, so a 4 GB video or a folder given by mistake is
 * refused without reading it; then the bytes must be MP3, WAV, OGG or FLAC.
 */
import * as vscode from 'vscode';
import { InputError } from '../giggle/errors';
import { audioContentProblem, audioSizeProblem, detectAudioType, type AudioMime } from '../giggle/audio';
import { displayPath, toUri } from './workspaceImages';

export interface SongFile {
  uri: vscode.Uri;
  bytes: Uint8Array;
  contentType: AudioMime;
}

const FIELD = 'musicFile';

export async function readSongFile(file: unknown): Promise<SongFile> {
  const uri = toUri(file, FIELD);
  const where = displayPath(uri);
  const refuse = (reason: string) => new InputError([{ field: FIELD, message: `${where}: ${reason}` }]);
  if (!vscode.workspace.isTrusted) {
    throw new InputError([{ field: FIELD, message: vscode.l10n.t('Reading {0} needs a trusted workspace: the song is sent to Giggle. Trust this folder, or give the song as musicAssetId.', where) }]);
  }
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch (error) {
    throw new InputError([{ field: FIELD, message: vscode.l10n.t('Could not read {0}: {1}', where, (error as Error).message) }]);
  }
  if ((stat.type & vscode.FileType.File) === 0) throw refuse(vscode.l10n.t('it is not a file'));
  const sizeProblem = audioSizeProblem(stat.size);
  if (sizeProblem) throw refuse(sizeProblem);
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    throw new InputError([{ field: FIELD, message: vscode.l10n.t('Could not read {0}: {1}', where, (error as Error).message) }]);
  }
  // Read again after the stat: the file may have grown in between.
  const problem = audioSizeProblem(bytes.byteLength) ?? audioContentProblem(bytes);
  if (problem) throw refuse(problem);
  return { uri, bytes, contentType: detectAudioType(bytes)! };
}

const SONG_EXTENSIONS = ['mp3', 'wav', 'ogg', 'flac'];

/** A song from the workspace or from disk (the wizard and the panel); its content is checked with readSongFile. */
export async function pickSongFile(title: string): Promise<vscode.Uri | 'back' | undefined> {
  const pattern = `**/*.{${[...SONG_EXTENSIONS, ...SONG_EXTENSIONS.map((e) => e.toUpperCase())].join(',')}}`;
  const files = await vscode.workspace.findFiles(pattern, '**/{node_modules,.git}/**', 500);
  const disk = { label: `$(folder-opened) ${vscode.l10n.t('Song file from disk…')}`, uri: undefined as vscode.Uri | undefined };
  const picked = await vscode.window.showQuickPick([...files.map((uri) => ({ label: displayPath(uri), uri })), disk], {
    title,
    placeHolder: vscode.l10n.t('Choose your song (MP3, WAV, OGG or FLAC)'),
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  if (picked.uri) return picked.uri;
  const uris = await vscode.window.showOpenDialog({ title, canSelectMany: false, filters: { [vscode.l10n.t('Songs')]: SONG_EXTENSIONS } });
  return uris?.[0] ?? 'back';
}
