import type { AlertSeverity } from '../alerts/severity.js';
import { addDays, type EpochMs, type LocalDate, weekStartOf } from '../schedule/localTime.js';
import type { AttendanceStatus } from './rollCall.js';
import { isWeekComplete } from './weeklyHours.js';

/**
 * The attendance rules of SPEC §6, evaluated over a patient's whole history. Evaluation is pure and
 * repeatable: each decision carries a dedupe key naming the streak that raised it, so the server
 * raises a key once and re-running the rules after every roll call never alerts twice for one streak.
 */

export interface ComplianceRuleSettings {
  /** This many unexcused absences in a row → alert + follow-up task; null switches the rule off. */
  unexcusedAbsencesInARow: number | null;
  /** This many complete weeks in a row below the level's minimum → level-of-care review alert; null: off. */
  weeksBelowMinimumInARow: number | null;
  /** A step-down taper suppresses deficit alerts for at most this many weeks. */
  taperMaxWeeks: number;
}

export const DEFAULT_COMPLIANCE_RULES: ComplianceRuleSettings = Object.freeze({
  unexcusedAbsencesInARow: 2,
  weeksBelowMinimumInARow: 2,
  taperMaxWeeks: 2,
});

/** The settings key a clinic uses to change these defaults. */
export const COMPLIANCE_RULES_SETTINGS_KEY = 'attendance.compliance';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const streakSetting = (value: unknown, fallback: number | null): number | null =>
  value === null
    ? null
    : typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 52
      ? value
      : fallback;

/** Reads stored settings; a missing or malformed part keeps its default, so a bad edit never silences a rule. */
export const complianceRulesFrom = (value: unknown): ComplianceRuleSettings => {
  if (!isRecord(value)) return DEFAULT_COMPLIANCE_RULES;
  const d = DEFAULT_COMPLIANCE_RULES;
  const taper = value.taperMaxWeeks;
  return {
    unexcusedAbsencesInARow:
      'unexcusedAbsencesInARow' in value
        ? streakSetting(value.unexcusedAbsencesInARow, d.unexcusedAbsencesInARow)
        : d.unexcusedAbsencesInARow,
    weeksBelowMinimumInARow:
      'weeksBelowMinimumInARow' in value
        ? streakSetting(value.weeksBelowMinimumInARow, d.weeksBelowMinimumInARow)
        : d.weeksBelowMinimumInARow,
    // SPEC §6 allows a taper of 1–2 weeks; a clinic may shorten it, not stretch it past a month.
    taperMaxWeeks:
      typeof taper === 'number' && Number.isInteger(taper) && taper >= 0 && taper <= 4
        ? taper
        : d.taperMaxWeeks,
  };
};

/** A booked session with its roll call taken (make-up and unscheduled visits are left out by the caller). */
export interface SessionAttendance {
  occurrenceKey: string;
  startMs: EpochMs;
  status: AttendanceStatus;
}

/** A week the patient was enrolled for from Monday to Sunday, with its minimum. */
export interface EnrolledWeek {
  weekStart: LocalDate;
  minutes: number;
  minimumMinutes: number;
}

/** A step-down taper: the patient stays in IOP below the minimum before moving to OP. */
export interface Taper {
  startsOn: LocalDate;
  /** `null`: open; the taper still ends after `taperMaxWeeks`. */
  endsOn: LocalDate | null;
}

export interface AttendanceHistory {
  patientId: string;
  sessions: readonly SessionAttendance[];
  /** Only whole enrolled weeks: a partial first week after admission is not a deficit. */
  weeks: readonly EnrolledWeek[];
  tapers: readonly Taper[];
  /** Today at the site; only weeks that are over are judged. */
  today: LocalDate;
}

export interface FollowUpTask {
  title: string;
  dueInDays: number;
}

export type ComplianceDecision =
  | {
      kind: 'consecutive-unexcused-absences';
      patientId: string;
      dedupeKey: string;
      severity: AlertSeverity;
      message: string;
      occurrenceKeys: string[];
      task: FollowUpTask;
    }
  | {
      kind: 'below-weekly-minimum';
      patientId: string;
      dedupeKey: string;
      severity: AlertSeverity;
      message: string;
      weekStarts: LocalDate[];
      task: null;
    };

