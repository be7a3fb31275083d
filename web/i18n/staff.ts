import type { MessagesOf } from './types.js';

/** Staff pages of the web area: login, logout, the minimal staff home and the operator's phone intake. */
export const zh = {
  login: {
    title: '工作人员登录',
    username: '用户名',
    password: '密码',
    submit: '登录',
    failed: '用户名或密码不正确。',
    throttled: (s: number) => `登录失败次数过多，请 ${s} 秒后再试。`,
    cognito: '请通过统一身份认证登录。',
  },
  welcome: (name: string, role: string) => `您好，${name}（${role}）`,
  roles: {
    operator: '接线员',
    dispatcher: '督查组办公室',
    inspector: '片区督导室',
    leader: '领导小组',
    admin: '系统管理员',
  },
  intake: {
    title: '电话投诉登记',
    lead: '边听边填。Tab 键在各项之间移动，全部填完后按“登记”。',
    submit: '登记',
    callerAnonymous: '来电人要求匿名',
    doneTitle: '已登记，请向来电人读出两个码',
    doneRead: '请逐字读出，并请来电人复述一遍：',
    again: '登记下一个电话',
  },
};

export const en: MessagesOf<typeof zh> = {
  login: {
    title: 'Staff sign-in',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    failed: 'The username or password is not right.',
    throttled: (s) => `Too many failed attempts. Try again in ${s} seconds.`,
    cognito: 'Sign in through the organisation’s sign-in page.',
  },
  welcome: (name, role) => `Hello, ${name} (${role})`,
  roles: {
    operator: 'Hotline operator',
    dispatcher: 'Dispatcher',
    inspector: 'Area inspector',
    leader: 'Leadership',
    admin: 'Administrator',
  },
  intake: {
    title: 'Phone complaint intake',
    lead: 'Fill in while you listen. Tab moves between fields; press “File” when done.',
    submit: 'File',
    callerAnonymous: 'The caller wants to stay anonymous',
    doneTitle: 'Filed — read both codes to the caller',
    doneRead: 'Read them one symbol at a time and ask the caller to repeat them:',
    again: 'Next call',
  },
};
