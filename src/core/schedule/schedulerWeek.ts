import type { PatientInput, SessionInput, WeekInput } from '../scheduler/types.js';
import {
  addDays,
  type EpochMs,
  instantOf,
  isoWithOffset,
  type LocalDate,
  startOfLocalDay,
} from './localTime.js';
import type { Occurrence } from './recurrence.js';

/**
 * The week the scheduler solves, built from the schedule (SPEC §5), and the diff of its answer
 * against the seats booked now. Pure: the server loads the facts, this decides what the solver sees.
 *
 * The solver only decides "open" seats. Seats it must not touch are frozen: sessions that have
 * started or are outside the run's site/track, pinned seats (a staff pin or a pinned membership),
 * and patients the run does not schedule (discharged members, another track's patients). A frozen
 * seat takes its place out of the session's capacity and its time, minutes and modality out of the
 * patient's week, so the solver neither double-books nor over-fills around it.
 */

export interface WeeklyWindow {
  weekday: number;
  start: string;
  /** `24:00` is the end of the day. */
  end: string;
}

export interface Span {
  startMs: EpochMs;
  endMs: EpochMs;
}

export interface WeekSession {
  occurrence: Occurrence;
  /** Effective capacity (payer caps applied). */
  capacity: number;
  audience: 'adult' | 'adolescent';
  gender: string | null;
  /** The solver may change this session's seats: in scope and still to come. */
  open: boolean;
}

export interface WeekPatient {
  id: string;
  minHours: number;
  maxHours: number;
  audience: 'adult' | 'adolescent';
  gender: string | null;
  requiredModalities: readonly string[];
  /** Recorded weekly windows; null: none recorded, the site's programme hours apply. */
  windows: readonly WeeklyWindow[] | null;
  /** Occurrence keys this patient may not be put into (a pinned skip). */
  excluded: readonly string[];
  /** Occurrence keys whose seat this patient held last week (same series, same weekday). */
  previous: readonly string[];
}

export interface WeekFacts {
  weekStart: LocalDate;
  timeZone: string;
  sessions: readonly WeekSession[];
  patients: readonly WeekPatient[];
  /** Who is booked into each session now (memberships with adds and skips), by occurrence key. */
  booked: ReadonlyMap<string, readonly string[]>;
  /** Pinned seats, as `<occurrence key> <patient id>`. */
  pinned: ReadonlySet<string>;
  /** The site's programme hours: used for patients with no recorded availability. */
  programmeHours: readonly WeeklyWindow[];
}

export interface BuiltWeek {
  input: WeekInput;
  /** Seats the solver does not decide, by occurrence key. */
  frozen: Map<string, string[]>;
}

/** Every day, all day: no site hours set means no limit (evening tracks run late). */
export const ALL_WEEK: readonly WeeklyWindow[] = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
  weekday,
  start: '00:00',
  end: '24:00',
}));

/** Weekly windows as instants in the week starting on `weekStart` (a Monday). */
export const expandWindows = (
  windows: readonly WeeklyWindow[],
  weekStart: LocalDate,
  timeZone: string,
): Span[] =>
  windows
    .map((w) => {
      const date = addDays(weekStart, w.weekday - 1);
      const endMs =
        w.end === '24:00' ? startOfLocalDay(addDays(date, 1), timeZone) : instantOf(date, w.end, timeZone);
      return { startMs: instantOf(date, w.start, timeZone), endMs };
    })
    .filter((s) => s.endMs > s.startMs)
    .sort((a, b) => a.startMs - b.startMs);

/** `spans` with every instant of `busy` taken out. */
export const subtractSpans = (spans: readonly Span[], busy: readonly Span[]): Span[] => {
  let result = [...spans];
  for (const b of busy) {
    result = result.flatMap((s) => {
      if (b.endMs <= s.startMs || b.startMs >= s.endMs) return [s];
      const parts: Span[] = [];
      if (b.startMs > s.startMs) parts.push({ startMs: s.startMs, endMs: b.startMs });
      if (b.endMs < s.endMs) parts.push({ startMs: b.endMs, endMs: s.endMs });
      return parts;
    });
  }
  return result;
};

const round2 = (n: number): number => Math.round(n * 100) / 100;

