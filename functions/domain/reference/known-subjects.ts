/**
 * The district's schools and licensed off-campus training institutions (学校和持证培训机构名录), as
 * reference data an admin keeps: the report form suggests these names so the same school is named the
 * same way each time (and repeat complaints find each other). Demo entries for the seeded district.
 */
export interface KnownSubject {
  readonly kind: 'school' | 'institution';
  readonly name: string;
  /** Area code where it is. */
  readonly area: string;
  /** Licence number of a training institution (办学许可证), if it has one. */
  readonly licence?: string;
}

export const knownSubjects: readonly KnownSubject[] = [
  { kind: 'school', name: '大足区龙岗第一小学', area: 'LONGGANG' },
  { kind: 'school', name: '大足区棠香小学', area: 'TANGXIANG' },
  { kind: 'school', name: '大足区智凤中学', area: 'ZHIFENG' },
  { kind: 'school', name: '大足区实验中学', area: 'LONGGANG' },
  { kind: 'school', name: '龙水镇第一小学', area: 'LONGSHUI' },
  { kind: 'school', name: '龙水镇中学', area: 'LONGSHUI' },
  { kind: 'school', name: '宝顶镇中心小学', area: 'BAODING' },
  { kind: 'school', name: '中敖镇中心小学', area: 'ZHONGAO' },
  { kind: 'school', name: '邮亭镇中心小学', area: 'YOUTING' },
  { kind: 'school', name: '双桥实验学校', area: 'SHUANGQIAO' },
  { kind: 'school', name: '石马镇中学', area: 'SHIMA' },
  { kind: 'school', name: '三驱镇中心小学', area: 'SANQU' },
  { kind: 'school', name: '玉龙镇中学', area: 'YULONG' },
  { kind: 'school', name: '高升镇中心小学', area: 'GAOSHENG' },
  { kind: 'institution', name: '启航文化艺术培训学校', area: 'LONGGANG', licence: '教民150011170000021号' },
  { kind: 'institution', name: '棠香书法美术培训中心', area: 'TANGXIANG', licence: '教民150011170000034号' },
  { kind: 'institution', name: '龙水体育运动培训中心', area: 'LONGSHUI', licence: '教民150011170000047号' },
  { kind: 'institution', name: '邮亭科技创客培训学校', area: 'YOUTING', licence: '教民150011170000052号' },
  { kind: 'institution', name: '三驱音乐舞蹈培训学校', area: 'SANQU', licence: '教民150011170000068号' },
];
