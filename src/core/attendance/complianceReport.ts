import type { LocalDate } from '../schedule/localTime.js';
import {
  hoursOf,
  weeklyCompliance,
  type WeeklyMinutes,
  type WeeklyMinutesRange,
  type WeeklyStatus,
} from './weeklyHours.js';

/**
 * The compliance report by track and week (SPEC §6): every patient enrolled in the track that week,
 * their minutes against their level's range, and counts per status. Patients who attended nothing
 * are listed with 0 — the report's point is to show them.
 */

/** A patient enrolled in a track for a week, with their level's range then. */
export interface TrackEnrolmentWeek {
  trackId: string;
  patientId: string;
  weekStart: LocalDate;
  range: WeeklyMinutesRange;
  /** In a step-down taper that week: shown, but not counted as below. */
  tapering: boolean;
}

export interface ComplianceReportPatient {
  patientId: string;
  minutes: number;
  hours: number;
  minimumMinutes: number;
  maximumMinutes: number | null;
  status: WeeklyStatus;
  tapering: boolean;
}

export interface ComplianceReportGroup {
  trackId: string;
  weekStart: LocalDate;
  patients: ComplianceReportPatient[];
  counts: { total: number; below: number; within: number; above: number; tapering: number };
}

export const complianceReport = (
  enrolments: readonly TrackEnrolmentWeek[],
  weekly: readonly WeeklyMinutes[],
): ComplianceReportGroup[] => {
  const minutes = new Map(weekly.map((w) => [`${w.patientId}\u0000${w.weekStart}`, w.minutes]));
  const groups = new Map<string, ComplianceReportGroup>();
  for (const e of enrolments) {
    const key = `${e.trackId}\u0000${e.weekStart}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        trackId: e.trackId,
        weekStart: e.weekStart,
        patients: [],
        counts: { total: 0, below: 0, within: 0, above: 0, tapering: 0 },
      };
      groups.set(key, group);
    }
    if (group.patients.some((p) => p.patientId === e.patientId)) continue;
    const attended = minutes.get(`${e.patientId}\u0000${e.weekStart}`) ?? 0;
    const { status } = weeklyCompliance(attended, e.range);
    group.patients.push({
      patientId: e.patientId,
      minutes: attended,
      hours: hoursOf(attended),
      minimumMinutes: e.range.minimum,
      maximumMinutes: e.range.maximum,
      status,
      tapering: e.tapering,
    });
    group.counts.total++;
    if (e.tapering && status === 'below') group.counts.tapering++;
    else group.counts[status]++;
  }
  for (const group of groups.values()) {
    // Those furthest below first: the people to call.
    group.patients.sort(
      (a, b) =>
        a.minutes - a.minimumMinutes - (b.minutes - b.minimumMinutes) || (a.patientId < b.patientId ? -1 : 1),
    );
  }
  return [...groups.values()].sort((a, b) =>
    a.trackId === b.trackId ? a.weekStart.localeCompare(b.weekStart) : a.trackId < b.trackId ? -1 : 1,
  );
};
