/**
 * China's statutory holiday calendar (法定节假日) as data, one entry per year, from the State Council
 * General Office notices (国务院办公厅关于部分节假日安排的通知).
 *
 * - `holidays`: every 放假 date of the notice (days off), including the ones that fall on a weekend.
 * - `makeupWorkdays`: 调休上班 — weekend days that are working days to bridge a holiday.
 *
 * Cross-checked date by date against the `chinese-workday` package (test/unit/calendar.test.ts).
 * Admins add later years at run time (/admin/calendar/{year}); this is only the seed.
 */

export interface HolidayYear {
  year: number;
  holidays: { date: string /* YYYY-MM-DD */; name: string; nameEn: string }[];
  makeupWorkdays: { date: string; name: string; nameEn: string }[];
  source: string;
}

export const seedHolidayCalendar: HolidayYear[] = [
  {
    year: 2025,
    holidays: [
      { date: '2025-01-01', name: '元旦', nameEn: "New Year's Day" },
      { date: '2025-01-28', name: '春节', nameEn: 'Spring Festival' },
      { date: '2025-01-29', name: '春节', nameEn: 'Spring Festival' },
      { date: '2025-01-30', name: '春节', nameEn: 'Spring Festival' },
      { date: '2025-01-31', name: '春节', nameEn: 'Spring Festival' },
      { date: '2025-02-01', name: '春节', nameEn: 'Spring Festival' },
      { date: '2025-02-02', name: '春节', nameEn: 'Spring Festival' },
      { date: '2025-02-03', name: '春节', nameEn: 'Spring Festival' },
      { date: '2025-02-04', name: '春节', nameEn: 'Spring Festival' },
      { date: '2025-04-04', name: '清明节', nameEn: 'Qingming Festival' },
      { date: '2025-04-05', name: '清明节', nameEn: 'Qingming Festival' },
      { date: '2025-04-06', name: '清明节', nameEn: 'Qingming Festival' },
      { date: '2025-05-01', name: '劳动节', nameEn: 'Labour Day' },
      { date: '2025-05-02', name: '劳动节', nameEn: 'Labour Day' },
      { date: '2025-05-03', name: '劳动节', nameEn: 'Labour Day' },
      { date: '2025-05-04', name: '劳动节', nameEn: 'Labour Day' },
      { date: '2025-05-05', name: '劳动节', nameEn: 'Labour Day' },
      { date: '2025-05-31', name: '端午节', nameEn: 'Dragon Boat Festival' },
      { date: '2025-06-01', name: '端午节', nameEn: 'Dragon Boat Festival' },
      { date: '2025-06-02', name: '端午节', nameEn: 'Dragon Boat Festival' },
      { date: '2025-10-01', name: '国庆节、中秋节', nameEn: 'National Day and Mid-Autumn Festival' },
      { date: '2025-10-02', name: '国庆节、中秋节', nameEn: 'National Day and Mid-Autumn Festival' },
      { date: '2025-10-03', name: '国庆节、中秋节', nameEn: 'National Day and Mid-Autumn Festival' },
      { date: '2025-10-04', name: '国庆节、中秋节', nameEn: 'National Day and Mid-Autumn Festival' },
      { date: '2025-10-05', name: '国庆节、中秋节', nameEn: 'National Day and Mid-Autumn Festival' },
      { date: '2025-10-06', name: '国庆节、中秋节', nameEn: 'National Day and Mid-Autumn Festival' },
      { date: '2025-10-07', name: '国庆节、中秋节', nameEn: 'National Day and Mid-Autumn Festival' },
      { date: '2025-10-08', name: '国庆节、中秋节', nameEn: 'National Day and Mid-Autumn Festival' },
    ],
    makeupWorkdays: [
      { date: '2025-01-26', name: '春节调休上班', nameEn: 'Spring Festival make-up workday' },
      { date: '2025-02-08', name: '春节调休上班', nameEn: 'Spring Festival make-up workday' },
      { date: '2025-04-27', name: '劳动节调休上班', nameEn: 'Labour Day make-up workday' },
      {
        date: '2025-09-28',
        name: '国庆节、中秋节调休上班',
        nameEn: 'National Day and Mid-Autumn Festival make-up workday',
      },
      {
        date: '2025-10-11',
        name: '国庆节、中秋节调休上班',
        nameEn: 'National Day and Mid-Autumn Festival make-up workday',
      },
    ],
    source:
      '国务院办公厅关于2025年部分节假日安排的通知 https://www.gov.cn/zhengce/content/202411/content_6986382.htm',
  },
  {
    year: 2026,
    holidays: [
      { date: '2026-01-01', name: '元旦', nameEn: "New Year's Day" },
      { date: '2026-01-02', name: '元旦', nameEn: "New Year's Day" },
      { date: '2026-01-03', name: '元旦', nameEn: "New Year's Day" },
      { date: '2026-02-15', name: '春节', nameEn: 'Spring Festival' },
      { date: '2026-02-16', name: '春节', nameEn: 'Spring Festival' },
      { date: '2026-02-17', name: '春节', nameEn: 'Spring Festival' },
      { date: '2026-02-18', name: '春节', nameEn: 'Spring Festival' },
      { date: '2026-02-19', name: '春节', nameEn: 'Spring Festival' },
      { date: '2026-02-20', name: '春节', nameEn: 'Spring Festival' },
      { date: '2026-02-21', name: '春节', nameEn: 'Spring Festival' },
      { date: '2026-02-22', name: '春节', nameEn: 'Spring Festival' },
      { date: '2026-02-23', name: '春节', nameEn: 'Spring Festival' },
      { date: '2026-04-04', name: '清明节', nameEn: 'Qingming Festival' },
      { date: '2026-04-05', name: '清明节', nameEn: 'Qingming Festival' },
      { date: '2026-04-06', name: '清明节', nameEn: 'Qingming Festival' },
      { date: '2026-05-01', name: '劳动节', nameEn: 'Labour Day' },
      { date: '2026-05-02', name: '劳动节', nameEn: 'Labour Day' },
      { date: '2026-05-03', name: '劳动节', nameEn: 'Labour Day' },
      { date: '2026-05-04', name: '劳动节', nameEn: 'Labour Day' },
      { date: '2026-05-05', name: '劳动节', nameEn: 'Labour Day' },
      { date: '2026-06-19', name: '端午节', nameEn: 'Dragon Boat Festival' },
      { date: '2026-06-20', name: '端午节', nameEn: 'Dragon Boat Festival' },
      { date: '2026-06-21', name: '端午节', nameEn: 'Dragon Boat Festival' },
      { date: '2026-09-25', name: '中秋节', nameEn: 'Mid-Autumn Festival' },
      { date: '2026-09-26', name: '中秋节', nameEn: 'Mid-Autumn Festival' },
      { date: '2026-09-27', name: '中秋节', nameEn: 'Mid-Autumn Festival' },
      { date: '2026-10-01', name: '国庆节', nameEn: 'National Day' },
      { date: '2026-10-02', name: '国庆节', nameEn: 'National Day' },
      { date: '2026-10-03', name: '国庆节', nameEn: 'National Day' },
      { date: '2026-10-04', name: '国庆节', nameEn: 'National Day' },
      { date: '2026-10-05', name: '国庆节', nameEn: 'National Day' },
      { date: '2026-10-06', name: '国庆节', nameEn: 'National Day' },
      { date: '2026-10-07', name: '国庆节', nameEn: 'National Day' },
    ],
    makeupWorkdays: [
      { date: '2026-01-04', name: '元旦调休上班', nameEn: "New Year's Day make-up workday" },
      { date: '2026-02-14', name: '春节调休上班', nameEn: 'Spring Festival make-up workday' },
      { date: '2026-02-28', name: '春节调休上班', nameEn: 'Spring Festival make-up workday' },
      { date: '2026-05-09', name: '劳动节调休上班', nameEn: 'Labour Day make-up workday' },
      { date: '2026-09-20', name: '国庆节调休上班', nameEn: 'National Day make-up workday' },
      { date: '2026-10-10', name: '国庆节调休上班', nameEn: 'National Day make-up workday' },
    ],
    source:
      '国务院办公厅关于2026年部分节假日安排的通知 https://www.gov.cn/zhengce/content/202511/content_7047090.htm',
  },
];
