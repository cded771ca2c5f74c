import type { Transaction } from 'kysely';
import { DomainError } from '../../core/errors/domainError.js';
import { lastDateBookingsDiffer, overbookedOccurrences } from '../../core/schedule/capacity.js';
import { localDateAt, startOfLocalDay, addDays } from '../../core/schedule/localTime.js';
import { bookingsWithChanges } from '../../core/schedule/occurrenceBookings.js';
import { expandOccurrences, type SessionSeries } from '../../core/schedule/recurrence.js';
import type { Database } from '../../db/schema.js';
import { bookingChangesOf, membershipFromRow, membershipsOf } from './seriesStore.js';

/**
 * Lowering a series' capacity or a room's seats (SPEC §5: "no capacity is exceeded"). A series keeps
 * its members when either changes, so a number below those already booked would overbook every
 * session they share; the change is refused instead, naming the sessions, so staff move patients
 * first. The check runs inside the transaction that writes the change, after its row is updated:
 * a series row lock is the one joins take, so no join slips in between.
 */

/** At most this many sessions are named in a refusal; its message gives the total. */
export const MAX_NAMED_SESSIONS = 20;

export interface OverbookedSession {
  occurrenceKey: string;
  localDate: string;
  booked: number;
  capacity: number;
}

export interface Overbooking {
  /** In date order, up to the last date bookings can differ (see lastDateBookingsDiffer). */
  sessions: OverbookedSession[];
  /** The last session looked at is overbooked, and so is every later one: the same patients stay booked. */
  ongoing: boolean;
}

const NONE: Overbooking = { sessions: [], ongoing: false };

/**
 * The sessions of a series not yet begun that would have more patients booked than `capacity`;
 * with `roomId`, only those held in that room (a session moved elsewhere keeps its own seats).
 *
 * Only the one number is checked: room seats and payer caps may already be narrower, and the join
 * check and the scheduler hold to those; this change must not make things worse. Closures are not
 * applied, since a withdrawn closure brings its sessions back with their bookings.
 */
export const sessionsOverCapacity = async (
  trx: Transaction<Database>,
  series: SessionSeries,
  capacity: number,
  nowMs: number,
  roomId?: string,
): Promise<Overbooking> => {
  const today = localDateAt(nowMs, series.timeZone);
  const [rows, changes] = await Promise.all([
    membershipsOf(trx, [series.id]),
    bookingChangesOf(trx, [series.id], { from: addDays(today, -31) }),
  ]);
  const memberships = rows.map(membershipFromRow).filter((m) => m.leftOn === null || m.leftOn > today);
  if (memberships.length === 0 && changes.size === 0) return NONE;

  const changeDates = [
    ...memberships.flatMap((m) => (m.leftOn === null ? [m.joinedOn] : [m.joinedOn, m.leftOn])),
    ...[...changes.keys()].map((key) => key.slice(-10)),
  ];
  const until = lastDateBookingsDiffer(today, changeDates, series.everyWeeks);
  const upcoming = expandOccurrences(
    series,
    nowMs,
    startOfLocalDay(addDays(until, 1), series.timeZone),
  ).filter((o) => o.startMs > nowMs && (roomId === undefined || o.roomId === roomId));
  const bookings = bookingsWithChanges(memberships, upcoming, changes);
  const dateOf = new Map(upcoming.map((o) => [o.key, o.localDate]));
  const over = overbookedOccurrences(upcoming, bookings, () => capacity);
  const last = upcoming.at(-1);
  return {
    sessions: over
      .map((row) => ({ ...row, localDate: dateOf.get(row.occurrenceKey) ?? row.occurrenceKey.slice(-10) }))
      .sort((a, b) => a.localDate.localeCompare(b.localDate)),
    ongoing: last !== undefined && over.some((row) => row.occurrenceKey === last.key),
  };
};

/** The overbookings of several series (one room's), as one. */
export const combineOverbookings = (all: readonly Overbooking[]): Overbooking => ({
  sessions: all
    .flatMap((o) => o.sessions)
    .sort((a, b) => a.localDate.localeCompare(b.localDate) || a.occurrenceKey.localeCompare(b.occurrenceKey)),
  ongoing: all.some((o) => o.ongoing),
});

/**
 * A 409 (reason CAPACITY_BELOW_BOOKINGS) naming how many are booked and the first sessions
 * affected, with the field to change; nothing when no session is overbooked.
 */
export const refuseOverbooking = (
  { sessions, ongoing }: Overbooking,
  capacity: number,
  field: '/capacity' | '/seats',
): void => {
  const first = sessions[0];
  if (!first) return;
  const mostBooked = Math.max(...sessions.map((s) => s.booked));
  const dates = [...new Set(sessions.map((s) => s.localDate))];
  const when = ongoing
    ? `every session from ${first.localDate} on`
    : dates.length === 1
      ? `the session on ${first.localDate}`
      : `${dates.length} days from ${first.localDate} to ${dates.at(-1) ?? first.localDate}`;
  const noun = field === '/seats' ? 'seat' : 'place';
  const tooFew = capacity === 1 ? `1 ${noun} is too few` : `${capacity} ${noun}s are too few`;
  throw new DomainError(
    'CONFLICT',
    `${tooFew}: up to ${mostBooked} patients are booked into ${when}. Move patients to another group first, or keep at least ${mostBooked}.`,
    {
      fields: [
        { field, message: `must be at least ${mostBooked}, the most patients booked into one session` },
      ],
      extra: {
        reason: 'CAPACITY_BELOW_BOOKINGS',
        mostBooked,
        fullOccurrences: sessions.slice(0, MAX_NAMED_SESSIONS),
      },
    },
  );
};
