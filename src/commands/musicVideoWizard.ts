/**
 * The music-video wizard: name, music mode and its fields, reference image,
 * aspect, scene description (counted live against the 200-character limit),
 * subtitles. Returns an MvSubmission for the one submission path
 * (src/submission/musicVideo.ts); the song file is read once, at the end.
 */
import * as vscode from 'vscode';
import { MAX_SCENE_DESCRIPTION, MV_ASPECTS, VOCAL_GENDERS } from '../giggle/catalogue';
import { inputText, outcomeOf, pickOne, runSteps } from '../platform/quickInput';
import type { StepOutcome } from '../platform/quickInput';
import { pickSongFile, readSongFile } from '../platform/songFile';
import type { SubmissionFrame } from '../submission/frame';
import type { MvSubmission } from '../submission/musicVideoCheck';
import { pickFrame } from './pickFrame';

interface MvWizardState {
  name: string;
  mode: 'prompt' | 'custom' | 'upload';
  /** Upload mode: the song file (read and checked once the answers are complete). */
  song?: vscode.Uri;
  prompt: string;
  vocalGender: string;
  instrumental: boolean;
  lyrics: string;
  style: string;
  title: string;
  reference?: SubmissionFrame;
  aspect: string;
  /** Giggle's project type: `mv`, or `aimv-30` for a 30-second music video. */
  projectType: 'mv' | 'aimv-30';
  sceneDescription: string;
  subtitleEnabled: boolean;
}

/** `message` is the whole, already translated sentence ("The title cannot be empty."). */
const notEmpty = (message: string) => (value: string) => (value.trim() ? undefined : message);

/** VOCAL_GENDERS holds API values; only their labels are translated. */
function vocalGenderLabel(gender: string): string {
  switch (gender) {
    case 'auto':
      return vscode.l10n.t({ message: 'auto', args: [], comment: ['vocal gender in the music video wizard'] });
    case 'male':
      return vscode.l10n.t({ message: 'male', args: [], comment: ['vocal gender in the music video wizard'] });
    case 'female':
      return vscode.l10n.t({ message: 'female', args: [], comment: ['vocal gender in the music video wizard'] });
    default:
      return gender;
  }
}

