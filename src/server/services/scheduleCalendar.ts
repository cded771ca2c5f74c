import type { Kysely, Transaction } from 'kysely';
import { decideSessionAccess } from '../../core/access/sessionPolicy.js';
import type { OpeningHours } from '../../core/alerts/escalation.js';
import type {
  Calendar,
  CalendarOccurrence,
  CalendarQuery,
  OccurrenceSummary,
} from '../../core/api/schedule.js';
import type { CapacityCap } from '../../core/schedule/capacity.js';
import { effectiveCapacity } from '../../core/schedule/capacity.js';
import { cancelledByClosures, type ClinicClosure } from '../../core/schedule/closures.js';
import { addDays, daysFrom, type LocalDate, startOfLocalDay } from '../../core/schedule/localTime.js';
import type { SeriesMembership } from '../../core/schedule/membership.js';
import { bookedInto, type ChangesByOccurrence } from '../../core/schedule/occurrenceBookings.js';
import { expandOccurrences, type Occurrence } from '../../core/schedule/recurrence.js';
import { recordReadAudit } from '../../db/audit.js';
import type { ClinicClosuresTable, Database } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor, authorizePatient } from './access.js';
import { invalid, mayOnSeries } from './scheduleAccess.js';
import {
  bookingChangesOf,
  loadSeriesByIds,
  membershipFromRow,
  membershipsOf,
  type StoredSeries,
} from './seriesStore.js';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * The calendar (SPEC §5): occurrences of many series in a window, expanded in memory from one query
 * per table, with closures applied, effective capacity and how many are booked. Also the loaders the
 * move and join checks share.
 */

/** The longest calendar window: six weeks, a month view with its leading and trailing days. */
export const MAX_CALENDAR_DAYS = 42;
/** A moved occurrence stays within a month of its date (see seriesStore.occurrenceByKey). */
const MOVE_SLACK_DAYS = 32;

export const closureFromRow = (row: ClinicClosuresTable): ClinicClosure => ({
  id: row.id,
  siteId: row.site_id,
  reason: row.reason,
  span:
    row.from_date !== null && row.to_date !== null
      ? { kind: 'days', from: row.from_date, to: row.to_date }
      : { kind: 'instants', startMs: Date.parse(row.starts_at ?? ''), endMs: Date.parse(row.ends_at ?? '') },
});

export const activeClosures = async (
  executor: Executor,
  siteIds: readonly string[],
): Promise<ClinicClosure[]> =>
  siteIds.length === 0
    ? []
    : (
        await executor
          .selectFrom('clinic_closures')
          .selectAll()
          .where('site_id', 'in', [...siteIds])
          .where('withdrawn_at', 'is', null)
          .orderBy('created_at')
          .execute()
      ).map(closureFromRow);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;

export const loadCaps = async (executor: Executor): Promise<CapacityCap[]> =>
  (await executor.selectFrom('capacity_caps').selectAll().execute()).map((row) => {
    let conditions: unknown = {};
    try {
      conditions = JSON.parse(row.conditions);
    } catch {
      conditions = {};
    }
    const c = isRecord(conditions) ? conditions : {};
    return {
      id: row.id,
      source: row.source === 'state' || row.source === 'payer' ? row.source : 'program',
      label: row.label,
      maxPatients: row.max_patients,
      kinds: strings(c.kinds) as CapacityCap['kinds'],
      programIds: strings(c.programIds),
      siteIds: strings(c.siteIds),
      payerIds: strings(c.payerIds),
    };
  });

/**
 * Payers of patients, for payer caps. Coverages name their payer; the name is the payer's id in a
 * cap's `payerIds` until payers are records of their own.
 */
export const payersOf = async (
  executor: Executor,
  patientIds: readonly string[],
  caps: readonly CapacityCap[],
): Promise<Map<string, string[]>> => {
  const payers = new Map<string, string[]>();
  if (patientIds.length === 0 || !caps.some((c) => c.payerIds !== undefined)) return payers;
  const rows = await executor
    .selectFrom('coverages')
    .select(['patient_id', 'payer_name'])
    .where('patient_id', 'in', [...new Set(patientIds)])
    .execute();
  for (const row of rows) {
    if (row.patient_id === null) continue;
    payers.set(row.patient_id, [...(payers.get(row.patient_id) ?? []), row.payer_name]);
  }
  return payers;
};

