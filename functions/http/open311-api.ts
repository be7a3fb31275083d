/**
 * Open311 GeoReport v2 under /open311/v2: services, services/{code}, requests (GET, and POST
 * form-encoded), requests/{id}, discovery — each as .json or .xml. Errors are the spec's
 * [{code, description}] with 400 / 403 / 404 (and 429 for a key over its rate). Not under /api, so
 * none of the staff API's JSON-only and CSRF rules apply: apps authenticate with their api_key.
 */
import { XMLBuilder } from 'fast-xml-parser';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  type Open311Request,
  open311Request,
  open311ServiceDefinition,
  open311Services,
} from '../domain/open311.js';
import { AppError } from '../services/errors.js';
import {
  appForKey,
  fileOpen311Request,
  type Open311Deps,
  Open311Error,
  type Open311Form,
  open311RequestsOf,
} from '../services/open311.js';
import type { CitizenDeps } from './deps.js';

type Format = 'json' | 'xml';

const xml = new XMLBuilder({ format: true, suppressEmptyNode: false, processEntities: true });

/** XML as the spec writes it: a root element holding one element per item. */
function toXml(root: string, item: string, items: readonly object[]): string {
  const clean = (o: object) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v === null || v === undefined ? '' : v]));
  return `<?xml version="1.0" encoding="utf-8"?>\n${xml.build({ [root]: { [item]: items.map(clean) } })}`;
}

function reply(format: Format, status: number, json: unknown, xmlText: () => string): Response {
  const body = format === 'json' ? JSON.stringify(json) : xmlText();
  return new Response(body, {
    status,
    headers: {
      'content-type': format === 'json' ? 'application/json; charset=utf-8' : 'text/xml; charset=utf-8',
    },
  });
}

function errorReply(format: Format, status: number, description: string): Response {
  const errors = [{ code: status, description }];
  return reply(format, status, errors, () => toXml('errors', 'error', errors));
}

function requestXml(requests: readonly Open311Request[]) {
  return toXml('service_requests', 'request', requests);
}

/** attribute[code]=value pairs of a form. */
function attributesOf(form: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) {
    const m = k.match(/^attribute\[([a-z_]{1,40})\]$/);
    if (m?.[1]) out[m[1]] = v;
  }
  return out;
}

