/**
 * What each complaint channel (受理渠道) is called, in Simplified Chinese and in English: the monthly
 * notice and its exports, the dashboard, the case page. Typed by the channel list, so a new channel
 * code does not compile without its names (and test/unit/channel-names.test.ts checks every surface).
 */
import type { Channel } from './case.js';

export const channelNames: Readonly<Record<Channel, { readonly name: string; readonly nameEn: string }>> = {
  web: { name: '网上投诉', nameEn: 'Web form' },
  hotline: { name: '举报电话', nameEn: 'Complaint hotline' },
  mailbox: { name: '举报信箱', nameEn: 'Complaint box (letters)' },
  email: { name: '举报邮箱', nameEn: 'Complaint mailbox (e-mail)' },
  inspection: { name: '明察暗访', nameEn: 'Inspection visit' },
  '12345': { name: '12345 热线', nameEn: '12345 hotline' },
  open311: { name: '开放接口(Open311)', nameEn: 'Open interface (Open311)' },
};

/** The channels' names in one language, keyed by code. */
export const channelNamesIn = (locale: 'zh-CN' | 'en'): Record<Channel, string> =>
  Object.fromEntries(
    Object.entries(channelNames).map(([code, n]) => [code, locale === 'en' ? n.nameEn : n.name]),
  ) as Record<Channel, string>;
