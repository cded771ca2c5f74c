import type { Kysely, Transaction } from 'kysely';
import { addDays, isoWeekdayOf, type LocalDate, startOfLocalDay } from '../../core/schedule/localTime.js';
import { isBooked } from '../../core/schedule/membership.js';
import { cancelledByClosures } from '../../core/schedule/closures.js';
import { expandOccurrences, type Occurrence } from '../../core/schedule/recurrence.js';
import {
  ALL_WEEK,
  type WeekFacts,
  type WeekPatient,
  type WeekSession,
  type WeeklyWindow,
} from '../../core/schedule/schedulerWeek.js';
import type { Database } from '../../db/schema.js';
import { availabilityOf } from './patientAvailability.js';
import { signedPlanModalities } from './treatmentPlanStore.js';
import {
  activeClosures,
  bookedIn,
  capacityOfOccurrence,
  loadCaps,
  loadSiteHours,
  membershipsBySeries,
  payersOf,
} from './scheduleCalendar.js';
import {
  bookingChangesOf,
  loadSeriesByIds,
  membershipFromRow,
  membershipsOf,
  type StoredSeries,
} from './seriesStore.js';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Loads what the scheduler needs about one week at a site (and optionally one track) from the
 * schedule tables: occurrences with effective capacity, who is booked and pinned, the admitted
 * patients with their level's hours, availability, audience and gender, and last week's seats.
 */

/**
 * Required modalities of patients without a signed treatment plan:
 * `{ "default": [...], "programs": { "<id>": [...] } }`. A signed plan's interventions take precedence.
 */
export const REQUIRED_MODALITIES_SETTING = 'scheduler.requiredModalities';
export const DEFAULT_REQUIRED_MODALITIES: readonly string[] = ['group', 'individual'];
/** A program without a weekly maximum: its minimum plus this many hours. */
export const OPEN_MAXIMUM_MARGIN_HOURS = 10;

export interface SessionLabel {
  key: string;
  seriesId: string;
  scheduledDate: LocalDate;
  title: string;
  kind: string;
  localDate: LocalDate;
  localStartTime: string;
  durationMinutes: number;
}

