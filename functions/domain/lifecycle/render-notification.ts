/**
 * Notification texts in the reader's language, rendered at delivery time: office names from the
 * current catalog, deadlines as dates in words in Asia/Shanghai (2026年12月28日（星期一）/
 * Monday 28 December 2026), never codes or ISO instants. Pure: catalog and locale are passed in.
 */
import { caseStatuses } from '../case-status.js';
import { type Catalog, findOffice } from '../reference/catalog.js';
import { formatTrackingCode } from '../tracking-code.js';
import type { Notification, NotificationParams } from './notifications.js';

export type Locale = 'zh-CN' | 'en';

export interface RenderedText {
  subject: string;
  text: string;
}

/** A date in words in Asia/Shanghai, e.g. 2026年12月28日（星期一） or Monday 28 December 2026. */
export function dateInWords(iso: string, locale: Locale): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  if (locale === 'en') {
    return new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Shanghai',
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    })
      .format(d)
      .replace(',', '');
  }
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    weekday: 'long',
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}年${get('month')}月${get('day')}日（${get('weekday')}）`;
}

function officeName(catalog: Catalog, id: string | undefined, locale: Locale): string {
  if (!id) return locale === 'en' ? 'the office' : '承办单位';
  const office = findOffice(catalog, id);
  if (!office) return id;
  return locale === 'en' ? office.nameEn : office.name;
}

/** A month (yyyy-mm) in words: 2026年3月 / March 2026. */
export function monthInWords(month: string, locale: Locale): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  if (locale !== 'en') return `${y}年${m}月`;
  return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
}

const percent = (r: number | null | undefined) =>
  r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`;

/** A published notice: the reader's headline figures (the district's, or their office's) and the link. */
function noticeText(p: NotificationParams, office: string, opts: RenderOptions): string {
  const en = opts.locale === 'en';
  const issue = p.issue ?? '';
  const month = p.month ? monthInWords(p.month, opts.locale) : '';
  const head = en
    ? `Monthly notice ${issue}${month ? ` (${month})` : ''} was published.`
    : `月度督查通报${issue}${month ? `（${month}）` : ''}已发布。`;
  const f = p.figures;
  const link = p.path ? `${(opts.staffBaseUrl ?? '').replace(/\/$/, '')}${p.path}` : '';
  const read = link ? (en ? ` Read it: ${link}` : `查看通报：${link}`) : '';
  if (!f) return `${head}${read}`;
  const who = p.officeId ? office : en ? 'District' : '全区';
  const rank = p.rank ? (en ? `; ranked ${p.rank} on on-time rate` : `，按时办结率排名第 ${p.rank}`) : '';
  const figures = en
    ? ` ${who}: ${f.received} received, ${f.closed} closed, on time ${percent(f.onTimeRate)}, satisfied ${percent(f.satisfactionRate)}, ${f.overdueOpen} overdue and open${rank}.`
    : `${who}：受理 ${f.received} 件，销号 ${f.closed} 件，按时办结率 ${percent(f.onTimeRate)}，满意率 ${percent(f.satisfactionRate)}，逾期未办结 ${f.overdueOpen} 件${rank}。`;
  return `${head}${figures}${read}`;
}

export interface RenderOptions {
  catalog: Catalog;
  locale: Locale;
  accessCode?: string | undefined;
  /** Base URL of the staff site, for links (a published notice); without it links are paths. */
  staffBaseUrl?: string | undefined;
}

