/**
 * The messages of the public pages (home, report, track, error pages) and of the page chrome every page
 * shares (layout, staff navigation): all the citizen function needs. Typed like the whole catalog
 * (`MessagesOf<typeof zh>` per area, so a missing key does not compile); `index.ts` adds the staff areas.
 * Code the citizen pages reach imports from here, never from `index.ts`, so the citizen bundle holds no
 * staff catalog (test/infra/citizen-bundle.test.ts).
 */
import type { Context } from 'hono';
import * as common from './common.js';
import * as evidence from './evidence.js';
import { detectLang, type Lang } from './lang.js';
import * as publicPages from './public.js';
import * as staffNav from './staff-nav.js';

const zh = { common: common.zh, public: publicPages.zh, evidence: evidence.zh, staffNav: staffNav.zh };
const en: typeof zh = {
  common: common.en,
  public: publicPages.en,
  evidence: evidence.en,
  staffNav: staffNav.en,
};

export type PublicMessages = typeof zh;
export const publicCatalogs: Record<Lang, PublicMessages> = { 'zh-CN': zh, en };

/** Language and the shared messages for this request. */
export function publicI18n(c: Context): { lang: Lang; t: PublicMessages } {
  const lang = detectLang(c);
  return { lang, t: publicCatalogs[lang] };
}