export interface LoadedWeek {
  facts: WeekFacts;
  labels: SessionLabel[];
  names: Record<string, string>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const stringList = (value: unknown): string[] | null =>
  Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : null;

const requiredModalitiesRule = async (
  executor: Executor,
): Promise<(programId: string) => readonly string[]> => {
  const row = await executor
    .selectFrom('settings')
    .select('value')
    .where('key', '=', REQUIRED_MODALITIES_SETTING)
    .executeTakeFirst();
  let value: unknown = null;
  try {
    value = row ? JSON.parse(row.value) : null;
  } catch {
    value = null;
  }
  const fallback = (isRecord(value) && stringList(value.default)) || DEFAULT_REQUIRED_MODALITIES;
  const programs = isRecord(value) && isRecord(value.programs) ? value.programs : {};
  return (programId) => stringList(programs[programId]) ?? fallback;
};

/** Session groups are for "women" or "men"; a patient's free-text gender identity maps onto them. */
export const groupGenderOf = (genderIdentity: string | null): string | null => {
  const g = (genderIdentity ?? '').trim().toLowerCase();
  if (['woman', 'women', 'female', 'f'].includes(g)) return 'women';
  if (['man', 'men', 'male', 'm'].includes(g)) return 'men';
  return null;
};

export const nameOf = (p: { first_name: string; last_name: string; preferred_name: string | null }): string =>
  `${p.last_name}, ${p.first_name}${p.preferred_name ? ` (${p.preferred_name})` : ''}`;

const programmeHours = async (executor: Executor): Promise<readonly WeeklyWindow[]> => {
  const hours = await loadSiteHours(executor);
  return hours
    ? hours.weekdays.map((weekday) => ({ weekday, start: hours.opens, end: hours.closes }))
    : ALL_WEEK;
};

export const loadWeek = async (
  executor: Executor,
  scope: { siteId: string; trackId: string | null; weekStart: LocalDate; timeZone: string },
  nowMs: number,
): Promise<LoadedWeek> => {
  const { siteId, trackId, weekStart, timeZone } = scope;
  const weekEnd = addDays(weekStart, 7);
  const fromMs = startOfLocalDay(weekStart, timeZone);
  const toMs = startOfLocalDay(weekEnd, timeZone);

  const seriesIds = (
    await executor
      .selectFrom('session_series')
      .select('id')
      .where('site_id', '=', siteId)
      .where('archived_at', 'is', null)
      .where('starts_on', '<', addDays(weekEnd, 32))
      .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', addDays(weekStart, -39))]))
      .execute()
  ).map((r) => r.id);
  const stored = await loadSeriesByIds(executor, seriesIds);
  const storedById = new Map(stored.map((s) => [s.series.id, s]));
  const inScope = (s: StoredSeries): boolean =>
    trackId === null || s.row.track_id === trackId || s.row.track_id === null;

  const closures = await activeClosures(executor, [siteId]);
  const expand = (from: number, to: number): Occurrence[] => {
    const all = stored.flatMap((s) => expandOccurrences(s.series, from, to));
    const closed = new Set(cancelledByClosures(closures, all).map((c) => c.occurrenceKey));
    return all.filter((o) => o.cancellation === null && !closed.has(o.key));
  };
  const thisWeek = expand(fromMs, toMs).sort((a, b) => a.startMs - b.startMs || a.key.localeCompare(b.key));
  const lastWeek = expand(startOfLocalDay(addDays(weekStart, -7), timeZone), fromMs);

  const [membershipRows, changes, held] = await Promise.all([
    membershipsOf(executor, seriesIds),
    bookingChangesOf(executor, seriesIds, { from: addDays(weekStart, -39), to: addDays(weekEnd, 32) }),
    thisWeek.length === 0
      ? Promise.resolve([])
      : executor
          .selectFrom('roll_calls')
          .select('occurrence_key')
          .where(
            'occurrence_key',
            'in',
            thisWeek.map((o) => o.key),
          )
          .execute(),
  ]);
  const heldKeys = new Set(held.map((r) => r.occurrence_key));
  const members = membershipsBySeries(membershipRows);
  const booked = new Map(thisWeek.map((o) => [o.key, bookedIn(members.get(o.seriesId), o, changes)]));

  const pinned = new Set<string>();
  const excludedBy = new Map<string, string[]>();
  for (const o of thisWeek) {
    for (const row of membershipRows)
      if (row.pinned === 1 && isBooked(membershipFromRow(row), o)) pinned.add(`${o.key} ${row.patient_id}`);
    for (const change of changes.get(o.key) ?? []) {
      if (!change.pinned) continue;
      if (change.kind === 'add') pinned.add(`${o.key} ${change.patientId}`);
      else excludedBy.set(change.patientId, [...(excludedBy.get(change.patientId) ?? []), o.key]);
    }
  }

  // Admitted patients whose current enrolment is at this site (and track) during the week.
  let patientQuery = executor
    .selectFrom('enrolment_segments as seg')
    .innerJoin('episodes as e', 'e.id', 'seg.episode_id')
    .innerJoin('patients as p', 'p.id', 'seg.patient_id')
    .innerJoin('programs as prog', 'prog.id', 'seg.program_id')
    .select([
      'p.id',
      'p.first_name',
      'p.last_name',
      'p.preferred_name',
      'p.gender_identity',
      'prog.id as program_id',
      'prog.audience',
      'prog.min_weekly_hours',
      'prog.max_weekly_hours',
    ])
    .where('p.site_id', '=', siteId)
    .where('p.status', '=', 'active')
    .where('e.status', '=', 'open')
    .where('seg.start_on', '<', weekEnd)
    .where((eb) => eb.or([eb('seg.end_on', 'is', null), eb('seg.end_on', '>', weekStart)]))
    .orderBy('p.last_name')
    .orderBy('p.first_name');
  if (trackId !== null) patientQuery = patientQuery.where('seg.track_id', '=', trackId);
  const rows = [...new Map((await patientQuery.execute()).map((r) => [r.id, r])).values()];
  const patientIds = rows.map((r) => r.id);

  const [windows, caps, required, hours, planned] = await Promise.all([
    availabilityOf(executor, patientIds),
    loadCaps(executor),
    requiredModalitiesRule(executor),
    programmeHours(executor),
    signedPlanModalities(executor, patientIds),
  ]);

  // Last week's seat in the same series on the same weekday at the same time continues the cohort.
  const previousBy = new Map<string, string[]>();
  for (const last of lastWeek) {
    const next = thisWeek.find(
      (o) =>
        o.seriesId === last.seriesId &&
        isoWeekdayOf(o.localDate) === isoWeekdayOf(last.localDate) &&
        o.localStartTime === last.localStartTime,
    );
    if (!next) continue;
    for (const patientId of bookedIn(members.get(last.seriesId), last, changes))
      previousBy.set(patientId, [...(previousBy.get(patientId) ?? []), next.key]);
  }

  const rooms = await (async () => {
    const roomIds = [...new Set(thisWeek.flatMap((o) => (o.roomId !== null ? [o.roomId] : [])))];
    return roomIds.length === 0
      ? []
      : executor.selectFrom('rooms').select(['id', 'seats']).where('id', 'in', roomIds).execute();
  })();
  const seatsByRoom = new Map(rooms.map((r) => [r.id, r.seats]));
  const payers = await payersOf(executor, [...patientIds, ...[...booked.values()].flat()], caps);

  const sessions: WeekSession[] = thisWeek.map((o) => {
    const s = storedById.get(o.seriesId);
    const eligible = [...new Set([...(booked.get(o.key) ?? []), ...patientIds])];
    return {
      occurrence: o,
      // Payer caps are resolved before solving (SPEC §5): any payer of who may sit in the session counts.
      capacity: capacityOfOccurrence(
        o,
        seatsByRoom,
        caps,
        eligible.flatMap((p) => payers.get(p) ?? []),
      ),
      audience: s?.row.audience === 'adolescent' ? 'adolescent' : 'adult',
      gender: s?.row.gender ?? null,
      open: s !== undefined && inScope(s) && o.startMs > nowMs && !heldKeys.has(o.key),
    };
  });

  const patients: WeekPatient[] = rows.map((r) => ({
    id: r.id,
    minHours: r.min_weekly_hours,
    maxHours: r.max_weekly_hours ?? r.min_weekly_hours + OPEN_MAXIMUM_MARGIN_HOURS,
    audience: r.audience === 'adolescent' ? 'adolescent' : 'adult',
    gender: groupGenderOf(r.gender_identity),
    // SPEC §8: the signed plan's interventions are what the patient must be booked for.
    requiredModalities: planned.get(r.id) ?? required(r.program_id),
    windows: windows.get(r.id) ?? null,
    excluded: excludedBy.get(r.id) ?? [],
    previous: previousBy.get(r.id) ?? [],
  }));

  const inScopeSessions = sessions.filter((s) => {
    const st = storedById.get(s.occurrence.seriesId);
    return st !== undefined && inScope(st);
  });
  return {
    facts: { weekStart, timeZone, sessions, patients, booked, pinned, programmeHours: hours },
    labels: inScopeSessions.map(({ occurrence: o }) => ({
      key: o.key,
      seriesId: o.seriesId,
      scheduledDate: o.scheduledDate,
      title: o.title,
      kind: o.kind,
      localDate: o.localDate,
      localStartTime: o.localStartTime,
      durationMinutes: o.durationMinutes,
    })),
    names: Object.fromEntries(rows.map((r) => [r.id, nameOf(r)])),
  };
};
