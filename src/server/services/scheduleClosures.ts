import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type {
  Closure,
  ClosureListQuery,
  ClosurePreview,
  ClosurePreviewQuery,
  CreateClosureBody,
  CreatedClosure,
} from '../../core/api/schedule.js';
import {
  type Booking,
  cancelledByClosures,
  type ClinicClosure,
  type ClosureCancellation,
  closureNotices,
} from '../../core/schedule/closures.js';
import { addDays, daysFrom, startOfLocalDay } from '../../core/schedule/localTime.js';
import { bookingsWithChanges } from '../../core/schedule/occurrenceBookings.js';
import { expandOccurrences, type Occurrence } from '../../core/schedule/recurrence.js';
import { DomainError, type FieldError } from '../../core/errors/domainError.js';
import { recordAudit } from '../../db/audit.js';
import type { ClinicClosuresTable, Database } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor } from './access.js';
import { invalid, requireManagerAt, siteTimeZone } from './scheduleAccess.js';
import {
  activeClosures,
  closureFromRow,
  membershipsBySeries,
  summarizeOccurrence,
} from './scheduleCalendar.js';
import { bookingChangesOf, loadSeriesByIds, membershipsOf } from './seriesStore.js';
import { createTask } from './tasks.js';

/**
 * Clinic closures (SPEC §5: holidays cancel the sessions they cover and notify those booked).
 * Cancellations are derived whenever the calendar is read, so withdrawing a closure restores its
 * sessions. Creating one tells each affected clinician through a task, and returns the patients'
 * notices for the reminders sender; the same notices are kept in the closure's audit event.
 */

type Executor = Kysely<Database> | Transaction<Database>;

/** A closure spans at most this many days (a long holiday season, a renovation). */
export const MAX_CLOSURE_DAYS = 31;

const presentClosure = (row: ClinicClosuresTable): Closure => ({
  id: row.id,
  siteId: row.site_id,
  reason: row.reason,
  fromDate: row.from_date,
  toDate: row.to_date,
  startsAt: row.starts_at,
  endsAt: row.ends_at,
  withdrawn: row.withdrawn_at !== null,
  createdAt: row.created_at,
});

export const listClosures = async (
  deps: AppDeps,
  ctx: RequestContext,
  query: ClosureListQuery,
): Promise<Closure[]> => {
  let q = deps.db.kysely.selectFrom('clinic_closures').selectAll();
  if (query.siteId) q = q.where('site_id', '=', query.siteId);
  if (ctx.actor.role !== 'admin')
    q = q.where('site_id', 'in', ctx.actor.siteIds.length > 0 ? [...ctx.actor.siteIds] : ['']);
  if (query.includeWithdrawn !== true) q = q.where('withdrawn_at', 'is', null);
  const rows = await q.orderBy('created_at', 'desc').limit(500).execute();
  return rows.map(presentClosure);
};

type ClosureSpanFields = Pick<CreateClosureBody, 'fromDate' | 'toDate' | 'startsAt' | 'endsAt'>;

const spanOf = (
  body: ClosureSpanFields,
  timeZone: string,
): { span: ClinicClosure['span']; fromMs: number; toMs: number } => {
  const fields: FieldError[] = [];
  const days = body.fromDate !== undefined || body.toDate !== undefined;
  const instants = body.startsAt !== undefined || body.endsAt !== undefined;
  if (days === instants)
    throw invalid([
      { field: '/fromDate', message: 'give either fromDate and toDate, or startsAt and endsAt' },
    ]);
  if (days) {
    if (body.fromDate === undefined) fields.push({ field: '/fromDate', message: 'is required with toDate' });
    if (body.toDate === undefined) fields.push({ field: '/toDate', message: 'is required with fromDate' });
    if (body.fromDate !== undefined && body.toDate !== undefined) {
      if (body.toDate < body.fromDate)
        fields.push({ field: '/toDate', message: 'must be on or after fromDate' });
      else if (daysFrom(body.fromDate, body.toDate) >= MAX_CLOSURE_DAYS)
        fields.push({ field: '/toDate', message: `must be within ${MAX_CLOSURE_DAYS} days of fromDate` });
    }
    if (fields.length > 0 || body.fromDate === undefined || body.toDate === undefined) throw invalid(fields);
    return {
      span: { kind: 'days', from: body.fromDate, to: body.toDate },
      fromMs: startOfLocalDay(body.fromDate, timeZone),
      toMs: startOfLocalDay(addDays(body.toDate, 1), timeZone),
    };
  }
  const startMs = Date.parse(body.startsAt ?? '');
  const endMs = Date.parse(body.endsAt ?? '');
  if (Number.isNaN(startMs)) fields.push({ field: '/startsAt', message: 'is required with endsAt' });
  if (Number.isNaN(endMs)) fields.push({ field: '/endsAt', message: 'is required with startsAt' });
  if (fields.length === 0 && endMs <= startMs)
    fields.push({ field: '/endsAt', message: 'must be after startsAt' });
  if (fields.length === 0 && endMs - startMs > MAX_CLOSURE_DAYS * 86_400_000)
    fields.push({ field: '/endsAt', message: `must be within ${MAX_CLOSURE_DAYS} days of startsAt` });
  if (fields.length > 0) throw invalid(fields);
  // A session that began before the closure and runs into it is cancelled too (closureCovers).
  return { span: { kind: 'instants', startMs, endMs }, fromMs: startMs - 86_400_000, toMs: endMs };
};

