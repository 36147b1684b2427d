/**
 * The generator panel's browser code: two tabs (Video, Music video) built as
 * plain HTML controls styled with VS Code's theme variables. It holds no
 * secrets and makes no network calls: images are read by the extension host,
 * submissions go to the host, which validates everything again.
 */
import * as l10n from '@vscode/l10n';
import { MAX_PROMPT_LENGTH, MAX_SCENE_DESCRIPTION, MV_ASPECTS, RESOLUTIONS, ASPECT_RATIOS, VOCAL_GENDERS, findModel, modelsForPicker } from '../giggle/catalogue';
import type { VideoModel } from '../giggle/catalogue';
import { fieldLabel } from '../giggle/fieldNames';
import { modelDescription } from '../giggle/modelDescription';
import type { FrameField, HostMessage, PanelBootData, SongInput, SubmitResult, Tab } from '../shared/protocol';
import { append, byId, charCount, h, icon } from './dom';
import { FramePicker } from './framePicker';
import { flushState, newRequestId, post, saveState, storedState } from './host';
import { PriceTracker, priceText, priceTooltip, videoPriceInputs } from './price';
import type { PriceView } from './price';
import { restoredState } from './state';
import type { FrameState, MvForm, PanelState } from './state';

const boot = JSON.parse(document.body.dataset.boot ?? '{}') as PanelBootData;
const state: PanelState = restoredState(storedState(), boot.defaults);
const pickers = new Map<FrameField, FramePicker>();
const submitButtons = new Map<Tab, HTMLButtonElement>();
const prices = new PriceTracker({ send: post, show: showPrice, newRequestId });

/**
 * Translations come from the host in a JSON data block of the HTML shell
 * (vscode.l10n.bundle; empty for English). Configured first thing, before any
 * text is rendered; without it every string stays English.
 */
function configureL10n(): void {
  try {
    const contents: unknown = JSON.parse(document.getElementById('giggle-l10n')?.textContent || '{}');
    if (contents && typeof contents === 'object' && !Array.isArray(contents)) l10n.config({ contents: contents as Record<string, string> });
  } catch {
    /* a damaged bundle: English */
  }
}

function tabLabel(tab: Tab): string {
  return tab === 'video' ? l10n.t('Video') : l10n.t('Music video');
}

function submitLabel(tab: Tab): string {
  return tab === 'video' ? l10n.t('Generate video') : l10n.t('Generate music video');
}

function aspectLabel(aspect: string): string {
  switch (aspect) {
    case '16:9':
    case '4:3':
      return l10n.t('{0} (landscape)', aspect);
    case '9:16':
    case '3:4':
      return l10n.t('{0} (portrait)', aspect);
    case '1:1':
      return l10n.t('{0} (square)', aspect);
    default:
      return aspect;
  }
}

/** The hint under the model select, one whole sentence per case. */
function modelHintText(model: VideoModel): string {
  const description = modelDescription(model);
  const durations = model.durations.join(', ');
  if (model.recommended) {
    return model.audio
      ? l10n.t('{0}: {1} s; recommended, with audio.', description, durations)
      : l10n.t('{0}: {1} s; recommended, no audio track.', description, durations);
  }
  return model.audio ? l10n.t('{0}: {1} s; with audio.', description, durations) : l10n.t('{0}: {1} s; no audio track.', description, durations);
}

function vocalLabel(gender: string): string {
  return gender === 'auto' ? l10n.t('Automatic') : gender === 'male' ? l10n.t('Male voice') : l10n.t('Female voice');
}

function changed(immediate = false): void {
  saveState(state, immediate);
  // Re-asks for the price only when the model, duration or frame choice changed.
  prices.update(videoPriceInputs(state.video));
}

/** The estimated price next to the video tab's Submit button (#video-price); the element is built after the first view. */
let priceElement: HTMLElement | undefined;
let priceView: PriceView = { state: 'none' };

function showPrice(view: PriceView): void {
  priceView = view;
  const element = priceElement;
  if (!element) return;
  element.textContent = priceText(view);
  element.title = priceTooltip(view);
  element.dataset.state = view.state;
  if (view.state === 'known') element.dataset.credits = String(view.credits);
  else delete element.dataset.credits;
}

