import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../schedule/localTime.js';
import {
  type AttendanceHistory,
  complianceRulesFrom,
  DEFAULT_COMPLIANCE_RULES,
  type EnrolledWeek,
  evaluateComplianceRules,
  isTaperWeek,
  type SessionAttendance,
  taperWeeks,
} from './complianceRules.js';
import type { AttendanceStatus } from './rollCall.js';

const T0 = Date.parse('2026-03-02T14:00:00Z');
const sessions = (...statuses: AttendanceStatus[]): SessionAttendance[] =>
  statuses.map((status, i) => ({ occurrenceKey: `s${i}`, startMs: T0 + i * 86_400_000, status }));
const A = 'attended' as const;
const X = 'absent-excused' as const;
const U = 'absent-unexcused' as const;

const history = (over: Partial<AttendanceHistory> = {}): AttendanceHistory => ({
  patientId: 'ana',
  sessions: [],
  weeks: [],
  tapers: [],
  today: '2026-06-01',
  ...over,
});
/** Consecutive weeks from 2026-03-02 with these minutes and a 540-minute minimum. */
const weeks = (...minutes: number[]): EnrolledWeek[] =>
  minutes.map((m, i) => ({ weekStart: addDays('2026-03-02', 7 * i), minutes: m, minimumMinutes: 540 }));

const absences = (h: AttendanceHistory) =>
  evaluateComplianceRules(h).filter((d) => d.kind === 'consecutive-unexcused-absences');
const deficits = (h: AttendanceHistory) =>
  evaluateComplianceRules(h).filter((d) => d.kind === 'below-weekly-minimum');

describe('consecutive unexcused absences', () => {
  it('raises an alert and a follow-up task at the second in a row', () => {
    const got = absences(history({ sessions: sessions(A, U, U) }));
    expect(got).toEqual([
      {
        kind: 'consecutive-unexcused-absences',
        patientId: 'ana',
        dedupeKey: 'attendance.unexcused-absences:ana:s1',
        severity: 'high',
        message: '2 unexcused absences in a row. Reach out to the patient.',
        occurrenceKeys: ['s1', 's2'],
        task: { title: 'Follow up on missed sessions', dueInDays: 1 },
      },
    ]);
  });

  it('does not count a single one, nor two split by attendance', () => {
    expect(absences(history({ sessions: sessions(U, A, U, A) }))).toEqual([]);
  });

  it('lets an excused absence neither break nor extend a run', () => {
    expect(absences(history({ sessions: sessions(U, X, U) })).map((d) => d.dedupeKey)).toEqual([
      'attendance.unexcused-absences:ana:s0',
    ]);
    expect(absences(history({ sessions: sessions(X, X, U) }))).toEqual([]);
  });

  it('raises once per run however long, and again for a new run', () => {
    const got = absences(history({ sessions: sessions(U, U, U, U, A, U, U) }));
    expect(got.map((d) => d.dedupeKey)).toEqual([
      'attendance.unexcused-absences:ana:s0',
      'attendance.unexcused-absences:ana:s5',
    ]);
  });

  it('orders sessions by time, not by how they were passed', () => {
    expect(absences(history({ sessions: sessions(U, A, U).reverse() }))).toEqual([]);
  });

  it('follows the configured run length and can be switched off', () => {
    const h = history({ sessions: sessions(U, U) });
    expect(evaluateComplianceRules(h, { ...DEFAULT_COMPLIANCE_RULES, unexcusedAbsencesInARow: 3 })).toEqual(
      [],
    );
    expect(
      evaluateComplianceRules(h, { ...DEFAULT_COMPLIANCE_RULES, unexcusedAbsencesInARow: null }),
    ).toEqual([]);
  });

  it('is stable as history grows: earlier keys stay, none repeats (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(A, X, U), { maxLength: 30 }), (statuses) => {
        let previous: string[] = [];
        for (let n = 0; n <= statuses.length; n++) {
          const keys = absences(history({ sessions: sessions(...statuses.slice(0, n)) })).map(
            (d) => d.dedupeKey,
          );
          expect(new Set(keys).size).toBe(keys.length);
          expect(keys.slice(0, previous.length)).toEqual(previous);
          previous = keys;
        }
        // Oracle: count runs of ≥ 2 unexcused after dropping excused absences.
        const runs = statuses
          .filter((s) => s !== X)
          .join('')
          .split('attended')
          .filter((chunk) => (chunk.match(/absent-unexcused/g) ?? []).length >= 2).length;
        expect(previous).toHaveLength(runs);
      }),
      { numRuns: 150 },
    );
  });
});