/** Subject and body of one notification for one reader. */
export function renderNotification(n: Notification, opts: RenderOptions): RenderedText {
  const { catalog, locale } = opts;
  const en = locale === 'en';
  const p = n.params ?? {};
  const code = formatTrackingCode(n.caseId);
  const office = officeName(catalog, p.officeId, locale);
  const due = p.due ? dateInWords(p.due, locale) : '';
  const reason = p.reason ? (en ? ` Reason: ${p.reason}` : `理由：${p.reason}`) : '';
  const caseLabel = en ? `Case ${code}` : `案件 ${code}`;
  const t = (zh: string, english: string) => (en ? english : zh);
  const body = ((): string => {
    switch (n.kind) {
      case 'assignment':
        return t(
          `${caseLabel} 已分派至${office}，请于${due}前办结。`,
          `${caseLabel} was assigned to ${office}; finish it by ${due}.`,
        );
      case 'escalation':
        if (p.level === 2 && 'role' in n.to)
          return t(
            `督办：${office}承办的${caseLabel}催办后仍未办结。`,
            `Supervised: ${caseLabel} of ${office} is still open after urging.`,
          );
        return t(
          `${p.level === 2 ? '督办' : '催办'}：${caseLabel} 已逾期，请于${due}前办结。`,
          `${p.level === 2 ? 'Supervised' : 'Urged'}: ${caseLabel} is overdue; finish it by ${due}.`,
        );
      case 'accountability':
        return t(
          `问责：${office}承办的${caseLabel}经催办、督办仍逾期未办结。`,
          `Accountability: ${office} left ${caseLabel} overdue after urging and supervision.`,
        );
      case 'return':
        return 'role' in n.to
          ? t(`${office}退回${caseLabel}。${reason}`, `${office} returned ${caseLabel}.${reason}`)
          : t(
              `退回未被同意，请继续办理${caseLabel}。${reason}`,
              `Return refused: keep handling ${caseLabel}.${reason}`,
            );
      case 'extension_request':
        return t(
          `${office}申请将${caseLabel} 延期 ${p.days ?? ''} 个工作日，请审批。`,
          `${office} asks for ${p.days ?? ''} more working days on ${caseLabel}; please decide.`,
        );
      case 'extension_decision':
        return p.approved
          ? t(
              `${caseLabel} 延期已批准，新期限为${due}。`,
              `Extension of ${caseLabel} approved; new deadline ${due}.`,
            )
          : t(`${caseLabel} 延期申请未获批准。`, `Extension of ${caseLabel} refused.`);
      case 'report_submitted':
        return t(
          `${office}已提交${caseLabel}的办理结果，请复核。`,
          `${office} submitted the report on ${caseLabel}; please review it.`,
        );
      case 'closure':
        return t(`${caseLabel} 已复核销号。`, `${caseLabel} was reviewed and closed.`);
      case 'sent_back':
        return t(
          `${caseLabel} 的办理结果被退回。${reason}`,
          `The report on ${caseLabel} was sent back.${reason}`,
        );
      case 'reopened':
        return t(
          `群众对${caseLabel}不满意，案件重新办理，请于${due}前办结。`,
          `The citizen was unsatisfied with ${caseLabel}; it is reopened, due ${due}.`,
        );
      case 'reclassified':
      case 'instruction':
        return `${en ? n.messageEn : n.message}（${caseLabel}）`;
      case 'monthly_notice':
        return en ? n.messageEn : n.message;
      case 'notice_published':
        return noticeText(p, office, opts);
      case 'receipt':
        return t(
          `您的投诉已受理，查询码 ${code}。请凭查询码和提交时获得的密码查询办理进度。`,
          `Your complaint was received. Tracking code ${code}; use it with the access code you were given to follow the case.`,
        );
      case 'mailbox_reply':
        return t(
          `您发往举报邮箱的来信已受理。查询码 ${code}，密码 ${opts.accessCode ?? '（见网页）'}。请妥善保管密码，凭两者查询办理进度。`,
          `Your e-mail to the complaint mailbox was received. Tracking code ${code}, access code ${opts.accessCode ?? '(see the web page)'}. Keep the access code; you need both to follow the case.`,
        );
      case 'status_changed': {
        const status = p.status as keyof typeof caseStatuses | undefined;
        const label = status && caseStatuses[status] ? caseStatuses[status][en ? 'nameEn' : 'name'] : '';
        if (status === 'assigned')
          return t(
            `您的投诉（查询码 ${code}）已交${office}办理，预计${due}前办结。`,
            `Your complaint (tracking code ${code}) is being handled by ${office}, due by ${due}.`,
          );
        return t(
          `您的投诉（查询码 ${code}）状态：${label}。`,
          `Your complaint (tracking code ${code}): ${label}.`,
        );
      }
      case 'rate_request':
        return t(
          `您的投诉（查询码 ${code}）已办结。请凭查询码和密码查看答复，并在10日内评价办理结果。`,
          `Your complaint (tracking code ${code}) is closed. Read the reply with your codes and rate the outcome within 10 days.`,
        );
    }
  })();
  const subjects: Record<string, [string, string]> = {
    receipt: ['投诉已受理', 'Complaint received'],
    mailbox_reply: ['举报邮件已受理', 'Complaint e-mail received'],
    status_changed: ['投诉办理进度', 'Complaint progress'],
    rate_request: ['投诉已办结，请评价', 'Complaint closed: please rate'],
  };
  if (n.kind === 'notice_published')
    subjects[n.kind] = [`月度督查通报${p.issue ?? ''}已发布`, `Monthly notice ${p.issue ?? ''} published`];
  const [zhSubject, enSubject] = subjects[n.kind] ?? [
    `督办通知：${caseLabel}`,
    `Duban notification: ${caseLabel}`,
  ];
  return { subject: en ? enSubject : zhSubject, text: body };
}