// --- Fields and their messages ---------------------------------------------------

/** A labelled control with its hint, optional counter and error line, all tied to it with aria-describedby. */
function field(id: string, label: string, control: HTMLElement, extras: { hint?: string; counter?: HTMLElement; note?: HTMLElement } = {}): HTMLElement {
  const described = [extras.hint && `${id}-hint`, extras.counter && `${id}-count`, extras.note && `${id}-note`, `${id}-error`].filter(Boolean).join(' ');
  control.id = id;
  control.setAttribute('aria-describedby', described);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    control,
    extras.counter,
    extras.hint ? h('p', { class: 'hint', id: `${id}-hint` }, extras.hint) : undefined,
    extras.note,
    h('p', { class: 'error', id: `${id}-error` }),
  );
}

function setError(tab: Tab, name: string, message: string | undefined, persist = true): void {
  const id = `${tab}-${name}`;
  const error = document.getElementById(`${id}-error`);
  if (error) error.textContent = message ?? '';
  const control = document.getElementById(id);
  if (message) control?.setAttribute('aria-invalid', 'true');
  else control?.removeAttribute('aria-invalid');
  if (!persist) return;
  state.issues = state.issues.filter((issue) => !(issue.tab === tab && issue.field === name));
  if (message) state.issues.push({ tab, field: name, message });
  followFixes(tab);
  changed();
}

/** The refusal banner counts the fields still to fix, and goes once they are all fixed. */
function followFixes(tab: Tab): void {
  const shown = state.result;
  if (!shown || shown.ok || !shown.fields || shown.tab !== tab) return;
  const left = state.issues.filter((issue) => issue.tab === tab).length;
  showResult(left === 0 ? undefined : { ...shown, text: refusalText(shown.fields.message, left) });
}

function refusalText(message: string, fieldCount: number): string {
  const summary =
    fieldCount === 0 ? '' : fieldCount === 1 ? l10n.t('1 field needs attention; nothing was sent.') : l10n.t('{0} fields need attention; nothing was sent.', fieldCount);
  return [message, summary].filter(Boolean).join(' ') || l10n.t('The submission failed.');
}

function clearErrors(tab: Tab): void {
  for (const issue of state.issues.filter((i) => i.tab === tab)) setError(tab, issue.field, undefined, false);
  state.issues = state.issues.filter((issue) => issue.tab !== tab);
}

function select(options: Array<[value: string, label: string]>, value: string, onChange: (value: string) => void): HTMLSelectElement {
  const element = h('select', {});
  for (const [optionValue, label] of options) append(element, h('option', { value: optionValue }, label));
  element.value = value;
  element.addEventListener('change', () => onChange(element.value));
  return element;
}

function textInput(value: string, onInput: (value: string) => void, attrs: Record<string, string> = {}): HTMLInputElement {
  const element = h('input', { type: 'text', spellcheck: 'false', ...attrs });
  element.value = value;
  element.addEventListener('input', () => onInput(element.value));
  return element;
}

function textArea(value: string, rows: number, onInput: (value: string) => void): HTMLTextAreaElement {
  const element = h('textarea', { rows });
  element.value = value;
  element.addEventListener('input', () => onInput(element.value));
  return element;
}

function checkbox(id: string, label: string, checked: boolean, onChange: (checked: boolean) => void, hint?: string): HTMLElement {
  const input = h('input', { type: 'checkbox', id, 'aria-describedby': hint ? `${id}-hint` : undefined });
  input.checked = checked;
  input.addEventListener('change', () => onChange(input.checked));
  return h(
    'div',
    { class: 'field checkbox' },
    h('span', { class: 'choice' }, input, h('label', { for: id }, label)),
    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : undefined,
    h('p', { class: 'error', id: `${id}-error` }),
  );
}