/** The sessions a new closure cancels (not those an earlier one did), with everyone booked into them. */
const cancelledByNewClosure = async (
  executor: Executor,
  closure: ClinicClosure,
  fromMs: number,
  toMs: number,
): Promise<{ cancellations: ClosureCancellation[]; cancelled: Occurrence[]; bookings: Booking[] }> => {
  const ids = (
    await executor
      .selectFrom('session_series')
      .select('id')
      .where('site_id', '=', closure.siteId)
      .where('archived_at', 'is', null)
      .execute()
  ).map((r) => r.id);
  const stored = await loadSeriesByIds(executor, ids);
  const occurrences: Occurrence[] = stored.flatMap((s) => expandOccurrences(s.series, fromMs, toMs));
  // Sessions an earlier closure already cancelled were announced then.
  const earlier = await activeClosures(executor, [closure.siteId]);
  const alreadyClosed = new Set(cancelledByClosures(earlier, occurrences).map((c) => c.occurrenceKey));
  const open = occurrences.filter((o) => !alreadyClosed.has(o.key));
  const cancellations = cancelledByClosures([closure], open);
  const cancelledKeys = new Set(cancellations.map((c) => c.occurrenceKey));
  const cancelled = open.filter((o) => cancelledKeys.has(o.key));
  const cancelledSeries = [...new Set(cancelled.map((o) => o.seriesId))];
  const memberships = membershipsBySeries(await membershipsOf(executor, cancelledSeries));
  const bookings = bookingsWithChanges(
    [...memberships.values()].flat(),
    cancelled,
    await bookingChangesOf(executor, cancelledSeries),
  );
  return { cancellations, cancelled, bookings };
};

/** A closure's site, its time zone and span, checked as the create and the preview both need. */
const closureAt = async (
  deps: AppDeps,
  ctx: RequestContext,
  siteId: string,
  fields: ClosureSpanFields,
): Promise<ReturnType<typeof spanOf>> => {
  await requireManagerAt(deps, ctx, siteId, 'session.manage');
  const timeZone = await siteTimeZone(deps.db.kysely, siteId);
  if (timeZone === null) throw invalid([{ field: '/siteId', message: 'is not a site' }]);
  return spanOf(fields, timeZone);
};

/**
 * What a closure would cancel, so whoever closes the site sees it before saving: the sessions and
 * how many are booked, never who (the calendar shows the same counts). Nothing is written.
 */
export const previewClosure = async (
  deps: AppDeps,
  ctx: RequestContext,
  query: ClosurePreviewQuery,
): Promise<ClosurePreview> => {
  const { span, fromMs, toMs } = await closureAt(deps, ctx, query.siteId, query);
  const { cancelled, bookings } = await cancelledByNewClosure(
    deps.db.kysely,
    { id: 'preview', siteId: query.siteId, reason: '', span },
    fromMs,
    toMs,
  );
  const bookedCount = new Map<string, number>();
  for (const b of bookings) bookedCount.set(b.occurrenceKey, (bookedCount.get(b.occurrenceKey) ?? 0) + 1);
  return {
    sessionCount: cancelled.length,
    patientCount: new Set(bookings.map((b) => b.patientId)).size,
    sessions: cancelled
      .slice()
      .sort((a, b) => a.startMs - b.startMs || a.key.localeCompare(b.key))
      .map((o) => ({
        key: o.key,
        seriesId: o.seriesId,
        title: o.title,
        localDate: o.localDate,
        localStartTime: o.localStartTime,
        bookedCount: bookedCount.get(o.key) ?? 0,
      })),
  };
};

