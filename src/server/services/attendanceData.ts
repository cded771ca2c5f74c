import type { Kysely, Transaction } from 'kysely';
import {
  type AttendanceRecord,
  type AttendanceStatus,
  COMPLIANCE_RULES_SETTINGS_KEY,
  type ComplianceRuleSettings,
  complianceRulesFrom,
  type Taper,
  type WeeklyMinutesRange,
  weeklyMinutesRange,
} from '../../core/attendance/index.js';
import { type Audience, LEVELS_OF_CARE, type LevelOfCare } from '../../core/care/levels.js';
import { type ClinicClosure, closureCovers } from '../../core/schedule/closures.js';
import { addDays, type EpochMs, type LocalDate, weekStartOf } from '../../core/schedule/localTime.js';
import { bookedInto, groupChanges } from '../../core/schedule/occurrenceBookings.js';
import { expandOccurrences, type Occurrence } from '../../core/schedule/recurrence.js';
import type { AttendanceRecordsTable, ClinicClosuresTable, Database } from '../../db/schema.js';
import { changeFromRow, loadSeriesByIds, membershipFromRow } from './seriesStore.js';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * What attendance reads besides the roll call itself: a patient's segments with their weekly
 * range, tapers, the clinic's rule settings, closures, booked occurrences and attendance rows in
 * the pure domain's shapes. Shared by roll call, weekly hours, the report and the portal's week.
 */

// --- Segments and ranges -------------------------------------------------------------------------

export interface SegmentRange {
  startOn: LocalDate;
  /** Inclusive; null while open. */
  endOn: LocalDate | null;
  trackId: string | null;
  level: LevelOfCare;
  range: WeeklyMinutesRange;
}

const isLevel = (value: string): value is LevelOfCare =>
  (LEVELS_OF_CARE as readonly string[]).includes(value);

interface SegmentRow {
  start_on: string;
  end_on: string | null;
  track_id: string | null;
  level_of_care: string;
  audience: string;
  program_level: string;
  min_weekly_hours: number;
  max_weekly_hours: number | null;
}

/** The range of a segment: its program's hours when the program is of the segment's level, else the level's default. */
export const segmentRange = (row: SegmentRow): SegmentRange => {
  const level: LevelOfCare = isLevel(row.level_of_care) ? row.level_of_care : 'IOP';
  const audience: Audience = row.audience === 'adolescent' ? 'adolescent' : 'adult';
  const programHours =
    row.program_level === level ? { min: row.min_weekly_hours, max: row.max_weekly_hours } : null;
  return {
    startOn: row.start_on,
    endOn: row.end_on,
    trackId: row.track_id,
    level,
    range: weeklyMinutesRange(level, audience, programHours),
  };
};

/** Every enrolment segment of the patient (all episodes), oldest first. */
export const loadSegments = async (executor: Executor, patientId: string): Promise<SegmentRange[]> => {
  const rows = await executor
    .selectFrom('enrolment_segments as s')
    .innerJoin('programs as p', 'p.id', 's.program_id')
    .select([
      's.start_on',
      's.end_on',
      's.track_id',
      's.level_of_care',
      'p.audience',
      'p.level_of_care as program_level',
      'p.min_weekly_hours',
      'p.max_weekly_hours',
    ])
    .where('s.patient_id', '=', patientId)
    .orderBy('s.start_on')
    .execute();
  return rows.map(segmentRange);
};

const covers = (s: SegmentRange, date: LocalDate): boolean =>
  s.startOn <= date && (s.endOn === null || s.endOn >= date);

/** The segment in effect on a date, if any. */
export const segmentOn = (segments: readonly SegmentRange[], date: LocalDate): SegmentRange | null =>
  segments.filter((s) => covers(s, date)).at(-1) ?? null;

/** Every day of the week is inside some segment: a partial first or last week is not judged. */
export const enrolledAllWeek = (segments: readonly SegmentRange[], weekStart: LocalDate): boolean => {
  for (let i = 0; i < 7; i++) {
    const day = addDays(weekStart, i);
    if (!segments.some((s) => covers(s, day))) return false;
  }
  return true;
};

/**
 * The range a week is judged by. When the level changed during the week, the lowest minimum of the
 * segments that week applies: a step-down mid-week must not read as a deficit.
 */
export const weekRange = (
  segments: readonly SegmentRange[],
  weekStart: LocalDate,
): { level: LevelOfCare; range: WeeklyMinutesRange } | null => {
  const end = addDays(weekStart, 6);
  const during = segments.filter((s) => s.startOn <= end && (s.endOn === null || s.endOn >= weekStart));
  const lowest = [...during].sort((a, b) => a.range.minimum - b.range.minimum)[0];
  return lowest ? { level: lowest.level, range: lowest.range } : null;
};

// --- Tapers and settings -------------------------------------------------------------------------

export const taperFromRow = (row: { starts_on: string; weeks: number }): Taper => ({
  startsOn: row.starts_on,
  endsOn: addDays(weekStartOf(row.starts_on), 7 * row.weeks - 1),
});

export const loadTapers = async (executor: Executor, patientId: string): Promise<Taper[]> =>
  (
    await executor
      .selectFrom('attendance_tapers')
      .select(['starts_on', 'weeks'])
      .where('patient_id', '=', patientId)
      .orderBy('starts_on')
      .execute()
  ).map(taperFromRow);

