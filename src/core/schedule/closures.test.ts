import { describe, expect, it } from 'vitest';
import { cancelledByClosures, type ClinicClosure, closureCovers, closureNotices } from './closures.js';
import { instantOf } from './localTime.js';
import { expandOccurrences } from './recurrence.js';
import { buildSeries } from './testSeries.js';

const NY = 'America/New_York';
const week = expandOccurrences(
  buildSeries(),
  Date.parse('2026-05-25T00:00:00Z'),
  Date.parse('2026-06-01T00:00:00Z'),
);
const [monday, wednesday, friday] = week as [(typeof week)[0], (typeof week)[0], (typeof week)[0]];
const memorialDay: ClinicClosure = {
  id: 'memorial',
  siteId: 'site-1',
  reason: 'Memorial Day',
  span: { kind: 'days', from: '2026-05-25', to: '2026-05-25' },
};

describe('closureCovers', () => {
  it('covers whole local days, inclusive, at its own site only', () => {
    expect(closureCovers(memorialDay, monday)).toBe(true);
    expect(closureCovers(memorialDay, wednesday)).toBe(false);
    expect(closureCovers({ ...memorialDay, siteId: 'site-2' }, monday)).toBe(false);
    const twoDays: ClinicClosure = {
      ...memorialDay,
      span: { kind: 'days', from: '2026-05-26', to: '2026-05-27' },
    };
    expect(closureCovers(twoDays, wednesday)).toBe(true);
  });

  it('covers a session any part of a closed time span touches, but not one that ends as it starts', () => {
    const earlyClose = (from: string, to: string): ClinicClosure => ({
      ...memorialDay,
      span: {
        kind: 'instants',
        startMs: instantOf('2026-05-29', from, NY),
        endMs: instantOf('2026-05-29', to, NY),
      },
    });
    expect(closureCovers(earlyClose('10:00', '18:00'), friday)).toBe(true);
    expect(closureCovers(earlyClose('10:30', '18:00'), friday)).toBe(false);
    expect(closureCovers(earlyClose('07:00', '09:00'), friday)).toBe(false);
  });
});

describe('cancelledByClosures and closureNotices', () => {
  it('cancels what a closure covers and tells each booked patient and the clinician once', () => {
    const cancelled = cancelledByClosures([memorialDay, { ...memorialDay, id: 'dup' }], week);
    expect(cancelled).toEqual([
      { occurrenceKey: 'rp@2026-05-25', closureId: 'memorial', reason: 'Memorial Day' },
    ]);
    const notices = closureNotices(cancelled, week, [
      { occurrenceKey: 'rp@2026-05-25', patientId: 'ana' },
      { occurrenceKey: 'rp@2026-05-25', patientId: 'ana' },
      { occurrenceKey: 'rp@2026-05-25', patientId: 'ben' },
      { occurrenceKey: 'rp@2026-05-27', patientId: 'cy' },
    ]);
    expect(notices.map((n) => [n.recipient, n.localDate, n.startIso])).toEqual([
      [{ kind: 'patient', patientId: 'ana' }, '2026-05-25', '2026-05-25T09:00:00-04:00'],
      [{ kind: 'patient', patientId: 'ben' }, '2026-05-25', '2026-05-25T09:00:00-04:00'],
      [{ kind: 'staff', userId: 'clin-x' }, '2026-05-25', '2026-05-25T09:00:00-04:00'],
    ]);
    expect(new Set(notices.map((n) => n.dedupeKey)).size).toBe(3);
  });

  it('leaves alone occurrences already cancelled on their own', () => {
    const already = week.map((o) => (o.key === monday.key ? { ...o, cancellation: 'Staff training' } : o));
    expect(cancelledByClosures([memorialDay], already)).toEqual([]);
  });
});
