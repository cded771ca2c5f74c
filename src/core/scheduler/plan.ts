import type { WeekInstance } from './types.js';

/**
 * The best week for ONE patient while everyone else stays put: an exact dynamic programme over the
 * sessions they may attend, sorted by end time (weighted interval scheduling), with the attended
 * minutes on the week's minute grid and the required modalities met so far as extra state.
 * Its order of preference is the patient's share of the schedule score: satisfied first, then least
 * shortfall, then most continuity, then the smallest growth of Σ size² over the groups joined.
 * The local search (solve.ts) re-plans patients with it; explain.ts asks it "what if capacity were
 * unlimited?".
 */
export interface PatientPlan {
  /** Sessions added to the patient's pins, by index, in end-time order. */
  readonly sessions: readonly number[];
  readonly minutes: number;
  readonly satisfied: boolean;
  readonly shortfall: number;
  readonly continuity: number;
}

export interface PlanRequest {
  readonly patient: number;
  /** Patients already seated in each session, not counting this patient. */
  readonly size: Int32Array;
  /** Plan as if every session had room (explanations). */
  readonly ignoreCapacity?: boolean;
  /** Leave out pins (explanations: would the patient fit without them?). */
  readonly ignorePins?: boolean;
  /** Sessions the plan may not use (explanations: remove one modality at a time). */
  readonly excluded?: ReadonlySet<number>;
  /** Extra cost per session, below continuity in priority (the solver's noise to explore ties). */
  readonly noise?: Float64Array;
  /**
   * Plan as if continuity did not matter (the solver, now and then): a patient keeping their old
   * group can be what blocks a better week for someone else, and a best response never gives it up.
   */
  readonly ignoreContinuity?: boolean;
}

/** Continuity outranks any sum of balance costs a single patient's plan can reach. */
const CONTINUITY_WEIGHT = 1 << 30;

export type Planner = (request: PlanRequest) => PatientPlan;