/** Site hours for the move check: the `schedule.siteHours` setting; none set, no limit (evening tracks run late). */
export const SITE_HOURS_SETTING = 'schedule.siteHours';
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export const loadSiteHours = async (executor: Executor): Promise<OpeningHours | null> => {
  const row = await executor
    .selectFrom('settings')
    .select('value')
    .where('key', '=', SITE_HOURS_SETTING)
    .executeTakeFirst();
  if (!row) return null;
  try {
    const value: unknown = JSON.parse(row.value);
    if (!isRecord(value)) return null;
    const { weekdays, opens, closes } = value;
    if (!Array.isArray(weekdays) || typeof opens !== 'string' || typeof closes !== 'string') return null;
    if (!HH_MM.test(opens) || !HH_MM.test(closes) || opens >= closes) return null;
    return { weekdays: weekdays.filter((d): d is number => Number.isInteger(d)), opens, closes };
  } catch {
    return null;
  }
};

export const summarizeOccurrence = (o: Occurrence): OccurrenceSummary => ({
  key: o.key,
  seriesId: o.seriesId,
  scheduledDate: o.scheduledDate,
  localDate: o.localDate,
  localStartTime: o.localStartTime,
  start: o.startIso,
  end: o.endIso,
  durationMinutes: o.durationMinutes,
  clinicianId: o.clinicianId,
  roomId: o.roomId,
  moved: o.moved,
  cancelled: o.cancellation !== null,
  cancellationReason: o.cancellation,
});

/** The window `[from, to]` (whole local days) as instants in a zone. */
export const windowOf = (from: LocalDate, to: LocalDate, timeZone: string): [number, number] => [
  startOfLocalDay(from, timeZone),
  startOfLocalDay(addDays(to, 1), timeZone),
];

export const membershipsBySeries = (
  rows: Awaited<ReturnType<typeof membershipsOf>>,
): Map<string, SeriesMembership[]> => {
  const bySeries = new Map<string, SeriesMembership[]>();
  for (const row of rows) {
    const m = membershipFromRow(row);
    bySeries.set(m.seriesId, [...(bySeries.get(m.seriesId) ?? []), m]);
  }
  return bySeries;
};

/** The booked patients of an occurrence: its members, with the occurrence's own adds and skips. */
export const bookedIn = (
  memberships: readonly SeriesMembership[] | undefined,
  o: Occurrence,
  changes?: ChangesByOccurrence,
): string[] => bookedInto(memberships, o, changes);

/** Effective capacity of one occurrence, given its booked patients (and a candidate's payers). */
export const capacityOfOccurrence = (
  o: Occurrence,
  seatsByRoom: ReadonlyMap<string, number>,
  caps: readonly CapacityCap[],
  payerIds: readonly string[],
): number =>
  effectiveCapacity(
    { occurrence: o, roomSeats: o.roomId !== null ? (seatsByRoom.get(o.roomId) ?? null) : null, payerIds },
    caps,
  ).capacity;

