/**
 * Authorization (权限): the one module that says who may see and do what, checked per object.
 *  - operator (接线员): files hotline, mailbox and e-mail complaints; reads the cases they entered.
 *  - inspector (片区督导室): only their office's cases; files `inspection` complaints (明察暗访) and
 *    reads the ones they filed.
 *  - dispatcher (督查组办公室): every case; acts on them; may reveal a reporter's identity.
 *  - leader (领导小组): every case, read-only.
 *  - admin: staff accounts and reference data; no case content.
 * Channels `12345` and `open311` are not filed through the complaint endpoint: work orders come by
 * import (operators, dispatchers), Open311 requests by registered apps with their key.
 */
import type { CaseRecord, Channel } from './case.js';
import type { Principal, Role } from './staff.js';

const CHANNELS_BY_ROLE: Record<Role, readonly Channel[]> = {
  operator: ['hotline', 'mailbox', 'email'],
  inspector: ['inspection'],
  dispatcher: ['hotline', 'mailbox', 'email', 'inspection'],
  leader: [],
  admin: [],
};

/** `ok`, or why not: `unauthenticated` (needs a login) or `forbidden` (wrong role). */
export function canSubmitChannel(
  who: Principal | undefined,
  channel: Channel,
): 'ok' | 'unauthenticated' | 'forbidden' {
  if (channel === 'web') return 'ok';
  if (!who) return 'unauthenticated';
  return CHANNELS_BY_ROLE[who.role].includes(channel) ? 'ok' : 'forbidden';
}

export function canSeeCase(who: Principal, record: CaseRecord): boolean {
  switch (who.role) {
    case 'dispatcher':
    case 'leader':
      return true;
    case 'inspector':
      // Their office's cases, and an inspection finding (明察暗访) they filed wherever it was routed.
      return (
        (who.officeId !== undefined && record.officeId === who.officeId) || record.enteredBy === who.username
      );
    case 'operator':
      return record.enteredBy === who.username;
    case 'admin':
      return false;
  }
}

/** 12345 work orders (工单): operators and dispatchers import them and read the replies back. */
export const canExchangeWorkOrders = (who: Principal) => who.role === 'operator' || who.role === 'dispatcher';
/** Channel integrations (Open311 apps, 12345 type/region mapping) are reference data: admins. */
export const canManageIntegrations = (who: Principal) => who.role === 'admin';
/**
 * Adding evidence (photos, a PDF notice such as a 整改通知书) while handling: the inspector of the
 * case's office and dispatchers. Leaders read only; operators and admins do not handle cases.
 */
export function canAddEvidence(who: Principal, record: CaseRecord): boolean {
  if (who.role === 'dispatcher') return true;
  return who.role === 'inspector' && canSeeCase(who, record);
}

export const canListCases = (who: Principal) => who.role !== 'admin';
export const canRevealReporter = (who: Principal) => who.role === 'dispatcher';
export const canManageAccounts = (who: Principal) => who.role === 'admin';

/**
 * The office a case list is confined to: an inspector always sees their own office whatever they ask
 * for; others may filter by any office or none.
 */
export function listOfficeScope(who: Principal, requested: string | undefined): string | undefined {
  return who.role === 'inspector' ? who.officeId : requested;
}

/**
 * Monthly notice (月度督查通报): leaders and dispatchers read all of it, an inspector only the own
 * office's section, nobody else; dispatchers (督查组办公室) publish it.
 */
export function noticeScope(who: Principal): 'all' | { officeId: string } | 'none' {
  if (who.role === 'leader' || who.role === 'dispatcher') return 'all';
  if (who.role === 'inspector' && who.officeId) return { officeId: who.officeId };
  return 'none';
}
export const canPublishNotice = (who: Principal) => who.role === 'dispatcher';
