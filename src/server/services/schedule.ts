import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type {
  CreateRoomBody,
  CreateSeriesBody,
  Room,
  RoomListQuery,
  Series,
  SeriesListQuery,
  UpdateRoomBody,
  UpdateSeriesBody,
  VersionBody,
} from '../../core/api/schedule.js';
import { DomainError, type FieldError } from '../../core/errors/domainError.js';
import { DEFAULT_CAPACITY, type SessionSeries, validateSeries } from '../../core/schedule/recurrence.js';
import { recordAudit } from '../../db/audit.js';
import type { Database, RoomsTable, SessionSeriesTable } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor } from './access.js';
import {
  authorizeSeries,
  checkClinician,
  checkRoom,
  invalid,
  mayOnSeries,
  requireManagerAt,
  siteTimeZone,
  stale,
} from './scheduleAccess.js';
import { combineOverbookings, refuseOverbooking, sessionsOverCapacity } from './scheduleCapacity.js';
import { loadSeriesByIds, seriesFromRow, type StoredSeries } from './seriesStore.js';

/**
 * Rooms and session series (SPEC §5). A series is a weekly pattern at a site; its occurrences are
 * computed, never stored (see core/schedule). Edits rewrite the pattern: they take effect for every
 * occurrence not yet held, and a held session's facts stay in its roll call.
 */

// --- Rooms ---------------------------------------------------------------------------------------

const presentRoom = (row: RoomsTable): Room => ({
  id: row.id,
  siteId: row.site_id,
  name: row.name,
  seats: row.seats,
  active: row.active === 1,
  version: row.version,
});

/** Rooms of a site, for any staff member who works there (administrators: any site). */
export const listRooms = async (
  deps: AppDeps,
  ctx: RequestContext,
  query: RoomListQuery,
): Promise<Room[]> => {
  if (ctx.actor.role !== 'admin' && !ctx.actor.siteIds.includes(query.siteId))
    throw new DomainError('NOT_FOUND', 'No such site.');
  const rows = await deps.db.kysely
    .selectFrom('rooms')
    .selectAll()
    .where('site_id', '=', query.siteId)
    .orderBy('name')
    .execute();
  return rows.map(presentRoom);
};

const nameTaken = (error: unknown): boolean => /unique|duplicate/i.test(String(error));

export const createRoom = async (deps: AppDeps, ctx: RequestContext, body: CreateRoomBody): Promise<Room> => {
  await requireManagerAt(deps, ctx, body.siteId, 'room.create');
  if ((await siteTimeZone(deps.db.kysely, body.siteId)) === null)
    throw invalid([{ field: '/siteId', message: 'is not a site' }]);
  const nowIso = deps.clock.now().toISOString();
  const row: RoomsTable = {
    id: randomUUID(),
    site_id: body.siteId,
    name: body.name.trim(),
    seats: body.seats,
    active: 1,
    created_at: nowIso,
    updated_at: nowIso,
    version: 1,
  };
  try {
    await deps.db.kysely.insertInto('rooms').values(row).execute();
  } catch (error) {
    if (nameTaken(error)) throw new DomainError('CONFLICT', 'The site already has a room of that name.');
    throw error;
  }
  return presentRoom(row);
};

/** Fewer seats must still hold everyone booked into the sessions held in the room. */
const refuseRoomOverbooking = async (
  trx: Transaction<Database>,
  roomId: string,
  seats: number,
  nowMs: number,
): Promise<void> => {
  const ids = (
    await trx
      .selectFrom('session_series')
      .select('id')
      .where('room_id', '=', roomId)
      .where('archived_at', 'is', null)
      .execute()
  ).map((r) => r.id);
  const over = [];
  for (const { series } of await loadSeriesByIds(trx, ids))
    over.push(await sessionsOverCapacity(trx, series, seats, nowMs, roomId));
  refuseOverbooking(combineOverbookings(over), seats, '/seats');
};

