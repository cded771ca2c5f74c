import { randomUUID } from 'node:crypto';
import { decidePatientAccess } from '../../core/access/patientPolicy.js';
import type { JoinSeriesBody, LeaveSeriesBody, Membership, Roster } from '../../core/api/schedule.js';
import { DomainError } from '../../core/errors/domainError.js';
import { addDays, localDateAt, startOfLocalDay } from '../../core/schedule/localTime.js';
import { joinSeries, leaveSeries } from '../../core/schedule/membership.js';
import { expandOccurrences } from '../../core/schedule/recurrence.js';
import { recordAudit, recordReadAudit } from '../../db/audit.js';
import type { SeriesMembershipsTable } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor, authorizePatient, loadPatientAccessFacts } from './access.js';
import { authorizeSeries, mayOnSeries } from './scheduleAccess.js';
import {
  bookedIn,
  capacityOfOccurrence,
  loadCaps,
  membershipsBySeries,
  payersOf,
} from './scheduleCalendar.js';
import { bookingChangesOf, loadSeries, membershipFromRow, membershipsOf } from './seriesStore.js';

/**
 * Rolling-group membership (SPEC §5): a patient joins a series from a date and is booked into its
 * occurrences from then on, until they leave. Bookings are derived, never stored per occurrence.
 */

/** How far ahead a join checks for room: the next four weeks of sessions. */
export const JOIN_CAPACITY_HORIZON_DAYS = 28;

const presentMembership = (row: SeriesMembershipsTable): Membership => ({
  seriesId: row.series_id,
  patientId: row.patient_id,
  joinedOn: row.joined_on,
  leftOn: row.left_on,
  version: row.version,
});

export const joinSeriesMember = async (
  deps: AppDeps,
  ctx: RequestContext,
  seriesId: string,
  body: JoinSeriesBody,
): Promise<Membership> => {
  const { facts } = await authorizePatient(deps, ctx, body.patientId, 'schedule.write');
  const found = await loadSeries(deps.db.kysely, seriesId);
  if (!found || !mayOnSeries(ctx, found, 'session.read'))
    throw new DomainError('NOT_FOUND', 'No such session series.');
  if (found.row.site_id !== facts.siteId)
    throw new DomainError('VALIDATION_FAILED', 'The series is at another site than the patient.', {
      fields: [{ field: '/patientId', message: 'is a patient of another site than the series' }],
    });
  if (found.row.archived_at !== null)
    throw new DomainError('INVALID_STATE', 'The series is archived; it takes no new members.');
  const now = deps.clock.now();

  return deps.db.kysely.transaction().execute(async (trx) => {
    // Serializes joins of one series (a row lock on PostgreSQL; SQLite writes one at a time anyway),
    // so two joins cannot both take the last place.
    await trx.updateTable('session_series').set({ id: seriesId }).where('id', '=', seriesId).execute();
    const stored = (await loadSeries(trx, seriesId)) ?? found;
    const rows = await membershipsOf(trx, [seriesId]);
    const membership = joinSeries({
      series: stored.series,
      memberships: rows.map(membershipFromRow),
      patientId: body.patientId,
      joinOn: body.joinOn,
      nowMs: now.getTime(),
    });

    // Capacity: every upcoming session (four weeks) the patient would be booked into must have room.
    const { timeZone } = stored.series;
    const horizonFrom = Math.max(now.getTime(), startOfLocalDay(body.joinOn, timeZone));
    const horizonTo = startOfLocalDay(addDays(body.joinOn, JOIN_CAPACITY_HORIZON_DAYS), timeZone);
    const upcoming = expandOccurrences(stored.series, horizonFrom, horizonTo).filter(
      (o) => o.cancellation === null && o.localDate >= body.joinOn,
    );
    const members = membershipsBySeries(rows).get(seriesId) ?? [];
    const changes = await bookingChangesOf(trx, [seriesId], { from: addDays(body.joinOn, -7) });
    const caps = await loadCaps(trx);
    const rooms = stored.row.room_id
      ? await trx.selectFrom('rooms').select(['id', 'seats']).where('id', '=', stored.row.room_id).execute()
      : [];
    const exceptionRooms = stored.series.exceptions.flatMap((e) =>
      e.kind === 'moved' && e.roomId ? [e.roomId] : [],
    );
    const moreRooms =
      exceptionRooms.length > 0
        ? await trx.selectFrom('rooms').select(['id', 'seats']).where('id', 'in', exceptionRooms).execute()
        : [];
    const seatsByRoom = new Map([...rooms, ...moreRooms].map((r) => [r.id, r.seats]));
    const added = [...changes.values()].flat().map((c) => c.patientId);
    const payers = await payersOf(trx, [...members.map((m) => m.patientId), ...added, body.patientId], caps);
    const full = upcoming.flatMap((o) => {
      const booked = bookedIn(members, o, changes).filter((p) => p !== body.patientId);
      const payerIds = [...booked, body.patientId].flatMap((p) => payers.get(p) ?? []);
      const capacity = capacityOfOccurrence(o, seatsByRoom, caps, payerIds);
      return booked.length + 1 > capacity
        ? [{ occurrenceKey: o.key, localDate: o.localDate, booked: booked.length, capacity }]
        : [];
    });
    if (full.length > 0)
      throw new DomainError(
        'CONFLICT',
        `The session on ${full[0]?.localDate} is full (${full[0]?.capacity} places); the patient cannot join from ${body.joinOn}.`,
        { extra: { reason: 'SESSION_FULL', fullOccurrences: full } },
      );

    const nowIso = now.toISOString();
    const row: SeriesMembershipsTable = {
      id: randomUUID(),
      series_id: seriesId,
      patient_id: body.patientId,
      joined_on: membership.joinedOn,
      left_on: null,
      pinned: 0,
      recorded_at: nowIso,
      created_by: ctx.actor.userId,
      ended_by: null,
      updated_at: nowIso,
      version: 1,
    };
    await trx.insertInto('series_memberships').values(row).execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'schedule.membership.join',
        patientIds: [body.patientId],
        recordType: 'session_series',
        recordId: seriesId,
        detail: { joinedOn: row.joined_on },
      },
      now,
    );
    return presentMembership(row);
  });
};