/** "12 / 2000" under a text area, marked when over the limit; the limit message itself is live. */
function counter(id: string, limit: number, read: () => string, overMessage?: (length: number) => string): { element: HTMLElement; update: () => void } {
  const element = h('p', { class: 'counter', id: `${id}-count` });
  const update = () => {
    const length = charCount(read());
    element.textContent = l10n.t('{0} / {1} characters', length, limit);
    element.classList.toggle('over', length > limit);
    if (overMessage) {
      const [tab, ...rest] = id.split('-');
      const name = rest.join('-');
      const current = state.issues.find((issue) => issue.tab === tab && issue.field === name);
      if (length > limit) setError(tab as Tab, name, overMessage(length));
      // A length message (the live one, or the host's after a submit) goes as soon as the text fits;
      // a length is all these fields are checked for, so any message of theirs is one.
      else if (current) setError(tab as Tab, name, undefined);
    }
  };
  return { element, update };
}

function framePicker(tab: Tab, fieldName: FrameField, legend: string, required: boolean, urlHint: string, get: () => FrameState): FramePicker {
  const picker = new FramePicker({
    tab,
    field: fieldName,
    legend,
    required,
    urlHint,
    maxImageBytes: boot.maxImageBytes,
    get,
    changed,
    setError: (message) => setError(tab, fieldName, message),
  });
  pickers.set(fieldName, picker);
  return picker;
}

/** Submit, and on the video tab the estimated price next to it (the music video has no price call before payment). */
function submitRow(tab: Tab): HTMLElement {
  const price = tab === 'video' ? (priceElement = h('span', { id: 'video-price', class: 'hint price', 'aria-live': 'polite' })) : undefined;
  if (price) showPrice(priceView);
  const button = h('button', { type: 'submit', id: `${tab}-submit`, class: 'primary', 'aria-describedby': price ? price.id : undefined }, icon('play'), ` ${submitLabel(tab)}`);
  submitButtons.set(tab, button);
  return h('div', { class: 'actions' }, button, price);
}

// --- Video tab ---------------------------------------------------------------------

function videoTab(): HTMLElement {
  const form = state.video;
  const prompt = textArea(form.prompt, 5, (value) => {
    form.prompt = value;
    promptCount.update();
    changed();
  });
  const promptCount = counter('video-prompt', MAX_PROMPT_LENGTH, () => form.prompt);

  const modelHint = h('p', { class: 'hint', id: 'video-model-hint' });
  const durationNote = h('p', { class: 'note', id: 'video-duration-note', 'aria-live': 'polite' });
  const duration = h('select', {});
  const renderDurations = () => {
    const model = findModel(form.model) ?? findModel('grok')!;
    duration.replaceChildren(...model.durations.map((d) => h('option', { value: String(d) }, l10n.t('{0} seconds', d))));
    duration.value = String(form.duration);
    modelHint.textContent = modelHintText(model);
  };
  duration.addEventListener('change', () => {
    form.duration = Number(duration.value);
    durationNote.textContent = '';
    changed();
  });
  const model = select(
    modelsForPicker().map((m) => [m.id, m.recommended ? l10n.t('{0}: {1} (recommended)', m.id, modelDescription(m)) : `${m.id}: ${modelDescription(m)}`]),
    form.model,
    (value) => {
      const chosen = findModel(value);
      if (!chosen) return;
      form.model = chosen.id;
      const before = form.duration;
      if (!chosen.durations.includes(before)) {
        form.duration = chosen.defaultDuration;
        durationNote.textContent = l10n.t('Duration changed from {0} to {1} seconds: {2} offers {3} seconds.', before, form.duration, chosen.id, chosen.durations.join(', '));
      } else {
        durationNote.textContent = '';
      }
      renderDurations();
      changed();
    },
  );
  if (!findModel(form.model)) form.model = 'grok';
  if (!findModel(form.model)!.durations.includes(form.duration)) form.duration = findModel(form.model)!.defaultDuration;
  model.value = form.model;
  renderDurations();
  promptCount.update();

  const aspect = select(
    ASPECT_RATIOS.map((a) => [a, aspectLabel(a)]),
    form.aspectRatio,
    (value) => {
      form.aspectRatio = value;
      changed();
    },
  );
  const resolution = select(
    RESOLUTIONS.map((r) => [r, r]),
    form.resolution,
    (value) => {
      form.resolution = value;
      changed();
    },
  );

  const urlHint = l10n.t('An http or https link to a PNG, JPEG, WebP or GIF image.');
  const start = framePicker('video', 'startFrame', fieldLabel('startFrame'), false, urlHint, () => form.startFrame);
  const end = framePicker('video', 'endFrame', fieldLabel('endFrame'), false, urlHint, () => form.endFrame);

  const element = h(
    'form',
    { id: 'video-form', novalidate: true, 'aria-labelledby': 'tab-video' },
    field('video-prompt', fieldLabel('prompt'), prompt, { counter: promptCount.element, hint: l10n.t('Describe the scene, motion and style of the video.') }),
    h(
      'div',
      { class: 'row' },
      field('video-model', fieldLabel('model'), model, {}),
      field('video-duration', fieldLabel('duration'), duration, { note: durationNote }),
    ),
    modelHint,
    h('div', { class: 'row' }, field('video-aspectRatio', fieldLabel('aspectRatio'), aspect), field('video-resolution', fieldLabel('resolution'), resolution)),
    h('p', { class: 'hint' }, l10n.t('With a start or end frame the video is generated from the image (image to video); without, from the prompt alone.')),
    start.element,
    end.element,
    submitRow('video'),
  );
  // The model hint belongs to the model select.
  model.setAttribute('aria-describedby', 'video-model-hint video-model-error');
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    submit('video');
  });
  return element;
}

