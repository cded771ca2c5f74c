import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { CancelOccurrenceBody, MoveOccurrenceBody, OccurrenceSummary } from '../../core/api/schedule.js';
import { DomainError, type FieldError } from '../../core/errors/domainError.js';
import { placementConflicts, type Placement } from '../../core/schedule/conflicts.js';
import { addDays, daysFrom, type LocalDate, startOfLocalDay } from '../../core/schedule/localTime.js';
import {
  expandOccurrences,
  type Occurrence,
  patternIncludes,
  type SeriesException,
  type SessionSeries,
} from '../../core/schedule/recurrence.js';
import { bookingsWithChanges } from '../../core/schedule/occurrenceBookings.js';
import { recordAudit } from '../../db/audit.js';
import type { Database, SeriesExceptionsTable } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor } from './access.js';
import { authorizeSeries, checkClinician, checkRoom, invalid } from './scheduleAccess.js';
import {
  activeClosures,
  bookedIn,
  loadSiteHours,
  membershipsBySeries,
  summarizeOccurrence,
} from './scheduleCalendar.js';
import { bookingChangesOf, loadSeriesByIds, membershipsOf, type StoredSeries } from './seriesStore.js';

/**
 * One occurrence cancelled or moved (SPEC §5), stored as the series' exception for the date the
 * pattern puts it on (one per series and date: a second change replaces the first). A move is
 * refused with every conflict at once; a held session (one with a roll call) is not changed.
 */

/** How far a single session may move from its scheduled date. */
export const MAX_MOVE_DAYS = 28;

/** The occurrence a series puts on a date, with `exception` applied in place of any stored one. */
const occurrenceWith = (
  series: SessionSeries,
  date: LocalDate,
  exception: SeriesException | null,
): { series: SessionSeries; occurrence: Occurrence | undefined } => {
  const candidate: SessionSeries = {
    ...series,
    exceptions: [...series.exceptions.filter((e) => e.date !== date), ...(exception ? [exception] : [])],
  };
  const key = `${series.id}@${date}`;
  const target = exception?.kind === 'moved' ? exception.toDate : date;
  const from = startOfLocalDay(addDays(target < date ? target : date, -1), series.timeZone);
  const to = startOfLocalDay(addDays(target > date ? target : date, 2), series.timeZone);
  return { series: candidate, occurrence: expandOccurrences(candidate, from, to).find((o) => o.key === key) };
};

const requireScheduled = (stored: StoredSeries, date: LocalDate): void => {
  if (!patternIncludes(stored.series, date))
    throw new DomainError('NOT_FOUND', `The series has no session on ${date}.`);
};

const requireNotHeld = async (trx: Transaction<Database>, key: string): Promise<void> => {
  const held = await trx
    .selectFrom('roll_calls')
    .select('id')
    .where('occurrence_key', '=', key)
    .executeTakeFirst();
  if (held)
    throw new DomainError(
      'CONFLICT',
      'This session has a roll call already; correct the roll call instead.',
      {
        extra: { reason: 'SESSION_HELD' },
      },
    );
};

const saveException = async (
  trx: Transaction<Database>,
  seriesId: string,
  date: LocalDate,
  values: Pick<
    SeriesExceptionsTable,
    'kind' | 'reason' | 'to_date' | 'to_start_time' | 'duration_minutes' | 'room_id' | 'clinician_id'
  >,
  actorId: string,
  nowIso: string,
): Promise<void> => {
  const existing = await trx
    .selectFrom('series_exceptions')
    .select(['id', 'version'])
    .where('series_id', '=', seriesId)
    .where('scheduled_date', '=', date)
    .executeTakeFirst();
  if (existing) {
    await trx
      .updateTable('series_exceptions')
      .set({ ...values, updated_at: nowIso, version: existing.version + 1 })
      .where('id', '=', existing.id)
      .execute();
    return;
  }
  await trx
    .insertInto('series_exceptions')
    .values({
      id: randomUUID(),
      series_id: seriesId,
      scheduled_date: date,
      ...values,
      created_by: actorId,
      created_at: nowIso,
      updated_at: nowIso,
      version: 1,
    })
    .execute();
};

