import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newCaseRecord, receivedMonth, subjectKey } from '../../functions/domain/case.js';
import { publicCaseView } from '../../functions/domain/public-view.js';
import { seedCatalog } from '../../functions/domain/reference/catalog.js';
import {
  CODE_ALPHABET,
  formatTrackingCode,
  newAccessCode,
  newCaseId,
  normalizeTrackingCode,
} from '../../functions/domain/tracking-code.js';
import { canonicalJson } from '../../functions/services/intake.js';

describe('tracking codes', () => {
  it('use an alphabet without 0/O/1/I/L', () => {
    for (const ch of '01OIL') expect(CODE_ALPHABET).not.toContain(ch);
  });

  it('are short, readable and uniform enough', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 3100; i++) {
      const id = newCaseId(randomBytes);
      expect(id).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
      for (const ch of id) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    // 31 000 symbols over 31 letters: ~1000 each; rejection sampling keeps every letter near that.
    for (const ch of CODE_ALPHABET) expect(counts.get(ch)).toBeGreaterThan(800);
    expect(formatTrackingCode('ABCDE23456')).toBe('ABCDE-23456');
    expect(formatTrackingCode('ABCDE23456').length).toBeLessThanOrEqual(16);
    expect(newAccessCode(randomBytes)).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
  });

  it.each([
    ['abcde-23456', 'ABCDE23456'],
    [' ABCDE 23456 ', 'ABCDE23456'],
    ['ab-cde-234-56', 'ABCDE23456'],
    ['ABCDE2345', undefined],
    ['ABCDE2345O', undefined],
  ])('%j normalizes to %j', (input, expected) => {
    expect(normalizeTrackingCode(input)).toBe(expected);
  });
});

describe('intake domain', () => {
  it('canonical JSON ignores key order and undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(
      canonicalJson({ a: { d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
  });

  const base = {
    id: 'ABCDE23456',
    complaint: {
      channel: 'web' as const,
      category: 'HOLIDAY_TRAINING',
      area: 'LONGSHUI',
      subject: { kind: 'institution' as const, name: ' 某某 培训 ' },
      description: '周末组织小学数学培训。',
      anonymous: true,
      reporter: { phone: '13812345678' },
    },
    sealedReporter: { phone: 'sealed' },
    accessCodeHash: 'h',
    receivedAt: new Date('2026-03-31T17:00:00Z'),
    urgentByDefault: true,
  };

  it('a new case: version 1, submitted, one event, urgent by category, nothing kept when anonymous', () => {
    const r = newCaseRecord(base);
    expect(r).toEqual(
      expect.objectContaining({ version: 1, status: 'submitted', urgent: true, escalationLevel: 0 }),
    );
    expect(r.events).toEqual([
      { type: 'submitted', at: '2026-03-31T17:00:00.000Z', actor: 'citizen', channel: 'web' },
    ]);
    expect(r.reporter).toBeUndefined();
    expect(newCaseRecord({ ...base, complaint: { ...base.complaint, anonymous: false } }).reporter).toEqual({
      phone: 'sealed',
    });
  });

  it('report month is the Shanghai month; subject keys ignore spaces and case', () => {
    expect(receivedMonth('2026-03-31T17:00:00Z')).toBe('2026-04');
    expect(subjectKey({ kind: 'institution', name: ' 某某 培训 ' })).toBe(
      subjectKey({ kind: 'institution', name: '某某培训' }),
    );
  });

  it('the public view shows no reporter and no internal events', () => {
    const r = {
      ...newCaseRecord({ ...base, complaint: { ...base.complaint, anonymous: false } }),
      events: [
        { type: 'submitted', at: 't1', actor: 'citizen' },
        { type: 'note', at: 't2', actor: 'inspector-a', text: '内部备注' },
        { type: 'reporter_revealed', at: 't3', actor: 'dispatcher', reason: '核实' },
        { type: 'rejected', at: 't4', actor: 'dispatcher', reason: '不属于双减范围' },
      ],
    };
    const view = publicCaseView(r, seedCatalog);
    expect(view.timeline.map((e) => e.type)).toEqual(['submitted', 'rejected']);
    expect(view.timeline[1]?.reason).toBe('不属于双减范围');
    expect(JSON.stringify(view)).not.toMatch(/sealed|内部备注|13812345678/);
  });
});
