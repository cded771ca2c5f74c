import { describe, expect, it } from 'vitest';
import { instantOf } from '../schedule/localTime.js';
import { expandAll } from '../schedule/recurrence.js';
import { buildSeries } from '../schedule/testSeries.js';
import type { AttendanceRecord } from './rollCall.js';
import { thisWeek } from './thisWeek.js';
import { weeklyMinutesRange } from './weeklyHours.js';

const NY = 'America/New_York';
const rp = buildSeries({ telehealthUrl: 'https://video.example/rp-secret' });
const tele = buildSeries({
  id: 'ind',
  kind: 'individual',
  capacity: 1,
  title: 'Individual — trauma work',
  roomId: null,
  telehealthUrl: 'https://video.example/ind',
  weekdays: [4],
  startTime: '15:00',
  durationMinutes: 50,
});
const occurrences = expandAll(
  [rp, tele],
  Date.parse('2026-03-01T00:00:00Z'),
  Date.parse('2026-03-21T00:00:00Z'),
);
const record = (
  key: string,
  status: AttendanceRecord['status'],
  minutes: number,
  localDate: string,
): AttendanceRecord => ({
  occurrenceKey: key,
  patientId: 'ana',
  localDate,
  startMs: 0,
  status,
  minutes,
  late: false,
  leftEarly: false,
  mode: status === 'attended' ? 'in-person' : null,
  booked: true,
  substituteLeader: false,
});

describe('thisWeek', () => {
  // Wednesday 2026-03-11, 12:00 in New York.
  const now = instantOf('2026-03-11', '12:00', NY);
  const week = thisWeek({
    nowMs: now,
    timeZone: NY,
    occurrences,
    closedKeys: new Set(['rp@2026-03-13']),
    records: [
      record('rp@2026-03-09', 'attended', 90, '2026-03-09'),
      record('rp@2026-03-11', 'absent-unexcused', 0, '2026-03-11'),
      record('make-up@2026-03-10', 'attended', 60, '2026-03-10'),
      record('rp@2026-03-06', 'attended', 90, '2026-03-06'),
    ],
    range: weeklyMinutesRange('IOP', 'adult'),
  });

  it('covers the site week, Monday to Sunday', () => {
    expect([week.weekStart, week.weekEnd]).toEqual(['2026-03-09', '2026-03-15']);
  });

  it('shows each session with a generic title, its status and a join link only while upcoming', () => {
    expect(week.sessions).toEqual([
      {
        title: 'Group session',
        date: '2026-03-09',
        startIso: '2026-03-09T09:00:00-04:00',
        endIso: '2026-03-09T10:30:00-04:00',
        where: 'in-person-or-telehealth',
        joinLink: null,
        status: 'attended',
        minutesAttended: 90,
      },
      {
        title: 'Group session',
        date: '2026-03-11',
        startIso: '2026-03-11T09:00:00-04:00',
        endIso: '2026-03-11T10:30:00-04:00',
        where: 'in-person-or-telehealth',
        joinLink: null,
        status: 'missed',
        minutesAttended: 0,
      },
      {
        title: 'Individual session',
        date: '2026-03-12',
        startIso: '2026-03-12T15:00:00-04:00',
        endIso: '2026-03-12T15:50:00-04:00',
        where: 'telehealth',
        joinLink: 'https://video.example/ind',
        status: 'upcoming',
        minutesAttended: null,
      },
      {
        title: 'Group session',
        date: '2026-03-13',
        startIso: '2026-03-13T09:00:00-04:00',
        endIso: '2026-03-13T10:30:00-04:00',
        where: 'in-person-or-telehealth',
        joinLink: null,
        status: 'cancelled',
        minutesAttended: null,
      },
    ]);
  });

  it('never carries a staff-only field', () => {
    const text = JSON.stringify(week);
    for (const secret of ['Relapse', 'trauma', 'clin-x', 'room-a', 'rp@', 'absent-unexcused'])
      expect(text).not.toContain(secret);
  });

  it('adds make-up visits to the hours and says whether the minimum is still in reach', () => {
    expect(week.hours).toEqual({
      attended: 2.5,
      stillScheduled: 0.8,
      minimum: 9,
      maximum: 19,
      onTrack: false,
    });
  });

  it('marks a past session with no roll call yet as awaiting its record', () => {
    const later = thisWeek({
      nowMs: instantOf('2026-03-12', '16:00', NY),
      timeZone: NY,
      occurrences,
      closedKeys: new Set(),
      records: [],
      range: weeklyMinutesRange('OP', 'adult'),
    });
    expect(later.sessions.map((s) => s.status)).toEqual([
      'awaiting-record',
      'awaiting-record',
      'awaiting-record',
      'upcoming',
    ]);
    expect(later.hours.onTrack).toBe(true);
  });
});
