/**
 * Open311 GeoReport v2 views (pure): our categories as services, the attributes a category needs as
 * the service definition, cases as service requests. Request ids are tracking codes; datetimes carry
 * the +08:00 offset; no view ever carries the reporter's name, phone or e-mail.
 */
import type { CaseRecord } from './case.js';
import { caseStatuses, finalStatuses } from './case-status.js';
import { type Catalog, findCategory, findOffice, subjectKinds } from './reference/catalog.js';
import { formatTrackingCode } from './tracking-code.js';

/** An ISO instant as Asia/Shanghai local time with its offset: 2026-03-02T10:00:00+08:00. */
export function shanghaiDateTime(iso: string | undefined): string | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  return `${new Date(t + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string | null;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string | null;
  group: string | null;
}

export function open311Services(catalog: Catalog): Open311Service[] {
  return catalog.categories.map((c) => ({
    service_code: c.code,
    service_name: c.name,
    description: c.nameEn ?? null,
    metadata: true,
    type: 'realtime',
    keywords: '双减',
    group: '双减',
  }));
}

export interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
}

/** What a complaint of this category needs: the area, the subject (kind and name), the grade, the date. */
export function open311ServiceDefinition(
  catalog: Catalog,
  code: string,
): { service_code: string; attributes: Open311Attribute[] } | undefined {
  if (!findCategory(catalog, code)) return undefined;
  return {
    service_code: code,
    attributes: [
      {
        variable: true,
        code: 'area',
        datatype: 'singlevaluelist',
        required: true,
        datatype_description: null,
        order: 1,
        description: '所在镇街 / Town or subdistrict',
        values: catalog.areas.map((a) => ({ key: a.code, name: a.name })),
      },
      {
        variable: true,
        code: 'subject_kind',
        datatype: 'singlevaluelist',
        required: true,
        datatype_description: null,
        order: 2,
        description: '反映对象类型 / Kind of subject',
        values: subjectKinds.map((k) => ({ key: k.code, name: k.name })),
      },
      {
        variable: true,
        code: 'subject_name',
        datatype: 'string',
        required: true,
        datatype_description: '学校、机构或教师名称 / name of the school, institution or teacher',
        order: 3,
        description: '反映对象名称 / Name of the subject',
      },
      {
        variable: true,
        code: 'grade',
        datatype: 'number',
        required: false,
        datatype_description: '1–9',
        order: 4,
        description: '年级 / School grade',
      },
      {
        variable: true,
        code: 'occurred_on',
        datatype: 'datetime',
        required: false,
        datatype_description: 'YYYY-MM-DD',
        order: 5,
        description: '发生日期 / Date it happened',
      },
    ],
  };
}

export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string | null;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string | null;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

export function open311Request(record: CaseRecord, catalog: Catalog): Open311Request {
  const category = findCategory(catalog, record.category);
  const office = record.officeId ? findOffice(catalog, record.officeId) : undefined;
  const area = catalog.areas.find((a) => a.code === record.area);
  const closed = finalStatuses.has(record.status);
  return {
    service_request_id: formatTrackingCode(record.id),
    status: closed ? 'closed' : 'open',
    status_notes: caseStatuses[record.status].name,
    service_name: category?.name ?? null,
    service_code: record.category,
    description: record.description.slice(0, 4000),
    agency_responsible: office?.name ?? null,
    service_notice: null,
    requested_datetime: shanghaiDateTime(record.receivedAt) as string,
    updated_datetime: shanghaiDateTime(record.events.at(-1)?.at),
    expected_datetime: closed ? null : shanghaiDateTime(record.deadline),
    address: area?.name ?? null,
    address_id: null,
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
  };
}