export const buildWeekInput = (facts: WeekFacts): BuiltWeek => {
  const candidates = new Set(facts.patients.map((p) => p.id));
  const frozen = new Map<string, string[]>();
  for (const s of facts.sessions) {
    const key = s.occurrence.key;
    const seats = (facts.booked.get(key) ?? []).filter(
      (p) => !s.open || !candidates.has(p) || facts.pinned.has(`${key} ${p}`),
    );
    if (seats.length > 0) frozen.set(key, seats);
  }
  const sessions: SessionInput[] = facts.sessions.flatMap((s) => {
    const o = s.occurrence;
    const capacity = s.capacity - (frozen.get(o.key)?.length ?? 0);
    if (!s.open || capacity < 1) return [];
    return [
      {
        id: o.key,
        start: o.startIso,
        end: o.endIso,
        clinicianId: o.clinicianId,
        // Two telehealth sessions never share a room; each series has its own link.
        roomId: o.roomId ?? `telehealth:${o.seriesId}`,
        capacity,
        modality: o.kind,
        audience: s.audience,
        ...(s.gender !== null ? { gender: s.gender } : {}),
      },
    ];
  });
  const openKeys = new Set(sessions.map((s) => s.id));
  const byKey = new Map(facts.sessions.map((s) => [s.occurrence.key, s.occurrence]));

  const patients: PatientInput[] = facts.patients.map((p) => {
    const held = [...frozen.entries()]
      .filter(([, seats]) => seats.includes(p.id))
      .flatMap(([key]) => {
        const o = byKey.get(key);
        return o && o.cancellation === null ? [o] : [];
      });
    const heldMinutes = held.reduce((sum, o) => sum + o.durationMinutes, 0);
    const heldKinds = new Set<string>(held.map((o) => o.kind));
    const excluded = p.excluded.flatMap((key) => {
      const o = byKey.get(key);
      return o ? [{ startMs: o.startMs, endMs: o.endMs }] : [];
    });
    const available = subtractSpans(
      expandWindows(p.windows ?? facts.programmeHours, facts.weekStart, facts.timeZone),
      [...held.map((o) => ({ startMs: o.startMs, endMs: o.endMs })), ...excluded],
    );
    return {
      id: p.id,
      minHours: round2(Math.max(0, p.minHours - heldMinutes / 60)),
      maxHours: round2(Math.max(0, p.maxHours - heldMinutes / 60)),
      availability: available.map((s) => ({
        start: isoWithOffset(s.startMs, facts.timeZone),
        end: isoWithOffset(s.endMs, facts.timeZone),
      })),
      requiredModalities: p.requiredModalities.filter((m) => !heldKinds.has(m)),
      audience: p.audience,
      ...(p.gender !== null ? { gender: p.gender } : {}),
      previous: p.previous.filter((key) => openKeys.has(key)),
    };
  });
  return { input: { sessions, patients }, frozen };
};

export interface PatientSeatDiff {
  patientId: string;
  added: string[];
  removed: string[];
  unchanged: number;
}

/**
 * Per patient the solver scheduled: the seats it adds and takes away against what is booked now.
 * Frozen seats are kept as they are, so they only ever count as unchanged.
 */
export const diffSeats = (
  patientIds: readonly string[],
  booked: ReadonlyMap<string, readonly string[]>,
  frozen: ReadonlyMap<string, readonly string[]>,
  assignments: readonly { patientId: string; sessionId: string }[],
): PatientSeatDiff[] =>
  patientIds.map((patientId) => {
    const holding = (seats: ReadonlyMap<string, readonly string[]>): string[] =>
      [...seats.entries()].filter(([, ids]) => ids.includes(patientId)).map(([key]) => key);
    const now = new Set(holding(booked));
    const next = new Set([
      ...assignments.filter((a) => a.patientId === patientId).map((a) => a.sessionId),
      ...holding(frozen),
    ]);
    return {
      patientId,
      added: [...next].filter((k) => !now.has(k)).sort(),
      removed: [...now].filter((k) => !next.has(k)).sort(),
      unchanged: [...now].filter((k) => next.has(k)).length,
    };
  });

/** A stable text of the seats a run was computed from; the server hashes it. */
export const seatsText = (booked: ReadonlyMap<string, readonly string[]>): string =>
  [...booked.entries()]
    .flatMap(([key, seats]) => seats.map((p) => `${key} ${p}`))
    .sort()
    .join('\n');
