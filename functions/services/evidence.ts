/**
 * Evidence (证据材料): staging, checking and attaching files, and short-lived links to read them.
 *
 * A multi-step form cannot carry files from step to step, so a file is first *staged*: checked by
 * content, stripped of metadata and kept under an unguessable upload id for a day; the complaint (or a
 * staff action) then *attaches* staged ids to the case, which copies them under the case's prefix and
 * adds a small reference per file to the case item in its one conditional write.
 *
 * Two ways in: the embedded runtime accepts the file in the request (`stageFile`); on AWS the browser
 * uploads straight to S3 with a presigned POST (`createUpload`), and `completeUpload` checks and
 * strips it there, so no file passes through Lambda's 6 MB limit.
 */
import {
  checkEvidenceFile,
  type EvidenceProblem,
  type EvidenceRef,
  evidenceKeys,
  MAX_EVIDENCE_BYTES,
  STAGED_TTL_MS,
  UPLOAD_ID_PATTERN,
  type Uploader,
} from '../domain/evidence/evidence.js';
import {
  type EvidenceType,
  evidenceTypes,
  extensionFor,
  isPhotoType,
} from '../domain/evidence/file-types.js';
import { AppError, type FieldProblem, notFound } from './errors.js';
import type { EvidenceLinks, ObjectStore, PresignedPost } from './object-store.js';
import type { Logger, Secrets } from './ports.js';

export interface EvidenceDeps {
  objects: ObjectStore;
  links: EvidenceLinks;
  secrets: Secrets;
  /** Real time (not the domain clock): staged uploads and links expire in real seconds. */
  now: () => Date;
  /** The embedded runtime takes files in the request; on AWS uploads must go to S3 directly. */
  directUpload: boolean;
  /** Origin of the storage links (AWS: the bucket's), allowed by the pages' Content-Security-Policy. */
  storageOrigin?: string | undefined;
  logger?: Logger;
}

export interface StagedUpload {
  uploadId: string;
  type: EvidenceType;
  bytes: number;
  expiresAt: string;
}

/** How long a link to a file works, and an upload form stays valid. */
export const LINK_TTL_SECONDS = 300;
export const UPLOAD_FORM_TTL_SECONDS = 900;

/** Field problem codes of evidence files (pages show them in the reader's language). */
export type EvidenceProblemCode = Lowercase<EvidenceProblem> | 'evidence_expired' | 'evidence_too_many';

const MESSAGES: Record<EvidenceProblemCode, string> = {
  evidence_type: 'must be a JPEG, PNG or WebP photo (checked by content, not by name)',
  evidence_too_large: 'must be at most 10 MB',
  evidence_unreadable: 'is damaged or incomplete and cannot be read as an image',
  evidence_empty: 'is empty',
  evidence_expired: 'is no longer available (uploads are kept for a day); add the photo again',
  evidence_too_many: 'has too many files',
};

/** 400 (413 when too large) naming the field, e.g. `file` or `evidence.2`, with a stable code. */
export function evidenceError(code: EvidenceProblemCode, path = 'file') {
  const tooLarge = code === 'evidence_too_large';
  const field: FieldProblem = { path, message: MESSAGES[code], code };
  return new AppError(
    tooLarge ? 413 : 400,
    tooLarge ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED',
    tooLarge ? 'The file is over 10 MB.' : 'The request has invalid fields.',
    [field],
  );
}

const problemCode = (p: EvidenceProblem) => p.toLowerCase() as EvidenceProblemCode;

const newUploadId = (secrets: Secrets) => Buffer.from(secrets.randomBytes(16)).toString('base64url');

/** Checks, strips and stages a file sent in the request (embedded runtime). */
export async function stageFile(
  deps: EvidenceDeps,
  body: Uint8Array,
  uploader: Uploader,
): Promise<StagedUpload> {
  if (!deps.directUpload) {
    throw new AppError(
      409,
      'DIRECT_UPLOAD_DISABLED',
      'Upload files with POST /api/v1/evidence/uploads (a form straight to storage).',
    );
  }
  return stageChecked(deps, newUploadId(deps.secrets), body, uploader);
}