/**
 * Runs of unexcused absences. Attending ends a run; an excused absence neither ends nor extends it
 * (a documented court date between two no-shows does not make them less worrying). One decision per
 * run, keyed by its first absence: a run of five raises once, at its second absence.
 */
const absenceDecisions = (history: AttendanceHistory, needed: number): ComplianceDecision[] => {
  const decisions: ComplianceDecision[] = [];
  const sessions = [...history.sessions].sort((a, b) => a.startMs - b.startMs);
  let run: string[] = [];
  for (const session of sessions) {
    if (session.status === 'attended') run = [];
    if (session.status !== 'absent-unexcused') continue;
    run.push(session.occurrenceKey);
    if (run.length === needed) {
      decisions.push({
        kind: 'consecutive-unexcused-absences',
        patientId: history.patientId,
        dedupeKey: `attendance.unexcused-absences:${history.patientId}:${run[0]}`,
        severity: 'high',
        message: `${needed} unexcused absences in a row. Reach out to the patient.`,
        occurrenceKeys: [...run],
        task: { title: 'Follow up on missed sessions', dueInDays: 1 },
      });
    }
  }
  return decisions;
};

/**
 * The Mondays of weeks a taper covers: the week it starts in and the next ones, at most
 * `taperMaxWeeks` weeks and never past its end.
 */
export const taperWeeks = (taper: Taper, taperMaxWeeks: number): Set<LocalDate> => {
  const weeks = new Set<LocalDate>();
  let week = weekStartOf(taper.startsOn);
  for (let i = 0; i < taperMaxWeeks; i++, week = addDays(week, 7)) {
    if (taper.endsOn !== null && week > taper.endsOn) break;
    weeks.add(week);
  }
  return weeks;
};

/**
 * Runs of complete, consecutive calendar weeks below the minimum. A taper week is not a deficit
 * week and breaks the run, as does a week missing from the history (not enrolled all week): after a
 * taper the count starts afresh. One decision per run, keyed by its first week.
 */
const deficitDecisions = (
  history: AttendanceHistory,
  needed: number,
  taperMaxWeeks: number,
): ComplianceDecision[] => {
  const tapered = new Set(history.tapers.flatMap((t) => [...taperWeeks(t, taperMaxWeeks)]));
  const weeks = history.weeks
    .filter((w) => isWeekComplete(w.weekStart, history.today))
    .sort((a, b) => a.weekStart.localeCompare(b.weekStart));
  const decisions: ComplianceDecision[] = [];
  let run: LocalDate[] = [];
  for (const week of weeks) {
    const below = week.minutes < week.minimumMinutes && !tapered.has(week.weekStart);
    const follows = run.length > 0 && addDays(run[run.length - 1] ?? '', 7) === week.weekStart;
    if (!below) {
      run = [];
      continue;
    }
    run = follows ? [...run, week.weekStart] : [week.weekStart];
    if (run.length === needed) {
      decisions.push({
        kind: 'below-weekly-minimum',
        patientId: history.patientId,
        dedupeKey: `attendance.below-minimum:${history.patientId}:${run[0]}`,
        severity: 'normal',
        message: `Below the weekly minimum hours for ${needed} weeks in a row. Review the level of care.`,
        weekStarts: [...run],
        task: null,
      });
    }
  }
  return decisions;
};

/** Every decision the history supports, oldest first within each rule. The server raises the keys it has not raised yet. */
export const evaluateComplianceRules = (
  history: AttendanceHistory,
  settings: ComplianceRuleSettings = DEFAULT_COMPLIANCE_RULES,
): ComplianceDecision[] => [
  ...(settings.unexcusedAbsencesInARow === null
    ? []
    : absenceDecisions(history, settings.unexcusedAbsencesInARow)),
  ...(settings.weeksBelowMinimumInARow === null
    ? []
    : deficitDecisions(history, settings.weeksBelowMinimumInARow, settings.taperMaxWeeks)),
];

/** Whether a week's deficit is suppressed by a taper (for the chart header's "tapering" badge). */
export const isTaperWeek = (
  weekStart: LocalDate,
  tapers: readonly Taper[],
  settings: ComplianceRuleSettings = DEFAULT_COMPLIANCE_RULES,
): boolean => tapers.some((t) => taperWeeks(t, settings.taperMaxWeeks).has(weekStart));