// --- Music video tab ---------------------------------------------------------------

/**
 * "My own song": a file the host picks and checks (the webview never reads it)
 * or a Giggle asset id. The host's answer arrives as a `song` or `songError` message.
 */
let songView: { accept(file: { uri: string; name: string; bytes: number }): void; refuse(message: string): void } | undefined;

/** One option of a radio group with its label; picking it updates the form and saves it. */
function radioChoice(group: string, id: string, label: string, checked: boolean, onPick: () => void): HTMLElement {
  const radio = h('input', { type: 'radio', name: group, id, value: id });
  radio.checked = checked;
  radio.addEventListener('change', () => {
    onPick();
    changed(true);
  });
  return h('span', { class: 'choice' }, radio, h('label', { for: id }, label));
}

function songSection(song: MvForm['song']): HTMLElement {
  const chosen = h('span', { id: 'mv-song-file' });
  const showFile = () => {
    chosen.textContent = song.file ? l10n.t('{0} ({1} MB)', song.file.name, (song.file.bytes / (1024 * 1024)).toFixed(1)) : l10n.t('No song chosen yet.');
  };
  const pick = h('button', { type: 'button', id: 'mv-song', class: 'secondary', onclick: () => post({ type: 'pickSong' }) }, icon('unmute'), ` ${l10n.t('Choose a song…')}`);
  const fileRow = h('div', { class: 'row' }, pick, chosen);
  const assetId = textInput(song.assetId, (value) => {
    song.assetId = value;
    changed();
  }, { placeholder: l10n.t('Giggle asset id of an uploaded song') });
  const assetRow = field('mv-songAssetId', l10n.t('Asset id'), assetId);
  const showSource = () => {
    fileRow.hidden = song.mode !== 'file';
    assetRow.hidden = song.mode !== 'asset';
  };
  const sourceRadio = (mode: 'file' | 'asset', label: string) =>
    radioChoice('mv-songSource', `mv-song-${mode}`, label, song.mode === mode, () => {
      song.mode = mode;
      showSource();
    });
  songView = {
    accept(file) {
      song.file = file;
      showFile();
      setError('mv', 'song', undefined);
      changed(true);
    },
    refuse(message) {
      song.file = undefined;
      showFile();
      setError('mv', 'song', message);
      changed(true);
    },
  };
  showFile();
  showSource();
  return h(
    'div',
    { class: 'mode-section', id: 'mv-upload-mode' },
    h('div', { class: 'mode-row', role: 'radiogroup', 'aria-label': l10n.t('Your song') }, sourceRadio('file', l10n.t('Audio file')), sourceRadio('asset', l10n.t('Asset id'))),
    fileRow,
    assetRow,
    h('p', { class: 'hint' }, l10n.t('An MP3, WAV, OGG or FLAC file of at most 50 MB; it is uploaded to Giggle once when you submit.')),
    h('p', { class: 'error', id: 'mv-song-error' }),
  );
}

