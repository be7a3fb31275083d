import type { MessagesOf } from './types.js';

/**
 * The page chrome's staff entries: navigation and logout, shown on every page a signed-in staff member
 * opens — the citizen pages too — so they live with the public messages, not in the staff areas.
 */
export const zh = {
  login: '工作人员登录',
  home: '工作台',
  intake: '电话登记',
  overview: '总览',
  accounts: '账号管理',
  reference: '基础数据',
  workOrders: '12345 工单导入',
  mailbox: '开发邮箱',
  deadLetters: '发送失败的通知',
  logout: '退出',
};

export const en: MessagesOf<typeof zh> = {
  login: 'Staff sign-in',
  home: 'Workbench',
  intake: 'Phone intake',
  overview: 'Overview',
  accounts: 'Accounts',
  reference: 'Reference data',
  workOrders: '12345 import',
  mailbox: 'Dev mailbox',
  deadLetters: 'Failed notifications',
  logout: 'Sign out',
};