export const createPlanner = (week: WeekInstance): Planner => {
  let table = new Float64Array(1 << 12);
  const previous = week.previous.map((list) => new Set(list));
  const step = week.minuteStep;

  return (request) => {
    const { patient: p, size, ignoreCapacity = false, ignorePins = false, excluded, noise } = request;
    const continuityWeight = request.ignoreContinuity ? 0 : CONTINUITY_WEIGHT;
    const pins = ignorePins ? new Int32Array() : (week.pinned[p] ?? new Int32Array());
    const eligible = week.eligible[p] ?? new Int32Array();
    const required = week.requiredModalities[p] ?? new Int32Array();
    const prev = previous[p] ?? new Set<number>();
    const min = week.minMinutes[p] ?? 0;
    const max = week.maxMinutes[p] ?? 0;

    const bitOf = (s: number): number => {
      const at = required.indexOf(week.sessionModality[s] ?? -1);
      return at < 0 ? 0 : 1 << at;
    };
    let pinMinutes = 0;
    let pinMask = 0;
    let pinContinuity = 0;
    for (const s of pins) {
      pinMinutes += week.sessionMinutes[s] ?? 0;
      pinMask |= bitOf(s);
      if (prev.has(s)) pinContinuity += 1;
    }
    const pinSet = new Set(pins);
    const candidates: number[] = [];
    for (const s of eligible) {
      if (pinSet.has(s) || excluded?.has(s)) continue;
      if (!ignoreCapacity && (size[s] ?? 0) >= (week.capacity[s] ?? 0)) continue;
      let clash = false;
      for (const pin of pins)
        if (
          (week.sessionStart[s] ?? 0) < (week.sessionEnd[pin] ?? 0) &&
          (week.sessionStart[pin] ?? 0) < (week.sessionEnd[s] ?? 0)
        ) {
          clash = true;
          break;
        }
      if (!clash) candidates.push(s);
    }

    const n = candidates.length;
    const fullMask = (1 << required.length) - 1;
    const masks = 1 << required.length;
    // Above the maximum only by pins; then nothing can be added.
    const units = Math.max(0, Math.floor((Math.max(max, pinMinutes) - pinMinutes) / step));
    const layer = (units + 1) * masks;
    const cells = (n + 1) * layer;
    if (table.length < cells) table = new Float64Array(Math.max(cells, table.length * 2));
    const f = table;
    f.fill(-Infinity, 0, layer);
    f[pinMask] = 0;

    const lengthOf = new Int32Array(n);
    const bit = new Int32Array(n);
    const value = new Float64Array(n);
    const predecessor = new Int32Array(n);
    for (let i = 0; i < n; i += 1) {
      const s = candidates[i] as number;
      lengthOf[i] = Math.round((week.sessionMinutes[s] ?? 0) / step);
      bit[i] = bitOf(s);
      const growth = week.isGroup[s] ? 2 * (size[s] ?? 0) + 1 : 0;
      value[i] = (prev.has(s) ? continuityWeight : 0) - growth - (noise?.[s] ?? 0);
      // Candidates are sorted by end: those ending by this one's start form a prefix.
      const start = week.sessionStart[s] ?? 0;
      let lo = 0;
      let hi = i;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((week.sessionEnd[candidates[mid] as number] ?? 0) <= start) lo = mid + 1;
        else hi = mid;
      }
      predecessor[i] = lo;
    }

    for (let i = 1; i <= n; i += 1) {
      const here = i * layer;
      f.copyWithin(here, here - layer, here);
      const d = lengthOf[i - 1] as number;
      const b = bit[i - 1] as number;
      const w = value[i - 1] as number;
      const from = (predecessor[i - 1] as number) * layer;
      for (let m = d; m <= units; m += 1) {
        const source = from + (m - d) * masks;
        const target = here + m * masks;
        for (let mask = 0; mask < masks; mask += 1) {
          const v = f[source + mask] as number;
          if (v === -Infinity) continue;
          const t = target + (mask | b);
          if (v + w > (f[t] as number)) f[t] = v + w;
        }
      }
    }

    let bestM = 0;
    let bestMask = pinMask;
    let bestSatisfied = false;
    let bestShortfall = Infinity;
    let bestValue = -Infinity;
    const last = n * layer;
    for (let m = 0; m <= units; m += 1) {
      const minutes = pinMinutes + m * step;
      const shortfall = Math.max(0, min - minutes);
      for (let mask = 0; mask < masks; mask += 1) {
        const v = f[last + m * masks + mask] as number;
        if (v === -Infinity) continue;
        const satisfied = minutes >= min && minutes <= max && mask === fullMask;
        const better =
          satisfied !== bestSatisfied
            ? satisfied
            : shortfall !== bestShortfall
              ? shortfall < bestShortfall
              : v > bestValue;
        if (better) {
          bestM = m;
          bestMask = mask;
          bestSatisfied = satisfied;
          bestShortfall = shortfall;
          bestValue = v;
        }
      }
    }

    const chosen: number[] = [];
    let i = n;
    let m = bestM;
    let mask = bestMask;
    let continuity = pinContinuity;
    while (i > 0) {
      const here = i * layer + m * masks + mask;
      if (f[here] === f[here - layer]) {
        i -= 1;
        continue;
      }
      const s = candidates[i - 1] as number;
      const d = lengthOf[i - 1] as number;
      const b = bit[i - 1] as number;
      const w = value[i - 1] as number;
      const from = (predecessor[i - 1] as number) * layer + (m - d) * masks;
      let previousMask = -1;
      for (let candidate = 0; candidate < masks; candidate += 1)
        if ((candidate | b) === mask && (f[from + candidate] as number) + w === f[here]) {
          previousMask = candidate;
          break;
        }
      if (previousMask < 0) throw new Error('plan reconstruction failed');
      chosen.push(s);
      if (prev.has(s)) continuity += 1;
      i = predecessor[i - 1] as number;
      m -= d;
      mask = previousMask;
    }
    chosen.reverse();
    const minutes = pinMinutes + bestM * step;
    return {
      sessions: chosen,
      minutes,
      satisfied: bestSatisfied,
      shortfall: Math.max(0, min - minutes),
      continuity,
    };
  };
};
