/**
 * The reader's language (Simplified Chinese first, English second): detection, the remembered choice and
 * names of reference data. No messages here: `public-messages.ts` has the catalogs every page shares
 * (the citizen function carries only those), `index.ts` the whole site's.
 */
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

export const langs = ['zh-CN', 'en'] as const;
export type Lang = (typeof langs)[number];
export const DEFAULT_LANG: Lang = 'zh-CN';
export const LANG_COOKIE = 'duban_lang';

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

/** Remembers the reader's choice for a year. */
export function rememberLang(c: Context, lang: Lang) {
  setCookie(c, LANG_COOKIE, lang, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'Lax', httpOnly: true });
}

/** Picks the Chinese or English name of a reference-data entry. */
export const localName = (lang: Lang, x: { name: string; nameEn?: string | undefined }) =>
  lang === 'en' && x.nameEn ? x.nameEn : x.name;
