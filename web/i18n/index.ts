/**
 * Typed message catalogs: Simplified Chinese first (default), English second. Each area of the site has
 * its own file exporting `zh` and `en` (typed `MessagesOf<typeof zh>`, so a missing key does not
 * compile); add yours as `web/i18n/<area>.ts` and one line in each catalog below — in
 * `public-messages.ts` instead if the citizen pages need it.
 */
import type { Context } from 'hono';
import * as adminPages from './admin.js';
import * as channels from './channels.js';
import { detectLang, type Lang } from './lang.js';
import { publicCatalogs } from './public-messages.js';
import * as reports from './reports.js';
import * as staffPages from './staff.js';
import * as workbench from './workbench.js';

export * from './lang.js';
export type { PublicMessages } from './public-messages.js';

const zh = {
  ...publicCatalogs['zh-CN'],
  staff: staffPages.zh,
  workbench: workbench.zh,
  admin: adminPages.zh,
  reports: reports.zh,
  channels: channels.zh,
};
const en: typeof zh = {
  ...publicCatalogs.en,
  staff: staffPages.en,
  workbench: workbench.en,
  admin: adminPages.en,
  reports: reports.en,
  channels: channels.en,
};

export type Messages = typeof zh;
export const catalogs: Record<Lang, Messages> = { 'zh-CN': zh, en };

/** Language and messages for this request. */
export function i18n(c: Context): { lang: Lang; t: Messages } {
  const lang = detectLang(c);
  return { lang, t: catalogs[lang] };
}
