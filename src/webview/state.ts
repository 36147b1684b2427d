/**
 * The form's state, kept with the webview API's setState so it survives the
 * panel being hidden (the webview is torn down) and a window reload (the
 * serializer revives the panel with it). Thumbnails are small canvas copies,
 * never the image bytes.
 */
import type { ImageRef, PanelDefaults, PanelFieldIssue, Tab } from '../shared/protocol';
import { findModel } from '../giggle/catalogue';

export type FrameMode = 'none' | 'image' | 'url' | 'asset';

export interface ImageView {
  ref: ImageRef;
  name: string;
  bytes: number;
  mime: string;
  width?: number;
  height?: number;
  thumb?: string;
}

export interface FrameState {
  mode: FrameMode;
  url: string;
  assetId: string;
  image?: ImageView;
}

export interface VideoForm {
  prompt: string;
  model: string;
  duration: number;
  aspectRatio: string;
  resolution: string;
  startFrame: FrameState;
  endFrame: FrameState;
}

/** The user's own song: a file the host picked and checked, or a Giggle asset id. */
export interface SongState {
  mode: 'file' | 'asset';
  assetId: string;
  file?: { uri: string; name: string; bytes: number };
}

export interface MvForm {
  name: string;
  aspect: string;
  /** `aimv-30` for the 30-second version. */
  projectType: 'mv' | 'aimv-30';
  musicGenerateType: 'prompt' | 'custom' | 'upload';
  song: SongState;
  prompt: string;
  vocalGender: string;
  instrumental: boolean;
  lyrics: string;
  style: string;
  title: string;
  sceneDescription: string;
  subtitleEnabled: boolean;
  referenceImage: FrameState;
}

export interface ResultView {
  requestId: string;
  tab: Tab;
  ok: boolean;
  text: string;
  jobId?: string;
  /**
   * A refusal over fields: the message without the "N fields need attention"
   * count, so the count can follow the user's fixes (and the banner go away
   * with the last one) instead of outliving them.
   */
  fields?: { message: string };
}

export interface PanelState {
  version: 1;
  tab: Tab;
  video: VideoForm;
  mv: MvForm;
  /** The request being submitted, if any. */
  pending?: { requestId: string; tab: Tab };
  result?: ResultView;
  issues: Array<PanelFieldIssue & { tab: Tab }>;
}

export function emptyFrame(mode: FrameMode = 'none'): FrameState {
  return { mode, url: '', assetId: '' };
}

export function initialState(defaults: PanelDefaults): PanelState {
  const model = findModel(defaults.model) ?? findModel('grok')!;
  return {
    version: 1,
    tab: 'video',
    video: {
      prompt: '',
      model: model.id,
      duration: model.defaultDuration,
      aspectRatio: defaults.aspectRatio,
      resolution: defaults.resolution,
      startFrame: emptyFrame(),
      endFrame: emptyFrame(),
    },
    mv: {
      name: '',
      aspect: defaults.mvAspect,
      projectType: 'mv',
      musicGenerateType: 'prompt',
      song: { mode: 'file', assetId: '' },
      prompt: '',
      vocalGender: 'auto',
      instrumental: false,
      lyrics: '',
      style: '',
      title: '',
      sceneDescription: '',
      subtitleEnabled: false,
      referenceImage: emptyFrame('image'),
    },
    issues: [],
  };
}

/** A stored state from an older or damaged webview is replaced rather than trusted field by field. */
export function restoredState(stored: unknown, defaults: PanelDefaults): PanelState {
  const candidate = stored as Partial<PanelState> | undefined;
  if (!candidate || candidate.version !== 1 || !candidate.video || !candidate.mv) return initialState(defaults);
  const fresh = initialState(defaults);
  return {
    ...fresh,
    ...candidate,
    video: { ...fresh.video, ...candidate.video },
    mv: { ...fresh.mv, ...candidate.mv },
    issues: Array.isArray(candidate.issues) ? candidate.issues : [],
  };
}
