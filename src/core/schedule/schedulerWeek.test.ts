import { describe, expect, it } from 'vitest';
import { instantOf } from './localTime.js';
import { expandOccurrences } from './recurrence.js';
import {
  ALL_WEEK,
  buildWeekInput,
  diffSeats,
  expandWindows,
  seatsText,
  subtractSpans,
  type WeekFacts,
  type WeekPatient,
} from './schedulerWeek.js';
import { buildSeries } from './testSeries.js';

const NY = 'America/New_York';
const WEEK = '2026-03-09';
const occurrences = expandOccurrences(
  buildSeries(),
  instantOf(WEEK, '00:00', NY),
  instantOf('2026-03-16', '00:00', NY),
);
const [mon, wed, fri] = occurrences.map((o) => o.key);
const patient = (id: string, overrides: Partial<WeekPatient> = {}): WeekPatient => ({
  id,
  minHours: 3,
  maxHours: 6,
  audience: 'adult',
  gender: null,
  requiredModalities: ['group'],
  windows: null,
  excluded: [],
  previous: [],
  ...overrides,
});
const facts = (overrides: Partial<WeekFacts> = {}): WeekFacts => ({
  weekStart: WEEK,
  timeZone: NY,
  sessions: occurrences.map((occurrence) => ({
    occurrence,
    capacity: 2,
    audience: 'adult',
    gender: null,
    open: true,
  })),
  patients: [patient('ana'), patient('ben')],
  booked: new Map(),
  pinned: new Set(),
  programmeHours: ALL_WEEK,
  ...overrides,
});

describe('the week the scheduler solves', () => {
  it('expands weekly windows across the spring-forward change and subtracts busy spans', () => {
    // 8 March 2026 is the change in New York: Monday the 9th is already on daylight time (-04:00).
    const [monday] = expandWindows([{ weekday: 1, start: '08:00', end: '24:00' }], WEEK, NY);
    expect(monday).toEqual({
      startMs: Date.parse('2026-03-09T08:00:00-04:00'),
      endMs: Date.parse('2026-03-10T00:00:00-04:00'),
    });
    const hole = {
      startMs: Date.parse('2026-03-09T09:00:00-04:00'),
      endMs: Date.parse('2026-03-09T10:00:00-04:00'),
    };
    expect(subtractSpans(monday ? [monday] : [], [hole])).toEqual([
      { startMs: monday?.startMs, endMs: hole.startMs },
      { startMs: hole.endMs, endMs: monday?.endMs },
    ]);
  });

  it('freezes pinned seats, started sessions and patients it does not schedule', () => {
    const built = buildWeekInput(
      facts({
        sessions: facts().sessions.map((s) => (s.occurrence.key === mon ? { ...s, open: false } : s)),
        booked: new Map([
          [mon ?? '', ['ana']],
          [wed ?? '', ['ben', 'zoe']],
          [fri ?? '', ['ben']],
        ]),
        pinned: new Set([`${wed} ben`]),
      }),
    );
    expect(built.frozen).toEqual(
      new Map([
        [mon, ['ana']],
        [wed, ['ben', 'zoe']],
      ]),
    );
    // Monday has begun: not offered. Wednesday's two places are both held: not offered either.
    expect(built.input.sessions.map((s) => s.id)).toEqual([fri]);
    const [ana, ben] = built.input.patients;
    // Each held 90-minute seat counts towards the week: 3 h minimum less 1.5 h, the group modality met.
    expect(ana).toMatchObject({ minHours: 1.5, maxHours: 4.5, requiredModalities: [] });
    expect(ben).toMatchObject({ minHours: 1.5, requiredModalities: [] });
    // Ana's Monday seat is held, so the solver cannot put her anywhere else at 09:00 that day.
    const mondayNine = Date.parse('2026-03-09T09:30:00-04:00');
    const free = (ana?.availability ?? []).some(
      (w) => Date.parse(w.start) <= mondayNine && Date.parse(w.end) > mondayNine,
    );
    expect(free).toBe(false);
  });

  it('keeps a pinned skip out of the patient’s availability', () => {
    const built = buildWeekInput(facts({ patients: [patient('ana', { excluded: [wed ?? ''] })] }));
    const wednesday = occurrences[1];
    const covers = built.input.patients[0]?.availability.some(
      (w) => Date.parse(w.start) <= (wednesday?.startMs ?? 0) && Date.parse(w.end) >= (wednesday?.endMs ?? 0),
    );
    expect(covers).toBe(false);
  });

  it('diffs the solver’s seats against the booked ones; frozen seats stay unchanged', () => {
    const booked = new Map([
      [mon ?? '', ['ana']],
      [wed ?? '', ['ana', 'ben']],
    ]);
    const frozen = new Map([[mon ?? '', ['ana']]]);
    const diff = diffSeats(['ana', 'ben'], booked, frozen, [
      { patientId: 'ana', sessionId: fri ?? '' },
      { patientId: 'ben', sessionId: wed ?? '' },
    ]);
    expect(diff).toEqual([
      { patientId: 'ana', added: [fri], removed: [wed], unchanged: 1 },
      { patientId: 'ben', added: [], removed: [], unchanged: 1 },
    ]);
    expect(seatsText(booked)).toBe(seatsText(new Map([...booked].reverse())));
  });
});
