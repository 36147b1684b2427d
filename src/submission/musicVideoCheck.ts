/**
 * A music video submission as every front end builds it, and its one check
 * (the music video's counterpart of ./video.ts). The song file and a
 * reference image read from a file or dropped were checked when read; the
 * form is checked here once, with stand-ins where an upload will put
 * Giggle's asset id, and after the uploads the ids go into the checked
 * request without a second check (../jobs/mvSubmission.ts withUploadedAssets).
 * No vscode import.
 */
import type { Validated } from '../giggle/validation';
import { checkMusicVideo, withUploadedAssets } from '../jobs/mvSubmission';
import type { CheckedMusicVideo } from '../jobs/mvSubmission';
import type { SongFile } from '../platform/songFile';
import { needsCheck, referenceFields } from './frame';
import type { SubmissionFrame } from './frame';

export interface MvSubmission {
  /**
   * The form as the API's submit takes it, camelCased (name, aspect,
   * projectType, musicGenerateType and its fields, sceneDescription,
   * subtitleEnabled, musicAssetId): values as given, checked on submit.
   */
  fields: Record<string, unknown>;
  /** The reference image; without one, `fields` may hold a script's referenceImage / referenceImageUrl as given, for the checks to name. */
  reference?: SubmissionFrame;
  /** The user's own song, read and checked once (upload mode). */
  song?: SongFile;
}

/** Checked once: the request as the API takes it (trusted below, see ../giggle/checked.ts) and what is still to upload. */
export interface CheckedMvSubmission {
  readonly request: CheckedMusicVideo;
  readonly reference?: SubmissionFrame;
  readonly song?: SongFile;
}

// Stand-ins for what only exists after an upload, in the form the validator accepts; never sent.
const SONG_ASSET_STAND_IN = 'song-uploaded-at-submit';
const REFERENCE_ASSET_STAND_IN = 'reference-checked-when-read';

/** Every issue at once, in the validator's order (`check` is the one validator; a test may count its calls). */
export function checkMvSubmission(
  submission: MvSubmission,
  check: (input: unknown) => Validated<CheckedMusicVideo> = checkMusicVideo,
): Validated<CheckedMvSubmission> {
  const { fields, reference, song } = submission;
  const referenceForCheck = reference && (needsCheck(reference) ? referenceFields(reference) : { referenceImage: REFERENCE_ASSET_STAND_IN });
  const result = check({ ...fields, ...referenceForCheck, ...(song ? { musicAssetId: SONG_ASSET_STAND_IN } : {}) });
  if (!result.ok) return result;
  // Bytes checked when read replace their stand-in as they are; an upload later replaces them with its asset id.
  const request = reference && !needsCheck(reference) ? withReference(result.value, reference) : result.value;
  return { ok: true, value: { request, reference, song } };
}

function withReference(request: CheckedMusicVideo, reference: SubmissionFrame): CheckedMusicVideo {
  return withUploadedAssets(request, { reference: referenceFields(reference) });
}
