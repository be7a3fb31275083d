import type { MessagesOf } from './types.js';

/** Evidence photos: the report step, the gallery on /track and on the staff case page. */
export const zh = {
  step: {
    title: '照片',
    heading: '有照片吗？（可不传）',
    lead: '可以上传最多 5 张照片，例如作业本、课表、收费单据或培训场所的照片。',
    rules:
      '支持 JPEG、PNG、WebP 格式，每张不超过 10 MB。照片中的拍摄地点、时间和设备信息会在保存前自动删除。',
    privacy: '请尽量不要拍到孩子的脸。',
    field: '选择照片',
    fieldHint: '可一次选择多张。',
    add: '上传所选照片',
    added: (n: number, max: number) => `已添加 ${n} 张，最多 ${max} 张`,
    full: '已达到 5 张的上限。如需更换，请先删除一张。',
    remove: (n: number) => `删除第 ${n} 张照片`,
    removeShort: '删除',
    none: '还没有添加照片。',
    preview: '待上传的照片预览',
  },
  gallery: {
    title: '照片证据',
    photo: (n: number) => `照片 ${n}`,
    document: (n: number) => `文件 ${n}（PDF）`,
    open: '查看原图',
    byCitizen: '投诉人提供',
    byStaff: (who: string) => `由 ${who} 添加`,
    none: '没有照片。',
  },
  review: {
    photos: '照片',
    count: (n: number) => (n === 0 ? '没有照片' : `${n} 张照片`),
  },
};

export const en: MessagesOf<typeof zh> = {
  step: {
    title: 'Photos',
    heading: 'Do you have photos? (optional)',
    lead: 'You can add up to 5 photos, for example of homework books, timetables, receipts or the place where tutoring happens.',
    rules:
      'JPEG, PNG or WebP, 10 MB or less each. Where, when and with what device a photo was taken is removed before it is stored.',
    privacy: 'Please avoid showing children’s faces.',
    field: 'Choose photos',
    fieldHint: 'You can choose several at once.',
    add: 'Upload the chosen photos',
    added: (n, max) => `${n} added, at most ${max}`,
    full: 'You have added 5 photos, the most allowed. Remove one to add another.',
    remove: (n) => `Remove photo ${n}`,
    removeShort: 'Remove',
    none: 'No photos added yet.',
    preview: 'Preview of the chosen photos',
  },
  gallery: {
    title: 'Photos',
    photo: (n) => `Photo ${n}`,
    document: (n) => `File ${n} (PDF)`,
    open: 'Open full size',
    byCitizen: 'Sent by the reporter',
    byStaff: (who) => `Added by ${who}`,
    none: 'No photos.',
  },
  review: {
    photos: 'Photos',
    count: (n) => (n === 0 ? 'No photos' : n === 1 ? '1 photo' : `${n} photos`),
  },
};
