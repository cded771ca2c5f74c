import { describe, expect, it } from 'vitest';
import type { ClinicClosure } from './closures.js';
import { movedPlacement, placementConflicts, type ScheduleAround } from './conflicts.js';
import { instantOf } from './localTime.js';
import { expandAll, type Occurrence } from './recurrence.js';
import { buildSeries } from './testSeries.js';

const NY = 'America/New_York';
const week = (from: string) =>
  [Date.parse(`${from}T00:00:00Z`), Date.parse(`${from}T00:00:00Z`) + 7 * 86_400_000] as const;
const rp = buildSeries();
const dbt = buildSeries({
  id: 'dbt',
  title: 'DBT skills',
  clinicianId: 'clin-y',
  roomId: 'room-b',
  startTime: '11:00',
  durationMinutes: 60,
});
const individual = buildSeries({
  id: 'ind',
  kind: 'individual',
  capacity: 1,
  title: 'Individual',
  clinicianId: 'clin-z',
  roomId: 'office-3',
  weekdays: [2],
  startTime: '10:00',
  durationMinutes: 50,
});
const [from, to] = week('2026-03-09');
const occurrences = expandAll([rp, dbt, individual], from, to);
const find = (key: string): Occurrence => {
  const o = occurrences.find((x) => x.key === key);
  if (!o) throw new Error(key);
  return o;
};
const around = (over: Partial<ScheduleAround> = {}): ScheduleAround => ({
  occurrences,
  bookings: [
    { occurrenceKey: 'rp@2026-03-11', patientId: 'ana' },
    { occurrenceKey: 'dbt@2026-03-11', patientId: 'ben' },
    { occurrenceKey: 'ind@2026-03-10', patientId: 'ben' },
  ],
  closures: [],
  siteHours: { weekdays: [1, 2, 3, 4, 5], opens: '08:00', closes: '21:00' },
  ...over,
});
const codes = (over?: Partial<ScheduleAround>, ...args: Parameters<typeof movedPlacement>) =>
  placementConflicts(movedPlacement(...args), around(over)).map((c) => [
    c.code,
    c.withOccurrenceKey,
    c.patientId,
  ]);

describe('placementConflicts', () => {
  it('allows a move into a free slot, including back-to-back and over itself', () => {
    expect(codes(undefined, find('rp@2026-03-11'), '2026-03-11', '09:30', ['ana'])).toEqual([]);
    expect(codes(undefined, find('dbt@2026-03-11'), '2026-03-11', '10:30', ['ben'])).toEqual([]);
  });

  it('refuses a clinician double-booked', () => {
    const moved = buildSeries({ id: 'x', clinicianId: 'clin-y', roomId: 'room-c', startTime: '15:00' });
    const [o] = expandAll([moved], from, to);
    expect(codes(undefined, o!, '2026-03-09', '11:30', [])).toEqual([
      ['CLINICIAN_DOUBLE_BOOKED', 'dbt@2026-03-09', null],
    ]);
  });

  it('refuses a room double-booked, and ignores telehealth-only sessions for rooms', () => {
    const other = buildSeries({ id: 'x', clinicianId: 'clin-q', roomId: 'room-b', startTime: '15:00' });
    const [o] = expandAll([other], from, to);
    expect(codes(undefined, o!, '2026-03-09', '11:15', [])).toEqual([
      ['ROOM_DOUBLE_BOOKED', 'dbt@2026-03-09', null],
    ]);
    expect(codes(undefined, { ...o!, roomId: null }, '2026-03-09', '11:15', [])).toEqual([]);
  });

  it('refuses when a booked patient is elsewhere then, naming the patient', () => {
    const got = placementConflicts(
      movedPlacement(find('rp@2026-03-11'), '2026-03-11', '10:45', ['ana', 'ben']),
      around(),
    );
    expect(got.map((c) => [c.code, c.withOccurrenceKey, c.patientId])).toEqual([
      ['PATIENT_DOUBLE_BOOKED', 'dbt@2026-03-11', 'ben'],
    ]);
    expect(got[0]?.message).toBe('A booked patient is already in “DBT skills” at 2026-03-11 11:00.');
  });

  it('refuses outside site hours and on closed days, with every reason at once', () => {
    expect(codes(undefined, find('rp@2026-03-11'), '2026-03-11', '20:00', ['ana']).map((c) => c[0])).toEqual([
      'OUTSIDE_SITE_HOURS',
    ]);
    expect(codes(undefined, find('rp@2026-03-11'), '2026-03-14', '10:00', ['ana']).map((c) => c[0])).toEqual([
      'OUTSIDE_SITE_HOURS',
    ]);
    const closure: ClinicClosure = {
      id: 'snow',
      siteId: 'site-1',
      reason: 'Snow day',
      span: { kind: 'days', from: '2026-03-12', to: '2026-03-12' },
    };
    const got = placementConflicts(
      movedPlacement(find('rp@2026-03-11'), '2026-03-12', '07:00', ['ana']),
      around({ closures: [closure] }),
    );
    expect(got.map((c) => [c.code, c.message])).toEqual([
      ['OUTSIDE_SITE_HOURS', 'The site is open 08:00–21:00; the session would run outside those hours.'],
      ['SITE_CLOSED', 'The site is closed: Snow day.'],
    ]);
  });

  it('ignores cancelled occurrences and keeps its wall time across a clock change', () => {
    const cancelled = occurrences.map((o) =>
      o.key === 'dbt@2026-03-09' ? { ...o, cancellation: 'Ill' } : o,
    );
    const x = expandAll(
      [buildSeries({ id: 'x', clinicianId: 'clin-y', roomId: 'room-c', startTime: '15:00' })],
      from,
      to,
    )[0]!;
    expect(codes({ occurrences: cancelled }, x, '2026-03-09', '11:00', [])).toEqual([]);
    const before = expandAll([rp], ...week('2026-03-02'))[0]!;
    expect(movedPlacement(before, '2026-03-09', '09:00', []).startMs).toBe(
      instantOf('2026-03-09', '09:00', NY),
    );
  });
});
