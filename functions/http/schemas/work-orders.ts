import { z } from '@hono/zod-openapi';
import { phoneLookupForm } from '../../domain/phone-lookup.js';

/** 2026-03-02 10:15[:30] or an ISO instant; a time without offset is Asia/Shanghai. */
const platformInstant = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const m = s.match(/^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/);
    let t: number;
    if (m) {
      const [, y, mo, d, h, mi, se] = m;
      const pad = (v: string | undefined, def: string) => (v ?? def).padStart(2, '0');
      const time = h ? `${pad(h, '0')}:${pad(mi, '0')}:${pad(se, '0')}.000` : '23:59:59.999';
      t = Date.parse(`${y}-${pad(mo, '1')}-${pad(d, '1')}T${time}+08:00`);
    } else t = /[zZ]|[+-]\d{2}:?\d{2}$/.test(s) ? Date.parse(s) : Number.NaN;
    if (Number.isNaN(t)) {
      ctx.addIssue({ code: 'custom', message: 'must be a date and time such as 2026-03-02 10:15' });
      return z.NEVER;
    }
    return new Date(t).toISOString();
  });

const yesNo = z.union([
  z.boolean(),
  z
    .string()
    .trim()
    .transform((s, ctx) => {
      if (['是', 'Y', 'y', 'yes', 'true', '1'].includes(s)) return true;
      if (['否', 'N', 'n', 'no', 'false', '0', ''].includes(s)) return false;
      ctx.addIssue({ code: 'custom', message: 'must be 是 or 否' });
      return z.NEVER;
    }),
]);

const phone = z
  .string()
  .trim()
  .transform((s) => phoneLookupForm(s))
  .pipe(z.string().regex(/^(1[3-9]\d{9}|0\d{9,11})$/, { error: 'must be a mobile or landline number' }));

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((s) => (s ? s : undefined));

/** One 12345 work order, as JSON (English names) — the file reader maps the Chinese columns onto it. */
export const WorkOrderSchema = z
  .object({
    orderNo: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, {
        error: 'must be the platform order number (letters, digits, - or _)',
      })
      .openapi({ description: '工单编号', example: 'GD202603020001' }),
    calledAt: platformInstant.openapi({ description: '来电时间', example: '2026-03-02 09:30' }),
    content: z
      .string()
      .trim()
      .min(10, { error: 'must be at least 10 characters' })
      .max(5000)
      .openapi({ description: '诉求内容' }),
    typeCode: z
      .string()
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(32)
      .openapi({ description: '诉求类型' }),
    region: z
      .string()
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(64)
      .openapi({ description: '所属区域' }),
    deadline: z
      .union([platformInstant, z.literal('').transform(() => undefined)])
      .optional()
      .openapi({ description: '办理时限 (a date means the end of that day, Asia/Shanghai)' }),
    contactName: optionalText(100).openapi({ description: '联系人' }),
    contactPhone: z
      .union([phone, z.literal('').transform(() => undefined)])
      .optional()
      .openapi({ description: '联系电话' }),
    confidential: yesNo.default(false).openapi({ description: '是否保密' }),
  })
  .openapi('WorkOrder');

/** Column of the platform's file for each field (errors name the column the operator sees). */
export const columnOfField: Record<string, string> = {
  orderNo: '工单编号',
  calledAt: '来电时间',
  content: '诉求内容',
  typeCode: '诉求类型',
  region: '所属区域',
  deadline: '办理时限',
  contactName: '联系人',
  contactPhone: '联系电话',
  confidential: '是否保密',
};
