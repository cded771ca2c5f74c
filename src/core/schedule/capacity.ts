import type { Booking } from './closures.js';
import { addDays, type LocalDate } from './localTime.js';
import type { Occurrence, SessionKind } from './recurrence.js';

/**
 * A session's effective capacity (SPEC §5: "payer caps resolved to each session's capacity before
 * solving"; "payer or state caps override the default capacity for the sessions they cover"). It is
 * the smallest of: the series' capacity, the room's seats (in-person sessions only), and every
 * program, state or payer cap that covers the session. The solver and the join check both read
 * this one number; `limitedBy` says which limit bound it, for the screen.
 */
export interface CapacityCap {
  id: string;
  source: 'program' | 'state' | 'payer';
  /** Shown to staff, e.g. "Medicaid plan X: groups of at most 8". */
  label: string;
  maxPatients: number;
  /** Conditions, all of which must hold; an omitted one matches every session. */
  kinds?: readonly SessionKind[] | undefined;
  programIds?: readonly string[] | undefined;
  siteIds?: readonly string[] | undefined;
  /**
   * A payer cap covers a session when any patient in it is covered by one of these payers — the
   * payer pays for the whole group's size, not just its own member's place.
   */
  payerIds?: readonly string[] | undefined;
}

export interface CapacityLimit {
  source: 'series' | 'room' | CapacityCap['source'];
  /** The cap's id; the room's id; the series' id. */
  id: string;
  label: string;
  max: number;
}

export interface EffectiveCapacity {
  capacity: number;
  /** Every limit equal to the capacity (usually one). */
  limitedBy: CapacityLimit[];
}

export interface CapacityFacts {
  occurrence: Pick<Occurrence, 'seriesId' | 'kind' | 'programId' | 'siteId' | 'roomId' | 'capacity'>;
  /** Seats in the occurrence's room; `null` when telehealth only or not tracked. */
  roomSeats: number | null;
  /**
   * Payers of the patients in the session — those booked, plus the candidate when asking whether one
   * more fits (adding a Medicaid patient can shrink the group's capacity).
   */
  payerIds: readonly string[];
}

const matches = (list: readonly string[] | undefined, value: string | null): boolean =>
  list === undefined || (value !== null && list.includes(value));

export const capCovers = (cap: CapacityCap, facts: CapacityFacts): boolean =>
  matches(cap.kinds, facts.occurrence.kind) &&
  matches(cap.programIds, facts.occurrence.programId) &&
  matches(cap.siteIds, facts.occurrence.siteId) &&
  (cap.payerIds === undefined || facts.payerIds.some((p) => cap.payerIds?.includes(p)));

export const effectiveCapacity = (facts: CapacityFacts, caps: readonly CapacityCap[]): EffectiveCapacity => {
  const limits: CapacityLimit[] = [
    {
      source: 'series',
      id: facts.occurrence.seriesId,
      label: 'Session capacity',
      max: facts.occurrence.capacity,
    },
  ];
  if (facts.roomSeats !== null && facts.occurrence.roomId !== null)
    limits.push({ source: 'room', id: facts.occurrence.roomId, label: 'Room seats', max: facts.roomSeats });
  for (const cap of caps) {
    if (capCovers(cap, facts))
      limits.push({ source: cap.source, id: cap.id, label: cap.label, max: cap.maxPatients });
  }
  const capacity = Math.max(0, Math.min(...limits.map((l) => l.max)));
  return { capacity, limitedBy: limits.filter((l) => l.max === capacity) };
};

/** Whether one more patient (whose payer is already in `facts.payerIds`) fits beside those booked. */
export const hasPlaceFor = (
  facts: CapacityFacts,
  caps: readonly CapacityCap[],
  bookedCount: number,
): boolean => bookedCount + 1 <= effectiveCapacity(facts, caps).capacity;

/**
 * Occurrences with more bookings than their capacity — after a cap is added, a room changed or a
 * patient's payer changed. Cancelled occurrences are not counted.
 */
export const overbookedOccurrences = (
  occurrences: readonly Occurrence[],
  bookings: readonly Booking[],
  capacityOf: (occurrence: Occurrence) => number,
): { occurrenceKey: string; booked: number; capacity: number }[] => {
  const counts = new Map<string, number>();
  for (const b of bookings) counts.set(b.occurrenceKey, (counts.get(b.occurrenceKey) ?? 0) + 1);
  return occurrences
    .filter((o) => o.cancellation === null)
    .map((o) => ({ occurrenceKey: o.key, booked: counts.get(o.key) ?? 0, capacity: capacityOf(o) }))
    .filter((row) => row.booked > row.capacity);
};

/** A moved session stays within a month of its scheduled date (see the move check). */
const MOVE_SLACK_DAYS = 32;

/**
 * The last date a capacity change has to look at to see every set of bookings a series will have.
 * Bookings change only on a join or leave date or on a one-session add or skip; after the last of
 * these every cycle of the pattern books the same patients, so one more cycle (and the slack a moved
 * session may travel) covers every session after it.
 */
export const lastDateBookingsDiffer = (
  today: LocalDate,
  bookingChangeDates: readonly LocalDate[],
  everyWeeks: number,
): LocalDate => {
  const latest = bookingChangeDates.reduce((last, date) => (date > last ? date : last), today);
  return addDays(latest, 7 * everyWeeks + MOVE_SLACK_DAYS);
};
