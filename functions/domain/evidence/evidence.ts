/**
 * Evidence (证据材料): photos a citizen adds to a complaint, photos and notices (e.g. a PDF of a
 * 整改通知书) an inspector adds while handling. Files live in object storage; the case item keeps
 * only a small reference per file.
 */
import { type EvidenceType, isPhotoType, sniffType } from './file-types.js';
import { InvalidImageError } from './invalid-image.js';
import { stripMetadata } from './strip-metadata.js';

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
/** Photos a citizen may add to one complaint. */
export const MAX_PHOTOS_PER_COMPLAINT = 5;
/** Files on one case in all (citizen and staff), so the case item stays small. */
export const MAX_EVIDENCE_PER_CASE = 30;
/** How long a staged upload waits to be attached. */
export const STAGED_TTL_MS = 24 * 3600_000;

/** One file on a case, as the case item references it. */
export interface EvidenceRef {
  readonly id: string;
  /** Object key in the evidence bucket. */
  readonly key: string;
  readonly type: EvidenceType;
  readonly bytes: number;
  readonly addedAt: string;
  /** `citizen` or the staff username. */
  readonly addedBy: string;
}

export type Uploader = 'citizen' | 'staff';

export type EvidenceProblem =
  | 'EVIDENCE_TYPE'
  | 'EVIDENCE_TOO_LARGE'
  | 'EVIDENCE_UNREADABLE'
  | 'EVIDENCE_EMPTY';

export type CheckedFile =
  | { ok: true; type: EvidenceType; bytes: Uint8Array }
  | { ok: false; problem: EvidenceProblem };

/**
 * Decides whether a file may become evidence, by its content: citizens may send JPEG, PNG or WebP
 * photos, staff also PDF; at most 10 MB. What comes back is the file as it will be stored and shown:
 * photos without their metadata (location, camera, time).
 */
export function checkEvidenceFile(bytes: Uint8Array, uploader: Uploader): CheckedFile {
  if (bytes.length === 0) return { ok: false, problem: 'EVIDENCE_EMPTY' };
  if (bytes.length > MAX_EVIDENCE_BYTES) return { ok: false, problem: 'EVIDENCE_TOO_LARGE' };
  const type = sniffType(bytes);
  if (!type || (uploader === 'citizen' && !isPhotoType(type))) return { ok: false, problem: 'EVIDENCE_TYPE' };
  try {
    return { ok: true, type, bytes: stripMetadata(type, bytes) };
  } catch (e) {
    if (e instanceof InvalidImageError) return { ok: false, problem: 'EVIDENCE_UNREADABLE' };
    throw e;
  }
}

/** Object keys: staged uploads under `staging/` (expire), attached files under the case. */
export const evidenceKeys = {
  /** Where a browser uploads straight to storage (presigned POST), before it is checked. */
  incoming: (uploadId: string) => `staging/incoming/${uploadId}`,
  /** A checked, stripped file waiting to be attached to a case. */
  staged: (uploadId: string) => `staging/ready/${uploadId}`,
  attached: (caseId: string, evidenceId: string) => `cases/${caseId}/${evidenceId}`,
};

/** Staged upload ids: 128 random bits, base64url (22 characters). */
export const UPLOAD_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
