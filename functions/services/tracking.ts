import { citizenEvidence } from '../domain/evidence/add-evidence.js';
import { type PublicCaseView, publicCaseView } from '../domain/public-view.js';
import { normalizeAccessCode, normalizeTrackingCode } from '../domain/tracking-code.js';
import { notFound } from './errors.js';
import { type EvidenceDeps, type EvidenceView, evidenceViews } from './evidence.js';
import type { CaseStore, CatalogSource, Clock, Secrets } from './ports.js';

/** A hash no access code matches: verifying against it keeps "unknown code" as slow as "wrong code". */
const DECOY_HASH = 'ZGVjb3ktc2FsdC0xMjM0NQ==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/**
 * Public tracking (进度查询). Unknown tracking code and wrong access code give the identical 404,
 * after the same amount of hashing, so neither the answer nor its timing tells which one it was.
 */
export async function trackCase(
  deps: { store: CaseStore; secrets: Secrets; catalog: CatalogSource; clock: Clock; evidence?: EvidenceDeps },
  trackingCode: string,
  accessCode: string,
): Promise<PublicCaseView & { evidence: EvidenceView[] }> {
  const id = normalizeTrackingCode(trackingCode);
  const record = id ? await deps.store.getCase(id) : undefined;
  const ok = await deps.secrets.verifyAccessCode(
    normalizeAccessCode(accessCode),
    record?.accessCodeHash ?? DECOY_HASH,
  );
  if (!record || !ok) throw notFound('case, or the access code does not match');
  // The citizen's own photos, each with a link valid for minutes (the access code never goes in a URL).
  const evidence = deps.evidence ? await evidenceViews(deps.evidence, citizenEvidence(record)) : [];
  return { ...publicCaseView(record, await deps.catalog.get(), deps.clock.now()), evidence };
}
