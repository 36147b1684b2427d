/**
 * One frame field (start frame, end frame, reference image): none, an image
 * (workspace list, open dialog, or dropped from the Explorer or the OS), a
 * URL, or a Giggle asset id. Images are read and checked by the extension
 * host; this shows what it found (thumbnail, size, dimensions) or why it
 * refused the image.
 */
import * as l10n from '@vscode/l10n';
import type { FrameField, FrameInput, PickedImage, Tab } from '../shared/protocol';
import { append, charCount, formatBytes, h, icon } from './dom';
import { post } from './host';
import type { FrameMode, FrameState, ImageView } from './state';

export interface FramePickerOptions {
  tab: Tab;
  field: FrameField;
  legend: string;
  /** The reference image is required, so it offers no "None". */
  required: boolean;
  /** http and https for video frames; https only for the music video reference. */
  urlHint: string;
  maxImageBytes: number;
  get: () => FrameState;
  changed: (immediate?: boolean) => void;
  setError: (message: string | undefined) => void;
}

function modeLabel(mode: FrameMode): string {
  switch (mode) {
    case 'none':
      return l10n.t('None');
    case 'image':
      return l10n.t('Image');
    case 'url':
      return l10n.t('URL');
    case 'asset':
      return l10n.t('Asset id');
  }
}

/** The accessible name of a frame field's "remove the image" button. */
function removeLabel(field: FrameField): string {
  switch (field) {
    case 'startFrame':
      return l10n.t('Remove the start frame image');
    case 'endFrame':
      return l10n.t('Remove the end frame image');
    case 'referenceImage':
      return l10n.t('Remove the reference image');
  }
}
const THUMB_SIZE = 160;

export class FramePicker {
  readonly element: HTMLFieldSetElement;
  private readonly id: string;
  private readonly sections = new Map<FrameMode, HTMLElement>();
  private readonly radios = new Map<FrameMode, HTMLInputElement>();
  private readonly preview: HTMLElement;
  private readonly urlInput: HTMLInputElement;
  private readonly assetInput: HTMLInputElement;
  private readonly busy: HTMLElement;