function songInput(song: MvForm['song']): SongInput {
  if (song.mode === 'asset') return { kind: 'asset', assetId: song.assetId };
  return song.file ? { kind: 'file', uri: song.file.uri } : { kind: 'missing' };
}

function musicTab(): HTMLElement {
  const form = state.mv;
  const name = textInput(form.name, (value) => {
    form.name = value;
    changed();
  });
  name.setAttribute('spellcheck', 'true');
  const aspect = select(
    MV_ASPECTS.map((a) => [a, aspectLabel(a)]),
    form.aspect,
    (value) => {
      form.aspect = value;
      changed();
    },
  );

  const length = select(
    [
      ['mv', l10n.t('Full music video')],
      ['aimv-30', l10n.t('30-second version')],
    ],
    form.projectType,
    (value) => {
      form.projectType = value === 'aimv-30' ? 'aimv-30' : 'mv';
      changed();
    },
  );

  const promptSection = h('div', { class: 'mode-section', id: 'mv-prompt-mode' });
  const customSection = h('div', { class: 'mode-section', id: 'mv-custom-mode' });
  const uploadSection = songSection(form.song);
  const showMode = () => {
    promptSection.hidden = form.musicGenerateType !== 'prompt';
    customSection.hidden = form.musicGenerateType !== 'custom';
    uploadSection.hidden = form.musicGenerateType !== 'upload';
  };
  const modeRadio = (mode: 'prompt' | 'custom' | 'upload', label: string) =>
    radioChoice('mv-musicGenerateType', `mv-mode-${mode}`, label, form.musicGenerateType === mode, () => {
      form.musicGenerateType = mode;
      showMode();
    });

  append(
    promptSection,
    field(
      'mv-prompt',
      l10n.t('Song description'),
      textArea(form.prompt, 3, (value) => {
        form.prompt = value;
        changed();
      }),
      { hint: l10n.t('Giggle writes the song from this description.') },
    ),
    field(
      'mv-vocalGender',
      l10n.t('Vocals'),
      select(
        VOCAL_GENDERS.map((g) => [g, vocalLabel(g)]),
        form.vocalGender,
        (value) => {
          form.vocalGender = value;
          changed();
        },
      ),
    ),
    checkbox('mv-instrumental', l10n.t('Instrumental (no vocals)'), form.instrumental, (checked) => {
      form.instrumental = checked;
      changed();
    }),
  );
  append(
    customSection,
    field(
      'mv-title',
      l10n.t('Song title'),
      textInput(form.title, (value) => {
        form.title = value;
        changed();
      }, { spellcheck: 'true' }),
    ),
    field(
      'mv-style',
      l10n.t('Music style'),
      textInput(form.style, (value) => {
        form.style = value;
        changed();
      }, { placeholder: l10n.t('e.g. upbeat synth-pop') }),
    ),
    field(
      'mv-lyrics',
      fieldLabel('lyrics'),
      textArea(form.lyrics, 6, (value) => {
        form.lyrics = value;
        changed();
      }),
    ),
  );
  showMode();

  const reference = framePicker('mv', 'referenceImage', l10n.t('Reference image'), true, l10n.t('An https link to a PNG, JPEG, WebP or GIF image.'), () => form.referenceImage);

  const sceneCount = counter('mv-sceneDescription', MAX_SCENE_DESCRIPTION, () => form.sceneDescription, (length) => l10n.t('Scene description is {0} characters; the limit is {1}.', length, MAX_SCENE_DESCRIPTION));
  const scene = textArea(form.sceneDescription, 3, (value) => {
    form.sceneDescription = value;
    sceneCount.update();
    changed();
  });

  const element = h(
    'form',
    { id: 'mv-form', novalidate: true, 'aria-labelledby': 'tab-mv' },
    h(
      'div',
      { class: 'row' },
      field('mv-name', l10n.t('Project name'), name, { hint: l10n.t('How the project is named on Giggle and in the Jobs view.') }),
      field('mv-aspect', fieldLabel('aspect'), aspect),
      field('mv-projectType', l10n.t('Length'), length),
    ),
    h(
      'fieldset',
      { id: 'mv-musicGenerateType', 'aria-describedby': 'mv-musicGenerateType-error' },
      h('legend', {}, l10n.t('Music')),
      h(
        'div',
        { class: 'mode-row', role: 'radiogroup', 'aria-label': l10n.t('How the song is made') },
        modeRadio('prompt', l10n.t('Describe the song')),
        modeRadio('custom', l10n.t('Write lyrics yourself')),
        modeRadio('upload', l10n.t('My own song')),
      ),
      promptSection,
      customSection,
      uploadSection,
      h('p', { class: 'error', id: 'mv-musicGenerateType-error' }),
    ),
    reference.element,
    field('mv-sceneDescription', l10n.t('Scene description (optional)'), scene, {
      counter: sceneCount.element,
      hint: l10n.t('What the video should show; at most {0} characters.', MAX_SCENE_DESCRIPTION),
    }),
    checkbox('mv-subtitleEnabled', l10n.t('Show the lyrics as subtitles'), form.subtitleEnabled, (checked) => {
      form.subtitleEnabled = checked;
      changed();
    }),
    h('p', { class: 'hint' }, l10n.t('Giggle writes the song and storyboard first, then asks for payment before shooting; the Jobs view follows each step.')),
    submitRow('mv'),
  );
  sceneCount.update();
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    submit('mv');
  });
  return element;
}

