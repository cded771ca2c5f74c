import { parseIsoWithOffset, type WallClockInstant, type WallClockSpan } from './time.js';
import type { PatientInput, SessionInput, WeekInput, WeekInstance } from './types.js';

/** Parses a date-time already checked by validation. */
const instant = (text: string): WallClockInstant => {
  const parsed = parseIsoWithOffset(text);
  if (!parsed) throw new Error(`not an ISO date-time with offset: ${text}`);
  return parsed;
};

export const spanOf = (item: { start: string; end: string }): WallClockSpan => ({
  start: instant(item.start),
  end: instant(item.end),
});

/**
 * Overlapping or touching windows become one, so a session from 17:30 to 19:00 fits a patient who
 * gave 17:00–18:00 and 18:00–21:00.
 */
export const mergeWindows = (windows: readonly WallClockSpan[]): WallClockSpan[] => {
  const sorted = [...windows].sort((a, b) => a.start.epochMs - b.start.epochMs);
  const merged: WallClockSpan[] = [];
  for (const window of sorted) {
    const last = merged[merged.length - 1];
    if (last && window.start.epochMs <= last.end.epochMs) {
      if (window.end.epochMs > last.end.epochMs)
        merged[merged.length - 1] = { start: last.start, end: window.end };
    } else {
      merged.push(window);
    }
  }
  return merged;
};

export type Ineligibility = 'audience' | 'gender' | 'availability';

/** Why a patient may not attend a session at all, or `undefined` when they may. */
export const ineligibility = (
  patient: Pick<PatientInput, 'audience' | 'gender'>,
  windows: readonly WallClockSpan[],
  session: Pick<SessionInput, 'audience' | 'gender'>,
  span: WallClockSpan,
): Ineligibility | undefined => {
  if (session.audience !== patient.audience) return 'audience';
  if (session.gender !== undefined && session.gender !== patient.gender) return 'gender';
  const inside = windows.some(
    (w) => w.start.epochMs <= span.start.epochMs && span.end.epochMs <= w.end.epochMs,
  );
  return inside ? undefined : 'availability';
};

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * The solver's view of a validated week (see validate.ts). Pinned sessions are eligible by
 * validation; `previous` sessions the patient can no longer attend are dropped, since they cannot
 * count towards continuity.
 */
export const compileWeek = (week: WeekInput): WeekInstance => {
  const sessionCount = week.sessions.length;
  const sessionIndex = new Map(week.sessions.map((s, i) => [s.id, i]));
  const sessionSpan = week.sessions.map(spanOf);
  const sessionStart = new Float64Array(sessionCount);
  const sessionEnd = new Float64Array(sessionCount);
  const sessionMinutes = new Int32Array(sessionCount);
  const capacity = new Int32Array(sessionCount);
  const isGroup = new Uint8Array(sessionCount);
  const sessionModality = new Int32Array(sessionCount);
  const modalityIndex = new Map<string, number>();
  const modalityOf = (name: string): number => {
    let index = modalityIndex.get(name);
    if (index === undefined) {
      index = modalityIndex.size;
      modalityIndex.set(name, index);
    }
    return index;
  };
  let minuteStep = 0;
  week.sessions.forEach((session, s) => {
    const span = sessionSpan[s] as WallClockSpan;
    sessionStart[s] = span.start.epochMs;
    sessionEnd[s] = span.end.epochMs;
    sessionMinutes[s] = Math.max(1, Math.round((span.end.epochMs - span.start.epochMs) / 60_000));
    capacity[s] = session.capacity;
    isGroup[s] = session.capacity >= 2 ? 1 : 0;
    sessionModality[s] = modalityOf(session.modality);
    minuteStep = gcd(sessionMinutes[s] ?? 1, minuteStep);
  });

  const byEndThenStart = (a: number, b: number) =>
    (sessionEnd[a] ?? 0) - (sessionEnd[b] ?? 0) || (sessionStart[a] ?? 0) - (sessionStart[b] ?? 0) || a - b;

  const availability = week.patients.map((p) => mergeWindows(p.availability.map(spanOf)));
  const eligible = week.patients.map((patient, p) => {
    const windows = availability[p] ?? [];
    const list: number[] = [];
    week.sessions.forEach((session, s) => {
      if (ineligibility(patient, windows, session, sessionSpan[s] as WallClockSpan) === undefined)
        list.push(s);
    });
    return Int32Array.from(list.sort(byEndThenStart));
  });
  const ids = (list: readonly string[] | undefined) =>
    [...new Set(list ?? [])].map((id) => sessionIndex.get(id)).filter((s): s is number => s !== undefined);
  const requiredModalities = week.patients.map((p) =>
    Int32Array.from([...new Set(p.requiredModalities)].map(modalityOf)),
  );
  const pinned = week.patients.map((p) => Int32Array.from(ids(p.pinned).sort(byEndThenStart)));
  const previous = week.patients.map((p, i) => {
    const allowed = new Set(eligible[i]);
    return Int32Array.from(ids(p.previous).filter((s) => allowed.has(s)));
  });

  return {
    sessionIds: week.sessions.map((s) => s.id),
    patientIds: week.patients.map((p) => p.id),
    sessionStart,
    sessionEnd,
    sessionMinutes,
    sessionSpan,
    capacity,
    isGroup,
    sessionModality,
    modalities: [...modalityIndex.keys()],
    // Hours become whole minutes: 7.5 h is 450 min; the week file never needs seconds.
    minMinutes: Int32Array.from(week.patients.map((p) => Math.round(p.minHours * 60))),
    maxMinutes: Int32Array.from(week.patients.map((p) => Math.round(p.maxHours * 60))),
    requiredModalities,
    eligible,
    pinned,
    previous,
    minuteStep: Math.max(1, minuteStep),
    availability,
  };
};

export const overlaps = (week: WeekInstance, a: number, b: number): boolean =>
  (week.sessionStart[a] ?? 0) < (week.sessionEnd[b] ?? 0) &&
  (week.sessionStart[b] ?? 0) < (week.sessionEnd[a] ?? 0);
