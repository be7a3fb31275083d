import { describe, expect, it } from 'vitest';
import {
  canListCases,
  canManageAccounts,
  canRevealReporter,
  canSeeCase,
  canSubmitChannel,
  listOfficeScope,
} from '../../functions/domain/authorization.js';
import type { CaseRecord, Channel } from '../../functions/domain/case.js';
import type { Principal } from '../../functions/domain/staff.js';

const p = {
  operator: { username: 'op1', role: 'operator' },
  dispatcher: { username: 'd1', role: 'dispatcher' },
  leader: { username: 'l1', role: 'leader' },
  admin: { username: 'a1', role: 'admin' },
  inspectorA: { username: 'ia', role: 'inspector', officeId: 'OFFICE_LONGSHUI' },
} satisfies Record<string, Principal>;

const caseOf = (officeId: string, enteredBy?: string) => ({ officeId, enteredBy }) as unknown as CaseRecord;

describe('who may file on which channel', () => {
  it.each([
    [undefined, 'web', 'ok'],
    [undefined, 'hotline', 'unauthenticated'],
    [undefined, 'inspection', 'unauthenticated'],
    [p.operator, 'hotline', 'ok'],
    [p.operator, 'mailbox', 'ok'],
    [p.operator, 'email', 'ok'],
    [p.operator, 'inspection', 'forbidden'],
    [p.inspectorA, 'inspection', 'ok'],
    [p.inspectorA, 'hotline', 'forbidden'],
    [p.leader, 'hotline', 'forbidden'],
    [p.admin, 'email', 'forbidden'],
  ] as [Principal | undefined, Channel, string][])('%o files %s → %s', (who, channel, expected) => {
    expect(canSubmitChannel(who, channel)).toBe(expected);
  });
});

describe('who sees which case', () => {
  it.each([
    [p.dispatcher, caseOf('OFFICE_YOUTING'), true],
    [p.leader, caseOf('OFFICE_YOUTING'), true],
    [p.inspectorA, caseOf('OFFICE_LONGSHUI'), true],
    [p.inspectorA, caseOf('OFFICE_YOUTING'), false],
    [p.operator, caseOf('OFFICE_YOUTING', 'op1'), true],
    [p.operator, caseOf('OFFICE_YOUTING', 'op2'), false],
    [p.admin, caseOf('OFFICE_YOUTING'), false],
  ] as [Principal, CaseRecord, boolean][])('%o → %s', (who, record, expected) => {
    expect(canSeeCase(who, record)).toBe(expected);
  });

  it('an inspector lists only their own office, whatever they ask for', () => {
    expect(listOfficeScope(p.inspectorA, 'OFFICE_YOUTING')).toBe('OFFICE_LONGSHUI');
    expect(listOfficeScope(p.dispatcher, 'OFFICE_YOUTING')).toBe('OFFICE_YOUTING');
    expect(listOfficeScope(p.dispatcher, undefined)).toBeUndefined();
  });

  it('only dispatchers reveal reporters; only admins manage accounts; admins have no case list', () => {
    expect(
      Object.values(p)
        .filter(canRevealReporter)
        .map((x) => x.role),
    ).toEqual(['dispatcher']);
    expect(
      Object.values(p)
        .filter(canManageAccounts)
        .map((x) => x.role),
    ).toEqual(['admin']);
    expect(canListCases(p.admin)).toBe(false);
  });
});