async function stageChecked(deps: EvidenceDeps, uploadId: string, body: Uint8Array, uploader: Uploader) {
  const checked = checkEvidenceFile(body, uploader);
  if (!checked.ok) throw evidenceError(problemCode(checked.problem));
  const stagedAt = deps.now();
  await deps.objects.put(evidenceKeys.staged(uploadId), checked.bytes, {
    contentType: checked.type,
    metadata: { 'staged-at': stagedAt.toISOString(), uploader },
  });
  return {
    uploadId,
    type: checked.type,
    bytes: checked.bytes.length,
    expiresAt: new Date(stagedAt.getTime() + STAGED_TTL_MS).toISOString(),
  };
}

/** A form the browser posts one file with, straight to storage (≤ 10 MB, enforced by S3). */
export async function createUpload(
  deps: EvidenceDeps,
  opts: { successRedirect?: string | undefined } = {},
): Promise<{ uploadId: string; upload: PresignedPost & { fileField: 'file'; maxBytes: number } }> {
  const uploadId = newUploadId(deps.secrets);
  const post = await deps.objects.presignPost(evidenceKeys.incoming(uploadId), {
    maxBytes: MAX_EVIDENCE_BYTES,
    expiresInSeconds: UPLOAD_FORM_TTL_SECONDS,
    successRedirect: opts.successRedirect,
  });
  return { uploadId, upload: { ...post, fileField: 'file', maxBytes: MAX_EVIDENCE_BYTES } };
}

/** After a direct upload: check and strip the file where it landed, then stage it. */
export async function completeUpload(deps: EvidenceDeps, uploadId: string, uploader: Uploader) {
  if (!UPLOAD_ID_PATTERN.test(uploadId)) throw notFound('upload');
  const incoming = evidenceKeys.incoming(uploadId);
  const got = await deps.objects.get(incoming);
  if (!got) {
    const staged = await stagedUpload(deps, uploadId);
    if (staged) return staged; // completed before (a retried request)
    throw notFound('upload');
  }
  try {
    return await stageChecked(deps, uploadId, got.body, uploader);
  } finally {
    await deps.objects.delete(incoming);
  }
}

/** A staged upload still waiting to be attached, or undefined (unknown, attached or expired). */
export async function stagedUpload(deps: EvidenceDeps, uploadId: string): Promise<StagedUpload | undefined> {
  if (!UPLOAD_ID_PATTERN.test(uploadId)) return undefined;
  const head = await deps.objects.head(evidenceKeys.staged(uploadId));
  const stagedAt = Date.parse(head?.metadata['staged-at'] ?? '');
  if (!head || Number.isNaN(stagedAt) || deps.now().getTime() - stagedAt > STAGED_TTL_MS) return undefined;
  const type = head.contentType as EvidenceType;
  if (!(evidenceTypes as readonly string[]).includes(type)) return undefined;
  return { uploadId, type, bytes: head.bytes, expiresAt: new Date(stagedAt + STAGED_TTL_MS).toISOString() };
}

/** Removes a staged upload (the citizen took the photo off the form). */
export async function discardUpload(deps: EvidenceDeps, uploadId: string): Promise<void> {
  if (UPLOAD_ID_PATTERN.test(uploadId)) await deps.objects.delete(evidenceKeys.staged(uploadId));
}

/** A short-lived link to a staged photo, for the preview on the form that uploaded it. */
export async function stagedPreviewUrl(deps: EvidenceDeps, staged: StagedUpload): Promise<string> {
  return deps.links.urlFor(evidenceKeys.staged(staged.uploadId), {
    contentType: staged.type,
    fileName: `upload.${extensionFor[staged.type]}`,
    expiresInSeconds: LINK_TTL_SECONDS,
  });
}

/**
 * Copies staged uploads under the case and returns their references, for the caller to write into
 * the case item. Idempotent per (case, upload): a retried intake finds the files already attached.
 * `path` names the request field in errors (`evidence.2`).
 */
