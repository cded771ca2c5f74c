import { describe, expect, it } from 'vitest';
import { instantOf } from './localTime.js';
import type { SeriesMembership } from './membership.js';
import {
  applyChanges,
  type BookingChange,
  bookedInto,
  bookingsWithChanges,
  changeToReach,
  groupChanges,
} from './occurrenceBookings.js';
import { expandOccurrences } from './recurrence.js';
import { buildSeries } from './testSeries.js';

const NY = 'America/New_York';
const series = buildSeries();
const [monday, wednesday] = expandOccurrences(
  series,
  instantOf('2026-03-09', '00:00', NY),
  instantOf('2026-03-12', '00:00', NY),
);
const member = (patientId: string, joinedOn = '2026-03-01'): SeriesMembership => ({
  seriesId: 'rp',
  patientId,
  joinedOn,
  leftOn: null,
  recordedAtMs: 0,
});
const change = (occurrenceKey: string, patientId: string, kind: 'add' | 'skip'): BookingChange => ({
  occurrenceKey,
  patientId,
  kind,
  pinned: false,
});

describe('who is booked into an occurrence', () => {
  it('is the members on that date, minus skips, plus adds — each patient once', () => {
    expect(applyChanges(['ana', 'ben'], [change('k', 'ben', 'skip'), change('k', 'cy', 'add')])).toEqual([
      'ana',
      'cy',
    ]);
    expect(applyChanges(['ana'], [change('k', 'ana', 'add')])).toEqual(['ana']);
  });

  it('applies a change to its own occurrence only', () => {
    if (!monday || !wednesday) throw new Error('expected two sessions');
    const members = [member('ana'), member('ben', '2026-03-11')];
    const changes = groupChanges([change(monday.key, 'ana', 'skip'), change(monday.key, 'cy', 'add')]);
    expect(bookedInto(members, monday, changes)).toEqual(['cy']);
    expect(bookedInto(members, wednesday, changes)).toEqual(['ana', 'ben']);
    expect(bookingsWithChanges(members, [monday, wednesday], changes)).toEqual([
      { occurrenceKey: monday.key, patientId: 'cy' },
      { occurrenceKey: wednesday.key, patientId: 'ana' },
      { occurrenceKey: wednesday.key, patientId: 'ben' },
    ]);
  });

  it('needs a change only where membership disagrees with the wish', () => {
    expect(changeToReach(true, true)).toBeNull();
    expect(changeToReach(false, false)).toBeNull();
    expect(changeToReach(false, true)).toBe('add');
    expect(changeToReach(true, false)).toBe('skip');
  });
});
