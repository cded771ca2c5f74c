import { overlaps } from './feasibility.js';
import type { ScoreParts, Seat, WeekInstance } from './types.js';

/**
 * The four parts of a week's score, compared in this order (lexicographically):
 * 1. `satisfied`: patients whose attended minutes are within [min, max] and who have every required
 *    modality at least once — more is better;
 * 2. `shortfallMinutes`: Σ over all patients of max(0, minimum − attended minutes) — less is better;
 * 3. `continuity`: seats (patient, session) where the session is in the patient's `previous` — more;
 * 4. `balance`: −Σ over group sessions (capacity ≥ 2) of size². For a given number of seats it is
 *    highest when group sizes are as even as possible; it also prefers leaving a seat free to filling
 *    it for nothing, which keeps room for rolling admissions. Higher (closer to 0) is better.
 *
 * Deliberately written apart from the solver's incremental bookkeeping, so tests check one against
 * the other.
 */
export const scoreSeats = (week: WeekInstance, seats: readonly Seat[]): ScoreParts => {
  const patientCount = week.patientIds.length;
  const minutes = new Float64Array(patientCount);
  const modalitiesSeen = week.patientIds.map(() => new Set<number>());
  const size = new Int32Array(week.sessionIds.length);
  const previous = week.previous.map((list) => new Set(list));
  let continuity = 0;
  for (const { patient, session } of seats) {
    minutes[patient] = (minutes[patient] ?? 0) + (week.sessionMinutes[session] ?? 0);
    modalitiesSeen[patient]?.add(week.sessionModality[session] ?? -1);
    size[session] = (size[session] ?? 0) + 1;
    if (previous[patient]?.has(session)) continuity += 1;
  }
  let satisfied = 0;
  let shortfallMinutes = 0;
  for (let p = 0; p < patientCount; p += 1) {
    const attended = minutes[p] ?? 0;
    const min = week.minMinutes[p] ?? 0;
    const max = week.maxMinutes[p] ?? 0;
    const required = week.requiredModalities[p] ?? new Int32Array();
    const seen = modalitiesSeen[p] ?? new Set<number>();
    if (attended >= min && attended <= max && required.every((m) => seen.has(m))) satisfied += 1;
    shortfallMinutes += Math.max(0, min - attended);
  }
  let balance = 0;
  size.forEach((n, s) => {
    if (week.isGroup[s]) balance -= n * n;
  });
  return { satisfied, shortfallMinutes, continuity, balance };
};

/** Negative when `a` is worse than `b`, positive when better, 0 when equal (lexicographic order). */
export const compareScores = (a: ScoreParts, b: ScoreParts): number =>
  a.satisfied - b.satisfied ||
  b.shortfallMinutes - a.shortfallMinutes ||
  a.continuity - b.continuity ||
  a.balance - b.balance;

/**
 * Every hard rule a schedule must keep, as readable violations (empty when valid): a patient only in
 * sessions they may attend, never in two overlapping sessions or the same one twice, no session
 * over capacity, every pin kept, nobody above their maximum except by their own pins.
 */
export const hardViolations = (week: WeekInstance, seats: readonly Seat[]): string[] => {
  const violations: string[] = [];
  const byPatient = week.patientIds.map((): number[] => []);
  const size = new Int32Array(week.sessionIds.length);
  const eligible = week.eligible.map((list) => new Set(list));
  for (const { patient, session } of seats) {
    const pid = week.patientIds[patient] ?? `#${patient}`;
    const sid = week.sessionIds[session] ?? `#${session}`;
    if (!eligible[patient]?.has(session)) violations.push(`${pid} may not attend ${sid}`);
    byPatient[patient]?.push(session);
    size[session] = (size[session] ?? 0) + 1;
  }
  size.forEach((n, s) => {
    if (n > (week.capacity[s] ?? 0))
      violations.push(`${week.sessionIds[s] ?? s} has ${n} patients for ${week.capacity[s] ?? 0} seats`);
  });
  byPatient.forEach((sessions, p) => {
    const pid = week.patientIds[p] ?? `#${p}`;
    for (let i = 0; i < sessions.length; i += 1)
      for (let j = i + 1; j < sessions.length; j += 1) {
        const a = sessions[i] as number;
        const b = sessions[j] as number;
        if (a === b) violations.push(`${pid} is in ${week.sessionIds[a] ?? a} twice`);
        else if (overlaps(week, a, b))
          violations.push(
            `${pid} is double-booked in ${week.sessionIds[a] ?? a} and ${week.sessionIds[b] ?? b}`,
          );
      }
    const mine = new Set(sessions);
    for (const s of week.pinned[p] ?? [])
      if (!mine.has(s)) violations.push(`${pid} lost pin ${week.sessionIds[s] ?? s}`);
    const attended = sessions.reduce((sum, s) => sum + (week.sessionMinutes[s] ?? 0), 0);
    const pinnedMinutes = [...(week.pinned[p] ?? [])].reduce(
      (sum, s) => sum + (week.sessionMinutes[s] ?? 0),
      0,
    );
    if (attended > Math.max(week.maxMinutes[p] ?? 0, pinnedMinutes))
      violations.push(`${pid} attends ${attended} min, above the maximum ${week.maxMinutes[p] ?? 0}`);
  });
  return violations;
};