export const leaveSeriesMember = async (
  deps: AppDeps,
  ctx: RequestContext,
  seriesId: string,
  patientId: string,
  body: LeaveSeriesBody,
): Promise<Membership> => {
  await authorizePatient(deps, ctx, patientId, 'schedule.write');
  const stored = await loadSeries(deps.db.kysely, seriesId);
  if (!stored || !mayOnSeries(ctx, stored, 'session.read'))
    throw new DomainError('NOT_FOUND', 'No such session series.');
  const now = deps.clock.now();
  const today = localDateAt(now.getTime(), stored.series.timeZone);
  return deps.db.kysely.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('series_memberships')
      .selectAll()
      .where('series_id', '=', seriesId)
      .where('patient_id', '=', patientId)
      .orderBy('joined_on', 'desc')
      .execute();
    const current = rows.find((r) => r.left_on === null || r.left_on > today);
    if (!current) throw new DomainError('NOT_FOUND', 'The patient is not a member of this series.');
    const left = leaveSeries(membershipFromRow(current), body.leaveOn, now.getTime(), stored.series.timeZone);
    const nowIso = now.toISOString();
    const result = await trx
      .updateTable('series_memberships')
      .set({
        left_on: left.leftOn,
        ended_by: ctx.actor.userId,
        updated_at: nowIso,
        version: current.version + 1,
      })
      .where('id', '=', current.id)
      .where('version', '=', current.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0)
      throw new DomainError('STALE_VERSION', 'Someone else changed this membership; reload.', {
        extra: { currentVersion: current.version },
      });
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'schedule.membership.leave',
        patientIds: [patientId],
        recordType: 'session_series',
        recordId: seriesId,
        detail: { leftOn: left.leftOn },
      },
      now,
    );
    return presentMembership({ ...current, left_on: left.leftOn, version: current.version + 1 });
  });
};

/**
 * The roster: everyone who may read the calendar learns how many are in the group; names go to those
 * who take its roll call, and otherwise patient by patient to those who may read that patient's
 * schedule. The read is audited naming every patient shown.
 */
export const getRoster = async (deps: AppDeps, ctx: RequestContext, seriesId: string): Promise<Roster> => {
  const stored = await authorizeSeries(deps, ctx, seriesId, 'session.read');
  const db = deps.db.kysely;
  const now = deps.clock.now();
  const today = localDateAt(now.getTime(), stored.series.timeZone);
  const rows = await db
    .selectFrom('series_memberships')
    .innerJoin('patients', 'patients.id', 'series_memberships.patient_id')
    .select([
      'series_memberships.patient_id',
      'series_memberships.joined_on',
      'series_memberships.left_on',
      'patients.first_name',
      'patients.last_name',
      'patients.preferred_name',
    ])
    .where('series_memberships.series_id', '=', seriesId)
    .where((eb) =>
      eb.or([eb('series_memberships.left_on', 'is', null), eb('series_memberships.left_on', '>', today)]),
    )
    .orderBy('patients.last_name')
    .orderBy('patients.first_name')
    .execute();
  const takesRoll = mayOnSeries(ctx, stored, 'rollcall.record');
  const members: Roster['members'] = [];
  for (const row of rows) {
    let visible = takesRoll;
    if (!visible) {
      const facts = await loadPatientAccessFacts(db, ctx.actor.userId, row.patient_id, now);
      visible = facts !== null && decidePatientAccess(ctx.actor, facts, 'schedule.read').allowed;
    }
    if (!visible) continue;
    const preferred = row.preferred_name ? ` (${row.preferred_name})` : '';
    members.push({
      patientId: row.patient_id,
      name: `${row.last_name}, ${row.first_name}${preferred}`,
      joinedOn: row.joined_on,
      leftOn: row.left_on,
    });
  }
  if (members.length > 0)
    await recordReadAudit(
      deps.db,
      {
        ...auditFor(ctx),
        action: 'schedule.roster.read',
        patientIds: members.map((m) => m.patientId),
        recordType: 'session_series',
        recordId: seriesId,
      },
      now,
    );
  return { seriesId, memberCount: rows.length, hiddenCount: rows.length - members.length, members };
};