// --- Tabs --------------------------------------------------------------------------

const TAB_ORDER: Tab[] = ['video', 'mv'];

function tabs(panels: Record<Tab, HTMLElement>): HTMLElement {
  const list = h('div', { role: 'tablist', 'aria-label': l10n.t('What to generate'), class: 'tabs' });
  for (const tab of TAB_ORDER) {
    const button = h(
      'button',
      { type: 'button', role: 'tab', id: `tab-${tab}`, 'aria-controls': `panel-${tab}`, onclick: () => selectTab(tab, true) },
      icon(tab === 'video' ? 'device-camera-video' : 'music'),
      ` ${tabLabel(tab)}`,
    );
    button.addEventListener('keydown', (event) => {
      const index = TAB_ORDER.indexOf(tab);
      const next =
        event.key === 'ArrowRight' ? TAB_ORDER[(index + 1) % TAB_ORDER.length]
        : event.key === 'ArrowLeft' ? TAB_ORDER[(index + TAB_ORDER.length - 1) % TAB_ORDER.length]
        : event.key === 'Home' ? TAB_ORDER[0]
        : event.key === 'End' ? TAB_ORDER[TAB_ORDER.length - 1]
        : undefined;
      if (!next) return;
      event.preventDefault();
      selectTab(next, true);
    });
    list.appendChild(button);
  }
  for (const tab of TAB_ORDER) panels[tab].setAttribute('aria-labelledby', `tab-${tab}`);
  return list;
}

function selectTab(tab: Tab, focus = false): void {
  state.tab = tab;
  for (const other of TAB_ORDER) {
    const button = byId(`tab-${other}`);
    const selected = other === tab;
    button.setAttribute('aria-selected', String(selected));
    button.tabIndex = selected ? 0 : -1;
    byId(`panel-${other}`).hidden = !selected;
  }
  renderResult();
  if (focus) byId(`tab-${tab}`).focus();
  changed(true);
}

// --- Submitting ----------------------------------------------------------------------

function submit(tab: Tab): void {
  if (state.pending) return;
  clearErrors(tab);
  showResult(undefined);
  const requestId = newRequestId();
  state.pending = { requestId, tab };
  setBusy(true);
  changed(true);
  if (tab === 'video') {
    const form = state.video;
    post({
      type: 'submitVideo',
      requestId,
      prompt: form.prompt,
      model: form.model,
      duration: form.duration,
      aspectRatio: form.aspectRatio,
      resolution: form.resolution,
      startFrame: pickers.get('startFrame')!.input(),
      endFrame: pickers.get('endFrame')!.input(),
    });
  } else {
    const form = state.mv;
    const specific =
      form.musicGenerateType === 'prompt'
        ? { prompt: form.prompt, vocalGender: form.vocalGender, instrumental: form.instrumental }
        : form.musicGenerateType === 'custom'
          ? { lyrics: form.lyrics, style: form.style, title: form.title }
          : { song: songInput(form.song) };
    post({
      type: 'submitMusicVideo',
      requestId,
      name: form.name,
      aspect: form.aspect,
      projectType: form.projectType,
      musicGenerateType: form.musicGenerateType,
      ...specific,
      sceneDescription: form.sceneDescription,
      subtitleEnabled: form.subtitleEnabled,
      referenceImage: pickers.get('referenceImage')!.input() ?? { kind: 'missing' },
    });
  }
}

