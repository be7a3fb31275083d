import { isWorkday } from 'chinese-workday';
import { describe, expect, it } from 'vitest';
import { defaultDeadlinePolicy, policyFor } from '../../functions/domain/calendar/deadline-policy.js';
import { type HolidayYear, seedHolidayCalendar } from '../../functions/domain/calendar/holiday-data.js';
import {
  addWorkingDays,
  createWorkingCalendar,
  endOfShanghaiDay,
  SHANGHAI_OFFSET_MINUTES,
  shanghaiDate,
  workingDaysBetween,
} from '../../functions/domain/calendar/working-days.js';

const calendar = createWorkingCalendar(seedHolidayCalendar);

/** Every civil date of `year`, as YYYY-MM-DD. */
function datesOf(year: number): string[] {
  const dates: string[] = [];
  for (let ms = Date.UTC(year, 0, 1); ms < Date.UTC(year + 1, 0, 1); ms += 86_400_000) {
    dates.push(new Date(ms).toISOString().slice(0, 10));
  }
  return dates;
}

const seedYear = (year: number): HolidayYear => {
  const found = seedHolidayCalendar.find((y) => y.year === year);
  if (!found) throw new Error(`no seed for ${year}`);
  return found;
};

describe('holiday data (放假 and 调休)', () => {
  it.each([
    // 2025: 元旦 1 + 春节 8 + 清明 3 + 劳动节 5 + 端午 3 + 国庆·中秋 8; 2026: 3 + 9 + 3 + 5 + 3 + 3 + 7.
    { year: 2025, holidays: 28, makeup: 5 },
    { year: 2026, holidays: 33, makeup: 6 },
  ])(
    '$year has $holidays holiday dates and $makeup make-up workdays, all in that year',
    ({ year, holidays, makeup }) => {
      // Arrange
      const y = seedYear(year);
      const dates = [...y.holidays, ...y.makeupWorkdays].map((d) => d.date);

      // Act
      const outside = dates.filter((d) => !d.startsWith(`${year}-`));

      // Assert
      expect(y.holidays).toHaveLength(holidays);
      expect(y.makeupWorkdays).toHaveLength(makeup);
      expect(outside).toEqual([]);
      expect(new Set(dates).size).toBe(dates.length); // no date both off and worked, no duplicates
      expect(y.source).toContain('gov.cn');
    },
  );

  it('every make-up workday (调休上班) falls on a Saturday or Sunday', () => {
    // Arrange
    const makeup = seedHolidayCalendar.flatMap((y) => y.makeupWorkdays.map((d) => d.date));

    // Act
    const weekdays = makeup.map((d) => new Date(`${d}T00:00:00Z`).getUTCDay());

    // Assert
    expect(weekdays.every((w) => w === 0 || w === 6)).toBe(true);
  });
});

describe('isWorkingDay', () => {
  it.each([
    { date: '2026-03-02', expected: true, why: 'ordinary Monday' },
    { date: '2026-03-06', expected: true, why: 'ordinary Friday' },
    { date: '2026-03-07', expected: false, why: 'ordinary Saturday' },
    { date: '2026-03-08', expected: false, why: 'ordinary Sunday' },
    { date: '2025-06-02', expected: false, why: '端午 Monday' },
    { date: '2026-10-08', expected: true, why: 'Thursday after 国庆 2026 (holiday ends on the 7th)' },
    { date: '2025-10-08', expected: false, why: 'Wednesday within 国庆·中秋 2025' },
  ])('$date is a working day: $expected ($why)', ({ date, expected }) => {
    // Act
    const result = calendar.isWorkingDay(date);

    // Assert
    expect(result).toBe(expected);
  });

  it.each(seedHolidayCalendar.flatMap((y) => y.makeupWorkdays))(
    'make-up workday $date ($name) is a working day',
    ({ date }) => {
      // Act / Assert
      expect(calendar.isWorkingDay(date)).toBe(true);
    },
  );

  it.each(seedHolidayCalendar.flatMap((y) => y.holidays))(
    'holiday $date ($name) is not a working day',
    ({ date }) => {
      // Act / Assert
      expect(calendar.isWorkingDay(date)).toBe(false);
    },
  );

  it('falls back to Monday–Friday for a year without data, and says it does not know it', () => {
    // Arrange: 2030-10-01 is a Tuesday (National Day in reality, but there is no 2030 data).
    // Act / Assert
    expect(calendar.knowsYear(2030)).toBe(false);
    expect(calendar.knowsYear(2026)).toBe(true);
    expect(calendar.isWorkingDay('2030-10-01')).toBe(true);
    expect(calendar.isWorkingDay('2030-10-05')).toBe(false);
  });

  it('a later entry for a year replaces the earlier one', () => {
    // Arrange: a correction for 2026 that drops everything but one holiday.
    const corrected = createWorkingCalendar([
      ...seedHolidayCalendar,
      {
        year: 2026,
        holidays: [{ date: '2026-03-02', name: '测试', nameEn: 'test' }],
        makeupWorkdays: [],
        source: 'test',
      },
    ]);

    // Act / Assert
    expect(corrected.isWorkingDay('2026-03-02')).toBe(false);
    expect(corrected.isWorkingDay('2026-02-16')).toBe(true); // 春节 Monday of the replaced data
    expect(corrected.isWorkingDay('2026-02-14')).toBe(false); // its 调休 Saturday too
  });

  it.each(['2026-02-30', '2026-2-3', '20260203', ''])('rejects %j with a RangeError', (date) => {
    // Act / Assert
    expect(() => calendar.isWorkingDay(date)).toThrow(RangeError);
  });

  it('cross-check: agrees with chinese-workday on every date of 2025 and 2026', () => {
    // Arrange
    const dates = [...datesOf(2025), ...datesOf(2026)];

    // Act
    const disagreements = dates.filter((d) => calendar.isWorkingDay(d) !== isWorkday(d));

    // Assert
    expect(dates).toHaveLength(730);
    expect(disagreements).toEqual([]);
  });
});

