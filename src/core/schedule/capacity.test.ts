import { describe, expect, it } from 'vitest';
import {
  type CapacityCap,
  type CapacityFacts,
  effectiveCapacity,
  hasPlaceFor,
  lastDateBookingsDiffer,
  overbookedOccurrences,
} from './capacity.js';
import { expandOccurrences } from './recurrence.js';
import { buildSeries } from './testSeries.js';

const group: CapacityFacts['occurrence'] = {
  seriesId: 'rp',
  kind: 'group',
  programId: 'adult-iop',
  siteId: 'site-1',
  roomId: 'room-a',
  capacity: 12,
};
const medicaidX: CapacityCap = {
  id: 'mcd-x',
  source: 'payer',
  label: 'Medicaid plan X: groups of at most 8',
  maxPatients: 8,
  kinds: ['group'],
  payerIds: ['medicaid-x'],
};
const stateCap: CapacityCap = {
  id: 'state',
  source: 'state',
  label: 'State rule',
  maxPatients: 10,
  kinds: ['group'],
};

describe('effectiveCapacity', () => {
  it('is the series capacity when nothing narrower applies', () => {
    expect(
      effectiveCapacity({ occurrence: group, roomSeats: 20, payerIds: ['commercial'] }, [medicaidX]),
    ).toEqual({
      capacity: 12,
      limitedBy: [{ source: 'series', id: 'rp', label: 'Session capacity', max: 12 }],
    });
  });

  it('applies a payer cap only when a patient of that payer is in the session', () => {
    const got = effectiveCapacity(
      { occurrence: group, roomSeats: 20, payerIds: ['commercial', 'medicaid-x'] },
      [medicaidX, stateCap],
    );
    expect(got.capacity).toBe(8);
    expect(got.limitedBy.map((l) => l.id)).toEqual(['mcd-x']);
  });

  it('takes the room seats for in-person sessions, and not for telehealth-only ones', () => {
    expect(effectiveCapacity({ occurrence: group, roomSeats: 6, payerIds: [] }, []).capacity).toBe(6);
    expect(
      effectiveCapacity({ occurrence: { ...group, roomId: null }, roomSeats: 6, payerIds: [] }, []).capacity,
    ).toBe(12);
  });

  it('matches caps by kind, program and site, and reports ties', () => {
    const programCap: CapacityCap = {
      id: 'p',
      source: 'program',
      label: 'Adolescent groups',
      maxPatients: 10,
      programIds: ['teen'],
    };
    expect(
      effectiveCapacity({ occurrence: group, roomSeats: null, payerIds: [] }, [programCap]).capacity,
    ).toBe(12);
    const tie = effectiveCapacity({ occurrence: group, roomSeats: 10, payerIds: [] }, [stateCap]);
    expect(tie.limitedBy.map((l) => l.source)).toEqual(['room', 'state']);
    const individual = { ...group, kind: 'individual' as const, capacity: 1 };
    expect(
      effectiveCapacity({ occurrence: individual, roomSeats: null, payerIds: ['medicaid-x'] }, [
        medicaidX,
        stateCap,
      ]).capacity,
    ).toBe(1);
  });

  it('tells whether one more fits', () => {
    const facts = { occurrence: group, roomSeats: null, payerIds: ['medicaid-x'] };
    expect(hasPlaceFor(facts, [medicaidX], 7)).toBe(true);
    expect(hasPlaceFor(facts, [medicaidX], 8)).toBe(false);
  });
});

describe('overbookedOccurrences', () => {
  it('lists held occurrences booked beyond capacity', () => {
    const series = buildSeries({
      exceptions: [{ kind: 'cancelled', date: '2026-03-11', reason: 'Training' }],
    });
    const [mon, wed] = expandOccurrences(
      series,
      Date.parse('2026-03-09T00:00:00Z'),
      Date.parse('2026-03-12T00:00:00Z'),
    );
    const bookings = ['a', 'b', 'c'].flatMap((p) => [
      { occurrenceKey: mon!.key, patientId: p },
      { occurrenceKey: wed!.key, patientId: p },
    ]);
    expect(overbookedOccurrences([mon!, wed!], bookings, () => 2)).toEqual([
      { occurrenceKey: 'rp@2026-03-09', booked: 3, capacity: 2 },
    ]);
    expect(overbookedOccurrences([mon!, wed!], bookings, () => 3)).toEqual([]);
  });
});

describe('lastDateBookingsDiffer', () => {
  it('looks one cycle and a move’s slack past the last join, leave or one-session change', () => {
    expect(lastDateBookingsDiffer('2026-11-24', ['2026-12-01', '2027-03-01', '2026-11-30'], 1)).toBe(
      '2027-04-09',
    );
    // A fortnightly series needs two weeks to come round again.
    expect(lastDateBookingsDiffer('2026-11-24', ['2027-03-01'], 2)).toBe('2027-04-16');
  });

  it('starts from today when every change is in the past or there is none', () => {
    expect(lastDateBookingsDiffer('2026-11-24', [], 1)).toBe('2027-01-02');
    expect(lastDateBookingsDiffer('2026-11-24', ['2026-01-05'], 1)).toBe('2027-01-02');
  });
});
