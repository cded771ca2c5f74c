import type { Transaction } from 'kysely';
import {
  type ComplianceDecision,
  type EnrolledWeek,
  evaluateComplianceRules,
  weeklyHoursAttended,
} from '../../core/attendance/index.js';
import type { AlertSeverity } from '../../core/alerts/severity.js';
import { addDays, localDateAt, weekStartOf } from '../../core/schedule/localTime.js';
import type { Database } from '../../db/schema.js';
import {
  attendanceStatusOf,
  enrolledAllWeek,
  loadAttendanceRows,
  loadComplianceSettings,
  loadSegments,
  loadTapers,
  patientSite,
  weekRange,
} from './attendanceData.js';
import { type AlertDeps, lockSourceKey, raiseAlert, type SystemOrUserActor } from './alerts.js';
import { createTask } from './tasks.js';

/** Alert kinds of the attendance rules (SPEC §6). */
export const UNEXCUSED_ABSENCES_ALERT_KIND = 'attendance.unexcused_absences';
export const BELOW_MINIMUM_ALERT_KIND = 'attendance.below_minimum';
/** Alerts of the rules name the streak (the decision's dedupe key) as their source. */
export const ATTENDANCE_RULE_SOURCE = 'attendance_rule';

/** A deficit run is raised while it is recent; an old run first seen now (a late correction) is history, not news. */
const DEFICIT_RECENT_WEEKS = 4;
/** Enrolment is judged from the first segment; a bound keeps a decade-long chart cheap. */
const MAX_WEEKS = 520;

export interface RaisedRuleAlert {
  id: string;
  patientId: string;
  kind: string;
  severity: AlertSeverity;
  title: string;
  recipientUserId: string;
}

export interface CreatedRuleTask {
  id: string;
  patientId: string;
  title: string;
  ownerUserId: string;
}

/** A patient's complete enrolled weeks with their minutes and minimum, for the deficit rule. */
const enrolledWeeks = (
  segments: Awaited<ReturnType<typeof loadSegments>>,
  minutesByWeek: ReadonlyMap<string, number>,
  thisWeek: string,
): EnrolledWeek[] => {
  const first = segments[0];
  if (!first) return [];
  const weeks: EnrolledWeek[] = [];
  let week = weekStartOf(first.startOn);
  const earliest = addDays(thisWeek, -7 * MAX_WEEKS);
  if (week < earliest) week = earliest;
  for (; week <= thisWeek; week = addDays(week, 7)) {
    if (!enrolledAllWeek(segments, week)) continue;
    const judged = weekRange(segments, week);
    if (!judged) continue;
    weeks.push({
      weekStart: week,
      minutes: minutesByWeek.get(week) ?? 0,
      minimumMinutes: judged.range.minimum,
    });
  }
  return weeks;
};

const titleOf = (decision: ComplianceDecision): string =>
  decision.kind === 'consecutive-unexcused-absences'
    ? `${decision.occurrenceKeys.length} unexcused absences in a row: follow up`
    : `Below the weekly minimum ${decision.weekStarts.length} weeks in a row: review the level of care`;

/**
 * Evaluates the attendance rules for each patient after a roll call was saved, inside its
 * transaction, and raises what the roll call set off. A streak (the decision's dedupe key) raises
 * one alert ever — not one per roll call, and not again after the alert was resolved. Only
 * decisions the saved session takes part in (absences) or recent weeks (deficits) are raised, so
 * correcting an old roll call does not flood inboxes with long-past streaks.
 */
export const applyComplianceRules = async (
  trx: Transaction<Database>,
  deps: AlertDeps,
  input: { patientIds: readonly string[]; occurrenceKey: string; actor: SystemOrUserActor },
  now: Date,
): Promise<{ alerts: RaisedRuleAlert[]; tasks: CreatedRuleTask[] }> => {
  const settings = await loadComplianceSettings(trx);
  const alerts: RaisedRuleAlert[] = [];
  const tasks: CreatedRuleTask[] = [];
  for (const patientId of input.patientIds) {
    const site = await patientSite(trx, patientId);
    if (!site) continue;
    const today = localDateAt(now.getTime(), site.timeZone);
    const thisWeek = weekStartOf(today);
    const [rows, segments, tapers] = await Promise.all([
      loadAttendanceRows(trx, patientId),
      loadSegments(trx, patientId),
      loadTapers(trx, patientId),
    ]);
    const records = rows.map((r) => ({ patientId, localDate: r.local_date, minutes: r.minutes }));
    const minutesByWeek = new Map(weeklyHoursAttended(records).map((w) => [w.weekStart, w.minutes]));
    const decisions = evaluateComplianceRules(
      {
        patientId,
        // Make-up and unscheduled visits are not missed sessions: only booked sessions make a streak.
        sessions: rows
          .filter((r) => r.booked === 1)
          .map((r) => ({
            occurrenceKey: r.occurrence_key,
            startMs: Date.parse(r.start_at),
            status: attendanceStatusOf(r.status),
          })),
        weeks: enrolledWeeks(segments, minutesByWeek, thisWeek),
        tapers,
        today,
      },
      settings,
    );
    const recentWeek = addDays(thisWeek, -7 * DEFICIT_RECENT_WEEKS);
    const current = decisions.filter((d) =>
      d.kind === 'consecutive-unexcused-absences'
        ? d.occurrenceKeys.includes(input.occurrenceKey)
        : (d.weekStarts.at(-1) ?? '') >= recentWeek,
    );
    for (const decision of current) {
      const kind =
        decision.kind === 'consecutive-unexcused-absences'
          ? UNEXCUSED_ABSENCES_ALERT_KIND
          : BELOW_MINIMUM_ALERT_KIND;
      // The same key raiseAlert locks (advisory locks are re-entrant within a transaction).
      await lockSourceKey(trx, deps, `alert:${kind}:${ATTENDANCE_RULE_SOURCE}:${decision.dedupeKey}`);
      const raisedBefore = await trx
        .selectFrom('alerts')
        .select('id')
        .where('kind', '=', kind)
        .where('source_type', '=', ATTENDANCE_RULE_SOURCE)
        .where('source_id', '=', decision.dedupeKey)
        .executeTakeFirst();
      if (raisedBefore) continue;
      const title = titleOf(decision);
      const alert = await raiseAlert(
        trx,
        deps,
        {
          patientId,
          kind,
          severity: decision.severity,
          title,
          detail: decision.message,
          sourceType: ATTENDANCE_RULE_SOURCE,
          sourceId: decision.dedupeKey,
          actor: input.actor,
        },
        now,
      );
      alerts.push({
        id: alert.id,
        patientId,
        kind,
        severity: decision.severity,
        title,
        recipientUserId: alert.recipientUserId,
      });
      if (decision.task) {
        // The follow-up belongs to whoever holds the alert (the primary clinician, else the chain).
        const task = await createTask(
          trx,
          deps,
          {
            ownerUserId: alert.recipientUserId,
            patientId,
            dueAt: new Date(now.getTime() + decision.task.dueInDays * 86_400_000),
            title: decision.task.title,
            detail: decision.message,
            sourceType: 'alert',
            sourceId: alert.id,
            actor: input.actor,
          },
          now,
        );
        tasks.push({ id: task.id, patientId, title: decision.task.title, ownerUserId: task.ownerUserId });
      }
    }
  }
  return { alerts, tasks };
};
