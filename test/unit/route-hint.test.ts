import { describe, expect, it } from 'vitest';
import { seedHolidayCalendar } from '../../functions/domain/calendar/holiday-data.js';
import { createWorkingCalendar } from '../../functions/domain/calendar/working-days.js';
import type { CaseRecord } from '../../functions/domain/case.js';
import { citizenNotifications } from '../../functions/domain/lifecycle/notifications.js';
import { routeHint } from '../../functions/domain/lifecycle/route-hint.js';
import { routeStep } from '../../functions/domain/lifecycle/workflow-steps.js';
import { seedCatalog } from '../../functions/domain/reference/catalog.js';
import { ConditionFailedError } from '../../functions/services/errors.js';
import { runTask, type WorkflowDeps } from '../../functions/workflow/tasks.js';
import { sampleCase } from '../support/fixtures.js';

const calendar = createWorkingCalendar(seedHolidayCalendar);
const now = new Date('2026-03-02T03:00:00Z');
const ctx = { now, calendar, catalog: seedCatalog };

const named: CaseRecord = {
  ...sampleCase({ complaint: { subject: { kind: 'teacher', name: '李老师' } } }),
  anonymous: false,
  reporter: { envelope: 'Y2lwaGVy', name: '#', phone: '#' },
  reporterPhoneKey: 'phone-hmac',
  description: '周末在家收费补课。',
};

/** A one-case store that refuses a write made on a stale version, as the table does. */
function oneCaseStore(stored: CaseRecord) {
  const reads: string[] = [];
  const deps = {
    store: {
      async getCase(id: string) {
        reads.push(id);
        return stored;
      },
      async updateCase(current: CaseRecord, next: CaseRecord) {
        if (current.version !== stored.version) throw new ConditionFailedError('version changed');
        stored = next;
      },
    },
    workflow: { startCaseWorkflow: async () => {} },
    clock: { now: () => now, realSecondsFor: (ms: number) => ms / 1000 },
    catalog: { get: async () => seedCatalog, invalidate() {} },
    calendar: { get: async () => calendar, invalidate() {} },
    logger: { info() {}, warn() {}, error() {} },
  } as unknown as WorkflowDeps;
  return { deps, reads, stored: () => stored };
}

describe('route hint (the new case in the execution input)', () => {
  it('leaves out ciphertexts, hashes, description and subject name, keeping which contact fields exist', () => {
    const hint = routeHint(named);
    expect(JSON.stringify(hint)).not.toMatch(/Y2lwaGVy|phone-hmac|李老师|补课|salt\$hash/);
    expect(hint.reporter).toEqual({ name: 'sealed', phone: 'sealed' });
    expect(citizenNotifications(hint, { ...hint, status: 'assigned' })).toHaveLength(1);
  });

  it('routes exactly as the stored case would: same office, deadline, version and history', () => {
    const fromHint = routeStep(routeHint(named), ctx)?.next;
    const fromCase = routeStep(named, ctx)?.next;
    expect(fromHint).toMatchObject({
      status: fromCase?.status,
      officeId: fromCase?.officeId,
      deadline: fromCase?.deadline,
      version: fromCase?.version,
      events: fromCase?.events,
    });
  });

  it('Route writes from the hint without reading, and answers as Check would', async () => {
    const { deps, reads, stored } = oneCaseStore(named);
    const out = await runTask(deps, { task: 'route', caseId: named.id, start: { route: routeHint(named) } });
    expect(reads).toEqual([]);
    expect(stored().status).toBe('assigned');
    expect(out).toMatchObject({ caseId: named.id, decision: 'wait' });
  });

  it('a stale hint (the case changed since intake) falls back to reading the case', async () => {
    // Arrange: a dispatcher re-categorised the case before Route ran (version 2).
    const changed: CaseRecord = { ...named, version: 2, category: 'TEACHER_PAID_TUTORING', area: 'LONGGANG' };
    const { deps, reads, stored } = oneCaseStore(changed);
    // Act
    await runTask(deps, { task: 'route', caseId: named.id, start: { route: routeHint(named) } });
    // Assert: routed by what is stored now (the category rule sends it to the district team).
    expect(reads).toEqual([named.id]);
    expect(stored()).toMatchObject({ version: 3, status: 'assigned', officeId: 'DISTRICT' });
  });
});
