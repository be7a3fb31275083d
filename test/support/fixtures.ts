import { type NewComplaint, newCaseRecord } from '../../functions/domain/case.js';

/** A valid anonymous complaint about homework at a school in 龙水镇 (routes to OFFICE_LONGSHUI). */
export const sampleComplaint = (overrides: Partial<NewComplaint> = {}): NewComplaint => ({
  channel: 'web',
  category: 'HOMEWORK_OVERLOAD',
  area: 'LONGSHUI',
  subject: { kind: 'school', name: '龙水镇第一小学' },
  description: '三年级每天书面作业超过两个小时。',
  anonymous: true,
  ...overrides,
});

/** A freshly submitted case record for domain and adapter tests (id ABCDE23456, Mon 2026-03-02 10:00 Shanghai). */
export const sampleCase = (
  opts: { complaint?: Partial<NewComplaint>; receivedAt?: Date; urgentByDefault?: boolean } = {},
) =>
  newCaseRecord({
    id: 'ABCDE23456',
    complaint: sampleComplaint(opts.complaint),
    sealedReporter: undefined,
    accessCodeHash: 'salt$hash',
    receivedAt: opts.receivedAt ?? new Date('2026-03-02T02:00:00Z'),
    urgentByDefault: opts.urgentByDefault ?? false,
  });
