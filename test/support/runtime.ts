import { manualClock } from '../../functions/adapters/clock.js';
import { silentLogger } from '../../functions/http/logger.js';
import { type RuntimeOptions, startRuntime } from '../../functions/local/runtime.js';

export const T0 = new Date('2026-03-02T02:00:00Z'); // a Monday, 10:00 in Shanghai

/** An in-memory embedded runtime with a manual clock; close it in afterAll. */
export async function testRuntime(opts: Partial<RuntimeOptions> = {}) {
  const clock = manualClock(T0);
  // Rate limits off by default: app.request() has no client address, so every request shares one bucket.
  const runtime = await startRuntime({
    clock,
    logger: silentLogger,
    intakeRateLimit: 0,
    trackRateLimit: 0,
    ...opts,
  });
  return { ...runtime, clock };
}

export const validComplaint = () => ({
  channel: 'web',
  category: 'HOMEWORK_OVERLOAD',
  area: 'LONGSHUI',
  subject: { kind: 'school', name: '龙水镇第一小学' },
  description: '三年级每天书面作业超过两个小时，孩子经常写到晚上十点。',
  occurredOn: '2026-02-27',
  grade: 3,
  anonymous: false,
  reporter: { name: '王小明', phone: '13812345678', email: 'wang@example.cn' },
});

export function postJson(
  app: { request: (p: string, i: RequestInit) => Response | Promise<Response> },
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Response body as JSON; tests assert on its shape, so it is loosely typed on purpose. */
// biome-ignore lint/suspicious/noExplicitAny: test helper
export const json = async (res: Response | Promise<Response>): Promise<any> => (await res).json();

type Requester = { request: (p: string, i?: RequestInit) => Response | Promise<Response> };

/** Logs a demo account in (password `duban-demo`) and returns its bearer token. */
export async function login(app: Requester, username: string, password = 'duban-demo'): Promise<string> {
  const res = await postJson(app, '/api/v1/auth/login', { username, password });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status}`);
  return (await json(res)).token;
}

/** A request with a bearer token. */
export function asStaff(app: Requester, token: string, path: string, init: RequestInit = {}) {
  const headers = {
    authorization: `Bearer ${token}`,
    ...(init.body ? { 'content-type': 'application/json' } : {}),
  };
  return app.request(path, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
}