export const updateRoom = async (
  deps: AppDeps,
  ctx: RequestContext,
  roomId: string,
  body: UpdateRoomBody,
): Promise<Room> => {
  const room = await deps.db.kysely
    .selectFrom('rooms')
    .selectAll()
    .where('id', '=', roomId)
    .executeTakeFirst();
  if (!room || (ctx.actor.role !== 'admin' && !ctx.actor.siteIds.includes(room.site_id)))
    throw new DomainError('NOT_FOUND', 'No such room.');
  await requireManagerAt(deps, ctx, room.site_id, 'room.update', { type: 'room', id: roomId });
  // Compared here first: a version past the column's range must be stale, not a database error.
  if (room.version !== body.version) throw stale('room', room.version);
  const changes = {
    ...(body.name !== undefined ? { name: body.name.trim() } : {}),
    ...(body.seats !== undefined ? { seats: body.seats } : {}),
    ...(body.active !== undefined ? { active: body.active ? 1 : 0 } : {}),
  };
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  try {
    await deps.db.kysely.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('rooms')
        .set({ ...changes, updated_at: nowIso, version: room.version + 1 })
        .where('id', '=', roomId)
        .where('version', '=', body.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw stale('room', room.version);
      if (body.seats !== undefined && body.seats < room.seats)
        await refuseRoomOverbooking(trx, roomId, body.seats, now.getTime());
    });
  } catch (error) {
    if (nameTaken(error)) throw new DomainError('CONFLICT', 'The site already has a room of that name.');
    throw error;
  }
  return presentRoom({ ...room, ...changes, updated_at: nowIso, version: room.version + 1 });
};

// --- Series --------------------------------------------------------------------------------------

export const presentSeries = ({ row, series }: StoredSeries): Series => ({
  id: row.id,
  siteId: row.site_id,
  timeZone: series.timeZone,
  programId: row.program_id,
  trackId: row.track_id,
  kind: series.kind,
  title: row.title,
  clinicianId: row.clinician_id,
  roomId: row.room_id,
  telehealthUrl: row.telehealth_url,
  capacity: row.capacity,
  enrolment: series.enrolment,
  audience: row.audience === 'adolescent' ? 'adolescent' : 'adult',
  gender: row.gender === 'women' || row.gender === 'men' ? row.gender : null,
  weekdays: [...series.weekdays],
  startTime: row.start_time,
  durationMinutes: row.duration_minutes,
  everyWeeks: row.every_weeks,
  startsOn: row.starts_on,
  endsOn: row.ends_on,
  archived: row.archived_at !== null,
  version: row.version,
});

/** Series the caller may see, filtered; without a site, every site the caller reads. */
export const listSeries = async (
  deps: AppDeps,
  ctx: RequestContext,
  query: SeriesListQuery,
): Promise<Series[]> => {
  let q = deps.db.kysely.selectFrom('session_series').select('id');
  if (query.siteId) q = q.where('site_id', '=', query.siteId);
  if (query.trackId) q = q.where('track_id', '=', query.trackId);
  if (query.clinicianId) q = q.where('clinician_id', '=', query.clinicianId);
  if (query.includeArchived !== true) q = q.where('archived_at', 'is', null);
  if (ctx.actor.role !== 'admin') {
    const sites = ctx.actor.siteIds.length > 0 ? [...ctx.actor.siteIds] : [''];
    q = q.where((eb) => eb.or([eb('site_id', 'in', sites), eb('clinician_id', '=', ctx.actor.userId)]));
  }
  const ids = (await q.execute()).map((r) => r.id);
  const stored = await loadSeriesByIds(deps.db.kysely, ids);
  return stored
    .filter((s) => mayOnSeries(ctx, s, 'session.read'))
    .sort(
      (a, b) => a.row.start_time.localeCompare(b.row.start_time) || a.row.title.localeCompare(b.row.title),
    )
    .map(presentSeries);
};

export const getSeries = async (deps: AppDeps, ctx: RequestContext, seriesId: string): Promise<Series> =>
  presentSeries(await authorizeSeries(deps, ctx, seriesId, 'session.read'));

const weekdaysText = (weekdays: readonly number[]): string => [...weekdays].sort((a, b) => a - b).join(',');

/**
 * Field errors of a series row about to be stored: the pure checks (validateSeries) plus what only
 * the database knows — the leader works at the site, the room is the site's and seats the capacity,
 * the program and track belong to the site.
 */
