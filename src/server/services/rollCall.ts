import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { decideSessionAccess, type SessionAction } from '../../core/access/sessionPolicy.js';
import { isStaffRole } from '../../core/access/roles.js';
import type {
  RollCallEntry as RollCallEntryView,
  RollCallMarkBody,
  RollCallView,
  RosterPatient,
  SavedRollCall,
  SaveRollCallBody,
  SessionOccurrence,
  StoredRollCall,
} from '../../core/api/attendance.js';
import {
  attendanceRecords,
  type RollCallEntry,
  type RollCallMark,
  type RollCallSession,
  type RollCallSubmission,
  validateRollCall,
} from '../../core/attendance/index.js';
import { DomainError, type FieldError } from '../../core/errors/domainError.js';
import type { Occurrence } from '../../core/schedule/recurrence.js';
import { recordAudit, recordReadAudit } from '../../db/audit.js';
import type { AttendanceRecordsTable, Database, RollCallsTable } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor } from './access.js';
import { applyComplianceRules } from './attendanceCompliance.js';
import { attendanceStatusOf, cancellationOf, loadClosures } from './attendanceData.js';
import { lockSourceKey } from './alerts.js';
import { bookedPatientIds, occurrenceByKey, type StoredSeries } from './seriesStore.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** Clock skew between a tablet and the server that still counts as "now". */
const FUTURE_SKEW_MS = 5 * 60_000;
/** An actual start this far from the scheduled one is a typing mistake (and would move the session's day). */
const MAX_START_DRIFT_MS = 12 * 3_600_000;

interface FoundOccurrence {
  stored: StoredSeries;
  occurrence: Occurrence;
}

/**
 * The occurrence a key names, if the caller may act on it: 404 when there is no such occurrence or
 * the caller may not even see its session on the calendar, 403 when they see it but may not do
 * this. Every refusal is audited.
 */
export const authorizeOccurrence = async (
  deps: AppDeps,
  ctx: RequestContext,
  occurrenceKey: string,
  action: SessionAction,
): Promise<FoundOccurrence> => {
  const found = await occurrenceByKey(deps.db.kysely, occurrenceKey);
  if (!found) throw new DomainError('NOT_FOUND', 'No such session.');
  const facts = { siteId: found.occurrence.siteId, clinicianId: found.occurrence.clinicianId };
  const decision = decideSessionAccess(ctx.actor, facts, action);
  if (decision.allowed) return found;
  await recordAudit(
    deps.db.kysely,
    {
      ...auditFor(ctx),
      action: 'access.denied',
      patientIds: [],
      recordType: 'session_occurrence',
      recordId: occurrenceKey,
      detail: { attempted: action, reason: decision.reason },
    },
    deps.clock.now(),
  );
  if (decideSessionAccess(ctx.actor, facts, 'session.read').allowed)
    throw new DomainError('FORBIDDEN', `Your role may not do this (${action}).`);
  throw new DomainError('NOT_FOUND', 'No such session.');
};

// --- Reading -------------------------------------------------------------------------------------

const patientName = (p: { first_name: string; last_name: string }) => `${p.last_name}, ${p.first_name}`;

const loadPatients = async (executor: Executor, ids: readonly string[]) =>
  ids.length === 0
    ? []
    : executor
        .selectFrom('patients')
        .select(['id', 'mrn', 'first_name', 'last_name', 'preferred_name', 'site_id', 'status'])
        .where('id', 'in', [...ids])
        .execute();

const loadStaffNames = async (executor: Executor, ids: readonly string[]): Promise<Map<string, string>> => {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await executor
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
};

/** The stored mark of an attendance row, as the form sent it. */
const markOf = (row: AttendanceRecordsTable): RollCallMarkBody => {
  if (row.status === 'attended') {
    const mode = row.mode === 'video' || row.mode === 'audio-only' ? row.mode : 'in-person';
    return {
      kind: 'present',
      lateMinutes: row.late_minutes,
      leftEarlyAt: row.left_early_at,
      via: mode === 'in-person' ? { mode } : { mode, patientLocation: row.patient_location ?? '' },
    };
  }
  return { kind: 'absent', excused: row.status === 'absent-excused', reason: row.absence_reason };
};

