/**
 * Open311 GeoReport v2 for third-party apps: apps registered by an admin hold an api_key (stored as
 * a SHA-256 digest — the key is 32 random bytes, so a plain digest is enough), rate limited per key.
 * A request files a complaint on channel `open311`, entered by the app; reading requests needs the
 * filing app's key and shows only that app's requests.
 */
import { createHash } from 'node:crypto';
import type { CaseRecord, NewComplaint } from '../domain/case.js';
import { type Catalog, findArea, findCategory, subjectKindCodes } from '../domain/reference/catalog.js';
import { normalizeTrackingCode } from '../domain/tracking-code.js';
import { type IntakeDeps, type IntakeReceipt, submitComplaintWithRetry } from './intake.js';
import type { RateLimiter } from './rate-limiter.js';

export interface Open311App {
  id: string;
  name: string;
  createdAt: string;
  createdBy: string;
}

export interface Open311AppStore {
  /** Stores the app under the digest of its key. */
  register(app: Open311App, keyDigest: string): Promise<void>;
  byKeyDigest(digest: string): Promise<Open311App | undefined>;
  list(): Promise<Open311App[]>;
  /** Cases the app filed, newest first. */
  requestsOf(appId: string, limit: number): Promise<CaseRecord[]>;
}

export interface Open311Deps extends IntakeDeps {
  open311: { apps: Open311AppStore; perKey: RateLimiter };
}

export const keyDigest = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');
export const appEnteredBy = (appId: string) => `open311:${appId}`;

/** The spec's error: a status and [{code, description}]. */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 429,
    readonly description: string,
  ) {
    super(description);
  }
}

/** The app a key belongs to, after the per-key rate limit; 403 for a missing or unknown key. */
export async function appForKey(deps: Open311Deps, key: string | undefined): Promise<Open311App> {
  if (!key) throw new Open311Error(403, 'api_key is required');
  const digest = keyDigest(key);
  const gate = await deps.open311.perKey.hit(digest);
  if (!gate.allowed)
    throw new Open311Error(429, `too many requests for this api_key; retry in ${gate.retryAfterSeconds} s`);
  const app = await deps.open311.apps.byKeyDigest(digest);
  if (!app) throw new Open311Error(403, 'api_key is not valid');
  return app;
}

/** Registers an app (admin); the key is returned once and stored only as its digest. */
export async function registerApp(
  deps: Open311Deps,
  input: { name: string; by: string; key?: string | undefined },
): Promise<{ app: Open311App; apiKey: string }> {
  const apiKey = input.key ?? Buffer.from(deps.secrets.randomBytes(32)).toString('base64url');
  const app: Open311App = {
    id: Buffer.from(deps.secrets.randomBytes(8)).toString('hex'),
    name: input.name,
    createdAt: deps.clock.now().toISOString(),
    createdBy: input.by,
  };
  await deps.open311.apps.register(app, keyDigest(apiKey));
  return { app, apiKey };
}

export interface Open311Form {
  service_code?: string | undefined;
  description?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  first_name?: string | undefined;
  last_name?: string | undefined;
  attribute: Record<string, string>;
}

/** The complaint a POST requests describes; 400 naming the first problem (the spec's error shape). */
export function complaintFromForm(form: Open311Form, catalog: Catalog): NewComplaint {
  const code = form.service_code?.trim();
  if (!code) throw new Open311Error(400, 'service_code is required');
  if (!findCategory(catalog, code)) throw new Open311Error(404, `service_code ${code} not found`);
  const a = form.attribute;
  if (!a.area || !findArea(catalog, a.area))
    throw new Open311Error(400, 'attribute[area]: choose one of the listed areas');
  if (!a.subject_kind || !(subjectKindCodes as readonly string[]).includes(a.subject_kind))
    throw new Open311Error(400, 'attribute[subject_kind]: choose one of the listed kinds');
  const subjectName = a.subject_name?.trim() ?? '';
  if (subjectName.length < 1 || subjectName.length > 200)
    throw new Open311Error(400, 'attribute[subject_name] is required (at most 200 characters)');
  const description = form.description?.trim() ?? '';
  if (description.length < 10 || description.length > 4000)
    throw new Open311Error(400, 'description must be 10 to 4000 characters');
  const grade = a.grade ? Number(a.grade) : undefined;
  if (grade !== undefined && !(Number.isInteger(grade) && grade >= 1 && grade <= 9))
    throw new Open311Error(400, 'attribute[grade] must be a whole number from 1 to 9');
  const occurredOn = a.occurred_on?.slice(0, 10);
  if (occurredOn && !/^\d{4}-\d{2}-\d{2}$/.test(occurredOn))
    throw new Open311Error(400, 'attribute[occurred_on] must be a date (YYYY-MM-DD)');
  const email = form.email?.trim() || undefined;
  if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
    throw new Open311Error(400, 'email is not an e-mail address');
  const phone = form.phone?.replace(/[\s-]/g, '').replace(/^\+?86/, '') || undefined;
  if (phone && !/^(1[3-9]\d{9}|0\d{9,11})$/.test(phone))
    throw new Open311Error(400, 'phone is not a phone number');
  const name = [form.last_name, form.first_name].filter(Boolean).join('').trim() || undefined;
  const anonymous = !email && !phone;
  return {
    channel: 'open311',
    category: code,
    area: a.area,
    subject: { kind: a.subject_kind as NewComplaint['subject']['kind'], name: subjectName },
    description,
    grade,
    occurredOn,
    anonymous,
    reporter: anonymous ? undefined : { name, email, phone },
  };
}

export async function fileOpen311Request(
  deps: Open311Deps,
  app: Open311App,
  form: Open311Form,
): Promise<IntakeReceipt> {
  const complaint = complaintFromForm(form, await deps.catalog.get());
  return submitComplaintWithRetry(deps, complaint, { enteredBy: appEnteredBy(app.id) });
}

/** The app's requests (all of them, or the ids asked for), newest first. */
export async function open311RequestsOf(
  deps: Open311Deps,
  app: Open311App,
  filter: { ids?: string[] | undefined; serviceCode?: string | undefined; status?: string | undefined },
): Promise<CaseRecord[]> {
  if (filter.ids && filter.ids.length > 0) {
    const found = await Promise.all(
      filter.ids.map(async (raw) => {
        const id = normalizeTrackingCode(raw);
        const record = id ? await deps.store.getCase(id) : undefined;
        return record?.enteredBy === appEnteredBy(app.id) ? record : undefined;
      }),
    );
    return found.filter((r): r is CaseRecord => !!r);
  }
  const all = await deps.open311.apps.requestsOf(app.id, 1000);
  return all.filter(
    (r) =>
      (!filter.serviceCode || r.category === filter.serviceCode) &&
      (!filter.status ||
        (filter.status === 'closed') === ['closed', 'rejected', 'merged'].includes(r.status)),
  );
}
