import type { Kysely, Transaction } from 'kysely';
import type { IsoWeekday, LocalDate } from '../../core/schedule/localTime.js';
import { addDays, startOfLocalDay } from '../../core/schedule/localTime.js';
import { type SeriesMembership } from '../../core/schedule/membership.js';
import { type BookingChange, bookedInto, groupChanges } from '../../core/schedule/occurrenceBookings.js';
import {
  expandOccurrences,
  type Occurrence,
  type SeriesException,
  type SessionKind,
  type SessionSeries,
} from '../../core/schedule/recurrence.js';
import type {
  Database,
  OccurrenceBookingsTable,
  SeriesExceptionsTable,
  SeriesMembershipsTable,
  SessionSeriesTable,
} from '../../db/schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Between the schedule tables and the pure schedule domain: series rows with their site's zone and
 * exceptions become `SessionSeries`, memberships become `SeriesMembership`, and an occurrence key
 * (`<series id>@<scheduled date>`) finds its occurrence. Occurrences are never stored.
 */
export const seriesFromRow = (
  row: SessionSeriesTable,
  timeZone: string,
  exceptions: readonly SeriesExceptionsTable[],
): SessionSeries => ({
  id: row.id,
  siteId: row.site_id,
  timeZone,
  programId: row.program_id,
  trackId: row.track_id,
  kind: row.kind as SessionKind,
  title: row.title,
  clinicianId: row.clinician_id,
  roomId: row.room_id,
  telehealthUrl: row.telehealth_url,
  capacity: row.capacity,
  enrolment: row.enrolment === 'closed-cohort' ? 'closed-cohort' : 'rolling',
  weekdays: row.weekdays.split(',').map((d) => Number(d) as IsoWeekday),
  startTime: row.start_time,
  durationMinutes: row.duration_minutes,
  everyWeeks: row.every_weeks,
  startsOn: row.starts_on,
  endsOn: row.ends_on,
  exceptions: exceptions.map(exceptionFromRow),
});

const exceptionFromRow = (row: SeriesExceptionsTable): SeriesException =>
  row.kind === 'cancelled'
    ? { kind: 'cancelled', date: row.scheduled_date, reason: row.reason ?? '' }
    : {
        kind: 'moved',
        date: row.scheduled_date,
        toDate: row.to_date ?? row.scheduled_date,
        toStartTime: row.to_start_time ?? '00:00',
        durationMinutes: row.duration_minutes ?? undefined,
        ...(row.room_id !== null ? { roomId: row.room_id } : {}),
        ...(row.clinician_id !== null ? { clinicianId: row.clinician_id } : {}),
      };

export const membershipFromRow = (row: SeriesMembershipsTable): SeriesMembership => ({
  seriesId: row.series_id,
  patientId: row.patient_id,
  joinedOn: row.joined_on,
  leftOn: row.left_on,
  recordedAtMs: Date.parse(row.recorded_at),
});

export interface StoredSeries {
  row: SessionSeriesTable;
  series: SessionSeries;
}

/** Series with their zone and exceptions; `ids` empty → none. */
export const loadSeriesByIds = async (
  executor: Executor,
  ids: readonly string[],
): Promise<StoredSeries[]> => {
  if (ids.length === 0) return [];
  const [rows, exceptions] = await Promise.all([
    executor
      .selectFrom('session_series')
      .innerJoin('sites', 'sites.id', 'session_series.site_id')
      .selectAll('session_series')
      .select('sites.time_zone')
      .where('session_series.id', 'in', [...ids])
      .execute(),
    executor
      .selectFrom('series_exceptions')
      .selectAll()
      .where('series_id', 'in', [...ids])
      .execute(),
  ]);
  return rows.map(({ time_zone: timeZone, ...row }) => ({
    row,
    series: seriesFromRow(
      row,
      timeZone,
      exceptions.filter((e) => e.series_id === row.id),
    ),
  }));
};

export const loadSeries = async (executor: Executor, seriesId: string): Promise<StoredSeries | null> =>
  (await loadSeriesByIds(executor, [seriesId]))[0] ?? null;

/** `<series id>@<YYYY-MM-DD>`; null when the key is not of that shape. */
export const parseOccurrenceKey = (key: string): { seriesId: string; scheduledDate: LocalDate } | null => {
  const match = /^([0-9a-f-]{36})@(\d{4}-\d{2}-\d{2})$/.exec(key);
  return match ? { seriesId: match[1] ?? '', scheduledDate: match[2] ?? '' } : null;
};

/**
 * The occurrence a key names, as the series (with its exceptions) puts it now; null when the series
 * does not exist or puts no occurrence on that date. A moved occurrence keeps its key.
 */
export const occurrenceByKey = async (
  executor: Executor,
  key: string,
): Promise<{ stored: StoredSeries; occurrence: Occurrence } | null> => {
  const parsed = parseOccurrenceKey(key);
  if (!parsed) return null;
  const stored = await loadSeries(executor, parsed.seriesId);
  if (!stored) return null;
  const { timeZone } = stored.series;
  // Moves stay within a few weeks of their date; search generously around it.
  const from = startOfLocalDay(addDays(parsed.scheduledDate, -31), timeZone);
  const to = startOfLocalDay(addDays(parsed.scheduledDate, 32), timeZone);
  const occurrence = expandOccurrences(stored.series, from, to).find((o) => o.key === key);
  return occurrence ? { stored, occurrence } : null;
};

/** Memberships of these series (current and past); callers decide who is booked for which occurrence. */
export const membershipsOf = async (
  executor: Executor,
  seriesIds: readonly string[],
): Promise<SeriesMembershipsTable[]> =>
  seriesIds.length === 0
    ? []
    : executor
        .selectFrom('series_memberships')
        .selectAll()
        .where('series_id', 'in', [...seriesIds])
        .execute();

export const changeFromRow = (row: OccurrenceBookingsTable): BookingChange => ({
  occurrenceKey: `${row.series_id}@${row.scheduled_date}`,
  patientId: row.patient_id,
  kind: row.kind === 'skip' ? 'skip' : 'add',
  pinned: row.pinned === 1,
});

/** Per-occurrence booking changes of these series, by occurrence key; `from`/`to` narrow to scheduled dates. */
export const bookingChangesOf = async (
  executor: Executor,
  seriesIds: readonly string[],
  window: { from?: LocalDate; to?: LocalDate } = {},
): Promise<Map<string, BookingChange[]>> => {
  if (seriesIds.length === 0) return new Map();
  let query = executor
    .selectFrom('occurrence_bookings')
    .selectAll()
    .where('series_id', 'in', [...seriesIds]);
  if (window.from !== undefined) query = query.where('scheduled_date', '>=', window.from);
  if (window.to !== undefined) query = query.where('scheduled_date', '<=', window.to);
  return groupChanges((await query.execute()).map(changeFromRow));
};

/**
 * The patients booked into one occurrence: its series' members on that date, minus skips, plus adds
 * (occurrenceBookings.ts). Every reader of "who is booked" comes through here or `bookedInto`.
 */
export const bookedPatientIds = async (executor: Executor, occurrence: Occurrence): Promise<string[]> => {
  const [memberships, changes] = await Promise.all([
    membershipsOf(executor, [occurrence.seriesId]),
    executor
      .selectFrom('occurrence_bookings')
      .selectAll()
      .where('series_id', '=', occurrence.seriesId)
      .where('scheduled_date', '=', occurrence.scheduledDate)
      .execute(),
  ]);
  return bookedInto(memberships.map(membershipFromRow), occurrence, groupChanges(changes.map(changeFromRow)));
};
