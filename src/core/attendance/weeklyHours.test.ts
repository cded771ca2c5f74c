import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../schedule/localTime.js';
import {
  hoursOf,
  isWeekComplete,
  weeklyCompliance,
  weeklyHoursAttended,
  weeklyMinutesRange,
} from './weeklyHours.js';

describe('weeklyHoursAttended', () => {
  it('groups by Monday-started weeks at the site', () => {
    const got = weeklyHoursAttended([
      { patientId: 'ana', localDate: '2026-03-09', minutes: 180 }, // Monday
      { patientId: 'ana', localDate: '2026-03-15', minutes: 180 }, // Sunday, same week
      { patientId: 'ana', localDate: '2026-03-16', minutes: 90 }, // next Monday
      { patientId: 'ben', localDate: '2026-03-08', minutes: 60 }, // Sunday: the week before
      { patientId: 'ben', localDate: '2026-03-10', minutes: 0 },
    ]);
    expect(got).toEqual([
      { patientId: 'ana', weekStart: '2026-03-09', minutes: 360 },
      { patientId: 'ana', weekStart: '2026-03-16', minutes: 90 },
      { patientId: 'ben', weekStart: '2026-03-02', minutes: 60 },
    ]);
  });

  it('keeps every minute and puts each in the week holding its date (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            patientId: fc.constantFrom('a', 'b', 'c'),
            localDate: fc.integer({ min: 0, max: 120 }).map((d) => addDays('2026-01-01', d)),
            minutes: fc.integer({ min: 0, max: 240 }),
          }),
          { maxLength: 60 },
        ),
        (records) => {
          const weeks = weeklyHoursAttended(records);
          const sum = (xs: { minutes: number }[]) => xs.reduce((t, x) => t + x.minutes, 0);
          expect(sum(weeks)).toBe(sum(records));
          for (const w of weeks) {
            expect(new Date(`${w.weekStart}T00:00:00Z`).getUTCDay()).toBe(1);
            const inWeek = records.filter(
              (r) =>
                r.patientId === w.patientId &&
                r.localDate >= w.weekStart &&
                r.localDate < addDays(w.weekStart, 7),
            );
            expect(w.minutes).toBe(sum(inWeek));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('weeklyMinutesRange and weeklyCompliance', () => {
  it('takes the level default unless the program narrows it', () => {
    expect(weeklyMinutesRange('IOP', 'adult')).toEqual({ minimum: 540, maximum: 1140 });
    expect(weeklyMinutesRange('IOP', 'adolescent')).toEqual({ minimum: 360, maximum: 1140 });
    expect(weeklyMinutesRange('PHP', 'adult')).toEqual({ minimum: 1200, maximum: null });
    expect(weeklyMinutesRange('IOP', 'adult', { min: 9, max: 12 })).toEqual({ minimum: 540, maximum: 720 });
  });

  it('says below, within or above, and the shortfall', () => {
    const iop = weeklyMinutesRange('IOP', 'adult');
    expect(weeklyCompliance(539, iop)).toEqual({ status: 'below', minutes: 539, shortfall: 1 });
    expect(weeklyCompliance(540, iop)).toEqual({ status: 'within', minutes: 540, shortfall: 0 });
    expect(weeklyCompliance(1140, iop).status).toBe('within');
    expect(weeklyCompliance(1141, iop).status).toBe('above');
    expect(weeklyCompliance(5000, weeklyMinutesRange('PHP', 'adult')).status).toBe('within');
  });

  it('judges a week only after its Sunday', () => {
    expect(isWeekComplete('2026-03-09', '2026-03-15')).toBe(false);
    expect(isWeekComplete('2026-03-09', '2026-03-16')).toBe(true);
  });

  it('shows hours to one decimal', () => {
    expect(hoursOf(450)).toBe(7.5);
    expect(hoursOf(545)).toBe(9.1);
  });
});
