/**
 * 12345 work orders (工单): the platform's export columns, the mapping of its 诉求类型 codes and regions
 * to our categories and areas (reference data an admin edits), the deadline rule, and the reply the
 * platform reads back. Pure.
 */
import type { CaseRecord, WorkOrderRef } from './case.js';
import { caseStatuses } from './case-status.js';
import { type Catalog, findOffice } from './reference/catalog.js';

/** Columns of the platform's export, in its order (工单导出格式). */
export const workOrderColumns = [
  '工单编号',
  '来电时间',
  '诉求内容',
  '诉求类型',
  '所属区域',
  '办理时限',
  '联系人',
  '联系电话',
  '是否保密',
] as const;

/** Columns of the reply file the platform imports (办理结果回传). */
export const replyColumns = ['工单编号', '办理状态', '办理结果', '答复内容', '办结时间', '承办单位'] as const;

/** One order as the platform sends it (JSON batch; a file row is read into the same shape). */
export interface WorkOrder {
  orderNo: string;
  /** 来电时间, ISO instant. */
  calledAt: string;
  content: string;
  typeCode: string;
  region: string;
  /** 办理时限, ISO instant (a bare date means the end of that day in Asia/Shanghai). */
  deadline?: string | undefined;
  contactName?: string | undefined;
  contactPhone?: string | undefined;
  confidential: boolean;
}

/**
 * 诉求类型 codes (GB/T 39666 style: 政务服务便民热线 classification) and 所属区域 names → our codes.
 * The seeds are a demo district's; an admin replaces them without a deploy.
 */
export interface WorkOrderMapping {
  readonly version: number;
  readonly types: Readonly<Record<string, string>>;
  readonly regions: Readonly<Record<string, string>>;
}

export const seedWorkOrderMapping: WorkOrderMapping = {
  version: 1,
  types: {
    '1301010100': 'HOMEWORK_OVERLOAD', // 教育 / 基础教育 / 作业负担
    '1301010200': 'HOMEWORK_TO_PARENTS', // 布置家长作业
    '1301010300': 'EXAM_RANKING', // 考试排名
    '1301010400': 'AFTER_SCHOOL_SERVICE', // 课后服务
    '1301010500': 'SCHEDULE_SLEEP', // 作息与睡眠
    '1301020100': 'TEACHER_PAID_TUTORING', // 在职教师有偿补课
    '1301030100': 'UNLICENSED_INSTITUTION', // 无证校外培训
    '1301030200': 'HOLIDAY_TRAINING', // 节假日违规培训
    '1301030300': 'LATE_TRAINING', // 超时培训
    '1301030400': 'AHEAD_OF_SYLLABUS', // 超前超标培训
    '1301030500': 'ADS_FEES_REFUNDS', // 广告收费退费
    '1301030600': 'MATERIALS_APPS', // 教辅材料与APP
    '1301990000': 'OTHER',
  },
  regions: {
    龙岗街道: 'LONGGANG',
    棠香街道: 'TANGXIANG',
    智凤街道: 'ZHIFENG',
    龙水镇: 'LONGSHUI',
    宝顶镇: 'BAODING',
    中敖镇: 'ZHONGAO',
    邮亭镇: 'YOUTING',
    双桥街道: 'SHUANGQIAO',
    石马镇: 'SHIMA',
    三驱镇: 'SANQU',
    玉龙镇: 'YULONG',
    高升镇: 'GAOSHENG',
  },
};

/** Problems that make a mapping unusable: codes that are not in the catalog. */
export function mappingProblems(
  m: WorkOrderMapping,
  catalog: Catalog,
): { path: string; message: string; code: 'unknown_value' }[] {
  const problems: { path: string; message: string; code: 'unknown_value' }[] = [];
  for (const [code, category] of Object.entries(m.types)) {
    if (!catalog.categories.some((c) => c.code === category))
      problems.push({
        path: `types.${code}`,
        code: 'unknown_value',
        message: `unknown category "${category}"`,
      });
  }
  for (const [region, area] of Object.entries(m.regions)) {
    if (!catalog.areas.some((a) => a.code === area))
      problems.push({ path: `regions.${region}`, code: 'unknown_value', message: `unknown area "${area}"` });
  }
  return problems;
}

/** Our category and area for an order; undefined where the mapping has nothing (→ triage). */
export function mapWorkOrder(
  order: Pick<WorkOrder, 'typeCode' | 'region'>,
  mapping: WorkOrderMapping,
): { category?: string | undefined; area?: string | undefined } {
  return { category: mapping.types[order.typeCode.trim()], area: mapping.regions[order.region.trim()] };
}

/** What the case keeps of its order. */
export function workOrderRef(order: WorkOrder): WorkOrderRef {
  return {
    orderNo: order.orderNo,
    platformDeadline: order.deadline,
    typeCode: order.typeCode,
    region: order.region,
    confidential: order.confidential,
  };
}

/** An instant as the platform writes times: YYYY-MM-DD HH:mm:ss in Asia/Shanghai. */
export function platformTime(iso: string | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

const findingNames = {
  substantiated: '属实',
  partly_substantiated: '部分属实',
  unsubstantiated: '不属实',
} as const;

/** 办理结果回传: the reply for one order. No reporter data, confidential or not. */
export interface WorkOrderReply {
  工单编号: string;
  办理状态: string;
  办理结果: string;
  答复内容: string;
  办结时间: string;
  承办单位: string;
}

export function workOrderReply(record: CaseRecord, catalog: Catalog): WorkOrderReply | undefined {
  if (!record.workOrder) return undefined;
  const closed = record.status === 'closed';
  const rejected = record.status === 'rejected';
  const office = record.officeId ? findOffice(catalog, record.officeId) : undefined;
  const rejection = rejected ? (record.events.findLast((e) => e.type === 'rejected')?.reason as string) : '';
  return {
    工单编号: record.workOrder.orderNo,
    办理状态: caseStatuses[record.status].name,
    办理结果: closed && record.report ? findingNames[record.report.finding] : rejected ? '不予受理' : '',
    答复内容: closed && record.report ? record.report.reply : (rejection ?? ''),
    办结时间: closed || rejected ? platformTime(record.closedAt) : '',
    承办单位: office?.name ?? '',
  };
}
