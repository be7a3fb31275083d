import { describe, expect, it } from 'vitest';
import { caseIndexAttributes } from '../../functions/adapters/dynamo/case-item.js';
import { type CaseRecord, monthRange } from '../../functions/domain/case.js';
import { phoneLookupForm } from '../../functions/domain/phone-lookup.js';
import { FALLBACK_ROUTING_REASON, isUnrouted } from '../../functions/domain/queues.js';
import { catalogProblems, seedCatalog } from '../../functions/domain/reference/catalog.js';
import { sampleCase } from '../support/fixtures.js';

const open = (extra: Partial<CaseRecord> = {}): CaseRecord => ({
  ...sampleCase(),
  status: 'in_progress',
  officeId: 'OFFICE_LONGSHUI',
  deadline: '2026-03-23T15:59:59.999Z',
  ...extra,
});

describe('queue keys of a case', () => {
  it('an open case is on its office queue by deadline; a finished one moves to the DONE partition', () => {
    const before = caseIndexAttributes(open());
    const after = caseIndexAttributes(open({ status: 'closed', closedAt: '2026-03-10T02:00:00.000Z' }));
    expect([before.gsi1pk, before.gsi1sk]).toEqual([
      'OFFICE#OFFICE_LONGSHUI#OPEN',
      '2026-03-23T15:59:59.999Z#ABCDE23456',
    ]);
    expect([after.gsi1pk, after.gsi1sk]).toEqual([
      'OFFICE#OFFICE_LONGSHUI#DONE',
      '2026-03-10T02:00:00.000Z#ABCDE23456',
    ]);
  });

  it('sparse triage and escalation entries appear and disappear with the state', () => {
    const ext = caseIndexAttributes(
      open({
        extensionRequest: { days: 3, reason: 'x', requestedAt: '2026-03-05T02:00:00.000Z', requestedBy: 'i' },
      }),
    );
    const escalated = caseIndexAttributes(open({ escalationLevel: 2 }));
    const closedEscalated = caseIndexAttributes(open({ escalationLevel: 2, status: 'closed' }));
    expect(ext.gsi7pk).toBe('TRIAGE#extension');
    expect(escalated.gsi8sk?.startsWith('7#')).toBe(true);
    expect(closedEscalated.gsi8pk).toBeUndefined();
    expect(caseIndexAttributes(open()).gsi7pk).toBeUndefined();
  });

  it('unrouted until a dispatcher places the case', () => {
    const fallback = open({
      events: [
        { type: 'assigned', at: '2026-03-02T02:00:00Z', actor: 'system', reason: FALLBACK_ROUTING_REASON },
      ],
    });
    const placed = {
      ...fallback,
      events: [...fallback.events, { type: 'reassigned', at: '2026-03-02T03:00:00Z', actor: 'dispatcher' }],
    };
    expect([isUnrouted(fallback), isUnrouted(placed)]).toEqual([true, false]);
  });
});

describe('helpers', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['+86 138-1234-5678', '13812345678'],
    ['0086 13812345678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['023-4372 1234', '02343721234'],
  ])('phone lookup form of %s', (input, form) => {
    expect(phoneLookupForm(input)).toBe(form);
  });

  it('a month is bounded by Shanghai midnights', () => {
    expect(monthRange('2026-03')).toEqual({
      from: '2026-02-28T16:00:00.000Z',
      to: '2026-03-31T16:00:00.000Z',
    });
    expect(monthRange('2026-12').to).toBe('2026-12-31T16:00:00.000Z');
  });

  it('reply templates must name a known category and a unique id', () => {
    const bad = {
      ...seedCatalog,
      replyTemplates: [
        { id: 'A_ONE', category: 'NOPE', title: 't', titleEn: 't', text: 'x' },
        { id: 'A_ONE', title: 't', titleEn: 't', text: 'x' },
      ],
    };
    expect(catalogProblems(seedCatalog)).toEqual([]);
    expect(
      catalogProblems(bad)
        .map((p) => p.path)
        .sort(),
    ).toEqual(['replyTemplates', 'replyTemplates.0.category']);
  });
});