/** The clinic's attendance rules; a missing or unreadable setting keeps the defaults. */
export const loadComplianceSettings = async (executor: Executor): Promise<ComplianceRuleSettings> => {
  const row = await executor
    .selectFrom('settings')
    .select('value')
    .where('key', '=', COMPLIANCE_RULES_SETTINGS_KEY)
    .executeTakeFirst();
  if (!row) return complianceRulesFrom(null);
  try {
    return complianceRulesFrom(JSON.parse(row.value) as unknown);
  } catch {
    return complianceRulesFrom(null);
  }
};

// --- Closures and occurrences --------------------------------------------------------------------

export const closureFromRow = (row: ClinicClosuresTable): ClinicClosure | null => {
  if (row.from_date !== null && row.to_date !== null)
    return {
      id: row.id,
      siteId: row.site_id,
      reason: row.reason,
      span: { kind: 'days', from: row.from_date, to: row.to_date },
    };
  if (row.starts_at !== null && row.ends_at !== null)
    return {
      id: row.id,
      siteId: row.site_id,
      reason: row.reason,
      span: { kind: 'instants', startMs: Date.parse(row.starts_at), endMs: Date.parse(row.ends_at) },
    };
  return null;
};

export const loadClosures = async (
  executor: Executor,
  siteIds: readonly string[],
): Promise<ClinicClosure[]> =>
  siteIds.length === 0
    ? []
    : (
        await executor
          .selectFrom('clinic_closures')
          .selectAll()
          .where('site_id', 'in', [...siteIds])
          .where('withdrawn_at', 'is', null)
          .execute()
      )
        .map(closureFromRow)
        .filter((c): c is ClinicClosure => c !== null);

/** Why an occurrence does not run: its own cancellation, else the first closure covering it; null when it runs. */
export const cancellationOf = (occurrence: Occurrence, closures: readonly ClinicClosure[]): string | null =>
  occurrence.cancellation ?? closures.find((c) => closureCovers(c, occurrence))?.reason ?? null;

/** The occurrences a patient is booked for between two instants, with the keys closures cancel. */
export const bookedOccurrencesOf = async (
  executor: Executor,
  patientId: string,
  fromMs: EpochMs,
  toMs: EpochMs,
): Promise<{ occurrences: Occurrence[]; closedKeys: Set<string> }> => {
  const [membershipRows, changeRows] = await Promise.all([
    executor.selectFrom('series_memberships').selectAll().where('patient_id', '=', patientId).execute(),
    executor.selectFrom('occurrence_bookings').selectAll().where('patient_id', '=', patientId).execute(),
  ]);
  const memberships = membershipRows.map(membershipFromRow);
  const changes = groupChanges(changeRows.map(changeFromRow));
  const stored = await loadSeriesByIds(executor, [
    ...new Set([...memberships.map((m) => m.seriesId), ...changeRows.map((c) => c.series_id)]),
  ]);
  // Only this patient's memberships and changes are loaded, so "booked" here means "this patient is".
  const occurrences = stored
    .flatMap((s) => expandOccurrences(s.series, fromMs, toMs))
    .filter((o) =>
      bookedInto(
        memberships.filter((m) => m.seriesId === o.seriesId),
        o,
        changes,
      ).includes(patientId),
    )
    .sort((a, b) => a.startMs - b.startMs);
  const closures = await loadClosures(executor, [...new Set(occurrences.map((o) => o.siteId))]);
  const closedKeys = new Set(
    occurrences
      .filter((o) => o.cancellation === null && cancellationOf(o, closures) !== null)
      .map((o) => o.key),
  );
  return { occurrences, closedKeys };
};

// --- Attendance rows -----------------------------------------------------------------------------

const STATUSES: readonly AttendanceStatus[] = ['attended', 'absent-excused', 'absent-unexcused'];
export const attendanceStatusOf = (value: string): AttendanceStatus =>
  STATUSES.find((s) => s === value) ?? 'absent-unexcused';

/** A stored row as the pure domain's record (`substituteLeader` is not stored per row: false). */
export const recordFromRow = (row: AttendanceRecordsTable): AttendanceRecord => {
  const status = attendanceStatusOf(row.status);
  const mode =
    row.mode === 'in-person' || row.mode === 'video' || row.mode === 'audio-only' ? row.mode : null;
  return {
    occurrenceKey: row.occurrence_key,
    patientId: row.patient_id,
    localDate: row.local_date,
    startMs: Date.parse(row.start_at),
    status,
    minutes: row.minutes,
    late: row.late_minutes > 0,
    leftEarly: row.left_early_at !== null,
    mode: status === 'attended' ? mode : null,
    booked: row.booked === 1,
    substituteLeader: false,
  };
};

/** A patient's attendance rows, optionally from a local date on (inclusive) and before another (exclusive). */
export const loadAttendanceRows = async (
  executor: Executor,
  patientId: string,
  window: { from?: LocalDate; before?: LocalDate } = {},
): Promise<AttendanceRecordsTable[]> => {
  let query = executor.selectFrom('attendance_records').selectAll().where('patient_id', '=', patientId);
  if (window.from !== undefined) query = query.where('local_date', '>=', window.from);
  if (window.before !== undefined) query = query.where('local_date', '<', window.before);
  return query.orderBy('start_at').execute();
};

/** Site-local "today" and time zone of the patient's site. */
export const patientSite = async (
  executor: Executor,
  patientId: string,
): Promise<{ siteId: string; timeZone: string } | null> => {
  const row = await executor
    .selectFrom('patients')
    .innerJoin('sites', 'sites.id', 'patients.site_id')
    .select(['patients.site_id', 'sites.time_zone'])
    .where('patients.id', '=', patientId)
    .executeTakeFirst();
  return row ? { siteId: row.site_id, timeZone: row.time_zone } : null;
};
