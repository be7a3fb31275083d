/** Reading the monthly notice within the caller's scope (see noticeScope). */
import { noticeScope } from '../../domain/authorization.js';
import { officeSection } from '../../domain/reports/monthly-report.js';
import type { Principal } from '../../domain/staff.js';
import { AppError, notFound } from '../errors.js';
import { type Draft, draftNotice, type ReportDeps } from './monthly-notice.js';
import type { PublishedNotice } from './ports.js';

export type NoticeView =
  | { readonly scope: 'all'; readonly notice: Draft | (PublishedNotice & { status: 'published' }) }
  | {
      readonly scope: 'office';
      readonly notice: {
        status: 'draft' | 'published';
        month: string;
        version?: number | undefined;
        issue?: PublishedNotice['issue'] | undefined;
        section: ReturnType<typeof officeSection>;
      };
    };

export function requireNoticeReader(who: Principal) {
  const scope = noticeScope(who);
  if (scope === 'none') throw new AppError(403, 'FORBIDDEN', `Role ${who.role} may not read notices.`);
  return scope;
}

/** The draft (no version) or a published version (`latest` = the newest), cut to the caller's scope. */
export async function readNotice(
  deps: ReportDeps,
  who: Principal,
  month: string,
  version: number | 'latest' | undefined,
): Promise<NoticeView> {
  const scope = requireNoticeReader(who);
  const notice =
    version === undefined
      ? await draftNotice(deps, month)
      : await deps.notices.get(month, version === 'latest' ? undefined : version);
  if (!notice) throw notFound('published notice');
  const full = 'version' in notice ? { ...notice, status: 'published' as const } : notice;
  if (scope === 'all') return { scope: 'all', notice: full };
  return {
    scope: 'office',
    notice: {
      status: full.status,
      month,
      version: 'version' in full ? full.version : undefined,
      issue: 'issue' in full ? full.issue : undefined,
      section: officeSection(full.report, scope.officeId),
    },
  };
}
