import type { Lang } from './i18n/lang.js';

/** Dates and times as the reader reads them, always in Asia/Shanghai (deadlines fall there). */
const zone = 'Asia/Shanghai';

export function formatDate(lang: Lang, iso: string): string {
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00+08:00` : iso);
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: zone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(d);
}

export function formatDateTime(lang: Lang, iso: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: zone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}
