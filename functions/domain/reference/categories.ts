/**
 * Complaint categories (投诉类别) with their policy basis (政策依据): the rule in plain words and the
 * seed document it comes from (../shared/seeds). Codes are stable: they are stored on cases and in reports.
 */

export interface PolicyBasis {
  /** The rule in plain words (Chinese). */
  readonly rule: string;
  readonly ruleEn: string;
  /** Seed documents that state the rule (file names under shared/seeds). */
  readonly sources: readonly string[];
}

export interface Category {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly basis: PolicyBasis;
  /** Department that co-handles (协办) cases of this category, if any. */
  readonly coHandling?: { readonly name: string; readonly nameEn: string };
  /** Handled as urgent (3 working days) by default, e.g. harm that is happening right now. */
  readonly urgentByDefault: boolean;
}

const SEED = {
  dazu: '000_ef560cf1a3e41c7d.txt',
  schools: '001_c03a05682110f422.txt',
  songshan: '002_223576c247d4978e.txt',
  zhushan: '003_054439b355cd6e12.txt',
  chongqing2018: '004_71dff2dc0e19be0c.txt',
} as const;

const MARKET_REGULATION = { name: '市场监管局', nameEn: 'Market Regulation Bureau' } as const;

export const categories: readonly Category[] = [
  {
    code: 'HOMEWORK_OVERLOAD',
    name: '作业总量或时长超标',
    nameEn: 'Homework over the grade limits',
    urgentByDefault: false,
    basis: {
      rule: '小学一二年级不布置书面家庭作业；三至六年级书面作业平均完成时间不超过60分钟；初中不超过90分钟。',
      ruleEn:
        'No written homework in grades 1–2; at most 60 minutes a day in grades 3–6 and 90 minutes in grades 7–9.',
      sources: [SEED.dazu, SEED.schools, SEED.chongqing2018],
    },
  },
  {
    code: 'HOMEWORK_TO_PARENTS',
    name: '给家长布置或变相布置作业',
    nameEn: 'Homework assigned to parents',
    urgentByDefault: false,
    basis: {
      rule: '严禁给家长布置或变相布置作业，严禁要求家长检查、批改作业，不得要求家长自行打印作业。',
      ruleEn: 'Schools may not assign homework to parents, nor ask parents to check, mark or print homework.',
      sources: [SEED.dazu, SEED.schools],
    },
  },
  {
    code: 'EXAM_RANKING',
    name: '公布考试成绩或排名',
    nameEn: 'Exam scores or rankings published',
    urgentByDefault: false,
    basis: {
      rule: '考试成绩实行等级评价，严禁以任何形式、方式公布学生考试成绩及排名。',
      ruleEn: 'Exam results are graded; publishing students’ scores or rankings in any form is forbidden.',
      sources: [SEED.schools, SEED.songshan, SEED.chongqing2018],
    },
  },
  {
    code: 'AFTER_SCHOOL_SERVICE',
    name: '课后服务问题',
    nameEn: 'After-school service problems',
    urgentByDefault: false,
    basis: {
      rule: '课后服务每天至少2小时，结束时间不早于当地正常下班时间；学生自愿参加，不得利用课后服务讲新课。',
      ruleEn:
        'After-school service runs at least 2 hours on school days and ends no earlier than normal office hours; it is voluntary and may not teach new lessons.',
      sources: [SEED.schools, SEED.zhushan],
    },
  },
  {
    code: 'SCHEDULE_SLEEP',
    name: '到校时间过早或挤占睡眠',
    nameEn: 'School starts too early or cuts into sleep',
    urgentByDefault: false,
    basis: {
      rule: '上午上课时间小学不早于8:30、中学不早于8:00；小学生睡眠不少于10小时，初中生不少于9小时。',
      ruleEn:
        'Morning classes start no earlier than 08:30 (primary) or 08:00 (secondary); sleep of at least 10 h (primary) and 9 h (junior secondary).',
      sources: [SEED.chongqing2018],
    },
  },
  {
    code: 'TEACHER_PAID_TUTORING',
    name: '在职教师有偿补课',
    nameEn: 'In-service teacher tutoring for pay',
    urgentByDefault: false,
    basis: {
      rule: '严禁在职中小学教师有偿补课或到校外培训机构兼职，违者依法依规严肃查处，直至撤销教师资格。',
      ruleEn:
        'In-service school teachers may not tutor for pay or work for training institutions; violations are punished up to loss of the teaching licence.',
      sources: [SEED.schools, SEED.zhushan, SEED.chongqing2018],
    },
  },
  {
    code: 'UNLICENSED_INSTITUTION',
    name: '无证无照培训机构',
    nameEn: 'Unlicensed training institution',
    urgentByDefault: false,
    coHandling: MARKET_REGULATION,
    basis: {
      rule: '校外培训机构须依法审批登记，从业人员须具备相应资质，学科类培训教师须具有教师资格证。',
      ruleEn:
        'Off-campus training institutions must be approved and registered; subject-training teachers must hold a teaching certificate.',
      sources: [SEED.songshan, SEED.schools],
    },
  },
  {
    code: 'HOLIDAY_TRAINING',
    name: '节假日、休息日或寒暑假学科类培训',
    nameEn: 'Subject training on holidays, weekends or vacations',
    urgentByDefault: true,
    basis: {
      rule: '学科类校外培训机构不得占用国家法定节假日、休息日及寒暑假期组织学科类培训。',
      ruleEn: 'Subject training may not be held on statutory holidays, rest days or school vacations.',
      sources: [SEED.schools, SEED.songshan],
    },
  },
  {
    code: 'LATE_TRAINING',
    name: '培训结束时间超时',
    nameEn: 'Training past the allowed end time',
    urgentByDefault: false,
    basis: {
      rule: '线下培训结束时间不得晚于20:30；线上培训每课时不超过30分钟、间隔不少于10分钟，结束时间不得晚于21:00。',
      ruleEn:
        'Offline training ends by 20:30; online lessons last at most 30 minutes with 10-minute breaks and end by 21:00.',
      sources: [SEED.schools, SEED.songshan, SEED.chongqing2018],
    },
  },
  {
    code: 'AHEAD_OF_SYLLABUS',
    name: '超标超前培训',
    nameEn: 'Ahead-of-syllabus training',
    urgentByDefault: false,
    basis: {
      rule: '严禁超标超前培训，严禁非学科类培训机构从事学科类培训，培训机构不得布置作业。',
      ruleEn:
        'Training beyond or ahead of the syllabus is forbidden, as is subject training by non-subject institutions; institutions may not set homework.',
      sources: [SEED.schools, SEED.songshan],
    },
  },
  {
    code: 'ADS_FEES_REFUNDS',
    name: '虚假宣传、违规收费或退费问题',
    nameEn: 'False advertising, excessive fees or refund problems',
    urgentByDefault: false,
    coHandling: MARKET_REGULATION,
    basis: {
      rule: '学科类培训收费纳入政府指导价管理，预收费须纳入监管；不得刊登、播发学科类校外培训广告。',
      ruleEn:
        'Subject-training fees follow government guide prices and prepaid fees are supervised; subject-training advertising is forbidden.',
      sources: [SEED.schools, SEED.songshan],
    },
  },
  {
    code: 'MATERIALS_APPS',
    name: '强制推销教辅材料或学习类App',
    nameEn: 'Materials or apps pushed on students',
    urgentByDefault: false,
    basis: {
      rule: '不得利用教材、教辅材料、作业本等开展商业广告；严禁使用未经审查备案的学习类App。',
      ruleEn:
        'No commercial promotion through textbooks, workbooks or exercise books; no unapproved learning apps.',
      sources: [SEED.songshan, SEED.chongqing2018, SEED.schools],
    },
  },
  {
    code: 'OTHER',
    name: '其他“双减”问题',
    nameEn: 'Other double-reduction problem',
    urgentByDefault: false,
    basis: {
      rule: '其他违反“双减”政策、加重学生负担的行为。',
      ruleEn: 'Any other practice that breaks the double-reduction policy or adds to students’ burden.',
      sources: [SEED.dazu],
    },
  },
];