describe('weeks below the minimum', () => {
  it('prompts a level-of-care review after two complete weeks in a row below', () => {
    expect(deficits(history({ weeks: weeks(600, 500, 400) }))).toEqual([
      {
        kind: 'below-weekly-minimum',
        patientId: 'ana',
        dedupeKey: 'attendance.below-minimum:ana:2026-03-09',
        severity: 'normal',
        message: 'Below the weekly minimum hours for 2 weeks in a row. Review the level of care.',
        weekStarts: ['2026-03-09', '2026-03-16'],
        task: null,
      },
    ]);
  });

  it('needs consecutive calendar weeks and ignores the week not yet over', () => {
    const gap = [...weeks(500), { weekStart: '2026-03-16', minutes: 500, minimumMinutes: 540 }];
    expect(deficits(history({ weeks: gap }))).toEqual([]);
    expect(deficits(history({ weeks: weeks(500, 500), today: '2026-03-15' }))).toEqual([]);
    expect(deficits(history({ weeks: weeks(500, 500), today: '2026-03-16' }))).toHaveLength(1);
  });

  it('raises once per run', () => {
    expect(
      deficits(history({ weeks: weeks(500, 500, 500, 500, 600, 500, 500) })).map((d) => d.dedupeKey),
    ).toEqual(['attendance.below-minimum:ana:2026-03-02', 'attendance.below-minimum:ana:2026-04-06']);
  });

  it('is silent during a step-down taper, at most two weeks, and counts afresh after', () => {
    const tapers = [{ startsOn: '2026-03-04', endsOn: null }];
    // Taper covers the weeks of 03-02 and 03-09; 03-16 and 03-23 are a new run.
    const got = deficits(history({ weeks: weeks(500, 500, 500, 500), tapers }));
    expect(got.map((d) => d.weekStarts)).toEqual([['2026-03-16', '2026-03-23']]);
    expect(deficits(history({ weeks: weeks(500, 500, 500), tapers }))).toEqual([]);
  });

  it('ends the suppression when the taper ends early', () => {
    const tapers = [{ startsOn: '2026-03-02', endsOn: '2026-03-08' }];
    expect(deficits(history({ weeks: weeks(500, 500, 500), tapers })).map((d) => d.weekStarts)).toEqual([
      ['2026-03-09', '2026-03-16'],
    ]);
  });

  it('does not let a taper hide absence alerts', () => {
    const got = evaluateComplianceRules(
      history({ sessions: sessions(U, U), tapers: [{ startsOn: '2026-03-01', endsOn: null }] }),
    );
    expect(got.map((d) => d.kind)).toEqual(['consecutive-unexcused-absences']);
  });
});

describe('taperWeeks', () => {
  it('covers the starting week and the next, up to the maximum', () => {
    expect([...taperWeeks({ startsOn: '2026-03-04', endsOn: null }, 2)]).toEqual([
      '2026-03-02',
      '2026-03-09',
    ]);
    expect([...taperWeeks({ startsOn: '2026-03-04', endsOn: null }, 0)]).toEqual([]);
    expect(isTaperWeek('2026-03-16', [{ startsOn: '2026-03-04', endsOn: null }])).toBe(false);
    expect(isTaperWeek('2026-03-09', [{ startsOn: '2026-03-04', endsOn: null }])).toBe(true);
  });
});

describe('complianceRulesFrom', () => {
  it('keeps defaults for anything missing or malformed and honours null as off', () => {
    expect(complianceRulesFrom(undefined)).toEqual(DEFAULT_COMPLIANCE_RULES);
    expect(
      complianceRulesFrom({ unexcusedAbsencesInARow: 0, weeksBelowMinimumInARow: 'x', taperMaxWeeks: 9 }),
    ).toEqual(DEFAULT_COMPLIANCE_RULES);
    expect(
      complianceRulesFrom({ unexcusedAbsencesInARow: 3, weeksBelowMinimumInARow: null, taperMaxWeeks: 1 }),
    ).toEqual({
      unexcusedAbsencesInARow: 3,
      weeksBelowMinimumInARow: null,
      taperMaxWeeks: 1,
    });
  });
});
