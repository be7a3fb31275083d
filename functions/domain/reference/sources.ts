/**
 * The policy documents the categories cite (政策依据), by seed file name: what a citizen should see is
 * the document's title, never the file name. An unknown name falls back to itself.
 */
export interface SourceDocument {
  readonly title: string;
  readonly titleEn: string;
  /** Issuer and year, e.g. 大足区教育委员会 2021. */
  readonly issuer: string;
  readonly issuerEn: string;
}

export const sourceDocuments: Readonly<Record<string, SourceDocument>> = {
  '000_ef560cf1a3e41c7d.txt': {
    title: '《大足区义务教育阶段减轻学生过重作业负担工作实施方案》',
    titleEn: 'Dazu District plan to reduce excessive homework in compulsory education',
    issuer: '重庆市大足区教育委员会，大足教发〔2021〕88号',
    issuerEn: 'Dazu District Education Commission, Chongqing, 2021',
  },
  '001_c03a05682110f422.txt': {
    title: '《小学“双减”管理方案》',
    titleEn: 'Primary-school double-reduction management plans',
    issuer: '学校“双减”工作方案汇编',
    issuerEn: 'A collection of school-level plans',
  },
  '002_223576c247d4978e.txt': {
    title: '《松山区关于进一步减轻义务教育阶段学生作业负担和校外培训负担工作实施方案》',
    titleEn: 'Songshan District plan to further reduce homework and off-campus training burdens',
    issuer: '赤峰市松山区人民政府办公室，赤松政办发〔2021〕51号',
    issuerEn: 'Songshan District Government Office, Chifeng, 2021',
  },
  '003_054439b355cd6e12.txt': {
    title: '《珠山区关于进一步减轻义务教育阶段学生作业负担和校外培训负担的工作方案》',
    titleEn: 'Zhushan District work plan to further reduce homework and off-campus training burdens',
    issuer: '景德镇市珠山区委办公室、区政府办公室，珠办发〔2021〕4号',
    issuerEn: 'Zhushan District Party and Government Offices, Jingdezhen, 2021',
  },
  '004_71dff2dc0e19be0c.txt': {
    title: '《重庆市进一步推进中小学生减负工作实施方案》',
    titleEn: 'Chongqing plan to further reduce the burden on primary and secondary school students',
    issuer: '重庆市，2018年',
    issuerEn: 'Chongqing Municipality, 2018',
  },
};

export function sourceDocument(file: string): SourceDocument {
  return sourceDocuments[file] ?? { title: file, titleEn: file, issuer: '', issuerEn: '' };
}
