import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domainError.js';
import { instantOf } from './localTime.js';
import { bookingsFor, isBooked, joinSeries, leaveSeries, type SeriesMembership } from './membership.js';
import { expandOccurrences } from './recurrence.js';
import { buildSeries } from './testSeries.js';

const NY = 'America/New_York';
const at = (date: string, time: string) => instantOf(date, time, NY);
const series = buildSeries();

const refusal = (run: () => unknown): [string, unknown] => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return [error.code, error.extra.reason];
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('joinSeries', () => {
  it('joins a rolling group from today or a later date at the site', () => {
    // 23:30 on 2026-03-10 in New York is already 2026-03-11 in UTC: "today" is still the 10th.
    const now = at('2026-03-10', '23:30');
    const m = joinSeries({ series, memberships: [], patientId: 'ana', joinOn: '2026-03-10', nowMs: now });
    expect(m).toEqual({
      seriesId: 'rp',
      patientId: 'ana',
      joinedOn: '2026-03-10',
      leftOn: null,
      recordedAtMs: now,
    });
    expect(
      refusal(() =>
        joinSeries({ series, memberships: [], patientId: 'ana', joinOn: '2026-03-09', nowMs: now }),
      ),
    ).toEqual(['VALIDATION_FAILED', 'JOIN_DATE_IN_PAST']);
  });

  it('refuses a second open membership and a date after the series ends', () => {
    const now = at('2026-03-10', '08:00');
    const m = joinSeries({ series, memberships: [], patientId: 'ana', joinOn: '2026-03-11', nowMs: now });
    expect(
      refusal(() =>
        joinSeries({ series, memberships: [m], patientId: 'ana', joinOn: '2026-03-20', nowMs: now }),
      ),
    ).toEqual(['CONFLICT', 'ALREADY_MEMBER']);
    const left = { ...m, leftOn: '2026-03-13' };
    expect(
      joinSeries({ series, memberships: [left], patientId: 'ana', joinOn: '2026-03-13', nowMs: now })
        .joinedOn,
    ).toBe('2026-03-13');
    const ending = buildSeries({ endsOn: '2026-03-31' });
    expect(
      refusal(() =>
        joinSeries({ series: ending, memberships: [], patientId: 'ben', joinOn: '2026-04-01', nowMs: now }),
      ),
    ).toEqual(['VALIDATION_FAILED', 'JOIN_AFTER_SERIES_END']);
  });

  it('takes joins within the year ahead and refuses far-off dates as typos', () => {
    const now = at('2026-03-10', '08:00');
    expect(
      joinSeries({ series, memberships: [], patientId: 'ana', joinOn: '2027-03-11', nowMs: now }).joinedOn,
    ).toBe('2027-03-11');
    for (const joinOn of ['2027-03-12', '9999-12-31'])
      expect(
        refusal(() => joinSeries({ series, memberships: [], patientId: 'ana', joinOn, nowMs: now })),
      ).toEqual(['VALIDATION_FAILED', 'JOIN_TOO_FAR_AHEAD']);
  });

  it('lets a closed cohort be joined only before its first session, from that session', () => {
    const cohort = buildSeries({ enrolment: 'closed-cohort', startsOn: '2026-04-01' });
    const before = at('2026-04-01', '08:59');
    expect(
      joinSeries({ series: cohort, memberships: [], patientId: 'ana', joinOn: '2026-04-01', nowMs: before })
        .joinedOn,
    ).toBe('2026-04-01');
    expect(
      refusal(() =>
        joinSeries({
          series: cohort,
          memberships: [],
          patientId: 'ana',
          joinOn: '2026-04-01',
          nowMs: at('2026-04-01', '09:00'),
        }),
      ),
    ).toEqual(['INVALID_STATE', 'COHORT_CLOSED']);
    expect(
      refusal(() =>
        joinSeries({
          series: cohort,
          memberships: [],
          patientId: 'ana',
          joinOn: '2026-04-03',
          nowMs: before,
        }),
      ),
    ).toEqual(['VALIDATION_FAILED', 'COHORT_JOIN_AFTER_START']);
  });
});

describe('leaveSeries', () => {
  const m: SeriesMembership = {
    seriesId: 'rp',
    patientId: 'ana',
    joinedOn: '2026-03-02',
    leftOn: null,
    recordedAtMs: 0,
  };
  const now = at('2026-03-10', '12:00');

  it('leaves from today or later, and a future leave date may be moved', () => {
    const left = leaveSeries(m, '2026-03-13', now, NY);
    expect(left.leftOn).toBe('2026-03-13');
    expect(leaveSeries(left, '2026-03-16', now, NY).leftOn).toBe('2026-03-16');
  });

  it('refuses a past leave date, a date before joining, and leaving twice', () => {
    expect(refusal(() => leaveSeries(m, '2026-03-09', now, NY))).toEqual([
      'VALIDATION_FAILED',
      'LEAVE_DATE_IN_PAST',
    ]);
    expect(refusal(() => leaveSeries({ ...m, joinedOn: '2026-03-20' }, '2026-03-18', now, NY))).toEqual([
      'VALIDATION_FAILED',
      'LEAVE_BEFORE_JOIN',
    ]);
    expect(refusal(() => leaveSeries({ ...m, leftOn: '2026-03-10' }, '2026-03-20', now, NY))).toEqual([
      'INVALID_STATE',
      'ALREADY_LEFT',
    ]);
  });
});

describe('isBooked and bookingsFor', () => {
  const occurrences = expandOccurrences(series, at('2026-03-09', '00:00'), at('2026-03-21', '00:00'));

  it('books future sessions from the join date up to the leave date', () => {
    const m: SeriesMembership = {
      seriesId: 'rp',
      patientId: 'ana',
      joinedOn: '2026-03-11',
      leftOn: '2026-03-18',
      recordedAtMs: 0,
    };
    expect(occurrences.filter((o) => isBooked(m, o)).map((o) => o.localDate)).toEqual([
      '2026-03-11',
      '2026-03-13',
      '2026-03-16',
    ]);
  });

  it('does not book a session already under way when the join was recorded', () => {
    const m = joinSeries({
      series,
      memberships: [],
      patientId: 'ana',
      joinOn: '2026-03-09',
      nowMs: at('2026-03-09', '09:10'),
    });
    expect(occurrences.filter((o) => isBooked(m, o))[0]?.localDate).toBe('2026-03-11');
  });

  it('lists bookings per occurrence for every member of the series only', () => {
    const members: SeriesMembership[] = [
      { seriesId: 'rp', patientId: 'ana', joinedOn: '2026-03-09', leftOn: '2026-03-12', recordedAtMs: 0 },
      { seriesId: 'rp', patientId: 'ben', joinedOn: '2026-03-11', leftOn: '2026-03-12', recordedAtMs: 0 },
      { seriesId: 'other', patientId: 'cy', joinedOn: '2026-03-01', leftOn: null, recordedAtMs: 0 },
    ];
    expect(bookingsFor(members, occurrences)).toEqual([
      { occurrenceKey: 'rp@2026-03-09', patientId: 'ana' },
      { occurrenceKey: 'rp@2026-03-11', patientId: 'ana' },
      { occurrenceKey: 'rp@2026-03-11', patientId: 'ben' },
    ]);
  });
});
