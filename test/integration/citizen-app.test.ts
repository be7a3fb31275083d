import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeApp } from '../../functions/http/compose.js';
import { citizenPart } from '../../functions/http/parts/citizen.js';
import { citizenRoutes, routeMatches } from '../../functions/http/parts/citizen-routes.js';
import { json, login, postJson, testRuntime, validComplaint } from '../support/runtime.js';

let rt: Awaited<ReturnType<typeof testRuntime>>;
let citizen: ReturnType<typeof composeApp>;
beforeAll(async () => {
  rt = await testRuntime();
  // What the citizen Lambda builds: the one factory with only the citizen part, over the same store.
  citizen = composeApp(rt.deps, [citizenPart]);
});
afterAll(async () => {
  await rt?.close();
});

/** `METHOD /path` of every route (handlers and middleware), and a concrete path that reaches it. */
const routesOf = (app: { routes: { method: string; path: string }[] }) =>
  new Set(app.routes.map((r) => `${r.method} ${r.path}`));
const samplePath = (honoPath: string) => honoPath.replace(/:[^/]+/g, 'x').replace(/\*$/, 'x');
const toCitizenFunction = (honoPath: string) =>
  citizenRoutes.some((pattern) => routeMatches(pattern, samplePath(honoPath)));

describe('citizen function: the routes API Gateway sends it', () => {
  it('serves every route of the whole app that a citizen route pattern sends to it', () => {
    // Arrange
    const whole = [...routesOf(rt.app)].filter((r) => toCitizenFunction(r.split(' ')[1] as string));
    // Act
    const served = routesOf(citizen);
    // Assert
    expect(whole.length).toBeGreaterThan(15);
    expect(whole.filter((r) => !served.has(r))).toEqual([]);
  });

  it('has no handler outside the citizen patterns except the API index and the OpenAPI document', () => {
    // Arrange: those two go to the staff function, which documents the whole API.
    const handlers = citizen.routes.filter((r) => r.method !== 'ALL');
    // Act
    const elsewhere = handlers.filter((r) => !toCitizenFunction(r.path)).map((r) => `${r.method} ${r.path}`);
    // Assert
    expect(elsewhere.sort()).toEqual(['GET /api', 'GET /api/v1/openapi.json']);
  });

  it('sends staff paths to the staff function', () => {
    // Arrange
    const staffPaths = [
      '/staff/login',
      '/staff/cases',
      '/api/v1/cases',
      '/api/v1/auth/login',
      '/api/v1/reports/x',
    ];
    // Act
    const sentToCitizen = staffPaths.filter((p) => citizenRoutes.some((pattern) => routeMatches(pattern, p)));
    // Assert
    expect(sentToCitizen).toEqual([]);
  });
});

describe('citizen function: behaviour', () => {
  it('files and tracks a complaint that the whole app then sees', async () => {
    // Arrange
    const receipt = await json(postJson(citizen, '/api/v1/complaints', validComplaint()));
    // Act
    const tracked = await postJson(citizen, '/api/v1/track', {
      trackingCode: receipt.trackingCode,
      accessCode: receipt.accessCode,
    });
    // Assert
    expect(tracked.status).toBe(200);
    expect(await rt.store.getCase(receipt.trackingCode.replace('-', ''))).toBeDefined();
  });

  it('renders the citizen pages and answers 404 for staff pages and the staff API', async () => {
    // Arrange
    const token = await login(rt.app, 'dispatcher');
    // Act
    const home = await citizen.request('/');
    const report = await citizen.request('/report');
    const staffLogin = await citizen.request('/staff/login');
    const cases = await citizen.request('/api/v1/cases', { headers: { authorization: `Bearer ${token}` } });
    // Assert
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    expect(report.status).toBe(200);
    expect(staffLogin.status).toBe(404);
    expect(cases.status).toBe(404);
  });
});
