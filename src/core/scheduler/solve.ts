import { createPlanner, type PatientPlan } from './plan.js';
import { seededRandom } from './random.js';
import { compareTotals, createWorkingSchedule } from './state.js';
import type { ScoreParts, Seat, WeekInstance } from './types.js';

export interface SolveOptions {
  /** Wall-clock budget; the best schedule found so far is returned when it runs out. */
  readonly timeLimitMs?: number;
  readonly seed?: number;
  /**
   * Stop after this many consecutive iterations without a better score. Scaled with the week's
   * size when omitted. Runs that stop this way (not by the clock) are reproducible for a seed.
   */
  readonly patience?: number;
  readonly maxIterations?: number;
  /** The clock, passed in so tests and callers control it. */
  readonly now?: () => number;
}

export type StopReason = 'no-improvement' | 'time-limit' | 'iteration-limit';

export interface SolveOutcome {
  readonly seats: Seat[];
  readonly score: ScoreParts;
  readonly iterations: number;
  readonly elapsedMs: number;
  readonly stoppedBy: StopReason;
  /** Levels 1–3 reached bounds computed as if capacity were unlimited: provably optimal there. */
  readonly provenUpToContinuity: boolean;
}

/**
 * Assigns patients to sessions: a greedy start, then ruin-and-recreate local search (large
 * neighbourhood search). Each step takes a few related patients off their free (unpinned) seats —
 * typically one patient still short of their week plus an occupant of each of a few full sessions
 * that patient could use (an ejection chain) — and re-plans them one by one with the exact
 * single-patient planner (plan.ts), satisfiable patients first. The step is kept when the week's
 * score is not worse (lexicographic: satisfied, shortfall, continuity, balance), otherwise undone;
 * keeping equal scores lets the search drift across plateaus. Half the steps re-plan with one-to-one
 * sessions that others require priced above any group (plan.ts `spareOneToOne`), so patients who
 * only need hours leave them to those whose week depends on them. Hard rules hold at every step, so
 * stopping at any moment returns a valid schedule.
 */
