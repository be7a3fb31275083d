/**
 * The seeded demo district, modelled on 大足区 (Chongqing) in seeds/000: towns and sub-districts
 * (乡镇/街道) as areas, four area inspection offices (片区督导室) and the district inspection team
 * (督查组), which handles what no routing rule claims.
 */

export interface Office {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
  /** The district inspection team (督查组) receives every case no routing rule claims. */
  readonly isDistrictTeam?: boolean;
}

export interface Area {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  /** The area office that handles this area by default. */
  readonly officeId: string;
}

/** A routing rule: cases of `category` (or every category when omitted) in `area` go to `officeId`. */
export interface RoutingRule {
  readonly area: string;
  readonly category?: string;
  readonly officeId: string;
}

export const DISTRICT_TEAM_ID = 'DISTRICT';

export const offices: readonly Office[] = [
  {
    id: DISTRICT_TEAM_ID,
    name: '区“双减”工作督查组',
    nameEn: 'District inspection team',
    isDistrictTeam: true,
  },
  { id: 'OFFICE_CITY', name: '城区片区督导室', nameEn: 'City area inspection office' },
  { id: 'OFFICE_LONGSHUI', name: '龙水片区督导室', nameEn: 'Longshui area inspection office' },
  { id: 'OFFICE_YOUTING', name: '邮亭片区督导室', nameEn: 'Youting area inspection office' },
  { id: 'OFFICE_SANQU', name: '三驱片区督导室', nameEn: 'Sanqu area inspection office' },
];

export const areas: readonly Area[] = [
  { code: 'LONGGANG', name: '龙岗街道', nameEn: 'Longgang Subdistrict', officeId: 'OFFICE_CITY' },
  { code: 'TANGXIANG', name: '棠香街道', nameEn: 'Tangxiang Subdistrict', officeId: 'OFFICE_CITY' },
  { code: 'ZHIFENG', name: '智凤街道', nameEn: 'Zhifeng Subdistrict', officeId: 'OFFICE_CITY' },
  { code: 'LONGSHUI', name: '龙水镇', nameEn: 'Longshui Town', officeId: 'OFFICE_LONGSHUI' },
  { code: 'BAODING', name: '宝顶镇', nameEn: 'Baoding Town', officeId: 'OFFICE_LONGSHUI' },
  { code: 'ZHONGAO', name: '中敖镇', nameEn: 'Zhongao Town', officeId: 'OFFICE_LONGSHUI' },
  { code: 'YOUTING', name: '邮亭镇', nameEn: 'Youting Town', officeId: 'OFFICE_YOUTING' },
  { code: 'SHUANGQIAO', name: '双桥街道', nameEn: 'Shuangqiao Subdistrict', officeId: 'OFFICE_YOUTING' },
  { code: 'SHIMA', name: '石马镇', nameEn: 'Shima Town', officeId: 'OFFICE_YOUTING' },
  { code: 'SANQU', name: '三驱镇', nameEn: 'Sanqu Town', officeId: 'OFFICE_SANQU' },
  { code: 'YULONG', name: '玉龙镇', nameEn: 'Yulong Town', officeId: 'OFFICE_SANQU' },
  { code: 'GAOSHENG', name: '高升镇', nameEn: 'Gaosheng Town', officeId: 'OFFICE_SANQU' },
];

/**
 * Routing table (area, category) → office. Each area's default office handles every category there,
 * except teacher paid tutoring in the city sub-districts, which the district team takes itself
 * (teachers of district-run schools). Areas without a rule fall back to the district team.
 */
export const routingRules: readonly RoutingRule[] = [
  ...areas.map((a) => ({ area: a.code, officeId: a.officeId })),
  { area: 'LONGGANG', category: 'TEACHER_PAID_TUTORING', officeId: DISTRICT_TEAM_ID },
  { area: 'TANGXIANG', category: 'TEACHER_PAID_TUTORING', officeId: DISTRICT_TEAM_ID },
];
