/** Moves a case along through the JSON API, for page tests that need a case in a given state. */
import { asStaff, json, login, postJson, validComplaint } from './runtime.js';

type Rt = {
  app: { request: (p: string, i?: RequestInit) => Response | Promise<Response> };
  runner?: { settle(): Promise<void> } | undefined;
};

export async function fileViaApi(rt: Rt, overrides: Record<string, unknown> = {}) {
  const res = await postJson(rt.app, '/api/v1/complaints', { ...validComplaint(), ...overrides });
  if (res.status !== 201) throw new Error(`complaint refused: ${res.status}`);
  const receipt = (await res.json()) as { trackingCode: string; accessCode: string };
  await rt.runner?.settle();
  return receipt;
}

async function act(rt: Rt, token: string, code: string, body: Record<string, unknown>) {
  const current = await json(asStaff(rt.app, token, `/api/v1/cases/${code}`));
  const res = await asStaff(rt.app, token, `/api/v1/cases/${code}/actions`, {
    method: 'POST',
    body: JSON.stringify({ expectedVersion: current.version, ...body }),
  });
  if (res.status !== 200) throw new Error(`${String(body.type)} refused: ${res.status} ${await res.text()}`);
}

/** Inspector starts and reports, dispatcher approves: the case is closed (销号) with `reply`. */
export async function closeCase(
  rt: Rt,
  code: string,
  reply = '经核查情况属实，已责令学校整改，作业量已按规定减少。',
) {
  const inspector = await login(rt.app, 'inspector-a');
  const dispatcher = await login(rt.app, 'dispatcher');
  await act(rt, inspector, code, { type: 'start' });
  await act(rt, inspector, code, {
    type: 'submit_report',
    finding: 'substantiated',
    actions: '约谈校长',
    reply,
  });
  await act(rt, dispatcher, code, { type: 'approve' });
  await rt.runner?.settle();
}
