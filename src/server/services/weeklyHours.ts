import type { WeeklyHours, WeeklyHoursQuery, WeekOfHours } from '../../core/api/attendance.js';
import {
  hoursOf,
  isTaperWeek,
  isWeekComplete,
  weeklyCompliance,
  weeklyHoursAttended,
} from '../../core/attendance/index.js';
import { DomainError } from '../../core/errors/domainError.js';
import { addDays, localDateAt, startOfLocalDay, weekStartOf } from '../../core/schedule/localTime.js';
import { recordReadAudit } from '../../db/audit.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor, authorizePatient } from './access.js';
import {
  bookedOccurrencesOf,
  enrolledAllWeek,
  loadAttendanceRows,
  loadComplianceSettings,
  loadSegments,
  loadTapers,
  patientSite,
  weekRange,
} from './attendanceData.js';

/**
 * A patient's weekly hours against their level (SPEC §6: "weekly hours attended vs the level's
 * minimum are shown per patient"). Reads minutes attended and stores nothing; the patient's own view
 * of the week is in thisWeek.ts.
 */
export const getWeeklyHours = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  query: WeeklyHoursQuery,
): Promise<WeeklyHours> => {
  await authorizePatient(deps, ctx, patientId, 'attendance.read');
  const db = deps.db.kysely;
  const site = await patientSite(db, patientId);
  if (!site) throw new DomainError('NOT_FOUND', 'No such patient.');
  const now = deps.clock.now();
  const today = localDateAt(now.getTime(), site.timeZone);
  const current = weekStartOf(today);
  const count = query.weeks ?? 8;
  const first = addDays(current, -7 * (count - 1));
  const next = addDays(current, 7);
  const [rows, segments, tapers, settings, booked] = await Promise.all([
    loadAttendanceRows(db, patientId, { from: first, before: next }),
    loadSegments(db, patientId),
    loadTapers(db, patientId),
    loadComplianceSettings(db),
    bookedOccurrencesOf(
      db,
      patientId,
      startOfLocalDay(current, site.timeZone),
      startOfLocalDay(next, site.timeZone),
    ),
  ]);
  const minutes = new Map(
    weeklyHoursAttended(rows.map((r) => ({ patientId, localDate: r.local_date, minutes: r.minutes }))).map(
      (w) => [w.weekStart, w.minutes],
    ),
  );
  const weeks: WeekOfHours[] = [];
  for (let week = first; week <= current; week = addDays(week, 7)) {
    const attended = minutes.get(week) ?? 0;
    const judged = weekRange(segments, week);
    weeks.push({
      weekStart: week,
      minutes: attended,
      hours: hoursOf(attended),
      minimumMinutes: judged?.range.minimum ?? null,
      maximumMinutes: judged?.range.maximum ?? null,
      levelOfCare: judged?.level ?? null,
      status: judged ? weeklyCompliance(attended, judged.range).status : null,
      complete: isWeekComplete(week, today),
      enrolledAllWeek: enrolledAllWeek(segments, week),
      tapering: isTaperWeek(week, tapers, settings),
    });
  }

  const keys = booked.occurrences.map((o) => o.key);
  const recorded = new Set(
    keys.length === 0
      ? []
      : (
          await db
            .selectFrom('roll_calls')
            .select('occurrence_key')
            .where('occurrence_key', 'in', keys)
            .execute()
        ).map((r) => r.occurrence_key),
  );
  const open = booked.occurrences.filter(
    (o) => o.cancellation === null && !booked.closedKeys.has(o.key) && !recorded.has(o.key),
  );
  const upcoming = open.filter((o) => o.startMs > now.getTime());
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'attendance.weekly_hours',
      patientIds: [patientId],
      recordType: 'patient',
      recordId: patientId,
      detail: { weeks: count },
    },
    now,
  );
  return {
    patientId,
    timeZone: site.timeZone,
    weeks,
    thisWeek: {
      upcomingSessions: upcoming.length,
      upcomingMinutes: upcoming.reduce((t, o) => t + o.durationMinutes, 0),
      awaitingRollCall: open.length - upcoming.length,
    },
  };
};
