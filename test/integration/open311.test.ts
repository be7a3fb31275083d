/**
 * Open311 GeoReport v2: every endpoint in JSON and XML, every error, against the official schemas;
 * keys per app, requests private to the filing app, no reporter data in any answer.
 */
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open311Validators } from '../support/open311-schemas.js';
import { asStaff, json, login, testRuntime } from '../support/runtime.js';

let rt: Awaited<ReturnType<typeof testRuntime>>;
const schemas = open311Validators();
const DEMO = 'duban-open311-demo';
let otherKey: string;

beforeAll(async () => {
  rt = await testRuntime({ channels: { deliveryPaused: true }, open311RateLimit: 1000 });
  const admin = await login(rt.app, 'admin');
  const res = await asStaff(rt.app, admin, '/api/v1/admin/open311/apps', {
    method: 'POST',
    body: JSON.stringify({ name: '家校通' }),
  });
  otherKey = (await json(res)).apiKey;
}, 60_000);
afterAll(async () => rt.close());

const xml = new XMLParser({
  isArray: (name) =>
    ['service', 'request', 'attribute', 'value', 'error', 'endpoint', 'format'].includes(name),
  parseTagValue: false,
});
const get = (path: string) => rt.app.request(`/open311/v2/${path}`);
const form = (fields: Record<string, string>) =>
  rt.app.request('/open311/v2/requests.json', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
const goodForm = (key = DEMO) => ({
  api_key: key,
  service_code: 'LATE_TRAINING',
  description: '培训机构晚上九点以后还在给小学生上课',
  'attribute[area]': 'YOUTING',
  'attribute[subject_kind]': 'institution',
  'attribute[subject_name]': '启明星培训中心',
  'attribute[grade]': '4',
  email: 'parent@example.cn',
  phone: '13812345678',
  first_name: '小明',
  last_name: '王',
});

describe('Open311 GeoReport v2', () => {
  it('lists services and their definitions in JSON and XML, valid against the schemas', async () => {
    // Act
    const services = await json(get('services.json'));
    const servicesXml = xml.parse(await (await get('services.xml')).text());
    const def = await json(get('services/HOMEWORK_OVERLOAD.json'));
    const defXml = xml.parse(await (await get('services/HOMEWORK_OVERLOAD.xml')).text());
    const discovery = await json(get('discovery.json'));
    const discoveryXml = xml.parse(await (await get('discovery.xml')).text());

    // Assert
    expect(schemas.services(services)).toEqual([]);
    expect(services.map((s: { service_code: string }) => s.service_code)).toContain('LATE_TRAINING');
    expect(servicesXml.services.service).toHaveLength(services.length);
    expect(servicesXml.services.service[0].service_code).toBe(services[0].service_code);
    expect(schemas.serviceDefinition(def)).toEqual([]);
    expect(def.attributes.map((a: { code: string }) => a.code)).toEqual([
      'area',
      'subject_kind',
      'subject_name',
      'grade',
      'occurred_on',
    ]);
    expect(defXml.service_definition.attributes.attribute[0].values.value.length).toBeGreaterThan(5);
    expect(discovery.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2' });
    expect(discoveryXml.discovery.endpoints.endpoint[0].formats.format).toEqual([
      'application/json',
      'text/xml',
    ]);
  });

  it('files a form-encoded request and reads it back with the same key only, without reporter data', async () => {
    // Act
    const posted = await form(goodForm());
    const answer = await json(posted);
    const id = answer[0].service_request_id as string;
    await rt.runner?.settle();
    const one = await json(get(`requests/${id}.json?api_key=${DEMO}`));
    const list = await json(get(`requests.json?api_key=${DEMO}`));
    const listXml = await (await get(`requests.xml?api_key=${DEMO}`)).text();
    const otherApp = await get(`requests/${id}.json?api_key=${otherKey}`);
    const otherList = await json(get(`requests.json?api_key=${otherKey}`));

    // Assert
    expect(posted.status).toBe(201);
    expect(schemas.postAnswer(answer)).toEqual([]);
    expect(id).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
    expect(schemas.requests(one)).toEqual([]);
    expect(one[0]).toMatchObject({
      service_request_id: id,
      service_code: 'LATE_TRAINING',
      status: 'open',
      agency_responsible: '邮亭片区督导室',
    });
    expect(one[0].requested_datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    expect(one[0].expected_datetime).toMatch(/\+08:00$/);
    expect(schemas.requests(list)).toEqual([]);
    expect(xml.parse(listXml).service_requests.request[0].service_request_id).toBe(id);
    expect(otherApp.status).toBe(404);
    expect(otherList).toEqual([]);
    for (const body of [JSON.stringify(one), JSON.stringify(list), listXml]) {
      expect(body).not.toMatch(/parent@example\.cn|13812345678|王小明|小明/);
    }
  });

  it('answers every error as [{code, description}] with 400, 403 or 404, in JSON and XML', async () => {
    // Act
    const noKey = await form({ ...goodForm(), api_key: '' });
    const badKey = await get('requests.json?api_key=wrong');
    const unknownService = await get('services/NO_SUCH.json');
    const unknownServiceXml = await get('services/NO_SUCH.xml');
    const missingArea = await form({ ...goodForm(), 'attribute[area]': '' });
    const shortText = await form({ ...goodForm(), description: '太短' });
    const postUnknownCode = await form({ ...goodForm(), service_code: 'NO_SUCH' });
    const notForm = await rt.app.request('/open311/v2/requests.json', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const missingRequest = await get(`requests/ZZZZZ-ZZZZZ.json?api_key=${DEMO}`);
    const token = await get('tokens/abc.json');
    const unknownPath = await get('nothing.json');

    // Assert
    const cases: [Response, number][] = [
      [noKey, 403],
      [badKey, 403],
      [unknownService, 404],
      [missingArea, 400],
      [shortText, 400],
      [postUnknownCode, 404],
      [notForm, 400],
      [missingRequest, 404],
      [token, 404],
      [unknownPath, 404],
    ];
    for (const [res, status] of cases) {
      expect(res.status).toBe(status);
      const body = (await res.json()) as { code: number }[];
      expect(schemas.errors(body)).toEqual([]);
      expect(body[0]?.code).toBe(status);
    }
    const errXml = xml.parse(await unknownServiceXml.text());
    expect(unknownServiceXml.status).toBe(404);
    expect(errXml.errors.error[0]).toMatchObject({ code: '404' });
  });

  it('limits requests per key', async () => {
    // Arrange: a runtime with a limit of 3 a minute.
    const limited = await testRuntime({ channels: { deliveryPaused: true }, open311RateLimit: 3 });
    try {
      // Act
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await limited.app.request(`/open311/v2/requests.json?api_key=${DEMO}`)).status);

      // Assert
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});
