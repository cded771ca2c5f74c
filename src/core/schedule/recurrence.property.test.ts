import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, type IsoWeekday, startOfLocalDay } from './localTime.js';
import { expandOccurrences, type SeriesException, type SessionSeries } from './recurrence.js';
import { buildSeries } from './testSeries.js';

/*
 * The oracle reads wall clocks through Intl (the platform's tz database), independently of the
 * Temporal arithmetic under test, and works out the expected instant of a wall-clock time by brute
 * force over the two offsets in force around that day.
 */
const ZONES = [
  'America/New_York',
  'America/Los_Angeles',
  'Europe/London',
  'Australia/Sydney',
  'America/Phoenix',
] as const;

const formatters = new Map<string, Intl.DateTimeFormat>();
const wallClock = (instant: number, timeZone: string) => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(p.weekday ?? '') + 1;
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}`, weekday };
};
const offsetAt = (instant: number, timeZone: string) => {
  const w = wallClock(instant, timeZone);
  return Date.parse(`${w.date}T${w.time}:00Z`) - (instant - (instant % 60_000));
};

/** Expected start: the earliest instant showing the wall time; in a gap, read with the offset before it. */
const expectedStart = (date: string, time: string, timeZone: string): number => {
  const naive = Date.parse(`${date}T${time}:00Z`);
  const before = offsetAt(naive - 86_400_000, timeZone);
  const after = offsetAt(naive + 86_400_000, timeZone);
  const candidates = [naive - before, naive - after].filter((c) => {
    const w = wallClock(c, timeZone);
    return w.date === date && w.time === time;
  });
  return candidates.length > 0 ? Math.min(...candidates) : naive - before;
};

// Windows start near the 2025–2027 clock changes of these zones, so most runs cross one.
const CHANGE_DAYS = [
  '2025-03-09',
  '2025-03-30',
  '2025-04-06',
  '2025-10-05',
  '2025-10-26',
  '2025-11-02',
  '2026-03-08',
  '2026-03-29',
  '2026-04-05',
  '2026-10-04',
  '2026-10-25',
  '2026-11-01',
  '2027-03-14',
  '2027-03-28',
  '2027-04-04',
  '2027-10-03',
  '2027-10-31',
  '2027-11-07',
];

const hhmm = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;

const arbSeries = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    weekdays: fc.subarray([1, 2, 3, 4, 5, 6, 7] as IsoWeekday[], { minLength: 1 }),
    // Half the times fall in the small hours, where clock changes happen.
    hour: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 23 })),
    minute: fc.integer({ min: 0, max: 59 }),
    durationMinutes: fc.integer({ min: 1, max: 720 }),
    everyWeeks: fc.constantFrom(1, 1, 2, 3),
    change: fc.constantFrom(...CHANGE_DAYS),
    startOffset: fc.integer({ min: -40, max: 10 }),
    length: fc.option(fc.integer({ min: 0, max: 70 }), { nil: null }),
  })
  .map((r): SessionSeries =>
    buildSeries({
      timeZone: r.timeZone,
      weekdays: r.weekdays,
      startTime: hhmm(r.hour, r.minute),
      durationMinutes: r.durationMinutes,
      everyWeeks: r.everyWeeks,
      startsOn: addDays(r.change, r.startOffset),
      endsOn: r.length === null ? null : addDays(r.change, r.startOffset + r.length),
    }),
  );

const arbWindow = fc.record({
  before: fc.integer({ min: 0, max: 45 }),
  days: fc.integer({ min: 1, max: 60 }),
});

const RUNS = { numRuns: 200 };

describe('expandOccurrences in real DST zones (property)', () => {
  it('keeps wall time, real duration, weekdays, strict order and one occurrence per date', () => {
    fc.assert(
      fc.property(arbSeries, arbWindow, (series, w) => {
        const firstDay = addDays(series.startsOn, -w.before);
        const from = startOfLocalDay(firstDay, series.timeZone);
        const to = startOfLocalDay(addDays(firstDay, w.days), series.timeZone);
        const got = expandOccurrences(series, from, to);
        const dates = new Set<string>();
        let previous = -Infinity;
        for (const o of got) {
          expect(o.startMs).toBeGreaterThan(previous);
          previous = o.startMs;
          expect(dates.has(o.localDate)).toBe(false);
          dates.add(o.localDate);
          expect(o.startMs).toBeGreaterThanOrEqual(from);
          expect(o.startMs).toBeLessThan(to);
          expect(o.endMs - o.startMs).toBe(series.durationMinutes * 60_000);
          expect(o.startMs).toBe(expectedStart(o.scheduledDate, series.startTime, series.timeZone));
          const wall = wallClock(o.startMs, series.timeZone);
          expect(series.weekdays).toContain(wall.weekday);
          expect(wall.date).toBe(o.scheduledDate);
          expect(wall.time).toBe(o.localStartTime);
          // The wall clock shows the series' time unless that time did not exist that day.
          if (wall.time !== series.startTime) {
            const naive = Date.parse(`${o.scheduledDate}T${series.startTime}:00Z`);
            const gap =
              offsetAt(naive + 86_400_000, series.timeZone) - offsetAt(naive - 86_400_000, series.timeZone);
            expect(gap).toBeGreaterThan(0);
            const asked = Date.parse(`1970-01-01T${series.startTime}:00Z`);
            expect(Date.parse(`1970-01-01T${wall.time}:00Z`)).toBe(asked + gap);
          }
        }
      }),
      RUNS,
    );
  });

  it('yields as many occurrences as a day-by-day count of the pattern', () => {
    fc.assert(
      fc.property(arbSeries, arbWindow, (series, w) => {
        const firstDay = addDays(series.startsOn, -w.before);
        const got = expandOccurrences(
          series,
          startOfLocalDay(firstDay, series.timeZone),
          startOfLocalDay(addDays(firstDay, w.days), series.timeZone),
        );
        let expected = 0;
        for (let i = 0; i < w.days; i++) {
          const day = addDays(firstDay, i);
          if (day < series.startsOn || (series.endsOn !== null && day > series.endsOn)) continue;
          const weekday = ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
          if (!series.weekdays.includes(weekday as IsoWeekday)) continue;
          // Weeks since the Monday of startsOn's week.
          const monday = (d: string) =>
            Date.parse(`${d}T00:00:00Z`) - ((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7) * 86_400_000;
          const weeks = Math.round((monday(day) - monday(series.startsOn)) / (7 * 86_400_000));
          if (weeks % series.everyWeeks === 0) expected++;
        }
        expect(got).toHaveLength(expected);
      }),
      RUNS,
    );
  });

  it('splits a window anywhere without losing or doubling an occurrence', () => {
    fc.assert(
      fc.property(arbSeries, fc.integer({ min: 0, max: 60 * 86_400_000 }), (series, cut) => {
        const from = startOfLocalDay(addDays(series.startsOn, -3), series.timeZone);
        const to = from + 60 * 86_400_000;
        const whole = expandOccurrences(series, from, to).map((o) => o.key);
        const parts = [
          ...expandOccurrences(series, from, from + cut),
          ...expandOccurrences(series, from + cut, to),
        ].map((o) => o.key);
        expect(parts).toEqual(whole);
      }),
      { numRuns: 80 },
    );
  });

  it('keeps one occurrence per scheduled date whatever is cancelled or moved', () => {
    fc.assert(
      fc.property(
        arbSeries,
        fc.array(fc.record({ pick: fc.nat(), move: fc.boolean(), shift: fc.integer({ min: -3, max: 3 }) }), {
          maxLength: 5,
        }),
        (base, edits) => {
          const from = startOfLocalDay(addDays(base.startsOn, -10), base.timeZone);
          const to = startOfLocalDay(addDays(base.startsOn, 80), base.timeZone);
          const plain = expandOccurrences(base, from, to);
          const exceptions = new Map<string, SeriesException>();
          for (const edit of edits) {
            const target = plain[edit.pick % Math.max(1, plain.length)];
            // Moves stay well inside the window so they cannot leave it.
            if (!target || target.scheduledDate > addDays(base.startsOn, 60)) continue;
            exceptions.set(
              target.scheduledDate,
              edit.move
                ? {
                    kind: 'moved',
                    date: target.scheduledDate,
                    toDate: addDays(target.scheduledDate, edit.shift),
                    toStartTime: '12:00',
                  }
                : { kind: 'cancelled', date: target.scheduledDate, reason: 'Staff training' },
            );
          }
          const edited = expandOccurrences({ ...base, exceptions: [...exceptions.values()] }, from, to);
          expect(edited.map((o) => o.key).sort()).toEqual(plain.map((o) => o.key).sort());
          expect(edited.filter((o) => o.cancellation !== null)).toHaveLength(
            [...exceptions.values()].filter((e) => e.kind === 'cancelled').length,
          );
          for (let i = 1; i < edited.length; i++)
            expect(edited[i]!.startMs).toBeGreaterThanOrEqual(edited[i - 1]!.startMs);
        },
      ),
      { numRuns: 80 },
    );
  });
});