export async function runMusicVideoWizard(): Promise<MvSubmission | undefined> {
  const title = vscode.l10n.t('Generate Music Video');
  const total = 10;
  const s: MvWizardState = {
    name: '',
    mode: 'prompt',
    prompt: '',
    vocalGender: 'auto',
    instrumental: false,
    lyrics: '',
    style: '',
    title: '',
    aspect: '16:9',
    projectType: 'mv',
    sceneDescription: '',
    subtitleEnabled: false,
  };
  const pos = (step: number) => ({ title, step, totalSteps: total });
  const ok = await runSteps([
    async (step) =>
      outcomeOf(await inputText(pos(step), { prompt: vscode.l10n.t('Project name'), value: s.name, validate: notEmpty(vscode.l10n.t('The project name cannot be empty.')) }), (v) => (s.name = v.trim())),
    async (step) =>
      outcomeOf(
        await pickOne<'prompt' | 'custom' | 'upload'>(
          pos(step),
          [
            { label: `$(sparkle) ${vscode.l10n.t('Describe the music')}`, description: vscode.l10n.t('Giggle writes the song'), value: 'prompt' },
            { label: `$(edit) ${vscode.l10n.t('My own lyrics')}`, description: vscode.l10n.t('lyrics, style and title'), value: 'custom' },
            { label: `$(unmute) ${vscode.l10n.t('My own song')}`, description: vscode.l10n.t('an MP3, WAV, OGG or FLAC file'), value: 'upload' },
          ],
          { placeholder: vscode.l10n.t('How should the song be made?'), activeValue: s.mode },
        ),
        (v) => (s.mode = v),
      ),
    async (step): Promise<StepOutcome> => {
      if (s.mode === 'upload') {
        const song = await pickSongFile(vscode.l10n.t('Generate Music Video: your song'));
        if (song === undefined) return 'cancel';
        if (song === 'back') return 'back';
        s.song = song;
        return 'next';
      }
      if (s.mode === 'prompt') {
        return outcomeOf(
          await inputText(pos(step), {
            prompt: vscode.l10n.t('Describe the music (mood, genre, story)'),
            value: s.prompt,
            validate: notEmpty(vscode.l10n.t('The music description cannot be empty.')),
          }),
          (v) => (s.prompt = v),
        );
      }
      const lyrics = await pickLyrics(s.lyrics);
      if (lyrics === undefined) return 'cancel';
      if (lyrics === 'back') return 'back';
      s.lyrics = lyrics;
      return 'next';
    },
    async (step): Promise<StepOutcome> => {
      if (s.mode === 'upload') return 'skip';
      if (s.mode === 'prompt') {
        return outcomeOf(
          await pickOne(pos(step), VOCAL_GENDERS.map((g) => ({ label: vocalGenderLabel(g), value: g as string })), {
            placeholder: vscode.l10n.t('Vocals'),
            activeValue: s.vocalGender,
          }),
          (v) => (s.vocalGender = v),
        );
      }
      return outcomeOf(
        await inputText(pos(step), {
          prompt: vscode.l10n.t('Music style (e.g. synth-pop, lo-fi)'),
          value: s.style,
          validate: notEmpty(vscode.l10n.t('The style cannot be empty.')),
        }),
        (v) => (s.style = v),
      );
    },
    async (step): Promise<StepOutcome> => {
      if (s.mode === 'upload') return 'skip';
      if (s.mode === 'prompt') {
        return outcomeOf(
          await pickOne(
            pos(step),
            [
              { label: vscode.l10n.t('With vocals'), value: false },
              { label: vscode.l10n.t('Instrumental'), value: true },
            ],
            { placeholder: vscode.l10n.t('Instrumental?'), activeValue: s.instrumental },
          ),
          (v) => (s.instrumental = v),
        );
      }
      return outcomeOf(
        await inputText(pos(step), { prompt: vscode.l10n.t('Song title'), value: s.title, validate: notEmpty(vscode.l10n.t('The title cannot be empty.')) }),
        (v) => (s.title = v),
      );
    },
    async (): Promise<StepOutcome> => {
      const picked = await pickFrame(vscode.l10n.t('Generate Music Video: reference image (required)'), 'referenceImage');
      if (picked === undefined) return 'cancel';
      if (picked === 'back') return 'back';
      s.reference = picked;
      return 'next';
    },
    async (step) =>
      outcomeOf(
        await pickOne<'mv' | 'aimv-30'>(
          pos(step),
          [
            { label: vscode.l10n.t('Full music video'), description: vscode.l10n.t('as long as the song'), value: 'mv' },
            { label: vscode.l10n.t('30-second version'), description: vscode.l10n.t('a 30-second music video (Giggle\'s aimv-30)'), value: 'aimv-30' },
          ],
          { placeholder: vscode.l10n.t('Length'), activeValue: s.projectType },
        ),
        (v) => (s.projectType = v),
      ),
    async (step) =>
      outcomeOf(
        await pickOne(
          pos(step),
          MV_ASPECTS.map((a) => ({ label: a, description: a === '16:9' ? vscode.l10n.t('landscape') : vscode.l10n.t('portrait'), value: a as string })),
          {
            placeholder: vscode.l10n.t('Aspect ratio'),
            activeValue: s.aspect,
          },
        ),
        (v) => (s.aspect = v),
      ),
    async (step) =>
      outcomeOf(
        await inputText(pos(step), {
          prompt: vscode.l10n.t('Scene description (optional)'),
          value: s.sceneDescription,
          validate: (v) =>
            [...v].length > MAX_SCENE_DESCRIPTION
              ? vscode.l10n.t('{0}/{1} characters: shorten it by {2}.', [...v].length, MAX_SCENE_DESCRIPTION, [...v].length - MAX_SCENE_DESCRIPTION)
              : undefined,
          hint: (v) => `(${[...v].length}/${MAX_SCENE_DESCRIPTION})`,
        }),
        (v) => (s.sceneDescription = v),
      ),
    async (step) =>
      outcomeOf(
        await pickOne(
          pos(step),
          [
            { label: vscode.l10n.t('No subtitles'), value: false },
            { label: vscode.l10n.t('Subtitles on'), value: true },
          ],
          { placeholder: vscode.l10n.t('Subtitles'), activeValue: s.subtitleEnabled },
        ),
        (v) => (s.subtitleEnabled = v),
      ),
  ]);
  if (!ok || !s.reference) return undefined;
  const common = { name: s.name, ...(s.projectType === 'aimv-30' ? { projectType: s.projectType } : {}), aspect: s.aspect, sceneDescription: s.sceneDescription, subtitleEnabled: s.subtitleEnabled };
  const reference = s.reference;
  if (s.mode === 'upload') return { fields: { ...common, musicGenerateType: 'upload' }, reference, song: await readSongFile(s.song!) };
  const fields =
    s.mode === 'prompt'
      ? { ...common, musicGenerateType: 'prompt', prompt: s.prompt, vocalGender: s.vocalGender, instrumental: s.instrumental }
      : { ...common, musicGenerateType: 'custom', lyrics: s.lyrics, style: s.style, title: s.title };
  return { fields, reference };
}

/** Lyrics from the active editor (selection or whole text), a workspace file, or typed in. */
async function pickLyrics(current: string): Promise<string | 'back' | undefined> {
  const editor = vscode.window.activeTextEditor;
  const items: Array<vscode.QuickPickItem & { value: 'editor' | 'file' | 'type' }> = [];
  if (editor) {
    items.push({
      label: `$(file-text) ${vscode.l10n.t('From the active editor')}`,
      description: editor.selection.isEmpty ? vscode.l10n.t('whole document') : vscode.l10n.t('selection'),
      value: 'editor',
    });
  }
  items.push({ label: `$(folder-opened) ${vscode.l10n.t('From a file…')}`, value: 'file' }, { label: `$(edit) ${vscode.l10n.t('Type them')}`, value: 'type' });
  const choice = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Lyrics'), ignoreFocusOut: true });
  if (!choice) return undefined;
  if (choice.value === 'editor' && editor) {
    const text = editor.selection.isEmpty ? editor.document.getText() : editor.document.getText(editor.selection);
    return text.trim() ? text : 'back';
  }
  if (choice.value === 'file') {
    const uris = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { [vscode.l10n.t('Text')]: ['txt', 'md', 'lrc'] } });
    if (!uris?.[0]) return 'back';
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uris[0]));
  }
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('Lyrics'),
    prompt: vscode.l10n.t('Lyrics (use the editor option for multi-line lyrics)'),
    value: current,
    ignoreFocusOut: true,
  });
  return typed?.trim() ? typed : typed === undefined ? undefined : 'back';
}