export function open311Api(deps: CitizenDeps) {
  const app = new Hono();
  const o311 = (): Open311Deps => {
    if (!deps.open311) throw new Open311Error(404, 'Open311 is not enabled');
    return { ...deps, open311: deps.open311 };
  };
  app.use(
    '*',
    bodyLimit({ maxSize: 16 * 1024, onError: () => errorReply('json', 400, 'request body too large') }),
  );

  app.all('*', async (c) => {
    const path = c.req.path.replace(/^\/open311\/v2/, '');
    const m = path.match(/^\/(.+)\.(json|xml)$/);
    const format: Format = m?.[2] === 'xml' ? 'xml' : 'json';
    const resource = m?.[1] ?? '';
    const method = c.req.method;
    try {
      if (!m) throw new Open311Error(404, 'unknown resource; add .json or .xml');
      const catalog = await deps.catalog.get();

      if (resource === 'discovery' && method === 'GET') {
        const base = new URL(c.req.url).origin;
        const doc = {
          changeset: '2026-11-26T00:00:00+08:00',
          contact: '督查组办公室 / district 双减 inspection team',
          key_service: 'Ask the administrator to register your app for an api_key.',
          endpoints: [
            {
              specification: 'http://wiki.open311.org/GeoReport_v2',
              url: `${base}/open311/v2`,
              changeset: '2026-11-26T00:00:00+08:00',
              type: 'production',
              formats: ['application/json', 'text/xml'],
            },
          ],
        };
        return reply(
          format,
          200,
          doc,
          () =>
            `<?xml version="1.0" encoding="utf-8"?>\n${xml.build({
              discovery: {
                changeset: doc.changeset,
                contact: doc.contact,
                key_service: doc.key_service,
                endpoints: {
                  endpoint: doc.endpoints.map((e) => ({ ...e, formats: { format: e.formats } })),
                },
              },
            })}`,
        );
      }

      if (resource === 'services' && method === 'GET') {
        const services = open311Services(catalog);
        return reply(format, 200, services, () => toXml('services', 'service', services));
      }

      const serviceCode = resource.match(/^services\/([A-Za-z0-9_]{1,64})$/)?.[1];
      if (serviceCode && method === 'GET') {
        const def = open311ServiceDefinition(catalog, serviceCode);
        if (!def) throw new Open311Error(404, `service_code ${serviceCode} not found`);
        return reply(
          format,
          200,
          def,
          () =>
            `<?xml version="1.0" encoding="utf-8"?>\n${xml.build({
              service_definition: {
                service_code: def.service_code,
                attributes: {
                  attribute: def.attributes.map((a) => ({
                    ...a,
                    datatype_description: a.datatype_description ?? '',
                    ...(a.values ? { values: { value: a.values } } : {}),
                  })),
                },
              },
            })}`,
        );
      }

      if (resource === 'requests' && method === 'POST') {
        const type = c.req.header('content-type') ?? '';
        if (!/^application\/x-www-form-urlencoded|^multipart\/form-data/i.test(type))
          throw new Open311Error(400, 'send the request form-encoded (application/x-www-form-urlencoded)');
        const body = (await c.req.parseBody()) as Record<string, string>;
        const form: Record<string, string> = {};
        for (const [k, v] of Object.entries(body)) if (typeof v === 'string') form[k] = v;
        const d = o311();
        const filer = await appForKey(d, form.api_key);
        const input: Open311Form = {
          service_code: form.service_code,
          description: form.description,
          email: form.email,
          phone: form.phone,
          first_name: form.first_name,
          last_name: form.last_name,
          attribute: attributesOf(form),
        };
        const receipt = await fileOpen311Request(d, filer, input);
        deps.logger.info('open311 request filed', { app: filer.id, trackingCode: receipt.trackingCode });
        const answer = [
          {
            service_request_id: receipt.trackingCode,
            service_notice: `已受理。查询码 ${receipt.trackingCode}，密码 ${receipt.accessCode}（仅显示一次，请转告反映人妥善保管）`,
          },
        ];
        return reply(format, 201, answer, () => requestXml(answer as unknown as Open311Request[]));
      }

      if (resource === 'requests' && method === 'GET') {
        const d = o311();
        const filer = await appForKey(d, c.req.query('api_key'));
        const ids = c.req.query('service_request_id')?.split(',').filter(Boolean);
        const status = c.req.query('status');
        if (status && status !== 'open' && status !== 'closed')
          throw new Open311Error(400, 'status must be open or closed');
        const records = await open311RequestsOf(d, filer, {
          ids,
          serviceCode: c.req.query('service_code') || undefined,
          status,
        });
        const requests = records.map((r) => open311Request(r, catalog));
        return reply(format, 200, requests, () => requestXml(requests));
      }

      const requestId = resource.match(/^requests\/([A-Za-z0-9-]{1,20})$/)?.[1];
      if (requestId && method === 'GET') {
        const d = o311();
        const filer = await appForKey(d, c.req.query('api_key'));
        const [record] = await open311RequestsOf(d, filer, { ids: [requestId] });
        // Another app's request answers like a missing one.
        if (!record) throw new Open311Error(404, `service_request_id ${requestId} not found`);
        const requests = [open311Request(record, catalog)];
        return reply(format, 200, requests, () => requestXml(requests));
      }

      if (/^tokens\/[^/]+$/.test(resource) && method === 'GET') {
        // Requests are filed at once (never queued), so no token is ever issued.
        throw new Open311Error(404, 'token not found: requests are not queued here');
      }
      throw new Open311Error(404, 'unknown resource');
    } catch (e) {
      if (e instanceof Open311Error) return errorReply(format, e.status, e.description);
      if (e instanceof AppError && e.status < 500)
        return errorReply(format, e.status === 404 ? 404 : 400, e.message);
      throw e;
    }
  });
  return app;
}