const unbookedOf = (row: AttendanceRecordsTable): RollCallEntryView['unbooked'] =>
  row.booked === 1
    ? null
    : row.unbooked_kind === 'make-up'
      ? { kind: 'make-up', forOccurrenceKey: row.make_up_for ?? '' }
      : { kind: 'unscheduled' };

interface Assembled {
  view: RollCallView;
  patientIds: string[];
}

/** The occurrence, its roster and its stored roll call, with every name the form shows. */
const assemble = async (executor: Executor, found: FoundOccurrence, now: Date): Promise<Assembled> => {
  const { occurrence } = found;
  const [booked, rollCall, closures] = await Promise.all([
    bookedPatientIds(executor, occurrence),
    executor
      .selectFrom('roll_calls')
      .selectAll()
      .where('occurrence_key', '=', occurrence.key)
      .executeTakeFirst(),
    loadClosures(executor, [occurrence.siteId]),
  ]);
  const rows = rollCall
    ? await executor
        .selectFrom('attendance_records')
        .selectAll()
        .where('roll_call_id', '=', rollCall.id)
        .execute()
    : [];
  const patientIds = [...new Set([...booked, ...rows.map((r) => r.patient_id)])];
  const [patients, staff] = await Promise.all([
    loadPatients(executor, patientIds),
    loadStaffNames(executor, [
      occurrence.clinicianId,
      ...(rollCall ? [rollCall.leader_id, rollCall.recorded_by] : []),
    ]),
  ]);
  const byId = new Map(patients.map((p) => [p.id, p]));
  const staffRef = (id: string) => ({ id, displayName: staff.get(id) ?? 'Staff member' });
  const roster: RosterPatient[] = booked
    .flatMap((id) => {
      const p = byId.get(id);
      return p ? [{ patientId: id, mrn: p.mrn, name: patientName(p), preferredName: p.preferred_name }] : [];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  const presented: SessionOccurrence = {
    key: occurrence.key,
    seriesId: occurrence.seriesId,
    siteId: occurrence.siteId,
    kind: occurrence.kind,
    title: occurrence.title,
    localDate: occurrence.localDate,
    start: occurrence.startIso,
    end: occurrence.endIso,
    durationMinutes: occurrence.durationMinutes,
    leader: staffRef(occurrence.clinicianId),
    hasRoom: occurrence.roomId !== null,
    telehealth: occurrence.telehealthUrl !== null || occurrence.roomId === null,
    cancellation: cancellationOf(occurrence, closures),
    started: occurrence.startMs <= now.getTime(),
  };
  return {
    view: {
      occurrence: presented,
      roster,
      rollCall: rollCall ? presentRollCall(rollCall, rows, byId, staffRef) : null,
    },
    patientIds,
  };
};

const presentRollCall = (
  row: RollCallsTable,
  records: readonly AttendanceRecordsTable[],
  patients: ReadonlyMap<string, { first_name: string; last_name: string }>,
  staffRef: (id: string) => { id: string; displayName: string },
): StoredRollCall => ({
  id: row.id,
  status: row.status === 'cancelled' ? 'cancelled' : 'held',
  cancellationReason: row.cancellation_reason,
  actualStart: row.actual_start_at,
  actualEnd: row.actual_end_at,
  leader: staffRef(row.leader_id),
  recordedBy: staffRef(row.recorded_by),
  recordedAt: row.recorded_at,
  version: row.version,
  entries: records
    .map((r) => {
      const p = patients.get(r.patient_id);
      return {
        patientId: r.patient_id,
        name: p ? patientName(p) : 'Patient',
        mark: markOf(r),
        unbooked: unbookedOf(r),
        status: attendanceStatusOf(r.status),
        minutes: r.minutes,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name)),
});

/** The roll-call form of one session: its roster and what was recorded. Audited, naming every patient shown. */
export const getRollCall = async (
  deps: AppDeps,
  ctx: RequestContext,
  occurrenceKey: string,
): Promise<RollCallView> => {
  const found = await authorizeOccurrence(deps, ctx, occurrenceKey, 'rollcall.record');
  const now = deps.clock.now();
  const { view, patientIds } = await assemble(deps.db.kysely, found, now);
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'rollcall.read',
      patientIds,
      recordType: 'session_occurrence',
      recordId: occurrenceKey,
      detail: { rollCallVersion: view.rollCall?.version ?? null },
    },
    now,
  );
  return view;
};

// --- Saving --------------------------------------------------------------------------------------

const invalid = (fields: FieldError[]): DomainError =>
  new DomainError(
    'VALIDATION_FAILED',
    fields.length === 1
      ? `${fields[0]?.field.slice(1)} ${fields[0]?.message}`
      : 'The roll call is not valid.',
    { fields },
  );

/** The pure domain names fields after its own type (`…Ms`); the request names them without. */
const requestField = (field: string): string =>
  field
    .replace(/\/actualStartMs$/, '/actualStart')
    .replace(/\/actualEndMs$/, '/actualEnd')
    .replace(/\/leftEarlyAtMs$/, '/leftEarlyAt');

const instant = (value: string | null | undefined): number | null => {
  if (value === null || value === undefined) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
};

const markFrom = (mark: RollCallMarkBody): RollCallMark =>
  mark.kind === 'present'
    ? {
        kind: 'present',
        lateMinutes: mark.lateMinutes,
        leftEarlyAtMs: instant(mark.leftEarlyAt),
        via:
          mark.via.mode === 'in-person'
            ? { mode: 'in-person' }
            : { mode: mark.via.mode, patientLocation: mark.via.patientLocation ?? '' },
      }
    : { kind: 'absent', excused: mark.excused, reason: mark.reason ?? '' };

const submissionFrom = (occurrenceKey: string, body: SaveRollCallBody): RollCallSubmission => ({
  occurrenceKey,
  status: body.status,
  cancellationReason: body.cancellationReason ?? null,
  actualStartMs: instant(body.actualStart),
  actualEndMs: instant(body.actualEnd),
  leaderId: body.leaderId,
  entries: body.entries.map((e): RollCallEntry => ({
    patientId: e.patientId,
    mark: markFrom(e.mark),
    unbooked: e.unbooked ?? null,
  })),
});

/** Checks that need the database: the leader, unbooked attendees and the sessions they make up for. */
const checkAgainstRecords = async (
  executor: Executor,
  occurrence: Occurrence,
  body: SaveRollCallBody,
  booked: ReadonlySet<string>,
): Promise<FieldError[]> => {
  const errors: FieldError[] = [];
  const leader = await executor
    .selectFrom('users')
    .innerJoin('user_sites', 'user_sites.user_id', 'users.id')
    .select(['users.role', 'users.active'])
    .where('users.id', '=', body.leaderId)
    .where('user_sites.site_id', '=', occurrence.siteId)
    .executeTakeFirst();
  if (!leader || leader.active !== 1 || !isStaffRole(leader.role))
    errors.push({ field: '/leaderId', message: 'must be an active staff member who works at the site' });

  const unbooked = body.entries.map((e, index) => ({ e, index })).filter(({ e }) => !booked.has(e.patientId));
  const patients = new Map(
    (
      await loadPatients(
        executor,
        unbooked.map(({ e }) => e.patientId),
      )
    ).map((p) => [p.id, p]),
  );
  for (const { e, index } of unbooked) {
    const p = patients.get(e.patientId);
    // One message for "no such patient" and "another site's patient": a roll call reveals neither.
    if (!p || p.site_id !== occurrence.siteId || p.status !== 'active') {
      errors.push({
        field: `/entries/${index}/patientId`,
        message: 'is not booked, and is not an admitted patient of the session’s site',
      });
      continue;
    }
    if (e.unbooked?.kind === 'make-up' && e.unbooked.forOccurrenceKey !== occurrence.key) {
      const missed = await occurrenceByKey(executor, e.unbooked.forOccurrenceKey);
      const wasBooked = missed
        ? (await bookedPatientIds(executor, missed.occurrence)).includes(e.patientId)
        : false;
      if (!wasBooked)
        errors.push({
          field: `/entries/${index}/unbooked/forOccurrenceKey`,
          message: 'must name a session the patient was booked for',
        });
    }
  }
  return errors;
};

const checkTimes = (body: SaveRollCallBody, occurrence: Occurrence, now: Date): FieldError[] => {
  const errors: FieldError[] = [];
  const latest = now.getTime() + FUTURE_SKEW_MS;
  for (const [field, value] of [
    ['/actualStart', body.actualStart],
    ['/actualEnd', body.actualEnd],
  ] as const) {
    const ms = instant(value);
    if (value !== null && value !== undefined && ms === null)
      errors.push({ field, message: 'is not a date and time' });
    else if (ms !== null && ms > latest) errors.push({ field, message: 'cannot be in the future' });
    else if (ms !== null && Math.abs(ms - occurrence.startMs) > MAX_START_DRIFT_MS)
      errors.push({ field, message: 'must be within 12 hours of the scheduled start' });
  }
  body.entries.forEach((entry, index) => {
    if (entry.mark.kind !== 'present') return;
    const value = entry.mark.leftEarlyAt;
    if (value !== null && value !== undefined && instant(value) === null)
      errors.push({ field: `/entries/${index}/mark/leftEarlyAt`, message: 'is not a date and time' });
  });
  return errors;
};

const stale = (currentVersion: number, message: string): DomainError =>
  new DomainError('STALE_VERSION', message, { extra: { currentVersion } });

/**
 * Saves the roll call of one session: the roll call row and its attendance rows (replacing what
 * was there), the audit event naming every patient, and the alerts and tasks the attendance rules
 * call for — all in one transaction. The first save sends no version; later ones the version read.
 */
export const saveRollCall = async (
  deps: AppDeps,
  ctx: RequestContext,
  occurrenceKey: string,
  body: SaveRollCallBody,
): Promise<SavedRollCall> => {
  const found = await authorizeOccurrence(deps, ctx, occurrenceKey, 'rollcall.record');
  const { occurrence, stored } = found;
  const now = deps.clock.now();
  if (occurrence.startMs > now.getTime())
    throw new DomainError(
      'INVALID_STATE',
      `This session starts at ${occurrence.startIso}: take its roll call once it has begun.`,
    );
  const cancellation = cancellationOf(occurrence, await loadClosures(deps.db.kysely, [occurrence.siteId]));
  if (cancellation !== null && body.status === 'held')
    throw new DomainError(
      'INVALID_STATE',
      `This session was cancelled (${cancellation}): record it as cancelled, or restore it on the calendar first.`,
    );

  const booked = await bookedPatientIds(deps.db.kysely, occurrence);
  const session: RollCallSession = {
    occurrenceKey: occurrence.key,
    localDate: occurrence.localDate,
    scheduledStartMs: occurrence.startMs,
    scheduledEndMs: occurrence.endMs,
    clinicianId: occurrence.clinicianId,
    bookedPatientIds: booked,
    hasRoom: occurrence.roomId !== null,
  };
  const timeErrors = checkTimes(body, occurrence, now);
  if (timeErrors.length > 0) throw invalid(timeErrors);
  const submission = submissionFrom(occurrence.key, body);
  const fields = [
    ...validateRollCall(submission, session).map((e) => ({ ...e, field: requestField(e.field) })),
    ...(await checkAgainstRecords(deps.db.kysely, occurrence, body, new Set(booked))),
  ];
  if (fields.length > 0) throw invalid(fields);

  const records = attendanceRecords(submission, session);
  const actualStartMs = submission.actualStartMs ?? occurrence.startMs;
  const actualEndMs = submission.actualEndMs ?? occurrence.endMs;
  const actor = { userId: ctx.actor.userId, role: ctx.actor.role, ip: ctx.ip, requestId: ctx.requestId };
  const entryByPatient = new Map(body.entries.map((e) => [e.patientId, e]));
  const raised = await deps.db.kysely.transaction().execute(async (trx) => {
    await lockSourceKey(trx, deps, `rollcall:${occurrence.key}`);
    const existing = await trx
      .selectFrom('roll_calls')
      .select(['id', 'version', 'recorded_by', 'recorded_at'])
      .where('occurrence_key', '=', occurrence.key)
      .executeTakeFirst();
    if (existing && body.version === undefined)
      throw stale(
        existing.version,
        'A roll call was saved for this session since you opened it. Reload to see it.',
      );
    if (existing && body.version !== existing.version)
      throw stale(
        existing.version,
        'Someone else changed this roll call since you opened it. Reload to see their changes.',
      );
    if (!existing && body.version !== undefined)
      throw stale(0, 'No roll call is saved for this session yet: save it without a version.');

    const nowIso = now.toISOString();
    const id = existing?.id ?? randomUUID();
    const version = existing ? existing.version + 1 : 1;
    const values = {
      status: submission.status,
      cancellation_reason:
        submission.status === 'cancelled' ? (submission.cancellationReason?.trim() ?? null) : null,
      actual_start_at: new Date(actualStartMs).toISOString(),
      actual_end_at: new Date(actualEndMs).toISOString(),
      leader_id: submission.leaderId,
      updated_at: nowIso,
      version,
    };
    if (existing) {
      await trx.updateTable('roll_calls').set(values).where('id', '=', id).execute();
      await trx.deleteFrom('attendance_records').where('roll_call_id', '=', id).execute();
    } else {
      await trx
        .insertInto('roll_calls')
        .values({
          id,
          occurrence_key: occurrence.key,
          series_id: stored.row.id,
          scheduled_date: occurrence.scheduledDate,
          local_date: occurrence.localDate,
          recorded_by: ctx.actor.userId,
          recorded_at: nowIso,
          ...values,
        })
        .execute();
    }
    if (records.length > 0)
      await trx
        .insertInto('attendance_records')
        .values(
          records.map((r): AttendanceRecordsTable => {
            const entry = entryByPatient.get(r.patientId);
            const mark = entry?.mark;
            return {
              id: randomUUID(),
              roll_call_id: id,
              occurrence_key: r.occurrenceKey,
              patient_id: r.patientId,
              local_date: r.localDate,
              start_at: new Date(r.startMs).toISOString(),
              status: r.status,
              minutes: r.minutes,
              late_minutes: mark?.kind === 'present' ? mark.lateMinutes : 0,
              left_early_at:
                mark?.kind === 'present' && r.leftEarly && mark.leftEarlyAt
                  ? new Date(Date.parse(mark.leftEarlyAt)).toISOString()
                  : null,
              mode: r.mode,
              patient_location:
                mark?.kind === 'present' && mark.via.mode !== 'in-person'
                  ? (mark.via.patientLocation?.trim() ?? null)
                  : null,
              absence_reason: mark?.kind === 'absent' ? mark.reason?.trim() || null : null,
              booked: r.booked ? 1 : 0,
              unbooked_kind: entry?.unbooked?.kind ?? null,
              make_up_for: entry?.unbooked?.kind === 'make-up' ? entry.unbooked.forOccurrenceKey : null,
            };
          }),
        )
        .execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'rollcall.record',
        patientIds: [...new Set([...booked, ...records.map((r) => r.patientId)])],
        recordType: 'roll_call',
        recordId: id,
        detail: {
          occurrenceKey: occurrence.key,
          status: submission.status,
          version,
          entries: records.length,
          leaderId: submission.leaderId,
        },
      },
      now,
    );
    return applyComplianceRules(
      trx,
      deps,
      { patientIds: [...new Set(records.map((r) => r.patientId))], occurrenceKey: occurrence.key, actor },
      now,
    );
  });

  const { view } = await assemble(deps.db.kysely, found, now);
  if (!view.rollCall) throw new DomainError('INTERNAL', 'The roll call was not saved.');
  const names = await loadStaffNames(deps.db.kysely, [
    ...raised.alerts.map((a) => a.recipientUserId),
    ...raised.tasks.map((t) => t.ownerUserId),
  ]);
  const staffRef = (id: string) => ({ id, displayName: names.get(id) ?? 'Staff member' });
  return {
    occurrence: view.occurrence,
    roster: view.roster,
    rollCall: view.rollCall,
    alertsRaised: raised.alerts.map((a) => ({
      id: a.id,
      patientId: a.patientId,
      kind: a.kind,
      severity: a.severity,
      title: a.title,
      recipient: staffRef(a.recipientUserId),
    })),
    tasksCreated: raised.tasks.map((t) => ({
      id: t.id,
      patientId: t.patientId,
      title: t.title,
      owner: staffRef(t.ownerUserId),
    })),
  };
};