export const getCalendar = async (
  deps: AppDeps,
  ctx: RequestContext,
  query: CalendarQuery,
): Promise<Calendar> => {
  const db = deps.db.kysely;
  const from = query.from;
  const to = query.to ?? addDays(from, 6);
  if (to < from) throw invalid([{ field: '/to', message: 'must be on or after from' }]);
  if (daysFrom(from, to) >= MAX_CALENDAR_DAYS)
    throw invalid([{ field: '/to', message: `must be within ${MAX_CALENDAR_DAYS} days of from` }]);

  let patientSeries: string[] | null = null;
  if (query.patientId) {
    await authorizePatient(deps, ctx, query.patientId, 'schedule.read');
    patientSeries = (
      await db
        .selectFrom('series_memberships')
        .select('series_id')
        .where('patient_id', '=', query.patientId)
        .union(
          db
            .selectFrom('occurrence_bookings')
            .select('series_id')
            .where('patient_id', '=', query.patientId)
            .where('kind', '=', 'add'),
        )
        .execute()
    ).map((r) => r.series_id);
  }

  let q = db
    .selectFrom('session_series')
    .select('id')
    .where('archived_at', 'is', null)
    .where('starts_on', '<=', addDays(to, MOVE_SLACK_DAYS))
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', addDays(from, -MOVE_SLACK_DAYS))]));
  if (query.siteId) q = q.where('site_id', '=', query.siteId);
  if (query.trackId) q = q.where('track_id', '=', query.trackId);
  if (patientSeries !== null) q = q.where('id', 'in', patientSeries.length > 0 ? patientSeries : ['']);
  if (ctx.actor.role !== 'admin') {
    const sites = ctx.actor.siteIds.length > 0 ? [...ctx.actor.siteIds] : [''];
    q = q.where((eb) => eb.or([eb('site_id', 'in', sites), eb('clinician_id', '=', ctx.actor.userId)]));
  }
  const ids = (await q.execute()).map((r) => r.id);
  const stored = (await loadSeriesByIds(db, ids)).filter((s) => mayOnSeries(ctx, s, 'session.read'));
  const siteIds = [...new Set(stored.map((s) => s.row.site_id))];

  const occurrences: { o: Occurrence; s: StoredSeries }[] = [];
  for (const s of stored) {
    const [fromMs, toMs] = windowOf(from, to, s.series.timeZone);
    for (const o of expandOccurrences(s.series, fromMs, toMs)) {
      if (query.clinicianId && o.clinicianId !== query.clinicianId) continue;
      if (query.roomId && o.roomId !== query.roomId) continue;
      occurrences.push({ o, s });
    }
  }
  const seriesIds = [...new Set(occurrences.map((x) => x.o.seriesId))];
  const roomIds = [...new Set(occurrences.flatMap((x) => (x.o.roomId !== null ? [x.o.roomId] : [])))];
  const userIds = [...new Set(occurrences.map((x) => x.o.clinicianId))];
  const [membershipRows, changes, closures, rooms, users, caps] = await Promise.all([
    membershipsOf(db, seriesIds),
    bookingChangesOf(db, seriesIds, {
      from: addDays(from, -MOVE_SLACK_DAYS),
      to: addDays(to, MOVE_SLACK_DAYS),
    }),
    activeClosures(db, siteIds),
    roomIds.length > 0
      ? db.selectFrom('rooms').select(['id', 'name', 'seats']).where('id', 'in', roomIds).execute()
      : Promise.resolve([]),
    userIds.length > 0
      ? db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute()
      : Promise.resolve([]),
    loadCaps(db),
  ]);
  const memberships = membershipsBySeries(membershipRows);
  const payers = await payersOf(
    db,
    [...membershipRows.map((m) => m.patient_id), ...[...changes.values()].flat().map((c) => c.patientId)],
    caps,
  );
  const roomById = new Map(rooms.map((r) => [r.id, r]));
  const seatsByRoom = new Map(rooms.map((r) => [r.id, r.seats]));
  const nameById = new Map(users.map((u) => [u.id, u.display_name]));
  const closedBy = new Map(
    cancelledByClosures(
      closures,
      occurrences.map((x) => x.o),
    ).map((c) => [c.occurrenceKey, c.reason]),
  );

  const shown: CalendarOccurrence[] = [];
  for (const { o, s } of occurrences.sort(
    (a, b) => a.o.startMs - b.o.startMs || a.o.key.localeCompare(b.o.key),
  )) {
    const booked = bookedIn(memberships.get(o.seriesId), o, changes);
    if (query.patientId && !booked.includes(query.patientId)) continue;
    const room = o.roomId !== null ? roomById.get(o.roomId) : undefined;
    const closureReason = closedBy.get(o.key) ?? null;
    shown.push({
      key: o.key,
      seriesId: o.seriesId,
      scheduledDate: o.scheduledDate,
      siteId: o.siteId,
      timeZone: o.timeZone,
      programId: o.programId,
      trackId: o.trackId,
      kind: o.kind,
      title: o.title,
      start: o.startIso,
      end: o.endIso,
      localDate: o.localDate,
      localStartTime: o.localStartTime,
      durationMinutes: o.durationMinutes,
      clinician: { id: o.clinicianId, displayName: nameById.get(o.clinicianId) ?? '' },
      room: room ? { id: room.id, name: room.name } : null,
      telehealth: o.telehealthUrl !== null,
      capacity: capacityOfOccurrence(
        o,
        seatsByRoom,
        caps,
        booked.flatMap((p) => payers.get(p) ?? []),
      ),
      bookedCount: booked.length,
      moved: o.moved,
      cancelled: o.cancellation !== null || closureReason !== null,
      cancellationReason: o.cancellation,
      closureReason,
      canManage: decideSessionAccess(
        ctx.actor,
        { siteId: s.row.site_id, clinicianId: s.row.clinician_id },
        'session.manage',
      ).allowed,
    });
  }
  if (query.patientId)
    await recordReadAudit(
      deps.db,
      {
        ...auditFor(ctx),
        action: 'schedule.calendar.read',
        patientIds: [query.patientId],
        recordType: 'patient',
        recordId: query.patientId,
        detail: { from, to, occurrences: shown.length },
      },
      deps.clock.now(),
    );
  return { from, to, occurrences: shown };
};