describe('Asia/Shanghai civil dates', () => {
  it('uses a fixed UTC+8 offset', () => {
    expect(SHANGHAI_OFFSET_MINUTES).toBe(480);
  });

  it.each([
    { instant: '2026-03-05T15:59:59.999Z', expected: '2026-03-05', why: '23:59:59.999 Shanghai' },
    {
      instant: '2026-03-05T16:00:00.000Z',
      expected: '2026-03-06',
      why: 'midnight Shanghai, still Thu in UTC',
    },
    { instant: '2026-03-05T23:30:00.000Z', expected: '2026-03-06', why: 'late evening UTC, 07:30 Shanghai' },
    { instant: '2025-12-31T16:00:00.000Z', expected: '2026-01-01', why: 'new year arrives 8 h before UTC' },
  ])('$instant is $expected in Shanghai ($why)', ({ instant, expected }) => {
    // Act
    const result = shanghaiDate(new Date(instant));

    // Assert
    expect(result).toBe(expected);
  });

  it('the end of a Shanghai day is 23:59:59.999 +08:00 = 15:59:59.999Z', () => {
    // Act
    const end = endOfShanghaiDay('2026-02-26');

    // Assert
    expect(end.toISOString()).toBe('2026-02-26T15:59:59.999Z');
    expect(shanghaiDate(end)).toBe('2026-02-26');
    expect(shanghaiDate(new Date(end.getTime() + 1))).toBe('2026-02-27');
  });

  it('rejects an impossible date and an invalid instant', () => {
    expect(() => endOfShanghaiDay('2026-13-01')).toThrow(RangeError);
    expect(() => shanghaiDate(new Date('nope'))).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it('counts across the 2026 Spring Festival (春节) with its 调休 Saturday', () => {
    // Arrange: received Thu 2026-02-12, 10:00 Shanghai. Counting starts the day after receipt:
    //   Fri 02-13 → 1; Sat 02-14 (调休上班) → 2; Sun 02-15 … Mon 02-23 春节 holiday, not counted;
    //   Tue 02-24 → 3; Wed 02-25 → 4; Thu 02-26 → 5. Deadline: end of Thu 2026-02-26 in Shanghai.
    const received = new Date('2026-02-12T02:00:00Z');

    // Act
    const { deadline, unknownYears } = addWorkingDays(calendar, received, 5);

    // Assert
    expect(deadline.toISOString()).toBe('2026-02-26T15:59:59.999Z');
    expect(unknownYears).toEqual([]);
  });

  it.each([
    { from: '2026-03-02T02:00:00Z', days: 1, expected: '2026-03-03', why: 'Mon → Tue' },
    { from: '2026-03-06T02:00:00Z', days: 1, expected: '2026-03-09', why: 'Fri → Mon over a weekend' },
    { from: '2026-03-07T02:00:00Z', days: 1, expected: '2026-03-09', why: 'received on a Saturday' },
    { from: '2026-03-02T02:00:00Z', days: 15, expected: '2026-03-23', why: 'default handling, 3 weeks' },
    {
      from: '2026-09-30T02:00:00Z',
      days: 2,
      expected: '2026-10-09',
      why: '国庆 1–7 Oct: Thu 10-08 is 1, Fri 10-09 is 2',
    },
    { from: '2026-09-30T02:00:00Z', days: 1, expected: '2026-10-08', why: 'first day after 国庆' },
    { from: '2026-10-09T02:00:00Z', days: 1, expected: '2026-10-10', why: 'Sat 10-10 is 调休上班' },
    { from: '2025-09-30T02:00:00Z', days: 1, expected: '2025-10-09', why: '国庆·中秋 2025 is 1–8 Oct' },
    { from: '2026-12-30T02:00:00Z', days: 1, expected: '2026-12-31', why: 'last day of the year' },
  ])('$from + $days → end of $expected ($why)', ({ from, days, expected }) => {
    // Act
    const { deadline } = addWorkingDays(calendar, new Date(from), days);

    // Assert
    expect(deadline.toISOString()).toBe(endOfShanghaiDay(expected).toISOString());
    expect(shanghaiDate(deadline)).toBe(expected);
  });

  it('uses the Shanghai civil date of receipt, not the UTC date', () => {
    // Arrange: Thu 2026-03-05 23:30 UTC is already Fri 07:30 in Shanghai, so the receipt day is Friday,
    // and 1 working day later is Monday — not Friday, as the UTC date would give.
    const earlyFridayShanghai = new Date('2026-03-05T23:30:00Z');
    // And Thu 23:30 Shanghai (15:30Z) is still Thursday: the receipt hour does not matter.
    const lateThursdayShanghai = new Date('2026-03-05T15:30:00Z');

    // Act
    const fromFriday = addWorkingDays(calendar, earlyFridayShanghai, 1);
    const fromThursday = addWorkingDays(calendar, lateThursdayShanghai, 1);

    // Assert
    expect(fromFriday.deadline.toISOString()).toBe('2026-03-09T15:59:59.999Z');
    expect(fromThursday.deadline.toISOString()).toBe('2026-03-06T15:59:59.999Z');
  });

  it('falls back to Monday–Friday in a year without data and reports it', () => {
    // Arrange: Mon 2030-09-30 + 5 → Tue 1, Wed 2, Thu 3, Fri 4, (weekend), Mon 7 Oct.
    const received = new Date('2030-09-30T02:00:00Z');

    // Act
    const { deadline, unknownYears } = addWorkingDays(calendar, received, 5);

    // Assert
    expect(deadline.toISOString()).toBe('2030-10-07T15:59:59.999Z');
    expect(unknownYears).toEqual([2030]);
  });

  it('reports an unknown year crossed into from a known one', () => {
    // Arrange: Wed 2026-12-30 + 3 → Thu 12-31 (1), Fri 2027-01-01 (2, counted: no 2027 data), Mon 01-04 (3).
    const received = new Date('2026-12-30T02:00:00Z');

    // Act
    const { deadline, unknownYears } = addWorkingDays(calendar, received, 3);

    // Assert
    expect(deadline.toISOString()).toBe('2027-01-04T15:59:59.999Z');
    expect(unknownYears).toEqual([2027]);
  });

  it('does not report the (unknown) year of receipt when no day of it is counted', () => {
    // Arrange: received on the last evening of 2024 in Shanghai; the first counted day is in 2025.
    const received = new Date('2024-12-31T12:00:00Z'); // 20:00 Shanghai

    // Act
    const { deadline, unknownYears } = addWorkingDays(calendar, received, 1);

    // Assert: 2025-01-01 is 元旦, so the first working day is Thu 01-02.
    expect(deadline.toISOString()).toBe('2025-01-02T15:59:59.999Z');
    expect(unknownYears).toEqual([]);
  });

  it.each([0, -1, 1.5, 367, Number.NaN, Number.POSITIVE_INFINITY])(
    'rejects %s days with a RangeError',
    (days) => {
      // Act / Assert
      expect(() => addWorkingDays(calendar, new Date('2026-03-02T02:00:00Z'), days)).toThrow(RangeError);
    },
  );

  it('accepts the maximum of 366 working days', () => {
    // Act
    const { deadline, unknownYears } = addWorkingDays(calendar, new Date('2025-01-01T02:00:00Z'), 366);

    // Assert: 2025 has 248 working days after 1 Jan (元旦); the other 118 end on Fri 2026-06-26.
    expect(deadline.toISOString()).toBe('2026-06-26T15:59:59.999Z');
    expect(workingDaysBetween(calendar, new Date('2025-01-01T02:00:00Z'), deadline)).toBe(366);
    expect(unknownYears).toEqual([]);
  });
});

describe('workingDaysBetween', () => {
  it.each([
    { from: '2026-03-02T02:00:00Z', to: '2026-03-02T09:00:00Z', expected: 0, why: 'same day' },
    { from: '2026-03-03T02:00:00Z', to: '2026-03-02T02:00:00Z', expected: 0, why: 'to before from' },
    { from: '2026-03-02T02:00:00Z', to: '2026-03-03T01:00:00Z', expected: 1, why: 'next day, earlier hour' },
    { from: '2026-03-06T02:00:00Z', to: '2026-03-08T02:00:00Z', expected: 0, why: 'Fri → Sun' },
    { from: '2026-03-06T02:00:00Z', to: '2026-03-09T02:00:00Z', expected: 1, why: 'Fri → Mon' },
    { from: '2026-02-12T02:00:00Z', to: '2026-02-26T10:00:00Z', expected: 5, why: 'across 春节' },
    { from: '2026-03-05T15:30:00Z', to: '2026-03-05T16:30:00Z', expected: 1, why: 'Thu 23:30 → Fri 00:30' },
  ])('$from → $to: $expected ($why)', ({ from, to, expected }) => {
    // Act
    const result = workingDaysBetween(calendar, new Date(from), new Date(to));

    // Assert
    expect(result).toBe(expected);
  });

  it('is the inverse of addWorkingDays', () => {
    // Arrange
    const from = new Date('2026-09-15T03:00:00Z');

    // Act
    const counts = [1, 2, 3, 5, 15, 30].map((n) =>
      workingDaysBetween(calendar, from, addWorkingDays(calendar, from, n).deadline),
    );

    // Assert
    expect(counts).toEqual([1, 2, 3, 5, 15, 30]);
  });

  it('checks the 2-working-day return window (退回)', () => {
    // Arrange: assigned Fri 2026-02-13; Sat 02-14 (调休上班) is day 1, 春节 15–23 Feb does not count,
    // Tue 02-24 is day 2 (last day of the window) and Wed 02-25 day 3 (too late).
    const assigned = new Date('2026-02-13T02:00:00Z');
    const { returnWindowDays } = defaultDeadlinePolicy;

    // Act
    const onTime = workingDaysBetween(calendar, assigned, new Date('2026-02-14T10:00:00Z'));
    const lastDay = workingDaysBetween(calendar, assigned, new Date('2026-02-24T10:00:00Z'));
    const late = workingDaysBetween(calendar, assigned, new Date('2026-02-25T02:00:00Z'));

    // Assert
    expect(onTime).toBe(1);
    expect(lastDay).toBe(returnWindowDays);
    expect(late).toBe(3);
    expect(late).toBeGreaterThan(returnWindowDays);
  });
});

describe('deadline policy', () => {
  it('has the hotline defaults', () => {
    expect(defaultDeadlinePolicy).toEqual({
      handlingDays: 15,
      urgentHandlingDays: 3,
      returnWindowDays: 2,
      maxExtensionDays: 15,
      maxExtensions: 1,
      escalationDays: { urge: 3, supervise: 2 },
    });
  });

  it.each([
    { category: 'SAFETY', expected: { handlingDays: 5, urgentHandlingDays: 1 } },
    { category: 'FEES', expected: { handlingDays: 10, urgentHandlingDays: 3 } },
    { category: 'HOMEWORK_OVERLOAD', expected: { handlingDays: 15, urgentHandlingDays: 3 } },
    { category: 'constructor', expected: { handlingDays: 15, urgentHandlingDays: 3 } },
  ])('$category gets its overrides over the base', ({ category, expected }) => {
    // Arrange
    const overrides = { SAFETY: { handlingDays: 5, urgentHandlingDays: 1 }, FEES: { handlingDays: 10 } };

    // Act
    const policy = policyFor(category, defaultDeadlinePolicy, overrides);

    // Assert
    expect(policy).toEqual({ ...defaultDeadlinePolicy, ...expected });
  });

  it('returns a fresh object and leaves the base untouched', () => {
    // Act
    const policy = policyFor('ANY');
    policy.escalationDays.urge = 99;
    policy.handlingDays = 99;

    // Assert
    expect(defaultDeadlinePolicy.escalationDays.urge).toBe(3);
    expect(defaultDeadlinePolicy.handlingDays).toBe(15);
  });
});