function setBusy(busy: boolean): void {
  for (const [tab, button] of submitButtons) {
    button.disabled = busy;
    button.replaceChildren(icon(busy ? 'loading codicon-modifier-spin' : 'play'), ` ${busy ? l10n.t('Submitting…') : submitLabel(tab)}`);
  }
  byId('app').setAttribute('aria-busy', String(busy));
}

function adoptPending(pending: NonNullable<PanelState['pending']>): void {
  state.pending = pending;
  showResult(undefined);
  selectTab(pending.tab);
  setBusy(true);
  changed(true);
}

/** The host no longer knows the request (the window reloaded mid-submission): say where its outcome is. */
function interrupted(): void {
  const tab = state.pending!.tab;
  state.pending = undefined;
  setBusy(false);
  showResult({
    requestId: newRequestId(),
    tab,
    ok: false,
    text: l10n.t('The window reloaded while this was being submitted. The Jobs view shows what became of it; a submission whose outcome is unknown is never sent again on its own.'),
  });
  changed(true);
}

function applyResult(result: SubmitResult): void {
  if (!state.pending || state.pending.requestId !== result.requestId) return;
  state.pending = undefined;
  setBusy(false);
  if (result.ok) {
    clearErrors(result.tab);
    const remoteId = result.remoteId ?? l10n.t({ message: 'unknown', args: [], comment: ['in place of a task or project id Giggle did not send'] });
    const text =
      result.tab === 'video'
        ? l10n.t('Video submitted (task {0}). The Jobs view follows it.', remoteId)
        : l10n.t('Music video submitted (project {0}). The Jobs view follows it.', remoteId);
    showResult({ requestId: result.requestId, tab: result.tab, ok: true, jobId: result.jobId, text });
  } else {
    for (const issue of result.issues) setError(result.tab, issue.field, issue.message);
    const count = result.issues.length;
    showResult({
      requestId: result.requestId,
      tab: result.tab,
      ok: false,
      text: refusalText(result.message ?? '', count),
      fields: count > 0 ? { message: result.message ?? '' } : undefined,
    });
    selectTab(result.tab);
    const first = result.issues[0];
    if (first) focusField(result.tab, first.field);
  }
  changed(true);
}

function focusField(tab: Tab, name: string): void {
  const element = document.getElementById(`${tab}-${name}`);
  const target = element instanceof HTMLFieldSetElement ? element.querySelector<HTMLElement>('input:checked, input, button') : element;
  target?.focus();
}

function showResult(result: PanelState['result']): void {
  state.result = result;
  renderResult();
}

/** The last result shows under the tab it belongs to only: a music video's refusal is not about the video form. */
function renderResult(): void {
  const result = state.result?.tab === state.tab ? state.result : undefined;
  const status = byId('status');
  const alert = byId('alert');
  status.replaceChildren();
  alert.replaceChildren();
  if (!result) return;
  if (result.ok) {
    append(
      status,
      h('span', { class: 'ok' }, icon('pass'), ` ${result.text}`),
      result.jobId
        ? h('button', { type: 'button', class: 'link', id: 'reveal-job', onclick: () => post({ type: 'revealJob', jobId: result.jobId! }) }, l10n.t('Show in Jobs'))
        : undefined,
    );
  } else {
    append(alert, icon('error'), ` ${result.text}`);
  }
}

// --- Messages from the host -------------------------------------------------------

