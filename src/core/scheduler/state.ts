import type { WeekInstance } from './types.js';

/**
 * The solver's working schedule with its score kept up to date incrementally: who sits where, the
 * size and members of each session, each patient's share of the score and the patients still short
 * of a full week. Every change goes through `take`/`release`/`restore`, which keep the books; hard
 * rules are the caller's to respect (the planner checks them before seats are taken).
 */
export interface Totals {
  satisfied: number;
  shortfall: number;
  continuity: number;
  /** Σ over group sessions of size². */
  squares: number;
}

export interface WorkingSchedule {
  /** Sessions per patient, pins included. */
  readonly assigned: number[][];
  readonly size: Int32Array;
  readonly members: number[][];
  readonly satisfied: Uint8Array;
  readonly shortfall: Int32Array;
  readonly continuity: Int32Array;
  readonly totals: Totals;
  /** Patients short of a full week, in no particular order (for sampling). */
  readonly openList: number[];
  readonly pinnedSet: readonly ReadonlySet<number>[];
  /** Recomputes one patient's share of the score after their seats changed. */
  readonly refresh: (p: number) => void;
  /** Takes the patient off every seat staff did not pin. */
  readonly release: (p: number) => void;
  readonly take: (p: number, sessions: readonly number[]) => void;
  /** Puts back seats saved with `assigned[p].slice()`. */
  readonly restore: (p: number, saved: readonly number[]) => void;
}

export const compareTotals = (a: Totals, b: Totals): number =>
  a.satisfied - b.satisfied ||
  b.shortfall - a.shortfall ||
  a.continuity - b.continuity ||
  b.squares - a.squares;

export const createWorkingSchedule = (week: WeekInstance): WorkingSchedule => {
  const patientCount = week.patientIds.length;
  const sessionCount = week.sessionIds.length;
  const pinnedSet = week.pinned.map((pins) => new Set(pins));
  const previousSet = week.previous.map((list) => new Set(list));
  const assigned: number[][] = week.pinned.map((pins) => [...pins]);
  const size = new Int32Array(sessionCount);
  const members: number[][] = week.sessionIds.map(() => []);
  const satisfied = new Uint8Array(patientCount);
  const shortfall = new Int32Array(patientCount);
  const continuity = new Int32Array(patientCount);
  const totals: Totals = { satisfied: 0, shortfall: 0, continuity: 0, squares: 0 };

  const openList: number[] = [];
  const openAt = new Int32Array(patientCount).fill(-1);
  const markOpen = (p: number, open: boolean) => {
    const at = openAt[p] as number;
    if (open && at < 0) {
      openAt[p] = openList.length;
      openList.push(p);
    } else if (!open && at >= 0) {
      const last = openList.pop() as number;
      if (last !== p) {
        openList[at] = last;
        openAt[last] = at;
      }
      openAt[p] = -1;
    }
  };

  const refresh = (p: number) => {
    const sessions = assigned[p] as number[];
    const required = week.requiredModalities[p] as Int32Array;
    let minutes = 0;
    let covered = 0;
    let cont = 0;
    for (const s of sessions) {
      minutes += week.sessionMinutes[s] as number;
      if (previousSet[p]?.has(s)) cont += 1;
      const at = required.indexOf(week.sessionModality[s] as number);
      if (at >= 0) covered |= 1 << at;
    }
    const min = week.minMinutes[p] as number;
    const isSatisfied =
      minutes >= min && minutes <= (week.maxMinutes[p] as number) && covered === (1 << required.length) - 1;
    const short = Math.max(0, min - minutes);
    totals.satisfied += (isSatisfied ? 1 : 0) - (satisfied[p] as number);
    totals.shortfall += short - (shortfall[p] as number);
    totals.continuity += cont - (continuity[p] as number);
    satisfied[p] = isSatisfied ? 1 : 0;
    shortfall[p] = short;
    continuity[p] = cont;
    markOpen(p, !isSatisfied);
  };

  const join = (p: number, s: number) => {
    const before = size[s] as number;
    if (week.isGroup[s]) totals.squares += 2 * before + 1;
    size[s] = before + 1;
    (members[s] as number[]).push(p);
  };
  const leave = (p: number, s: number) => {
    const after = (size[s] as number) - 1;
    if (week.isGroup[s]) totals.squares -= 2 * after + 1;
    size[s] = after;
    const list = members[s] as number[];
    const at = list.indexOf(p);
    list[at] = list[list.length - 1] as number;
    list.pop();
  };
  const release = (p: number) => {
    const pins = pinnedSet[p] as Set<number>;
    const kept: number[] = [];
    for (const s of assigned[p] as number[]) {
      if (pins.has(s)) kept.push(s);
      else leave(p, s);
    }
    assigned[p] = kept;
  };
  const take = (p: number, sessions: readonly number[]) => {
    for (const s of sessions) {
      join(p, s);
      (assigned[p] as number[]).push(s);
    }
  };
  const restore = (p: number, saved: readonly number[]) => {
    release(p);
    const pins = pinnedSet[p] as Set<number>;
    take(
      p,
      saved.filter((s) => !pins.has(s)),
    );
    refresh(p);
  };

  for (let p = 0; p < patientCount; p += 1) for (const s of assigned[p] as number[]) join(p, s);
  for (let p = 0; p < patientCount; p += 1) refresh(p);

  return {
    assigned,
    size,
    members,
    satisfied,
    shortfall,
    continuity,
    totals,
    openList,
    pinnedSet,
    refresh,
    release,
    take,
    restore,
  };
};
