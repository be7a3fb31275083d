/**
 * Reply templates (答复模板) per category: starting points for the reply to the citizen that an
 * inspector picks and edits in the handling report. Reference data in the catalog; these are the seeds.
 * `{subject}` is replaced with the subject's name when a template is offered for a case.
 */
export interface ReplyTemplate {
  readonly id: string;
  /** Category code, or absent for a template that fits every category. */
  readonly category?: string | undefined;
  readonly title: string;
  readonly titleEn: string;
  readonly text: string;
}

export const seedReplyTemplates: readonly ReplyTemplate[] = [
  {
    id: 'GENERAL_SUBSTANTIATED',
    title: '情况属实，已整改',
    titleEn: 'Substantiated, rectified',
    text: '您好！您反映的{subject}相关问题，经核查情况属实。我们已责令其限期整改，并将持续跟踪整改落实情况。感谢您对“双减”工作的关心和支持。',
  },
  {
    id: 'GENERAL_UNSUBSTANTIATED',
    title: '经核查不属实',
    titleEn: 'Not substantiated',
    text: '您好！您反映的{subject}相关问题，经实地核查，未发现所反映的情况。如有新的线索，欢迎继续反映。感谢您的监督。',
  },
  {
    id: 'HOMEWORK_OVERLOAD_RECTIFIED',
    category: 'HOMEWORK_OVERLOAD',
    title: '作业量超标，已整改',
    titleEn: 'Homework over the limit, rectified',
    text: '您好！经核查，{subject}存在书面作业总量或时长超出规定的情况。我们已约谈学校负责人，要求严格落实小学一二年级不布置书面家庭作业、三至六年级书面作业平均完成时间不超过60分钟、初中不超过90分钟的规定，并建立作业公示制度。',
  },
  {
    id: 'TEACHER_PAID_TUTORING_HANDLED',
    category: 'TEACHER_PAID_TUTORING',
    title: '在职教师有偿补课，已查处',
    titleEn: 'Paid tutoring by a teacher, dealt with',
    text: '您好！经核查，您反映的{subject}在职教师有偿补课问题属实。教育部门已依规对相关教师作出处理，并责令学校加强师德师风建设。',
  },
  {
    id: 'UNLICENSED_INSTITUTION_CLOSED',
    category: 'UNLICENSED_INSTITUTION',
    title: '无证机构，已联合取缔',
    titleEn: 'Unlicensed institution, closed down',
    text: '您好！经核查，{subject}未取得办学许可开展学科类培训。我们已会同市场监管部门依法责令其停止违规培训，并督促做好学员退费工作。',
  },
  {
    id: 'EXAM_RANKING_STOPPED',
    category: 'EXAM_RANKING',
    title: '公布考试排名，已纠正',
    titleEn: 'Published exam ranking, corrected',
    text: '您好！经核查，{subject}存在公布学生考试成绩和排名的情况。我们已责令其立即撤除并整改，不得以任何方式公布学生成绩排名。',
  },
];

/** The templates an inspector may pick for a category: its own first, then the general ones. */
export function templatesFor(all: readonly ReplyTemplate[], category: string): ReplyTemplate[] {
  return [...all.filter((t) => t.category === category), ...all.filter((t) => !t.category)];
}

/** A template's text for one case. */
export const fillTemplate = (t: ReplyTemplate, subjectName: string) =>
  t.text.replaceAll('{subject}', subjectName);