export const cancelOccurrence = async (
  deps: AppDeps,
  ctx: RequestContext,
  seriesId: string,
  date: LocalDate,
  body: CancelOccurrenceBody,
): Promise<OccurrenceSummary> => {
  const stored = await authorizeSeries(deps, ctx, seriesId, 'session.manage');
  requireScheduled(stored, date);
  const reason = body.reason.trim();
  const { occurrence } = occurrenceWith(stored.series, date, { kind: 'cancelled', date, reason });
  if (!occurrence) throw new DomainError('NOT_FOUND', `The series has no session on ${date}.`);
  const now = deps.clock.now();
  await deps.db.kysely.transaction().execute(async (trx) => {
    await requireNotHeld(trx, occurrence.key);
    const members = membershipsBySeries(await membershipsOf(trx, [seriesId])).get(seriesId);
    const changes = await bookingChangesOf(trx, [seriesId], { from: date, to: date });
    await saveException(
      trx,
      seriesId,
      date,
      {
        kind: 'cancelled',
        reason,
        to_date: null,
        to_start_time: null,
        duration_minutes: null,
        room_id: null,
        clinician_id: null,
      },
      ctx.actor.userId,
      now.toISOString(),
    );
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'schedule.occurrence.cancel',
        patientIds: bookedIn(members, occurrence, changes),
        recordType: 'session_series',
        recordId: seriesId,
        detail: { occurrenceKey: occurrence.key, reason },
      },
      now,
    );
  });
  return summarizeOccurrence(occurrence);
};

/**
 * Everything near a placement that could conflict with it: occurrences of series led by the same
 * clinician, in the same room or attended by the same patients (also through a moved occurrence),
 * their bookings, the site's closures and its hours.
 */
const conflictsOf = async (
  trx: Transaction<Database>,
  placement: Placement,
  candidate: SessionSeries,
): Promise<ReturnType<typeof placementConflicts>> => {
  const near = (days: number) => addDays(placement.localDate, days);
  const patientIds = placement.patientIds.length > 0 ? [...placement.patientIds] : [''];
  const rows = await trx
    .selectFrom('session_series')
    .select('id')
    .where('archived_at', 'is', null)
    .where('starts_on', '<=', near(2))
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', near(-33))]))
    .where((eb) =>
      eb.or([
        eb('clinician_id', '=', placement.clinicianId),
        ...(placement.roomId !== null ? [eb('room_id', '=', placement.roomId)] : []),
        eb(
          'id',
          'in',
          eb
            .selectFrom('series_exceptions')
            .select('series_id')
            .where((x) =>
              x.or([
                x('clinician_id', '=', placement.clinicianId),
                ...(placement.roomId !== null ? [x('room_id', '=', placement.roomId)] : []),
              ]),
            ),
        ),
        eb(
          'id',
          'in',
          eb.selectFrom('series_memberships').select('series_id').where('patient_id', 'in', patientIds),
        ),
        eb(
          'id',
          'in',
          eb
            .selectFrom('occurrence_bookings')
            .select('series_id')
            .where('patient_id', 'in', patientIds)
            .where('kind', '=', 'add'),
        ),
      ]),
    )
    .execute();
  const others = (
    await loadSeriesByIds(
      trx,
      rows.map((r) => r.id),
    )
  )
    .filter((s) => s.series.id !== candidate.id)
    .map((s) => s.series);
  const all = [candidate, ...others];
  const dayMs = 86_400_000;
  const occurrences = all.flatMap((s) =>
    expandOccurrences(s, placement.startMs - dayMs, placement.endMs + dayMs),
  );
  const memberships = await membershipsOf(
    trx,
    all.map((s) => s.id),
  );
  const changes = await bookingChangesOf(
    trx,
    all.map((s) => s.id),
    { from: near(-33), to: near(33) },
  );
  const bookings = bookingsWithChanges(
    [...membershipsBySeries(memberships).values()].flat(),
    occurrences,
    changes,
  );
  return placementConflicts(placement, {
    occurrences,
    bookings,
    closures: await activeClosures(trx, [placement.siteId]),
    siteHours: await loadSiteHours(trx),
  });
};

