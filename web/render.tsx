import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { canExchangeWorkOrders, canSubmitChannel } from '../functions/domain/authorization.js';
import type { Principal } from '../functions/domain/staff.js';
import type { AuthEnv } from '../functions/http/auth.js';
import { csrfToken } from './csrf.js';
import { publicI18n as i18n, type PublicMessages as Messages } from './i18n/public-messages.js';
import { Layout, type NavItem } from './layout.js';

export interface PageOptions {
  title: string;
  status?: ContentfulStatusCode;
  /** Staff page: denser styles, staff navigation, logout. */
  staff?: boolean;
  nav?: NavItem[];
}

/** Renders a page in the layout, in the reader's language. */
export async function renderPage(c: Context<AuthEnv>, opts: PageOptions, body: Child) {
  const { lang, t } = i18n(c);
  const url = new URL(c.req.url);
  const here = c.req.method === 'GET' ? url.pathname + url.search : url.pathname;
  const staff = opts.staff ? { who: c.get('principal'), csrf: csrfToken(c) } : undefined;
  const base =
    opts.nav ?? (opts.staff ? staffNav(t, c.get('principal') !== undefined, c.get('principal')) : undefined);
  const nav = opts.staff && base ? withDevMailbox(c, t, base) : base;
  const page = (
    <Layout lang={lang} t={t} title={opts.title} here={here} staff={staff} nav={nav}>
      {body}
    </Layout>
  );
  c.header('Cache-Control', 'no-store');
  return c.html(`<!DOCTYPE html>${await page.toString()}`, opts.status ?? 200);
}

/** Navigation of staff pages; other areas (workbench, reports, admin) add their entries here. */
export function staffNav(t: Messages, loggedIn: boolean, who?: Principal): NavItem[] {
  if (!loggedIn) return [{ href: '/staff/login', label: t.staffNav.login }];
  return [
    { href: '/staff', label: t.staffNav.home },
    // Phone intake only for the roles that may file hotline complaints (the one authorization module).
    ...(canSubmitChannel(who, 'hotline') === 'ok'
      ? [{ href: '/staff/intake', label: t.staffNav.intake }]
      : []),
    ...adminLeaderNav(t, who),
    ...channelNav(t, who),
  ];
}

/** 12345 import for the roles that exchange work orders; failed notifications for admins. */
function channelNav(t: Messages, who: Principal | undefined): NavItem[] {
  const m = t.staffNav;
  if (who && canExchangeWorkOrders(who)) return [{ href: '/staff/work-orders', label: m.workOrders }];
  if (who?.role === 'admin') return [{ href: '/staff/admin/dead-letters', label: m.deadLetters }];
  return [];
}

/** Context flag set by the page stack when the runtime has a development mailbox (embedded only). */
export const DEV_MAILBOX_FLAG = 'devMailboxPage';

/** The development mailbox, on every staff page, when this runtime provides one. */
function withDevMailbox(c: Context<AuthEnv>, t: Messages, nav: NavItem[]): NavItem[] {
  if (!c.get('principal') || !c.get(DEV_MAILBOX_FLAG as never)) return nav;
  const href = '/staff/dev/mailbox';
  return nav.some((n) => n.href === href) ? nav : [...nav, { href, label: t.staffNav.mailbox }];
}

/** Overview for leaders and dispatchers; accounts and reference data for admins. */
function adminLeaderNav(t: Messages, who: Principal | undefined): NavItem[] {
  const m = t.staffNav;
  if (who?.role === 'leader' || who?.role === 'dispatcher')
    return [{ href: '/staff/overview', label: m.overview }];
  if (who?.role === 'admin')
    return [
      { href: '/staff/admin/accounts', label: m.accounts },
      { href: '/staff/admin/reference', label: m.reference },
    ];
  return [];
}