  constructor(private readonly options: FramePickerOptions) {
    const id = (this.id = `${options.tab}-${options.field}`);
    const modes: FrameMode[] = options.required ? ['image', 'url', 'asset'] : ['none', 'image', 'url', 'asset'];
    const modeRow = h('div', { class: 'mode-row', role: 'radiogroup', 'aria-label': l10n.t('{0} source', options.legend) });
    for (const mode of modes) {
      const radio = h('input', { type: 'radio', name: `${id}-mode`, id: `${id}-mode-${mode}`, value: mode, onchange: () => this.setMode(mode) });
      this.radios.set(mode, radio);
      append(modeRow, h('span', { class: 'choice' }, radio, h('label', { for: `${id}-mode-${mode}` }, modeLabel(mode))));
    }

    this.preview = h('div', { class: 'preview', id: `${id}-preview`, 'aria-live': 'polite' });
    this.busy = h('p', { class: 'hint', hidden: true }, l10n.t('Reading the image…'));
    const imageSection = h(
      'div',
      { class: 'frame-section', 'data-mode': 'image' },
      h(
        'div',
        { class: 'dropzone' },
        h('button', { type: 'button', class: 'secondary', id: `${id}-workspace`, onclick: () => this.pick('workspace') }, icon('file-media'), ` ${l10n.t('Workspace image…')}`),
        h('button', { type: 'button', class: 'secondary', id: `${id}-browse`, onclick: () => this.pick('dialog') }, icon('folder-opened'), ` ${l10n.t('Browse…')}`),
        h('span', { class: 'hint', id: `${id}-drop-hint` }, l10n.t('or drop an image here (hold Shift while dragging from the Explorer)')),
      ),
      h(
        'p',
        { class: 'hint' },
        l10n.t(
          'PNG, JPEG, WebP or GIF, up to {0} MiB. The image is read by VS Code and sent to Giggle as base64 when you submit.',
          Math.round(options.maxImageBytes / (1024 * 1024)),
        ),
      ),
      this.busy,
      this.preview,
    );
    this.urlInput = h('input', {
      type: 'url',
      id: `${id}-url`,
      spellcheck: 'false',
      // A URL's shape, the same in every language.
      // eslint-disable-next-line no-restricted-syntax
      placeholder: 'https://…',
      'aria-describedby': `${id}-url-hint ${id}-error`,
      oninput: () => {
        this.options.get().url = this.urlInput.value;
        this.options.changed();
      },
    });
    this.assetInput = h('input', {
      type: 'text',
      id: `${id}-asset`,
      spellcheck: 'false',
      'aria-describedby': `${id}-asset-hint ${id}-error`,
      oninput: () => {
        this.options.get().assetId = this.assetInput.value;
        this.options.changed();
      },
    });
    const urlSection = h(
      'div',
      { class: 'frame-section', 'data-mode': 'url' },
      h('label', { for: `${id}-url` }, l10n.t('Image URL')),
      this.urlInput,
      h('p', { class: 'hint', id: `${id}-url-hint` }, options.urlHint),
    );
    const assetSection = h(
      'div',
      { class: 'frame-section', 'data-mode': 'asset' },
      h('label', { for: `${id}-asset` }, l10n.t('Giggle asset id')),
      this.assetInput,
      h('p', { class: 'hint', id: `${id}-asset-hint` }, l10n.t('The id of an image already uploaded to Giggle.')),
    );
    this.sections.set('image', imageSection).set('url', urlSection).set('asset', assetSection);

    this.element = h(
      'fieldset',
      { class: 'frame', id, 'aria-describedby': `${id}-error` },
      h('legend', {}, options.legend, options.required ? '' : h('span', { class: 'optional' }, ` ${l10n.t('(optional)')}`)),
      modeRow,
      imageSection,
      urlSection,
      assetSection,
      h('p', { class: 'error', id: `${id}-error` }),
    );
    this.element.addEventListener('dragover', (event) => this.dragOver(event));
    this.element.addEventListener('dragleave', () => this.element.classList.remove('drag-over'));
    this.element.addEventListener('drop', (event) => {
      event.preventDefault();
      event.stopPropagation();
      this.element.classList.remove('drag-over');
      if (event.dataTransfer) void this.drop(event.dataTransfer);
    });
    this.render();
  }

  /** Shows the state (after restore, or after the host sent an image). */
  render(): void {
    const state = this.options.get();
    for (const [mode, radio] of this.radios) radio.checked = mode === state.mode;
    for (const [mode, section] of this.sections) section.hidden = mode !== state.mode;
    this.urlInput.value = state.url;
    this.assetInput.value = state.assetId;
    this.renderPreview(state.image);
  }

  /** The frame as the submit message carries it. */
  input(): FrameInput | undefined {
    const state = this.options.get();
    switch (state.mode) {
      case 'none':
        return undefined;
      case 'image':
        return state.image ? state.image.ref : { kind: 'missing' };
      case 'url':
        return { kind: 'url', url: state.url };
      case 'asset':
        return { kind: 'asset', assetId: state.assetId };
    }
  }

  /** The host read and accepted an image for this field. */
  async accept(image: PickedImage): Promise<void> {
    this.busy.hidden = true;
    const state = this.options.get();
    const { preview, ...rest } = image;
    state.mode = 'image';
    state.image = { ...rest, thumb: preview ? await thumbnail(preview) : undefined };
    this.options.setError(undefined);
    this.render();
    this.options.changed(true);
  }

  /** The host refused an image: say why next to the field, keep what was there before. */
  refuse(message: string): void {
    this.busy.hidden = true;
    this.options.setError(message);
  }