export const moveOccurrence = async (
  deps: AppDeps,
  ctx: RequestContext,
  seriesId: string,
  date: LocalDate,
  body: MoveOccurrenceBody,
): Promise<OccurrenceSummary> => {
  const stored = await authorizeSeries(deps, ctx, seriesId, 'session.manage');
  requireScheduled(stored, date);
  const db = deps.db.kysely;
  const siteId = stored.row.site_id;
  const fields: FieldError[] = [];
  if (body.clinicianId !== undefined)
    fields.push(...(await checkClinician(db, body.clinicianId, siteId, '/clinicianId')));
  if (body.roomId !== undefined && body.roomId !== null)
    fields.push(...(await checkRoom(db, body.roomId, siteId, '/roomId')).errors);
  // series_exceptions has no "room removed" marker: null would silently mean "the series' room".
  if (body.roomId === null)
    fields.push({ field: '/roomId', message: 'cannot be cleared for one session; omit it to keep the room' });
  // Occurrence keys are looked up within a month of their date (seriesStore.occurrenceByKey).
  if (Math.abs(daysFrom(date, body.toDate)) > MAX_MOVE_DAYS)
    fields.push({ field: '/toDate', message: `must be within ${MAX_MOVE_DAYS} days of the session’s date` });
  if (fields.length > 0) throw invalid(fields, 'The move is not valid.');

  const exception: SeriesException = {
    kind: 'moved',
    date,
    toDate: body.toDate,
    toStartTime: body.toStartTime,
    durationMinutes: body.durationMinutes,
    ...(body.roomId !== undefined ? { roomId: body.roomId } : {}),
    ...(body.clinicianId !== undefined ? { clinicianId: body.clinicianId } : {}),
  };
  const { series: candidate, occurrence } = occurrenceWith(stored.series, date, exception);
  if (!occurrence) throw new DomainError('NOT_FOUND', `The series has no session on ${date}.`);
  const now = deps.clock.now();
  if (occurrence.startMs < now.getTime())
    throw new DomainError('VALIDATION_FAILED', 'A session cannot be moved into the past.', {
      fields: [{ field: '/toDate', message: 'must be a time still to come' }],
    });

  await db.transaction().execute(async (trx) => {
    await requireNotHeld(trx, occurrence.key);
    const members = membershipsBySeries(await membershipsOf(trx, [seriesId])).get(seriesId);
    const patientIds = bookedIn(
      members,
      occurrence,
      await bookingChangesOf(trx, [seriesId], { from: date, to: date }),
    );
    const placement: Placement = {
      occurrenceKey: occurrence.key,
      siteId,
      timeZone: occurrence.timeZone,
      localDate: occurrence.localDate,
      startMs: occurrence.startMs,
      endMs: occurrence.endMs,
      clinicianId: occurrence.clinicianId,
      roomId: occurrence.roomId,
      patientIds,
    };
    const conflicts = await conflictsOf(trx, placement, candidate);
    if (conflicts.length > 0)
      throw new DomainError('CONFLICT', conflicts.map((c) => c.message).join(' '), {
        extra: { reason: 'SCHEDULE_CONFLICT', conflicts },
      });
    await saveException(
      trx,
      seriesId,
      date,
      {
        kind: 'moved',
        reason: null,
        to_date: body.toDate,
        to_start_time: body.toStartTime,
        duration_minutes: body.durationMinutes ?? null,
        room_id: body.roomId ?? null,
        clinician_id: body.clinicianId ?? null,
      },
      ctx.actor.userId,
      now.toISOString(),
    );
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'schedule.occurrence.move',
        patientIds,
        recordType: 'session_series',
        recordId: seriesId,
        detail: { occurrenceKey: occurrence.key, to: occurrence.startIso },
      },
      now,
    );
  });
  return summarizeOccurrence(occurrence);
};
