import type { SessionSeries } from './recurrence.js';

/** A test factory: the Relapse Prevention group, Mon/Wed/Fri 09:00 for 90 minutes in New York. */
export const buildSeries = (overrides: Partial<SessionSeries> = {}): SessionSeries => ({
  id: 'rp',
  siteId: 'site-1',
  timeZone: 'America/New_York',
  programId: 'adult-iop',
  trackId: 'morning',
  kind: 'group',
  title: 'Relapse prevention',
  clinicianId: 'clin-x',
  roomId: 'room-a',
  telehealthUrl: null,
  capacity: 12,
  enrolment: 'rolling',
  weekdays: [1, 3, 5],
  startTime: '09:00',
  durationMinutes: 90,
  everyWeeks: 1,
  startsOn: '2026-01-05',
  endsOn: null,
  exceptions: [],
  ...overrides,
});
