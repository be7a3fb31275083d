import type { Child } from 'hono/jsx';
import type { Principal } from '../functions/domain/staff.js';
import { CsrfField } from './csrf.js';
import type { Lang } from './i18n/lang.js';
import type { PublicMessages as Messages } from './i18n/public-messages.js';
import { assets } from './static/assets.js';

export interface NavItem {
  href: string;
  label: string;
}

export interface LayoutProps {
  lang: Lang;
  t: Messages;
  title: string;
  /** Path and query of this page: the language switch comes back here. */
  here: string;
  /** Staff pages: denser styles, staff navigation and the logout button. */
  staff?: { who: Principal | undefined; csrf: string } | undefined;
  /** Navigation entries (the nav slot); the public ones by default. */
  nav?: NavItem[] | undefined;
  children?: Child;
}

/** The one page layout: header with 督办 and the language switch, navigation, main, footer. */
export function Layout(p: LayoutProps) {
  const c = p.t.common;
  const other: Lang = p.lang === 'zh-CN' ? 'en' : 'zh-CN';
  const nav = p.nav ?? [
    { href: '/', label: c.nav.home },
    { href: '/report', label: c.nav.report },
    { href: '/track', label: c.nav.track },
  ];
  const current = p.here.split('?')[0];
  return (
    <html lang={p.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${p.title} · ${c.siteName}`}</title>
        <link rel="icon" href={assets.icon.path} type="image/svg+xml" />
        <link rel="stylesheet" href={assets.css.path} />
        <script src={assets.js.path} defer />
      </head>
      <body class={p.staff ? 'staff' : 'public'}>
        <a class="skip" href="#main">
          {c.skipToContent}
        </a>
        <header class="site-header">
          <div class="wrap bar">
            <a class="brand" href={p.staff ? '/staff' : '/'}>
              {c.siteName}
              <small>{c.siteTagline}</small>
            </a>
            <nav class="lang" aria-label={c.languageSwitchLabel}>
              <a href={`/lang/${other}?back=${encodeURIComponent(p.here)}`} lang={other} hreflang={other}>
                {c.languageSwitch}
              </a>
            </nav>
          </div>
        </header>
        <nav class="site-nav" aria-label={c.siteName}>
          <div class="wrap">
            <ul>
              {nav.map((n) => (
                <li>
                  <a href={n.href} aria-current={n.href === current ? 'page' : undefined}>
                    {n.label}
                  </a>
                </li>
              ))}
              {p.staff?.who ? (
                <li>
                  <form method="post" action="/staff/logout" class="inline">
                    <CsrfField token={p.staff.csrf} />
                    <button type="submit" class="button--link nav-button">
                      {p.t.staffNav.logout} ({p.staff.who.username})
                    </button>
                  </form>
                </li>
              ) : null}
            </ul>
          </div>
        </nav>
        <div class="wrap">
          <main id="main" tabindex={-1}>
            {p.children}
          </main>
        </div>
        <footer class="site-footer">
          <div class="wrap">
            <p>{c.footer}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
