/**
 * The music-video wizard: name, music mode and its fields, reference image,
 * aspect, scene description (counted live against the 200-character limit),
 * subtitles. Returns the scripted argument object, so the wizard and scripts
 * share one submission path.
 */
import * as vscode from 'vscode';
import { MAX_SCENE_DESCRIPTION, MV_ASPECTS, VOCAL_GENDERS } from '../giggle/catalogue';
import { inputText, outcomeOf, pickOne, runSteps } from '../platform/quickInput';
import type { StepOutcome } from '../platform/quickInput';
import { pickFrame } from '../platform/workspaceImages';
import type { ResolvedFrame } from '../platform/workspaceImages';

interface MvWizardState {
  name: string;
  mode: 'prompt' | 'custom';
  prompt: string;
  vocalGender: string;
  instrumental: boolean;
  lyrics: string;
  style: string;
  title: string;
  reference?: ResolvedFrame;
  aspect: string;
  sceneDescription: string;
  subtitleEnabled: boolean;
}

const notEmpty = (what: string) => (value: string) => (value.trim() ? undefined : `${what} cannot be empty.`);

export async function runMusicVideoWizard(): Promise<Record<string, unknown> | undefined> {
  const title = 'Generate Music Video';
  const total = 9;
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
    sceneDescription: '',
    subtitleEnabled: false,
  };
  const pos = (step: number) => ({ title, step, totalSteps: total });
  const ok = await runSteps([
    async (step) =>
      outcomeOf(await inputText(pos(step), { prompt: 'Project name', value: s.name, validate: notEmpty('The project name') }), (v) => (s.name = v.trim())),
    async (step) =>
      outcomeOf(
        await pickOne<'prompt' | 'custom'>(
          pos(step),
          [
            { label: '$(sparkle) Describe the music', description: 'Giggle writes the song', value: 'prompt' },
            { label: '$(edit) My own lyrics', description: 'lyrics, style and title', value: 'custom' },
          ],
          { placeholder: 'How should the song be made?', activeValue: s.mode },
        ),
        (v) => (s.mode = v),
      ),
    async (step): Promise<StepOutcome> => {
      if (s.mode === 'prompt') {
        return outcomeOf(
          await inputText(pos(step), { prompt: 'Describe the music (mood, genre, story)', value: s.prompt, validate: notEmpty('The music description') }),
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
      if (s.mode === 'prompt') {
        return outcomeOf(
          await pickOne(pos(step), VOCAL_GENDERS.map((g) => ({ label: g, value: g as string })), { placeholder: 'Vocals', activeValue: s.vocalGender }),
          (v) => (s.vocalGender = v),
        );
      }
      return outcomeOf(await inputText(pos(step), { prompt: 'Music style (e.g. synth-pop, lo-fi)', value: s.style, validate: notEmpty('The style') }), (v) => (s.style = v));
    },
    async (step): Promise<StepOutcome> => {
      if (s.mode === 'prompt') {
        return outcomeOf(
          await pickOne(
            pos(step),
            [
              { label: 'With vocals', value: false },
              { label: 'Instrumental', value: true },
            ],
            { placeholder: 'Instrumental?', activeValue: s.instrumental },
          ),
          (v) => (s.instrumental = v),
        );
      }
      return outcomeOf(await inputText(pos(step), { prompt: 'Song title', value: s.title, validate: notEmpty('The title') }), (v) => (s.title = v));
    },
    async (): Promise<StepOutcome> => {
      const picked = await pickFrame(`${title}: reference image (required)`, 'referenceImage');
      if (picked === undefined) return 'cancel';
      if (picked === 'back') return 'back';
      s.reference = picked;
      return 'next';
    },
    async (step) =>
      outcomeOf(
        await pickOne(pos(step), MV_ASPECTS.map((a) => ({ label: a, description: a === '16:9' ? 'landscape' : 'portrait', value: a as string })), {
          placeholder: 'Aspect ratio',
          activeValue: s.aspect,
        }),
        (v) => (s.aspect = v),
      ),
    async (step) =>
      outcomeOf(
        await inputText(pos(step), {
          prompt: 'Scene description (optional)',
          value: s.sceneDescription,
          validate: (v) =>
            [...v].length > MAX_SCENE_DESCRIPTION ? `${[...v].length}/${MAX_SCENE_DESCRIPTION} characters: shorten it by ${[...v].length - MAX_SCENE_DESCRIPTION}.` : undefined,
          hint: (v) => `(${[...v].length}/${MAX_SCENE_DESCRIPTION})`,
        }),
        (v) => (s.sceneDescription = v),
      ),
    async (step) =>
      outcomeOf(
        await pickOne(
          pos(step),
          [
            { label: 'No subtitles', value: false },
            { label: 'Subtitles on', value: true },
          ],
          { placeholder: 'Subtitles', activeValue: s.subtitleEnabled },
        ),
        (v) => (s.subtitleEnabled = v),
      ),
  ]);
  if (!ok || !s.reference) return undefined;
  const reference = s.reference;
  const image =
    reference.uri !== undefined
      ? { referenceImageFile: reference.uri.toString() }
      : 'asset_id' in reference.frame
        ? { referenceImage: reference.frame.asset_id }
        : 'url' in reference.frame
          ? { referenceImageUrl: reference.frame.url }
          : { referenceImageUrl: reference.frame.base64 };
  const common = { name: s.name, aspect: s.aspect, sceneDescription: s.sceneDescription, subtitleEnabled: s.subtitleEnabled, ...image };
  return s.mode === 'prompt'
    ? { ...common, musicGenerateType: 'prompt', prompt: s.prompt, vocalGender: s.vocalGender, instrumental: s.instrumental }
    : { ...common, musicGenerateType: 'custom', lyrics: s.lyrics, style: s.style, title: s.title };
}

/** Lyrics from the active editor (selection or whole text), a workspace file, or typed in. */
async function pickLyrics(current: string): Promise<string | 'back' | undefined> {
  const editor = vscode.window.activeTextEditor;
  const items: Array<vscode.QuickPickItem & { value: 'editor' | 'file' | 'type' }> = [];
  if (editor) items.push({ label: '$(file-text) From the active editor', description: editor.selection.isEmpty ? 'whole document' : 'selection', value: 'editor' });
  items.push({ label: '$(folder-opened) From a file…', value: 'file' }, { label: '$(edit) Type them', value: 'type' });
  const choice = await vscode.window.showQuickPick(items, { title: 'Lyrics', ignoreFocusOut: true });
  if (!choice) return undefined;
  if (choice.value === 'editor' && editor) {
    const text = editor.selection.isEmpty ? editor.document.getText() : editor.document.getText(editor.selection);
    return text.trim() ? text : 'back';
  }
  if (choice.value === 'file') {
    const uris = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { Text: ['txt', 'md', 'lrc'] } });
    if (!uris?.[0]) return 'back';
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uris[0]));
  }
  const typed = await vscode.window.showInputBox({ title: 'Lyrics', prompt: 'Lyrics (use the editor option for multi-line lyrics)', value: current, ignoreFocusOut: true });
  return typed?.trim() ? typed : typed === undefined ? undefined : 'back';
}
