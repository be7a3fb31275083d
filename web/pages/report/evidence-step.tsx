import type { Context } from 'hono';
import {
  MAX_EVIDENCE_BYTES,
  MAX_PHOTOS_PER_COMPLAINT,
  UPLOAD_ID_PATTERN,
} from '../../../functions/domain/evidence/evidence.js';
import type { AuthEnv } from '../../../functions/http/auth.js';
import type { CitizenDeps } from '../../../functions/http/deps.js';
import { AppError, type FieldProblemCode } from '../../../functions/services/errors.js';
import { discardUpload, stagedUpload, stageFile } from '../../../functions/services/evidence.js';
import { Button, fieldId } from '../../components/index.js';
import { type FormErrors, noErrors } from '../../forms.js';
import { publicI18n as i18n, type PublicMessages as Messages } from '../../i18n/public-messages.js';
import type { Answers } from './answers.js';
import type { ReportStep, StepView } from './steps.js';

/** The answer holding staged upload ids (space-separated); the file input is `photos`. */
export const EVIDENCE_FIELD = 'evidence';
const FILE_INPUT = 'photos';

/** Staged upload ids carried in the answers (anything that is not an upload id is dropped). */
export const stagedIds = (a: Answers) =>
  (a[EVIDENCE_FIELD] ?? '').split(/\s+/).filter((s) => UPLOAD_ID_PATTERN.test(s));

/** A staged photo's preview, through the report's own route (the opaque upload id is the grant). */
export const previewHref = (uploadId: string) => `/report/photo/${uploadId}`;

/**
 * The photo step of /report: up to 5 photos, staged as they are sent (a multi-step form cannot carry
 * files from step to step), their ids travelling on in a hidden field. Works with JavaScript off:
 * choose files, then "upload" (stay) or "continue" (upload and go on); each staged photo has a remove
 * button.
 */
export const evidenceStep: ReportStep = {
  id: 'evidence',
  multipart: true,
  title: (t) => t.evidence.step.title,
  heading: (t) => t.evidence.step.heading,
  fields: [EVIDENCE_FIELD],
  render: (v) => <EvidenceFields v={v} />,
};

/** Thumbnails of the staged photos (the step and the review step). */
export function StagedPhotos({ v, removable }: { v: StepView; removable: boolean }) {
  const m = v.t.evidence.step;
  const ids = stagedIds(v.answers);
  if (ids.length === 0) return <p class="muted">{m.none}</p>;
  return (
    <ul class="ev-gallery">
      {ids.map((uploadId, i) => (
        <li>
          <figure class="ev-item">
            <img src={previewHref(uploadId)} alt={v.t.evidence.gallery.photo(i + 1)} />
            {removable ? (
              <Button
                name="_action"
                value={`remove:${uploadId}`}
                variant="secondary"
                attrs={{ 'aria-label': m.remove(i + 1) }}
              >
                {m.removeShort}
              </Button>
            ) : (
              <figcaption>{v.t.evidence.gallery.photo(i + 1)}</figcaption>
            )}
          </figure>
        </li>
      ))}
    </ul>
  );
}

function EvidenceFields({ v }: { v: StepView }) {
  const m = v.t.evidence.step;
  const ids = stagedIds(v.answers);
  // The file input carries the field's id, so the error summary's link lands on it.
  const id = fieldId(EVIDENCE_FIELD);
  const error = v.errors.byField[EVIDENCE_FIELD];
  const full = ids.length >= MAX_PHOTOS_PER_COMPLAINT;
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <input type="hidden" name={EVIDENCE_FIELD} value={ids.join(' ')} />
      <p>{m.lead}</p>
      <p class="hint">{m.rules}</p>
      <p class="hint">{m.privacy}</p>
      <p class="ev-count" role="status">
        {m.added(ids.length, MAX_PHOTOS_PER_COMPLAINT)}
      </p>
      {ids.length ? <StagedPhotos v={v} removable /> : null}
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          <span class="sr-only">{v.t.common.errorPrefix}</span>
          {error}
        </p>
      ) : null}
      {full ? (
        <p class="hint">{m.full}</p>
      ) : (
        <>
          <label for={id}>{m.field}</label>
          <p class="hint" id={`${id}-hint`}>
            {m.fieldHint}
          </p>
          <input
            id={id}
            name={FILE_INPUT}
            type="file"
            accept="image/jpeg,image/png,image/webp"
            multiple
            aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
            aria-invalid={error ? 'true' : undefined}
          />
          <p>
            <Button name="_action" value="upload" variant="secondary">
              {m.add}
            </Button>
          </p>
        </>
      )}
    </div>
  );
}

const message = (t: Messages, code: FieldProblemCode, fileName?: string) => {
  const text = t.common.fieldProblems[code](t.evidence.step.field, MAX_PHOTOS_PER_COMPLAINT);
  return fileName ? `${fileName}${t.common.colon}${text}` : text;
};

/**
 * Takes what the evidence step posted: stages each chosen file through the evidence service (checked
 * by content, stripped of metadata), drops a removed one, forgets staged ids that expired. `stay`
 * keeps the reader on the step (after an upload or a removal, or with a problem to fix).
 */
export async function acceptEvidence(
  c: Context<AuthEnv>,
  deps: CitizenDeps,
  answers: Answers,
  action: string,
): Promise<{ answers: Answers; errors: FormErrors; stay: boolean }> {
  const { t } = i18n(c);
  let ids = stagedIds(answers);
  const errors = noErrors();
  const fail = (code: FieldProblemCode, fileName?: string) => {
    const text = message(t, code, fileName);
    const before = errors.byField[EVIDENCE_FIELD];
    errors.byField[EVIDENCE_FIELD] = before ? `${before}；${text}` : text;
    errors.list.push({ name: EVIDENCE_FIELD, message: text });
  };
  if (action.startsWith('remove:')) {
    const removed = action.slice('remove:'.length);
    if (ids.includes(removed)) await discardUpload(deps.evidence, removed);
    ids = ids.filter((x) => x !== removed);
    return { answers: { ...answers, [EVIDENCE_FIELD]: ids.join(' ') }, errors, stay: true };
  }
  const kept: string[] = [];
  for (const id of new Set(ids)) {
    if (await stagedUpload(deps.evidence, id)) kept.push(id);
    else fail('evidence_expired');
  }
  ids = kept;
  const body = await c.req.parseBody({ all: true });
  const chosen = [body[FILE_INPUT]].flat().filter((f): f is File => f instanceof File && f.size > 0);
  for (const file of chosen) {
    if (ids.length >= MAX_PHOTOS_PER_COMPLAINT) {
      fail('evidence_too_many');
      break;
    }
    if (file.size > MAX_EVIDENCE_BYTES) {
      fail('evidence_too_large', file.name);
      continue;
    }
    try {
      const staged = await stageFile(deps.evidence, new Uint8Array(await file.arrayBuffer()), 'citizen');
      ids.push(staged.uploadId);
    } catch (e) {
      // On AWS files go straight to storage (Lambda takes at most 6 MB): a form post cannot stage them.
      if (e instanceof AppError && e.code === 'DIRECT_UPLOAD_DISABLED') {
        fail('evidence_unavailable', file.name);
        continue;
      }
      const code = e instanceof AppError ? e.fields?.[0]?.code : undefined;
      if (!code) throw e;
      fail(code, file.name);
    }
  }
  return {
    answers: { ...answers, [EVIDENCE_FIELD]: ids.join(' ') },
    errors,
    stay: action === 'upload' || errors.list.length > 0,
  };
}