const checkSeriesRow = async (
  deps: AppDeps,
  row: SessionSeriesTable,
  timeZone: string,
  /** On an edit, only what it changes is checked against the database: an unchanged leader stays valid. */
  changed: ReadonlySet<keyof SessionSeriesTable> | 'all',
): Promise<FieldError[]> => {
  const checks = (column: keyof SessionSeriesTable) => changed === 'all' || changed.has(column);
  const db = deps.db.kysely;
  // Exceptions are checked when they are made; an edit that drops a weekday leaves old ones inert.
  const series: SessionSeries = { ...seriesFromRow(row, timeZone, []), exceptions: [] };
  const errors = validateSeries(series);
  if (checks('clinician_id'))
    errors.push(...(await checkClinician(db, row.clinician_id, row.site_id, '/clinicianId')));
  if (row.room_id !== null && (checks('room_id') || checks('capacity'))) {
    const room = await checkRoom(db, row.room_id, row.site_id, '/roomId');
    errors.push(...room.errors);
    if (room.seats !== null && row.capacity > room.seats)
      errors.push({ field: '/capacity', message: `must not exceed the room’s ${room.seats} seats` });
  }
  if (row.program_id !== null && checks('program_id')) {
    const program = await db
      .selectFrom('programs')
      .select('id')
      .where('id', '=', row.program_id)
      .where('site_id', '=', row.site_id)
      .executeTakeFirst();
    if (!program) errors.push({ field: '/programId', message: 'must be a program of the site' });
  }
  if (row.track_id !== null && checks('track_id')) {
    const track = await db
      .selectFrom('tracks')
      .select('program_id')
      .where('id', '=', row.track_id)
      .executeTakeFirst();
    if (!track || track.program_id !== row.program_id)
      errors.push({ field: '/trackId', message: 'must be a track of the series’ program' });
  }
  // The same field may be named twice (weekdays); once is enough for a form.
  const seen = new Set<string>();
  return errors.filter((e) =>
    seen.has(e.field + e.message) ? false : (seen.add(e.field + e.message), true),
  );
};

export const createSeries = async (
  deps: AppDeps,
  ctx: RequestContext,
  body: CreateSeriesBody,
): Promise<Series> => {
  await requireManagerAt(deps, ctx, body.siteId, 'session.manage');
  const db = deps.db.kysely;
  const timeZone = await siteTimeZone(db, body.siteId);
  if (timeZone === null) throw invalid([{ field: '/siteId', message: 'is not a site' }]);
  let programId = body.programId ?? null;
  if (programId === null && body.trackId) {
    const track = await db
      .selectFrom('tracks')
      .select('program_id')
      .where('id', '=', body.trackId)
      .executeTakeFirst();
    programId = track?.program_id ?? null;
  }
  const nowIso = deps.clock.now().toISOString();
  const row: SessionSeriesTable = {
    id: randomUUID(),
    site_id: body.siteId,
    program_id: programId,
    track_id: body.trackId ?? null,
    kind: body.kind,
    title: body.title.trim(),
    clinician_id: body.clinicianId,
    room_id: body.roomId ?? null,
    telehealth_url: body.telehealthUrl ?? null,
    capacity: body.capacity ?? DEFAULT_CAPACITY[body.kind],
    enrolment: body.enrolment ?? 'rolling',
    audience: body.audience ?? 'adult',
    gender: body.gender ?? null,
    weekdays: weekdaysText(body.weekdays),
    start_time: body.startTime,
    duration_minutes: body.durationMinutes,
    every_weeks: body.everyWeeks ?? 1,
    starts_on: body.startsOn,
    ends_on: body.endsOn ?? null,
    archived_at: null,
    created_by: ctx.actor.userId,
    created_at: nowIso,
    updated_at: nowIso,
    version: 1,
  };
  const errors = await checkSeriesRow(deps, row, timeZone, 'all');
  if (errors.length > 0) throw invalid(errors, 'The series is not valid.');
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('session_series').values(row).execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'schedule.series.create',
        patientIds: [],
        recordType: 'session_series',
        recordId: row.id,
      },
      deps.clock.now(),
    );
  });
  return presentSeries({ row, series: seriesFromRow(row, timeZone, []) });
};