export async function attachStaged(
  deps: EvidenceDeps,
  args: {
    caseId: string;
    uploadIds: readonly string[];
    addedBy: string;
    uploader: Uploader;
    at: string;
    path: string;
  },
): Promise<EvidenceRef[]> {
  const refs: EvidenceRef[] = [];
  for (const [i, uploadId] of args.uploadIds.entries()) {
    const id = deps.secrets.digest(`${args.caseId}:${uploadId}`).slice(0, 16);
    const key = evidenceKeys.attached(args.caseId, id);
    const attached = await deps.objects.head(key);
    const staged = attached ? undefined : await stagedUpload(deps, uploadId);
    const type = (staged?.type ?? attached?.contentType) as EvidenceType | undefined;
    if (!type || (!attached && !staged)) throw evidenceError('evidence_expired', `${args.path}.${i}`);
    if (args.uploader === 'citizen' && !isPhotoType(type))
      throw evidenceError('evidence_type', `${args.path}.${i}`);
    if (!attached && !(await deps.objects.copy(evidenceKeys.staged(uploadId), key))) {
      throw evidenceError('evidence_expired', `${args.path}.${i}`);
    }
    refs.push({
      id,
      key,
      type,
      bytes: staged?.bytes ?? attached?.bytes ?? 0,
      addedAt: args.at,
      addedBy: args.addedBy,
    });
  }
  return refs;
}

/**
 * Stores files that arrived with the complaint itself (mail attachments, already checked and stripped)
 * straight under the case and returns their references for the case write. Idempotent per (case,
 * name): a re-delivered message finds its files stored and writes nothing again.
 */
export async function storeCaseFiles(
  deps: EvidenceDeps,
  args: {
    caseId: string;
    files: readonly { name: string; type: EvidenceType; bytes: Uint8Array }[];
    addedBy: string;
    at: string;
  },
): Promise<EvidenceRef[]> {
  const refs: EvidenceRef[] = [];
  for (const file of args.files) {
    const id = deps.secrets.digest(`${args.caseId}:${file.name}`).slice(0, 16);
    const key = evidenceKeys.attached(args.caseId, id);
    if (!(await deps.objects.head(key))) {
      await deps.objects.put(key, file.bytes, { contentType: file.type });
    }
    refs.push({
      id,
      key,
      type: file.type,
      bytes: file.bytes.length,
      addedAt: args.at,
      addedBy: args.addedBy,
    });
  }
  return refs;
}

/** Drops staged copies once the case write that references their attached copies succeeded. */
export async function releaseStaged(deps: EvidenceDeps, uploadIds: readonly string[]): Promise<void> {
  for (const id of uploadIds) {
    try {
      await deps.objects.delete(evidenceKeys.staged(id));
    } catch (e) {
      // Harmless: staged objects expire (bucket lifecycle on AWS).
      deps.logger?.warn('staged upload not removed', { error: (e as Error).name });
    }
  }
}

export interface EvidenceView {
  id: string;
  type: EvidenceType;
  bytes: number;
  addedAt: string;
  addedBy: string;
  url: string;
  urlExpiresAt: string;
}

/** References with fresh short-lived links; call only after the caller was authorised for the case. */
export async function evidenceViews(
  deps: EvidenceDeps,
  refs: readonly EvidenceRef[],
): Promise<EvidenceView[]> {
  const expiresAt = new Date(deps.now().getTime() + LINK_TTL_SECONDS * 1000).toISOString();
  return Promise.all(
    refs.map(async (r) => ({
      id: r.id,
      type: r.type,
      bytes: r.bytes,
      addedAt: r.addedAt,
      addedBy: r.addedBy,
      url: await deps.links.urlFor(r.key, {
        contentType: r.type,
        fileName: `${r.id}.${extensionFor[r.type]}`,
        expiresInSeconds: LINK_TTL_SECONDS,
      }),
      urlExpiresAt: expiresAt,
    })),
  );
}