export const solveWeek = (week: WeekInstance, options: SolveOptions = {}): SolveOutcome => {
  const now = options.now ?? (() => performance.now());
  const startedAt = now();
  const timeLimitMs = options.timeLimitMs ?? 10_000;
  const random = seededRandom(options.seed ?? 1);
  const patientCount = week.patientIds.length;
  const sessionCount = week.sessionIds.length;
  const patience = options.patience ?? Math.max(3000, 40 * patientCount);
  const maxIterations = options.maxIterations ?? Number.POSITIVE_INFINITY;
  const plan = createPlanner(week);

  const schedule = createWorkingSchedule(week);
  const { assigned, size, members, satisfied, shortfall, totals, openList, pinnedSet } = schedule;
  const { release, take, refresh } = schedule;
  const eligiblePatients: number[][] = week.sessionIds.map(() => []);
  week.eligible.forEach((list, p) => list.forEach((s) => eligiblePatients[s]?.push(p)));

  // Bounds from each patient alone with unlimited capacity: nobody can do better than that.
  const alone: PatientPlan[] = [];
  for (let p = 0; p < patientCount; p += 1) alone.push(plan({ patient: p, size, ignoreCapacity: true }));
  const bound = {
    satisfied: alone.filter((a) => a.satisfied).length,
    shortfall: alone.reduce((sum, a) => sum + a.shortfall, 0),
    continuity: alone.reduce((sum, a) => sum + a.continuity, 0),
  };
  const improvable = (p: number) => {
    const best = alone[p] as PatientPlan;
    return (best.satisfied && !satisfied[p]) || (shortfall[p] as number) > best.shortfall;
  };

  let noise: Float64Array | undefined;
  const noiseBuffer = new Float64Array(sessionCount);
  let ignoreContinuity = false;
  let spareOneToOne = true;
  /**
   * Re-plans patients in order. With `satisfiableFirst`, those who can get a full week go first and
   * the rest follow as best they can; the first `leaders` patients are planned first regardless.
   */
  const recreate = (order: readonly number[], leaders: number, satisfiableFirst: boolean) => {
    const deferred: number[] = [];
    order.forEach((p, i) => {
      const planned = plan({ patient: p, size, noise, ignoreContinuity, spareOneToOne });
      if (i < leaders || planned.satisfied || !satisfiableFirst) {
        take(p, planned.sessions);
        refresh(p);
      } else {
        deferred.push(p);
      }
    });
    for (const p of deferred) {
      take(p, plan({ patient: p, size, noise, ignoreContinuity, spareOneToOne }).sessions);
      refresh(p);
    }
  };

  // Greedy start: the patients with the fewest options first, since the others can go elsewhere.
  const order = Array.from({ length: patientCount }, (_, p) => p).sort(
    (a, b) =>
      (week.eligible[a]?.length ?? 0) - (week.eligible[b]?.length ?? 0) ||
      (week.minMinutes[b] ?? 0) - (week.minMinutes[a] ?? 0) ||
      a - b,
  );
  recreate(order, 0, true);

  const shuffle = (list: number[]) => {
    for (let i = list.length - 1; i > 0; i -= 1) {
      const j = random.below(i + 1);
      const t = list[i] as number;
      list[i] = list[j] as number;
      list[j] = t;
    }
    return list;
  };
  /** An occupant who could give up the seat: preferably one short of a full week anyway. */
  const freeMember = (s: number, exclude: ReadonlySet<number>): number | undefined => {
    const list = members[s] as number[];
    if (list.length === 0) return undefined;
    const preferOpen = random.next() < 0.5;
    let fallback: number | undefined;
    const offset = random.below(list.length);
    for (let k = 0; k < list.length; k += 1) {
      const q = list[(offset + k) % list.length] as number;
      if (exclude.has(q) || pinnedSet[q]?.has(s)) continue;
      if (!preferOpen || !satisfied[q]) return q;
      fallback ??= q;
    }
    return fallback;
  };
  const pickOpen = (): number | undefined => {
    for (let tries = 0; tries < 8 && openList.length > 0; tries += 1) {
      const p = openList[random.below(openList.length)] as number;
      if (improvable(p)) return p;
    }
    return undefined;
  };

  /**
   * A few patients who compete for the same seats, the first one to be re-planned first: either a
   * patient short of a full week plus occupants of full sessions they (or those ejected) could use —
   * an ejection chain — or a cluster grown from one patient through shared sessions.
   */
  const ruin = (): { group: number[]; leaders: number } => {
    const chosen = new Set<number>();
    const list: number[] = [];
    const add = (p: number) => {
      if (chosen.has(p)) return;
      chosen.add(p);
      list.push(p);
    };
    const target = random.next() < 0.6 ? pickOpen() : undefined;
    if (target !== undefined) {
      add(target);
      const ejections = 1 + random.below(4);
      for (let tries = 0; tries < 4 * ejections && list.length <= ejections; tries += 1) {
        const from = list[random.below(list.length)] as number;
        const options = week.eligible[from] as Int32Array;
        if (options.length === 0) continue;
        const s = options[random.below(options.length)] as number;
        if ((size[s] as number) < (week.capacity[s] as number)) continue;
        const q = freeMember(s, chosen);
        if (q !== undefined) add(q);
      }
      return { group: [target, ...shuffle(list.slice(1))], leaders: 1 };
    }
    const seed =
      random.next() < 0.5 && openList.length > 0
        ? (openList[random.below(openList.length)] as number)
        : random.below(patientCount);
    add(seed);
    const wanted = 2 + random.below(Math.min(patientCount, 10));
    for (let tries = 0; tries < 4 * wanted && list.length < wanted; tries += 1) {
      const from = list[random.below(list.length)] as number;
      const options = week.eligible[from] as Int32Array;
      if (options.length === 0) continue;
      const s = options[random.below(options.length)] as number;
      const pool = random.next() < 0.7 ? (members[s] as number[]) : (eligiblePatients[s] as number[]);
      if (pool.length === 0) continue;
      add(pool[random.below(pool.length)] as number);
    }
    return { group: shuffle(list), leaders: 0 };
  };

  const provenUpToContinuity = () =>
    totals.satisfied === bound.satisfied &&
    totals.shortfall === bound.shortfall &&
    totals.continuity === bound.continuity;

  let iterations = 0;
  let sinceImprovement = 0;
  let stoppedBy: StopReason = 'no-improvement';
  while (sessionCount > 0 && patientCount > 0) {
    if (iterations >= maxIterations) {
      stoppedBy = 'iteration-limit';
      break;
    }
    if (sinceImprovement >= patience) break;
    if ((iterations & 31) === 0 && now() - startedAt >= timeLimitMs) {
      stoppedBy = 'time-limit';
      break;
    }
    iterations += 1;
    sinceImprovement += 1;

    const { group, leaders } = ruin();
    if (group.length === 0) continue;
    if (random.next() < 0.5) {
      for (let s = 0; s < sessionCount; s += 1) noiseBuffer[s] = random.next() * 4;
      noise = noiseBuffer;
    } else {
      noise = undefined;
    }
    ignoreContinuity = random.next() < 0.15;
    spareOneToOne = random.next() < 0.5;
    const before = { ...totals };
    const saved = group.map((p) => (assigned[p] as number[]).slice());
    for (const p of group) release(p);
    recreate(group, leaders, random.next() < 0.5);
    const verdict = compareTotals(totals, before);
    if (verdict < 0) {
      group.forEach((p, i) => schedule.restore(p, saved[i] as number[]));
    } else if (verdict > 0) {
      sinceImprovement = 0;
    }
  }

  const seats: Seat[] = [];
  assigned.forEach((sessions, p) => {
    for (const s of [...sessions].sort((a, b) => a - b)) seats.push({ patient: p, session: s });
  });
  return {
    seats,
    score: {
      satisfied: totals.satisfied,
      shortfallMinutes: totals.shortfall,
      continuity: totals.continuity,
      balance: 0 - totals.squares,
    },
    iterations,
    elapsedMs: now() - startedAt,
    stoppedBy,
    provenUpToContinuity: provenUpToContinuity(),
  };
};
