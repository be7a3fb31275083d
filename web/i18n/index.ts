/**
 * Typed message catalogs: Simplified Chinese first (default), English second. Each area of the site has
 * its own file exporting `zh` and `en` (typed `MessagesOf<typeof zh>`, so a missing key does not
 * compile); add yours as `web/i18n/<area>.ts` and one line in each catalog below.
 */
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import * as adminPages from './admin.js';
import * as channels from './channels.js';
import * as common from './common.js';
import * as evidence from './evidence.js';
import * as publicPages from './public.js';
import * as reports from './reports.js';
import * as staffPages from './staff.js';
import * as workbench from './workbench.js';

export const langs = ['zh-CN', 'en'] as const;
export type Lang = (typeof langs)[number];
export const DEFAULT_LANG: Lang = 'zh-CN';
export const LANG_COOKIE = 'duban_lang';

const zh = {
  common: common.zh,
  public: publicPages.zh,
  staff: staffPages.zh,
  workbench: workbench.zh,
  admin: adminPages.zh,
  reports: reports.zh,
  evidence: evidence.zh,
  channels: channels.zh,
};
const en: typeof zh = {
  common: common.en,
  public: publicPages.en,
  staff: staffPages.en,
  workbench: workbench.en,
  admin: adminPages.en,
  reports: reports.en,
  evidence: evidence.en,
  channels: channels.en,
};

export type Messages = typeof zh;
export const catalogs: Record<Lang, Messages> = { 'zh-CN': zh, en };

export const isLang = (x: unknown): x is Lang => x === 'zh-CN' || x === 'en';

/**
 * The reader's language: the remembered choice (cookie), else the first supported language in
 * Accept-Language by preference, else Chinese.
 */
export function detectLang(c: Context): Lang {
  const chosen = getCookie(c, LANG_COOKIE);
  if (isLang(chosen)) return chosen;
  const header = c.req.header('accept-language');
  if (!header) return DEFAULT_LANG;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { tag: tag.toLowerCase(), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return DEFAULT_LANG;
}

/** Language and messages for this request. */
export function i18n(c: Context): { lang: Lang; t: Messages } {
  const lang = detectLang(c);
  return { lang, t: catalogs[lang] };
}

/** Remembers the reader's choice for a year. */
export function rememberLang(c: Context, lang: Lang) {
  setCookie(c, LANG_COOKIE, lang, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'Lax', httpOnly: true });
}

/** Picks the Chinese or English name of a reference-data entry. */
export const localName = (lang: Lang, x: { name: string; nameEn?: string | undefined }) =>
  lang === 'en' && x.nameEn ? x.nameEn : x.name;
