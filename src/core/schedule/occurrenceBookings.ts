import type { Booking } from './closures.js';
import { isBooked, type SeriesMembership } from './membership.js';
import type { Occurrence } from './recurrence.js';

/**
 * Per-occurrence bookings (SPEC §5): memberships book a patient into every session of a series from
 * a date; the scheduler and staff then add a patient to one session or take one out of it. Who is
 * booked into an occurrence is (members on that date − skips) ∪ adds — the one rule every reader
 * (calendar, roll call, capacity, closures, hours, reminders, feeds) goes through.
 */
export type BookingChangeKind = 'add' | 'skip';

export interface BookingChange {
  /** `<series id>@<scheduled date>`: stays attached when the occurrence is moved. */
  occurrenceKey: string;
  patientId: string;
  kind: BookingChangeKind;
  /** Set by hand: later scheduler runs keep it. */
  pinned: boolean;
}

export type ChangesByOccurrence = ReadonlyMap<string, readonly BookingChange[]>;

export const groupChanges = (changes: readonly BookingChange[]): Map<string, BookingChange[]> => {
  const byKey = new Map<string, BookingChange[]>();
  for (const change of changes)
    byKey.set(change.occurrenceKey, [...(byKey.get(change.occurrenceKey) ?? []), change]);
  return byKey;
};

/** Members booked by their membership, minus skips, plus adds; members first, each patient once. */
export const applyChanges = (memberIds: readonly string[], changes: readonly BookingChange[]): string[] => {
  const skipped = new Set(changes.filter((c) => c.kind === 'skip').map((c) => c.patientId));
  const booked = memberIds.filter((id) => !skipped.has(id));
  for (const change of changes)
    if (change.kind === 'add' && !booked.includes(change.patientId)) booked.push(change.patientId);
  return [...new Set(booked)];
};

/** The booked patients of one occurrence. */
export const bookedInto = (
  memberships: readonly SeriesMembership[] | undefined,
  occurrence: Occurrence,
  changes: ChangesByOccurrence = new Map(),
): string[] =>
  applyChanges(
    (memberships ?? []).filter((m) => isBooked(m, occurrence)).map((m) => m.patientId),
    changes.get(occurrence.key) ?? [],
  );

/** Every booking in these occurrences, in occurrence order. */
export const bookingsWithChanges = (
  memberships: readonly SeriesMembership[],
  occurrences: readonly Occurrence[],
  changes: ChangesByOccurrence,
): Booking[] =>
  occurrences.flatMap((o) =>
    bookedInto(
      memberships.filter((m) => m.seriesId === o.seriesId),
      o,
      changes,
    ).map((patientId) => ({ occurrenceKey: o.key, patientId })),
  );

/**
 * The change that makes a patient booked (or not) in an occurrence, given whether membership alone
 * books them: none when membership already says so.
 */
export const changeToReach = (memberBooked: boolean, wantBooked: boolean): BookingChangeKind | null =>
  memberBooked === wantBooked ? null : wantBooked ? 'add' : 'skip';
