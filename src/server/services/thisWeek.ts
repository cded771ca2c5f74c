import type { PatientThisWeek, ThisWeekQuery } from '../../core/api/thisWeek.js';
import { DomainError } from '../../core/errors/domainError.js';
import { isRealDate } from '../../core/runtime.js';
import { addDays, localDateAt, startOfLocalDay, weekStartOf } from '../../core/schedule/localTime.js';
import {
  type BookedSession,
  bookedSessionState,
  type CancellationCause,
  thisWeek,
} from '../../core/schedule/thisWeek.js';
import { recordReadAudit } from '../../db/audit.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor, authorizePatient } from './access.js';
import {
  attendanceStatusOf,
  bookedOccurrencesOf,
  loadAttendanceRows,
  loadSegments,
  weekRange,
} from './attendanceData.js';
import { roomAndSiteNames } from './calendarFeeds.js';

const WEEK_WITHIN_DAYS = 5 * 366;

/**
 * The patient's "this week" (SPEC §5–§6): their booked sessions of one site-local week as the
 * calendar shows them, what the roll calls recorded, and the minutes attended against the level's
 * range. Read by staff until the portal links patient accounts to charts; shaped for the patient.
 */
export const getThisWeek = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  query: ThisWeekQuery,
): Promise<PatientThisWeek> => {
  if (query.week !== undefined && !isRealDate(query.week))
    throw new DomainError('VALIDATION_FAILED', 'week is not a real date', {
      fields: [{ field: '/week', message: 'is not a real date' }],
    });
  const now = deps.clock.now();
  const today = now.toISOString().slice(0, 10);
  // A schedule spans weeks, not centuries; the bound also keeps date arithmetic far from year 9999.
  if (
    query.week !== undefined &&
    (query.week < addDays(today, -WEEK_WITHIN_DAYS) || query.week > addDays(today, WEEK_WITHIN_DAYS))
  )
    throw new DomainError('VALIDATION_FAILED', 'week must be within five years of today', {
      fields: [{ field: '/week', message: 'must be within five years of today' }],
    });
  const { timeZone } = await authorizePatient(deps, ctx, patientId, 'attendance.read');
  const db = deps.db.kysely;
  const patient = await db
    .selectFrom('patients')
    .select('name_clinic_ok')
    .where('id', '=', patientId)
    .executeTakeFirst();
  if (!patient) throw new DomainError('NOT_FOUND', 'No such patient.');

  const weekStart = weekStartOf(query.week ?? localDateAt(now.getTime(), timeZone));
  const nextWeek = addDays(weekStart, 7);
  const [rows, segments, booked] = await Promise.all([
    loadAttendanceRows(db, patientId, { from: weekStart, before: nextWeek }),
    loadSegments(db, patientId),
    bookedOccurrencesOf(
      db,
      patientId,
      startOfLocalDay(weekStart, timeZone),
      startOfLocalDay(nextWeek, timeZone),
    ),
  ]);
  const keys = booked.occurrences.map((o) => o.key);
  const [cancelledByRollCall, names] = await Promise.all([
    keys.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('roll_calls')
          .select('occurrence_key')
          .where('occurrence_key', 'in', keys)
          .where('status', '=', 'cancelled')
          .execute(),
    roomAndSiteNames(db, booked.occurrences),
  ]);
  const notHeld = new Set(cancelledByRollCall.map((r) => r.occurrence_key));
  const recordOf = new Map(rows.map((r) => [r.occurrence_key, r]));

  const sessions = booked.occurrences.map((o): BookedSession => {
    const record = recordOf.get(o.key);
    const cancelled: CancellationCause | null = booked.closedKeys.has(o.key)
      ? 'clinic-closed'
      : o.cancellation !== null || notHeld.has(o.key)
        ? 'session-cancelled'
        : null;
    return {
      title: o.title,
      startMs: o.startMs,
      endMs: o.endMs,
      siteName: names.site.get(o.siteId) ?? null,
      roomName: o.roomId !== null ? (names.room.get(o.roomId) ?? null) : null,
      telehealthUrl: o.telehealthUrl,
      state: bookedSessionState({
        endMs: o.endMs,
        nowMs: now.getTime(),
        cancelled,
        record: record ? { status: attendanceStatusOf(record.status), minutes: record.minutes } : null,
      }),
    };
  });
  const judged = weekRange(segments, weekStart);

  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'attendance.this_week',
      patientIds: [patientId],
      recordType: 'patient',
      recordId: patientId,
      detail: { weekStart },
    },
    now,
  );
  return thisWeek({
    weekStart,
    timeZone,
    nowMs: now.getTime(),
    sessions,
    // Make-up and unscheduled visits count towards the hours too.
    minutesAttended: rows.reduce((total, r) => total + r.minutes, 0),
    range: judged ? { minimumMinutes: judged.range.minimum, maximumMinutes: judged.range.maximum } : null,
    nameClinicOk: patient.name_clinic_ok === 1,
  });
};
