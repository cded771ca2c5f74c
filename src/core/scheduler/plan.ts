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
  /**
   * Price a one-to-one session whose modality another patient requires above joining any group,
   * for a patient who does not need it or already has one (the solver, now and then): it is worth
   * nothing to the balance part, yet the one who needs it may have no other way to a full week.
   * Always on, it would stop the search from reaching the best balance.
   */
  readonly spareOneToOne?: boolean;
}

/** Continuity outranks any sum of balance costs a single patient's plan can reach. */
const CONTINUITY_WEIGHT = 1 << 30;
/**
 * A one-to-one session (capacity 1) is worth nothing to the balance part: a tie-break below any
 * unit of balance keeps patients who gain nothing by it out of it.
 */
const ONE_TO_ONE_COST = 1 / 64;
/** Above the growth of any group, far below continuity: the plan's levels 1–3 are unchanged. */
const NEEDED_ELSEWHERE_COST = 256;

export type Planner = (request: PlanRequest) => PatientPlan;

/** Per-candidate working arrays, reused from call to call: the solver plans thousands of times a second. */
interface Scratch {
  readonly length: number;
  readonly candidates: Int32Array;
  readonly lengthOf: Int32Array;
  readonly bit: Int32Array;
  readonly value: Float64Array;
  /** Taken off `value` when the session's required modality is already met (a second one). */
  readonly repeatCost: Float64Array;
  readonly predecessor: Int32Array;
}

const createScratch = (length: number): Scratch => ({
  length,
  candidates: new Int32Array(length),
  lengthOf: new Int32Array(length),
  bit: new Int32Array(length),
  value: new Float64Array(length),
  repeatCost: new Float64Array(length),
  predecessor: new Int32Array(length),
});

export const createPlanner = (week: WeekInstance): Planner => {
  let table = new Float64Array(1 << 12);
  const previous = week.previous.map((list) => new Set(list));
  const step = week.minuteStep;
  // One-to-one sessions whose modality some patient who may attend them requires.
  const sought = new Uint8Array(week.sessionIds.length);
  week.eligible.forEach((list, p) => {
    const required = week.requiredModalities[p] ?? new Int32Array();
    for (const s of list)
      if (!week.isGroup[s] && required.includes(week.sessionModality[s] ?? -1)) sought[s] = 1;
  });

  const sessionUnits = Int32Array.from(week.sessionMinutes, (minutes) => Math.round(minutes / step));
  let scratch = createScratch(64);

  return (request) => {
    const { patient: p, size, ignoreCapacity = false, ignorePins = false, excluded, noise } = request;
    const continuityWeight = request.ignoreContinuity ? 0 : CONTINUITY_WEIGHT;
    const spare = request.spareOneToOne ?? false;
    const pins = ignorePins ? new Int32Array() : (week.pinned[p] ?? new Int32Array());
    const eligible = week.eligible[p] ?? new Int32Array();
    const required = week.requiredModalities[p] ?? new Int32Array();
    const prev = previous[p] ?? new Set<number>();
    const min = week.minMinutes[p] ?? 0;
    const max = week.maxMinutes[p] ?? 0;

    const bitOf = (s: number): number => {
      const modality = week.sessionModality[s] ?? -1;
      for (let k = 0; k < required.length; k += 1) if (required[k] === modality) return 1 << k;
      return 0;
    };
    let pinMinutes = 0;
    let pinMask = 0;
    let pinContinuity = 0;
    for (const s of pins) {
      pinMinutes += week.sessionMinutes[s] ?? 0;
      pinMask |= bitOf(s);
      if (prev.has(s)) pinContinuity += 1;
    }
    if (scratch.length < eligible.length) scratch = createScratch(eligible.length * 2);
    const { candidates, lengthOf, bit, value, repeatCost, predecessor } = scratch;
    let n = 0;
    for (const s of eligible) {
      if ((pins.length > 0 && pins.includes(s)) || excluded?.has(s)) continue;
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
      if (!clash) {
        candidates[n] = s;
        n += 1;
      }
    }

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

    for (let i = 0; i < n; i += 1) {
      const s = candidates[i] as number;
      lengthOf[i] = sessionUnits[s] as number;
      bit[i] = bitOf(s);
      repeatCost[i] = 0;
      let growth = ONE_TO_ONE_COST;
      if (week.isGroup[s]) growth = 2 * (size[s] ?? 0) + 1;
      else if (spare && sought[s] && bit[i] === 0) growth = NEEDED_ELSEWHERE_COST;
      else if (spare && sought[s]) repeatCost[i] = NEEDED_ELSEWHERE_COST;
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
      const again = w - (repeatCost[i - 1] as number);
      const from = (predecessor[i - 1] as number) * layer;
      for (let m = d; m <= units; m += 1) {
        const source = from + (m - d) * masks;
        const target = here + m * masks;
        for (let mask = 0; mask < masks; mask += 1) {
          const v = f[source + mask] as number;
          if (v === -Infinity) continue;
          const t = target + (mask | b);
          const gain = v + ((mask & b) === 0 ? w : again);
          if (gain > (f[t] as number)) f[t] = gain;
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
      const again = w - (repeatCost[i - 1] as number);
      const from = (predecessor[i - 1] as number) * layer + (m - d) * masks;
      let previousMask = -1;
      for (let candidate = 0; candidate < masks; candidate += 1)
        if (
          (candidate | b) === mask &&
          (f[from + candidate] as number) + ((candidate & b) === 0 ? w : again) === f[here]
        ) {
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