  /** Drops anywhere in the panel land in the active tab's first frame field. */
  async drop(data: DataTransfer): Promise<void> {
    const uris = droppedUris(data);
    if (uris.length > 0) {
      this.busy.hidden = false;
      post({ type: 'dropUris', field: this.options.field, uris: uris.slice(0, 20) });
      return;
    }
    const file = data.files[0];
    if (!file) {
      this.options.setError(l10n.t('Drop an image file (PNG, JPEG, WebP or GIF).'));
      return;
    }
    if (file.size > this.options.maxImageBytes) {
      const mib = (n: number) => (n / (1024 * 1024)).toFixed(1);
      this.options.setError(l10n.t('{0} is {1} MiB; the limit is {2} MiB.', file.name, mib(file.size), mib(this.options.maxImageBytes)));
      return;
    }
    this.busy.hidden = false;
    try {
      const base64 = toBase64(new Uint8Array(await file.arrayBuffer()));
      post({ type: 'dropFile', field: this.options.field, name: file.name.slice(0, 260), base64 });
    } catch {
      this.busy.hidden = true;
      this.options.setError(l10n.t('{0} could not be read.', file.name));
    }
  }

  private dragOver(event: DragEvent): void {
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    this.element.classList.add('drag-over');
  }

  private setMode(mode: FrameMode): void {
    const state = this.options.get();
    if (state.mode === mode) return;
    state.mode = mode;
    this.options.setError(undefined);
    this.render();
    this.options.changed(true);
  }

  private pick(source: 'workspace' | 'dialog'): void {
    post({ type: 'pickImage', field: this.options.field, source });
  }

  private clearImage(): void {
    const state = this.options.get();
    state.image = undefined;
    this.render();
    this.options.changed(true);
    document.getElementById(`${this.id}-workspace`)?.focus();
  }

  private renderPreview(image: ImageView | undefined): void {
    this.preview.replaceChildren();
    if (!image) return;
    const type = image.mime.replace('image/', '').toUpperCase();
    const size = image.width && image.height ? `${image.width} × ${image.height} px` : l10n.t('size unknown');
    const details = `${type}, ${formatBytes(image.bytes)}, ${size}`;
    append(
      this.preview,
      image.thumb
        ? h('img', { class: 'thumb', src: image.thumb, alt: l10n.t('Preview of {0}', image.name) })
        : h('span', { class: 'thumb placeholder', role: 'img', 'aria-label': l10n.t('No preview for large images') }, icon('file-media')),
      h(
        'div',
        { class: 'meta' },
        h('span', { class: 'name', title: image.name }, shorten(image.name)),
        h('span', { class: 'details', id: `${this.id}-details` }, details),
        image.ref.kind === 'dropped' ? h('span', { class: 'hint' }, l10n.t('Dropped from outside the workspace')) : undefined,
      ),
      h(
        'button',
        { type: 'button', class: 'icon-button', id: `${this.id}-clear`, 'aria-label': removeLabel(this.options.field), title: l10n.t('Remove'), onclick: () => this.clearImage() },
        icon('close'),
      ),
    );
  }
}

/** Explorer drops carry `text/uri-list` (one URI per line, `#` lines are comments). */
function droppedUris(data: DataTransfer): string[] {
  const list = data.getData('text/uri-list') || data.getData('application/vnd.code.uri-list');
  let uris = list
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  if (uris.length === 1 && uris[0].startsWith('[')) {
    try {
      uris = (JSON.parse(uris[0]) as unknown[]).filter((item): item is string => typeof item === 'string');
    } catch {
      /* not a JSON list */
    }
  }
  return uris.filter((uri) => /^[a-z][a-z0-9+.-]*:/i.test(uri));
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A small copy for the saved state; the full preview is not kept. */
async function thumbnail(preview: string): Promise<string | undefined> {
  if (preview.length < 24_000) return preview;
  try {
    const image = new Image();
    image.src = preview;
    await image.decode();
    const scale = Math.min(1, THUMB_SIZE / Math.max(image.naturalWidth, image.naturalHeight));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
    canvas.getContext('2d')?.drawImage(image, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/png');
  } catch {
    return undefined;
  }
}

function shorten(name: string): string {
  return charCount(name) > 60 ? `…${[...name].slice(-58).join('')}` : name;
}
