import type { FieldProblemCode } from '../../functions/services/errors.js';
import type { MessagesOf } from './types.js';

/** Shared by every page: the layout, buttons, error messages by field-problem code, error pages. */
export const zh = {
  siteName: '督办',
  siteTagline: '“双减”问题投诉与督查',
  skipToContent: '跳到正文',
  languageSwitch: 'English',
  languageSwitchLabel: '切换语言',
  nav: { home: '首页', report: '我要投诉', track: '进度查询', staff: '工作人员登录' },
  footer: '督办 · 义务教育“双减”投诉受理与督查。举报人信息依法保密。',
  buttons: {
    continue: '继续',
    back: '返回上一步',
    submit: '提交投诉',
    change: '修改',
    copy: '复制',
    copied: '已复制',
    print: '打印回执',
    search: '查询',
  },
  errorSummaryTitle: '请修改以下问题',
  errorPrefix: '错误：',
  optional: '（选填）',
  colon: '：',
  requiredChoice: (label: string) => `请选择“${label}”`,
  fieldProblems: {
    required: (label: string) => `请填写“${label}”`,
    too_short: (label: string, limit?: number) => `“${label}”至少需要 ${limit ?? ''} 个字`,
    too_long: (label: string, limit?: number) => `“${label}”不能超过 ${limit ?? ''} 个字`,
    out_of_range: (label: string) => `“${label}”超出允许的范围`,
    invalid_format: (label: string) => `“${label}”的格式不正确`,
    invalid_type: (label: string) => `“${label}”的格式不正确`,
    unknown_value: (label: string) => `请从列表中选择“${label}”`,
    unknown_field: (label: string) => `无法识别的字段：${label}`,
    in_future: (label: string) => `“${label}”不能晚于今天`,
    contact_required: (_label: string) => '请留下手机号码、固定电话或电子邮箱，或选择匿名投诉',
    duplicate: (label: string) => `“${label}”重复`,
    invalid: (label: string) => `“${label}”无效`,
    evidence_type: (_label: string) =>
      '只能上传 JPEG、PNG 或 WebP 格式的照片（按文件内容识别，与文件名无关）',
    evidence_too_large: (_label: string) => '每张照片不能超过 10 MB',
    evidence_unreadable: (_label: string) => '照片已损坏或不完整，无法读取',
    evidence_empty: (_label: string) => '文件是空的',
    evidence_expired: (_label: string) => '照片已失效（上传后保留一天），请重新添加',
    evidence_too_many: (_label: string, limit?: number) => `最多只能添加 ${limit ?? 5} 张照片`,
    evidence_unavailable: (_label: string) =>
      '本页面暂时无法接收照片，请先提交投诉，照片可通过举报邮箱发送并注明受理编号',
  } satisfies Record<FieldProblemCode, (label: string, limit?: number) => string>,
  notFound: {
    title: '找不到这个页面',
    body: '地址可能输错了，或者页面已经不存在。',
    home: '返回首页',
  },
  serverError: {
    title: '抱歉，系统出了问题',
    body: '您的操作可能没有完成。请稍后再试；如果问题一直存在，请拨打举报电话。',
    home: '返回首页',
  },
  rateLimited: {
    title: '请求太频繁',
    body: (seconds: number) =>
      `来自您网络的请求过多。请在 ${seconds} 秒后再试，您填写的内容不会丢失，返回上一页即可。`,
  },
  formExpired: {
    title: '表单已过期',
    body: '为保护您的安全，这个表单需要重新打开。请返回上一页，刷新后再提交。',
  },
  busy: {
    title: '系统繁忙',
    body: '这次没有保存任何内容。请稍后再提交一次。',
  },
};

export const en: MessagesOf<typeof zh> = {
  siteName: 'Duban',
  siteTagline: 'Double-reduction complaints and inspection',
  skipToContent: 'Skip to main content',
  languageSwitch: '中文',
  languageSwitchLabel: 'Change language',
  nav: { home: 'Home', report: 'Report a problem', track: 'Track a case', staff: 'Staff sign-in' },
  footer:
    'Duban · complaints and inspection for the double-reduction policy. Reporters are kept confidential.',
  buttons: {
    continue: 'Continue',
    back: 'Back',
    submit: 'Submit complaint',
    change: 'Change',
    copy: 'Copy',
    copied: 'Copied',
    print: 'Print receipt',
    search: 'Look up',
  },
  errorSummaryTitle: 'There is a problem',
  errorPrefix: 'Error: ',
  optional: ' (optional)',
  colon: ': ',
  requiredChoice: (label) => `Select ${label.toLowerCase()}`,
  fieldProblems: {
    required: (label) => `Enter ${label.toLowerCase()}`,
    too_short: (label, limit) => `${label} must be at least ${limit ?? ''} characters`,
    too_long: (label, limit) => `${label} must be ${limit ?? ''} characters or fewer`,
    out_of_range: (label) => `${label} is out of range`,
    invalid_format: (label) => `${label} is not in the right format`,
    invalid_type: (label) => `${label} is not in the right format`,
    unknown_value: (label) => `Choose ${label.toLowerCase()} from the list`,
    unknown_field: (label) => `Unknown field: ${label}`,
    in_future: (label) => `${label} must be today or in the past`,
    contact_required: () => 'Give a mobile, landline or e-mail address, or choose to report anonymously',
    duplicate: (label) => `${label} appears twice`,
    invalid: (label) => `${label} is not valid`,
    evidence_type: () => 'Only JPEG, PNG or WebP photos (checked by their content, not their name)',
    evidence_too_large: () => 'Each photo must be 10 MB or smaller',
    evidence_unreadable: () => 'The photo is damaged or incomplete and cannot be read',
    evidence_empty: () => 'The file is empty',
    evidence_expired: () => 'The photo is no longer available (uploads are kept for a day); add it again',
    evidence_too_many: (_label, limit) => `You can add at most ${limit ?? 5} photos`,
    evidence_unavailable: () =>
      'This page cannot take photos right now: file the complaint, then send the photos to the complaint mailbox with your tracking code',
  },
  notFound: {
    title: 'Page not found',
    body: 'The address may be mistyped, or the page no longer exists.',
    home: 'Go to the home page',
  },
  serverError: {
    title: 'Sorry, something went wrong on our side',
    body: 'What you did may not have been saved. Try again later; if it keeps happening, call the hotline.',
    home: 'Go to the home page',
  },
  rateLimited: {
    title: 'Too many requests',
    body: (seconds) =>
      `Too many requests came from your network. Try again in ${seconds} seconds; go back and your answers are still there.`,
  },
  formExpired: {
    title: 'This form has expired',
    body: 'To keep you safe, this form has to be opened again. Go back, reload the page and submit again.',
  },
  busy: {
    title: 'The service is busy',
    body: 'Nothing was saved. Please submit again in a moment.',
  },
};