function receive(message: HostMessage): void {
  switch (message.type) {
    case 'sync':
      if (message.inFlight) {
        // Still being submitted, maybe by a panel closed since: Submit stays disabled and its result lands here.
        if (state.pending?.requestId !== message.inFlight) adoptPending({ requestId: message.inFlight, tab: message.inFlightTab ?? state.tab });
      } else if (state.pending) {
        // Finished while the panel was hidden or reloading.
        if (message.lastResult?.requestId === state.pending.requestId) applyResult(message.lastResult);
        else interrupted();
      }
      return;
    case 'frame':
      void pickers.get(message.field)?.accept(message.image);
      return;
    case 'frameError':
      pickers.get(message.field)?.refuse(message.message);
      return;
    case 'song':
      songView?.accept({ uri: message.uri, name: message.name, bytes: message.bytes });
      return;
    case 'songError':
      songView?.refuse(message.message);
      return;
    case 'showTab':
      selectTab(message.tab);
      return;
    case 'submitResult':
      applyResult(message);
      return;
    case 'price':
      prices.receive(message);
      return;
  }
}

// --- Start ---------------------------------------------------------------------------

function start(): void {
  configureL10n();
  const panels: Record<Tab, HTMLElement> = {
    video: h('section', { role: 'tabpanel', id: 'panel-video' }, videoTab()),
    mv: h('section', { role: 'tabpanel', id: 'panel-mv' }, musicTab()),
  };
  const app = byId('app');
  app.replaceChildren(
    h('h1', { class: 'visually-hidden' }, l10n.t('Giggle generator')),
    tabs(panels),
    panels.video,
    panels.mv,
    h('div', { id: 'alert', role: 'alert', class: 'result error-result' }),
    h('div', { id: 'status', role: 'status', 'aria-live': 'polite', class: 'result' }),
  );
  // Ask for the price at once (later changes wait for a pause in the editing).
  prices.update(videoPriceInputs(state.video), true);
  selectTab(state.tab === 'mv' ? 'mv' : 'video');
  for (const issue of state.issues) setError(issue.tab, issue.field, issue.message, false);
  showResult(state.result);
  setBusy(!!state.pending);
  app.setAttribute('aria-busy', String(!!state.pending));

  // Drops outside a frame field go to the active tab's first frame field; never let the browser navigate to a file.
  document.addEventListener('dragover', (event) => event.preventDefault());
  document.addEventListener('drop', (event) => {
    event.preventDefault();
    const target = state.tab === 'video' ? 'startFrame' : 'referenceImage';
    if (event.dataTransfer) void pickers.get(target)?.drop(event.dataTransfer);
  });
  // Editing a field clears its message (fields with a live limit re-check themselves in their own handler).
  const clearOnEdit = (event: Event) => {
    const target = event.target as HTMLElement;
    // A frame field's inputs (URL, asset id, mode) belong to its fieldset; every other control is its own field.
    const owner = target.closest<HTMLElement>('fieldset.frame') ?? target;
    const [tab, ...rest] = owner.id.split('-');
    const name = rest.join('-');
    if (!owner.id || owner.id === 'mv-sceneDescription' || (tab !== 'video' && tab !== 'mv')) return;
    if (state.issues.some((issue) => issue.tab === tab && issue.field === name)) setError(tab, name, undefined);
  };
  document.addEventListener('input', clearOnEdit);
  document.addEventListener('change', clearOnEdit);
  window.addEventListener('message', (event: MessageEvent<HostMessage>) => receive(event.data));
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && flushState());
  window.addEventListener('pagehide', flushState);
  post({ type: 'ready' });
  document.body.dataset.ready = 'true';
  // Time from the webview document's start to an interactive form, read by the UI tests and benchmarks.
  document.body.dataset.readyMs = String(Math.round(performance.now()));
  // Time from the host starting giggle.openGenerator to this point (same machine, same clock): the UI test holds it to 400 ms.
  // Wall-clock time of the same moment, for measurements that start outside the extension (bench/activation.mjs).
  document.body.dataset.interactiveAt = String(Date.now());
  if (typeof boot.openedAt === 'number') {
    document.body.dataset.openMs = String(Date.now() - boot.openedAt);
    // How much of it passed before this document started loading (the workbench creating the webview's frames).
    document.body.dataset.documentStartMs = String(Math.round(performance.timeOrigin - boot.openedAt));
  } else {
    // Opened without a recorded invocation time (a restored panel, or a bug): say so rather than leave a gap that reads as 0.
    document.body.dataset.openMs = 'missing';
  }
}

start();
