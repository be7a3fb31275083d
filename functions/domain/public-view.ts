import type { CaseEvent, CaseRecord } from './case.js';
import { statusLabel } from './case-status.js';
import { FEEDBACK_WINDOW_DAYS } from './lifecycle/feedback.js';
import { type Catalog, findArea, findCategory, findOffice } from './reference/catalog.js';
import { formatTrackingCode } from './tracking-code.js';

/**
 * Event types a citizen sees on the public timeline, with labels. Internal steps (notes, reveals,
 * escalations inside the administration) are left out; so is every reporter detail.
 */
const publicEvents: Record<string, { label: string; labelEn: string; detail?: 'reason' | 'reply' }> = {
  submitted: { label: '投诉已受理', labelEn: 'Complaint received' },
  assigned: { label: '已分派至承办单位', labelEn: 'Assigned to the handling office' },
  reassigned: { label: '已改派承办单位', labelEn: 'Reassigned to another office' },
  started: { label: '承办单位已开始办理', labelEn: 'The office started handling the case' },
  extension_approved: { label: '办理期限已延长', labelEn: 'Deadline extended' },
  report_submitted: { label: '办理结果待复核', labelEn: 'Handling report under review' },
  closed: { label: '已办结销号', labelEn: 'Closed', detail: 'reply' },
  rejected: { label: '不予受理', labelEn: 'Not accepted', detail: 'reason' },
  merged: { label: '已并入其他案件办理', labelEn: 'Merged into another case' },
  feedback: { label: '已收到评价', labelEn: 'Feedback received' },
  reopened: { label: '因不满意重新办理', labelEn: 'Reopened after feedback' },
};

export interface PublicTimelineEntry {
  type: string;
  at: string;
  label: string;
  labelEn: string;
  reason?: string;
  reply?: string;
}

export function publicTimeline(events: readonly CaseEvent[]): PublicTimelineEntry[] {
  const out: PublicTimelineEntry[] = [];
  for (const e of events) {
    const p = publicEvents[e.type];
    if (!p) continue;
    const entry: PublicTimelineEntry = { type: e.type, at: e.at, label: p.label, labelEn: p.labelEn };
    if (p.detail && typeof e[p.detail] === 'string') entry[p.detail] = e[p.detail] as string;
    out.push(entry);
  }
  return out;
}

/**
 * Whether the citizen may rate the outcome now: closed, within the window, not yet rated this cycle
 * (the same conditions `applyFeedback` enforces).
 */
export function feedbackOpen(record: CaseRecord, now: Date): boolean {
  if (record.status !== 'closed' || !record.closedAt) return false;
  if (now.getTime() - Date.parse(record.closedAt) > FEEDBACK_WINDOW_DAYS * 24 * 3600_000) return false;
  const cycle = record.cycle ?? 1;
  return !(record.feedback ?? []).some((f) => (f.cycle ?? 1) === cycle);
}

/**
 * The view a citizen gets with tracking code + access code: status, office, deadline, escalation, the
 * public timeline and the complaint as they filed it. Never contains reporter data.
 */
export function publicCaseView(record: CaseRecord, catalog: Catalog, now?: Date) {
  const category = findCategory(catalog, record.category);
  const area = findArea(catalog, record.area);
  const office = record.officeId ? findOffice(catalog, record.officeId) : undefined;
  return {
    trackingCode: formatTrackingCode(record.id),
    status: statusLabel(record.status),
    category: { code: record.category, name: category?.name ?? record.category, nameEn: category?.nameEn },
    area: { code: record.area, name: area?.name ?? record.area, nameEn: area?.nameEn },
    office: office ? { id: office.id, name: office.name, nameEn: office.nameEn } : null,
    deadline: record.deadline ?? null,
    receivedAt: record.receivedAt,
    escalationLevel: record.escalationLevel,
    closedAt: record.closedAt ?? null,
    complaint: {
      subject: { kind: record.subject.kind, name: record.subject.name },
      description: record.description,
      occurredOn: record.occurredOn ?? null,
      grade: record.grade ?? null,
    },
    feedback: {
      open: now ? feedbackOpen(record, now) : false,
      ratings: (record.feedback ?? []).map((f) => ({ at: f.at, rating: f.rating })),
    },
    timeline: publicTimeline(record.events),
  };
}
export type PublicCaseView = ReturnType<typeof publicCaseView>;
