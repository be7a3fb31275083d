/** Case statuses (案件状态) with their Chinese and English labels. */
export const caseStatuses = {
  submitted: { name: '已受理', nameEn: 'Submitted' },
  assigned: { name: '已分派', nameEn: 'Assigned' },
  in_progress: { name: '办理中', nameEn: 'In progress' },
  pending_review: { name: '待复核', nameEn: 'Pending review' },
  closed: { name: '已销号', nameEn: 'Closed' },
  rejected: { name: '不予受理', nameEn: 'Rejected' },
  merged: { name: '已合并', nameEn: 'Merged' },
  returned: { name: '已退回', nameEn: 'Returned' },
} as const;

export type CaseStatus = keyof typeof caseStatuses;
export const caseStatusCodes = Object.keys(caseStatuses) as [CaseStatus, ...CaseStatus[]];

/** Statuses in which nothing more happens to a case (the workflow loop ends). */
export const finalStatuses: ReadonlySet<CaseStatus> = new Set(['closed', 'rejected', 'merged']);

export function statusLabel(status: CaseStatus) {
  return { code: status, ...caseStatuses[status] };
}