export const createClosure = async (
  deps: AppDeps,
  ctx: RequestContext,
  body: CreateClosureBody,
): Promise<CreatedClosure> => {
  const { span, fromMs, toMs } = await closureAt(deps, ctx, body.siteId, body);
  const db = deps.db.kysely;
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const row: ClinicClosuresTable = {
    id: randomUUID(),
    site_id: body.siteId,
    reason: body.reason.trim(),
    from_date: span.kind === 'days' ? span.from : null,
    to_date: span.kind === 'days' ? span.to : null,
    starts_at: span.kind === 'instants' ? new Date(span.startMs).toISOString() : null,
    ends_at: span.kind === 'instants' ? new Date(span.endMs).toISOString() : null,
    created_by: ctx.actor.userId,
    created_at: nowIso,
    withdrawn_at: null,
  };
  const closure = closureFromRow(row);

  return db.transaction().execute(async (trx) => {
    const { cancellations, cancelled, bookings } = await cancelledByNewClosure(trx, closure, fromMs, toMs);
    const notices = closureNotices(cancellations, cancelled, bookings);

    await trx.insertInto('clinic_closures').values(row).execute();

    // A leader who has since left still had patients booked: whoever closed the site gets the list.
    const leaders = [...new Set(cancelled.map((o) => o.clinicianId))];
    const active = new Set(
      leaders.length === 0
        ? []
        : (
            await trx
              .selectFrom('users')
              .select('id')
              .where('id', 'in', leaders)
              .where('active', '=', 1)
              .execute()
          ).map((u) => u.id),
    );
    const byClinician = new Map<string, Occurrence[]>();
    for (const o of cancelled) {
      const owner = active.has(o.clinicianId) ? o.clinicianId : ctx.actor.userId;
      byClinician.set(owner, [...(byClinician.get(owner) ?? []), o]);
    }
    const tasks: CreatedClosure['tasks'] = [];
    for (const [clinicianId, sessions] of byClinician) {
      const lines = sessions.map((o) => `${o.localDate} ${o.localStartTime} ${o.title}`);
      const first = sessions[0];
      // Due before the first cancelled session (so patients can be called), at the latest in a day.
      const due = Math.max(
        now.getTime(),
        Math.min(first ? first.startMs : Infinity, now.getTime() + 86_400_000),
      );
      const task = await createTask(
        trx,
        deps,
        {
          ownerUserId: clinicianId,
          dueAt: new Date(due),
          patientId: null,
          title: `Sessions cancelled: ${row.reason}`.slice(0, 200),
          detail: `The site is closed; these sessions will not run:\n${lines.join('\n')}`.slice(0, 2000),
          sourceType: 'clinic_closure',
          sourceId: row.id,
          actor: { userId: ctx.actor.userId, role: ctx.actor.role, ip: ctx.ip, requestId: ctx.requestId },
        },
        now,
      );
      tasks.push({ id: task.id, ownerUserId: clinicianId });
    }

    const patientNotices = notices.flatMap((n) =>
      n.recipient.kind === 'patient'
        ? [
            {
              patientId: n.recipient.patientId,
              occurrenceKey: n.occurrenceKey,
              localDate: n.localDate,
              start: n.startIso,
              reason: n.reason,
              dedupeKey: n.dedupeKey,
            },
          ]
        : [],
    );
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'schedule.closure.create',
        patientIds: patientNotices.map((n) => n.patientId),
        recordType: 'clinic_closure',
        recordId: row.id,
        detail: {
          cancelled: cancelled.map((o) => o.key),
          patientNotices: patientNotices.map((n) => ({
            patientId: n.patientId,
            occurrenceKey: n.occurrenceKey,
            dedupeKey: n.dedupeKey,
          })),
        },
      },
      now,
    );
    return {
      closure: presentClosure(row),
      cancelled: cancelled.map((o) => ({
        ...summarizeOccurrence(o),
        cancelled: true,
        cancellationReason: row.reason,
      })),
      tasks,
      patientNotices,
    };
  });
};

/** Withdrawing a closure restores its sessions (cancellations are derived); its tasks stay with their owners. */
export const withdrawClosure = async (
  deps: AppDeps,
  ctx: RequestContext,
  closureId: string,
): Promise<Closure> => {
  const db = deps.db.kysely;
  const row = await db
    .selectFrom('clinic_closures')
    .selectAll()
    .where('id', '=', closureId)
    .executeTakeFirst();
  if (!row || (ctx.actor.role !== 'admin' && !ctx.actor.siteIds.includes(row.site_id)))
    throw new DomainError('NOT_FOUND', 'No such closure.');
  await requireManagerAt(deps, ctx, row.site_id, 'session.manage', { type: 'clinic_closure', id: closureId });
  if (row.withdrawn_at !== null) throw new DomainError('INVALID_STATE', 'The closure was withdrawn already.');
  const nowIso = deps.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('clinic_closures')
      .set({ withdrawn_at: nowIso })
      .where('id', '=', closureId)
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0)
      throw new DomainError('INVALID_STATE', 'The closure was withdrawn already.');
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'schedule.closure.withdraw',
        patientIds: [],
        recordType: 'clinic_closure',
        recordId: closureId,
      },
      deps.clock.now(),
    );
  });
  return presentClosure({ ...row, withdrawn_at: nowIso });
};
