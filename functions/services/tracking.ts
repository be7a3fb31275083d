import type { CaseRecord } from '../domain/case.js';
import { citizenEvidence } from '../domain/evidence/add-evidence.js';
import { type PublicCaseView, publicCaseView } from '../domain/public-view.js';
import { normalizeAccessCode, normalizeTrackingCode } from '../domain/tracking-code.js';
import { notFound } from './errors.js';
import { type EvidenceDeps, type EvidenceView, evidenceViews } from './evidence.js';
import type { CaseStore, CatalogSource, Clock, Secrets } from './ports.js';

/** A hash no access code matches: verifying against it keeps "unknown code" as slow as "wrong code". */
const DECOY_HASH = 'ZGVjb3ktc2FsdC0xMjM0NQ==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
/** A case id no case has ('0' is outside the code alphabet): a malformed code reads it, so it costs a read too. */
const ABSENT_CASE_ID = '0000000000';

/**
 * The case a citizen may see with these codes (tracking, rating). Every answer that is not the case
 * does the same work: one read of the access-code hash alone (an unknown or malformed code reads a key
 * nobody has), one salted hash and constant-time comparison (against a decoy hash when there is no
 * case), then the identical 404. Only a matching code reads and decodes the whole case, so a wrong
 * code for a known case is not slower than an unknown one.
 */
export async function openCitizenCase(
  deps: { store: CaseStore; secrets: Secrets },
  trackingCode: string,
  accessCode: string,
): Promise<CaseRecord> {
  const id = normalizeTrackingCode(trackingCode);
  const stored = await deps.store.getAccessCodeHash(id ?? ABSENT_CASE_ID);
  const ok = await deps.secrets.verifyAccessCode(normalizeAccessCode(accessCode), stored ?? DECOY_HASH);
  const record = id && stored && ok ? await deps.store.getCase(id) : undefined;
  if (!record) throw notFound('case, or the access code does not match');
  return record;
}

/**
 * Public tracking (进度查询). Unknown tracking code and wrong access code give the identical 404,
 * after the same work (see openCitizenCase), so neither the answer nor its timing tells which one it was.
 */
export async function trackCase(
  deps: { store: CaseStore; secrets: Secrets; catalog: CatalogSource; clock: Clock; evidence?: EvidenceDeps },
  trackingCode: string,
  accessCode: string,
): Promise<PublicCaseView & { evidence: EvidenceView[] }> {
  const record = await openCitizenCase(deps, trackingCode, accessCode);
  // The citizen's own photos, each with a link valid for minutes (the access code never goes in a URL).
  const evidence = deps.evidence ? await evidenceViews(deps.evidence, citizenEvidence(record)) : [];
  return { ...publicCaseView(record, await deps.catalog.get(), deps.clock.now()), evidence };
}
