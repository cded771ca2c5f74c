import { describe, expect, it } from 'vitest';
import { instantOf, localDateAt } from '../schedule/localTime.js';
import { bookingsFor, joinSeries } from '../schedule/membership.js';
import { expandOccurrences } from '../schedule/recurrence.js';
import { buildSeries } from '../schedule/testSeries.js';
import { evaluateComplianceRules } from './complianceRules.js';
import {
  attendanceRecords,
  everyonePresent,
  markException,
  type RollCallSession,
  validateRollCall,
} from './rollCall.js';
import { weeklyCompliance, weeklyHoursAttended, weeklyMinutesRange } from './weeklyHours.js';

/*
 * From a series to an alert, across Los Angeles' spring-forward weekend: an evening track
 * (Mon–Thu 18:00–21:00) whose 18:00 is 01:00 or 02:00 UTC the next day, so any UTC slip would move
 * sessions into the wrong day or week.
 */
const LA = 'America/Los_Angeles';
const evening = buildSeries({
  id: 'eve',
  timeZone: LA,
  weekdays: [1, 2, 3, 4],
  startTime: '18:00',
  durationMinutes: 180,
  startsOn: '2026-03-02',
});

describe('series → bookings → roll call → weekly hours → rules', () => {
  const joinedAt = instantOf('2026-03-02', '08:00', LA);
  const member = joinSeries({
    series: evening,
    memberships: [],
    patientId: 'ana',
    joinOn: '2026-03-02',
    nowMs: joinedAt,
  });
  const occurrences = expandOccurrences(
    evening,
    instantOf('2026-03-02', '00:00', LA),
    instantOf('2026-03-16', '00:00', LA),
  );
  const bookings = bookingsFor([member], occurrences);

  // Week 1 attended in full; week 2 (after the change on 2026-03-08): attended Monday 20 min late, then two no-shows.
  const records = occurrences.flatMap((o) => {
    const session: RollCallSession = {
      occurrenceKey: o.key,
      localDate: o.localDate,
      scheduledStartMs: o.startMs,
      scheduledEndMs: o.endMs,
      clinicianId: o.clinicianId,
      bookedPatientIds: bookings.filter((b) => b.occurrenceKey === o.key).map((b) => b.patientId),
      hasRoom: o.roomId !== null,
    };
    let call = everyonePresent(session);
    if (o.localDate === '2026-03-09')
      call = markException(call, 'ana', {
        kind: 'present',
        lateMinutes: 20,
        leftEarlyAtMs: null,
        via: { mode: 'in-person' },
      });
    if (o.localDate === '2026-03-10' || o.localDate === '2026-03-11')
      call = markException(call, 'ana', { kind: 'absent', excused: false, reason: '' });
    if (o.localDate === '2026-03-12')
      call = markException(call, 'ana', { kind: 'absent', excused: true, reason: 'Court date' });
    expect(validateRollCall(call, session)).toEqual([]);
    return attendanceRecords(call, session);
  });

  it('keeps every session on its local evening, in UTC the next day', () => {
    expect(occurrences).toHaveLength(8);
    expect(
      occurrences.every((o) => o.localStartTime === '18:00' && localDateAt(o.startMs, 'UTC') > o.localDate),
    ).toBe(true);
    expect(occurrences.map((o) => o.startIso.slice(-6))).toEqual([
      ...Array(4).fill('-08:00'),
      ...Array(4).fill('-07:00'),
    ]);
  });

  it('sums the minutes into Monday weeks at the site', () => {
    const weeks = weeklyHoursAttended(records);
    expect(weeks).toEqual([
      { patientId: 'ana', weekStart: '2026-03-02', minutes: 720 },
      { patientId: 'ana', weekStart: '2026-03-09', minutes: 160 },
    ]);
    const iop = weeklyMinutesRange('IOP', 'adult');
    expect(weeks.map((w) => weeklyCompliance(w.minutes, iop).status)).toEqual(['within', 'below']);
  });

  it('raises the absence alert once; one week below is not yet a review', () => {
    const decisions = evaluateComplianceRules({
      patientId: 'ana',
      sessions: records.map((r) => ({
        occurrenceKey: r.occurrenceKey,
        startMs: r.startMs,
        status: r.status,
      })),
      weeks: weeklyHoursAttended(records).map((w) => ({
        weekStart: w.weekStart,
        minutes: w.minutes,
        minimumMinutes: 540,
      })),
      tapers: [],
      today: '2026-03-16',
    });
    expect(decisions.map((d) => [d.kind, d.dedupeKey])).toEqual([
      ['consecutive-unexcused-absences', 'attendance.unexcused-absences:ana:eve@2026-03-10'],
    ]);
  });
});