const withVersion = async (
  deps: AppDeps,
  ctx: RequestContext,
  stored: StoredSeries,
  version: number,
  changes: Partial<SessionSeriesTable>,
  action: string,
  /** Checks the changed series inside the write's transaction, after its row is locked; throws to refuse. */
  verify?: (trx: Transaction<Database>, next: SessionSeries) => Promise<void>,
): Promise<Series> => {
  const nowIso = deps.clock.now().toISOString();
  const next: SessionSeriesTable = {
    ...stored.row,
    ...changes,
    updated_at: nowIso,
    version: stored.row.version + 1,
  };
  await deps.db.kysely.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('session_series')
      .set({ ...changes, updated_at: nowIso, version: next.version })
      .where('id', '=', stored.row.id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw stale('series', stored.row.version);
    if (verify)
      await verify(trx, {
        ...seriesFromRow(next, stored.series.timeZone, []),
        exceptions: stored.series.exceptions,
      });
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action,
        patientIds: [],
        recordType: 'session_series',
        recordId: stored.row.id,
        detail: { changed: Object.keys(changes) },
      },
      deps.clock.now(),
    );
  });
  return presentSeries({ row: next, series: seriesFromRow(next, stored.series.timeZone, []) });
};

export const updateSeries = async (
  deps: AppDeps,
  ctx: RequestContext,
  seriesId: string,
  body: UpdateSeriesBody,
): Promise<Series> => {
  const stored = await authorizeSeries(deps, ctx, seriesId, 'session.manage');
  if (stored.row.archived_at !== null)
    throw new DomainError('INVALID_STATE', 'The series is archived; create a new one instead.');
  if (stored.row.version !== body.version) throw stale('series', stored.row.version);
  const changes: Partial<SessionSeriesTable> = {
    ...(body.title !== undefined ? { title: body.title.trim() } : {}),
    ...(body.clinicianId !== undefined ? { clinician_id: body.clinicianId } : {}),
    ...(body.roomId !== undefined ? { room_id: body.roomId } : {}),
    ...(body.telehealthUrl !== undefined ? { telehealth_url: body.telehealthUrl } : {}),
    ...(body.capacity !== undefined ? { capacity: body.capacity } : {}),
    ...(body.enrolment !== undefined ? { enrolment: body.enrolment } : {}),
    ...(body.audience !== undefined ? { audience: body.audience } : {}),
    ...(body.gender !== undefined ? { gender: body.gender } : {}),
    ...(body.weekdays !== undefined ? { weekdays: weekdaysText(body.weekdays) } : {}),
    ...(body.startTime !== undefined ? { start_time: body.startTime } : {}),
    ...(body.durationMinutes !== undefined ? { duration_minutes: body.durationMinutes } : {}),
    ...(body.everyWeeks !== undefined ? { every_weeks: body.everyWeeks } : {}),
    ...(body.endsOn !== undefined ? { ends_on: body.endsOn } : {}),
  };
  const errors = await checkSeriesRow(
    deps,
    { ...stored.row, ...changes },
    stored.series.timeZone,
    new Set(Object.keys(changes) as (keyof SessionSeriesTable)[]),
  );
  if (errors.length > 0) throw invalid(errors, 'The series is not valid.');
  const lowered = body.capacity !== undefined && body.capacity < stored.row.capacity;
  return withVersion(
    deps,
    ctx,
    stored,
    body.version,
    changes,
    'schedule.series.update',
    lowered
      ? async (trx, next) =>
          refuseOverbooking(
            await sessionsOverCapacity(trx, next, next.capacity, deps.clock.now().getTime()),
            next.capacity,
            '/capacity',
          )
      : undefined,
  );
};

/** Archived series leave the calendar and take no new members; their history stays. */
export const archiveSeries = async (
  deps: AppDeps,
  ctx: RequestContext,
  seriesId: string,
  body: VersionBody,
): Promise<Series> => {
  const stored = await authorizeSeries(deps, ctx, seriesId, 'session.manage');
  if (stored.row.version !== body.version) throw stale('series', stored.row.version);
  if (stored.row.archived_at !== null) return presentSeries(stored);
  return withVersion(
    deps,
    ctx,
    stored,
    body.version,
    { archived_at: deps.clock.now().toISOString() },
    'schedule.series.archive',
  );
};
