/**
 * Which scheduled measures a patient is due for (SPEC §4: "given … on a schedule"). Pure: the server
 * gathers the program's schedule, the current segment's start and the last date each instrument was
 * given, all as calendar dates at the patient's site.
 */

export interface MeasureScheduleEntry {
  instrument: string;
  /** Given when the patient starts the program (the current enrolment segment). */
  atAdmission: boolean;
  /** Then again this many days after the last time it was given; null: not repeated. */
  everyDays: number | null;
}

/**
 * SPEC §4 default: PHQ-9 and GAD-7 at admission then every 2 weeks; BAM monthly. The BAM asks about
 * the past 30 days, so its first one falls a month in rather than on the first day.
 */
export const DEFAULT_MEASURE_SCHEDULE: readonly MeasureScheduleEntry[] = Object.freeze([
  Object.freeze({ instrument: 'phq9', atAdmission: true, everyDays: 14 }),
  Object.freeze({ instrument: 'gad7', atAdmission: true, everyDays: 14 }),
  Object.freeze({ instrument: 'bam', atAdmission: false, everyDays: 30 }),
]);

/**
 * A measure given at intake in the week before the segment starts counts as its admission measure:
 * nobody repeats a PHQ-9 taken at the assessment three days earlier.
 */
export const ADMISSION_LOOKBACK_DAYS = 7;

/** Days after the due date during which a measure is "due" rather than "overdue". */
export const DUE_GRACE_DAYS = 3;

export type DueStatus = 'overdue' | 'due' | 'upcoming' | 'done';

export interface DueItem {
  instrument: string;
  atAdmission: boolean;
  everyDays: number | null;
  status: DueStatus;
  /** Null when nothing more is scheduled (an admission-only measure already given). */
  dueOn: string | null;
  lastGivenOn: string | null;
}

export interface DueInput {
  schedule: readonly MeasureScheduleEntry[];
  /** First day of the current enrolment segment, `YYYY-MM-DD`. */
  segmentStartOn: string;
  today: string;
  /** The latest date each instrument was given, `YYYY-MM-DD`, by instrument code. */
  lastGivenOn: Readonly<Record<string, string | undefined>>;
}

export const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

const STATUS_ORDER: Record<DueStatus, number> = { overdue: 0, due: 1, upcoming: 2, done: 3 };

/**
 * One item per scheduled instrument, most pressing first (overdue, due, upcoming, done; then by due
 * date). An entry neither at admission nor repeated schedules nothing and is left out.
 */
export const measuresDue = (input: DueInput): DueItem[] => {
  const countsFrom = addDays(input.segmentStartOn, -ADMISSION_LOOKBACK_DAYS);
  const items: DueItem[] = [];
  for (const entry of input.schedule) {
    if (!entry.atAdmission && entry.everyDays === null) continue;
    const given = input.lastGivenOn[entry.instrument];
    const last = given !== undefined && given >= countsFrom ? given : null;
    let dueOn: string | null;
    if (last === null) {
      dueOn = entry.atAdmission ? input.segmentStartOn : addDays(input.segmentStartOn, entry.everyDays ?? 0);
    } else {
      dueOn = entry.everyDays === null ? null : addDays(last, entry.everyDays);
    }
    const status: DueStatus =
      dueOn === null
        ? 'done'
        : dueOn > input.today
          ? 'upcoming'
          : addDays(dueOn, DUE_GRACE_DAYS) < input.today
            ? 'overdue'
            : 'due';
    items.push({
      instrument: entry.instrument,
      atAdmission: entry.atAdmission,
      everyDays: entry.everyDays,
      status,
      dueOn,
      lastGivenOn: given ?? null,
    });
  }
  return items.sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') ||
      a.instrument.localeCompare(b.instrument),
  );
};

/**
 * A short fingerprint of a schedule, for optimistic concurrency on a table without a version column:
 * a change is accepted only with the revision of the schedule it was made from. cyrb53 over the
 * entries in a canonical order; collisions do not matter at this scale.
 */
export const scheduleRevision = (entries: readonly MeasureScheduleEntry[]): string => {
  const canonical = [...entries]
    .sort((a, b) => a.instrument.localeCompare(b.instrument))
    .map((e) => `${e.instrument}:${e.atAdmission ? 1 : 0}:${e.everyDays ?? '-'}`)
    .join('|');
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < canonical.length; i += 1) {
    const ch = canonical.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
};
