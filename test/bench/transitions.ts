/**
 * State transitions per case on the common paths, counted from the local runner's execution event
 * log (StateEntered events) while the real definition runs on aws-local-stepfunctions:
 *   (a) closed on time, (b) closed after one extension, (c) the full escalation ladder, then closed.
 * Budget: ≤ 20 transitions for (a).
 */

import type { CaseAction } from '../../functions/domain/lifecycle/actions.js';
import type { Principal } from '../../functions/domain/staff.js';
import { silentLogger } from '../../functions/http/logger.js';
import { startRuntime } from '../../functions/local/runtime.js';
import { actOnCase } from '../../functions/services/case-actions.js';
import { submitComplaintWithRetry } from '../../functions/services/intake.js';
import { drivenClock } from '../support/driven-clock.js';
import { sampleComplaint } from '../support/fixtures.js';

const inspector: Principal = { username: 'inspector-a', role: 'inspector', officeId: 'OFFICE_LONGSHUI' };
const dispatcher: Principal = { username: 'dispatcher', role: 'dispatcher' };
const T0 = new Date('2026-03-02T02:00:00Z');

type Scenario = (s: {
  act: (who: Principal, action: CaseAction) => Promise<void>;
  advanceTo: (iso: string) => Promise<void>;
}) => Promise<void>;

const closeIt: Scenario = async ({ act }) => {
  await act(inspector, { type: 'start' });
  await act(inspector, {
    type: 'submit_report',
    finding: 'substantiated',
    actions: '约谈校长',
    reply: '已整改',
  });
  await act(dispatcher, { type: 'approve' });
};

const scenarios: Record<string, Scenario> = {
  '(a) closed on time': async (s) => {
    await s.advanceTo('2026-03-10T02:00:00Z');
    await closeIt(s);
  },
  '(b) closed after one extension': async (s) => {
    await s.act(inspector, { type: 'request_extension', days: 5, reason: '需现场核查' });
    await s.act(dispatcher, { type: 'decide_extension', approve: true });
    await s.advanceTo('2026-03-26T02:00:00Z'); // past the first deadline, within the extension
    await closeIt(s);
  },
  '(c) full escalation ladder, then closed': async (s) => {
    await s.advanceTo('2026-03-23T16:00:00Z'); // 催办
    await s.advanceTo('2026-03-27T16:00:00Z'); // 督办
    await s.advanceTo('2026-03-31T16:00:00Z'); // 问责
    await closeIt(s);
  },
};

export async function benchTransitions() {
  const rows: { scenario: string; transitions: number; status: string; escalationLevel: number }[] = [];
  for (const [name, scenario] of Object.entries(scenarios)) {
    const time = drivenClock(T0);
    const rt = await startRuntime({ clock: time.clock, workflowWait: time.wait, logger: silentLogger });
    try {
      const receipt = await submitComplaintWithRetry(rt.deps, sampleComplaint());
      const settle = () => rt.runner?.settle() ?? Promise.resolve();
      await settle();
      const act = async (who: Principal, action: CaseAction) => {
        const current = await rt.store.getCase(receipt.trackingCode.replace('-', ''));
        await actOnCase(rt.deps, who, receipt.trackingCode, current?.version ?? 0, action);
        await settle();
      };
      const advanceTo = async (iso: string) => {
        time.advanceTo(iso);
        await settle();
      };
      await scenario({ act, advanceTo });
      // Let the last wait end so the execution sees the closure and finishes.
      await advanceTo(new Date(time.clock.now().getTime() + 8 * 24 * 3600_000).toISOString());
      const [execution] = rt.runner?.executions() ?? [];
      const stored = await rt.store.getCase(receipt.trackingCode.replace('-', ''));
      rows.push({
        scenario: name,
        transitions: execution?.transitions ?? -1,
        status: execution?.status ?? 'none',
        escalationLevel: stored?.escalationLevel ?? -1,
      });
    } finally {
      await rt.close();
    }
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await import('../../functions/local/polyfills.js');
  console.table(await benchTransitions());
}
