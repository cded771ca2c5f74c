import highsModule, { type Highs } from 'highs';
import { scoreSeats } from './score.js';
import type { ScoreParts, Seat, WeekInstance } from './types.js';

/**
 * The exact reference for tests and the bench (never loaded by the app: `highs` is a dev
 * dependency). A MILP of the same rules and the same lexicographic score, solved by HiGHS one
 * level at a time: maximise satisfied patients; then, holding that, minimise shortfall; then
 * maximise continuity; then minimise Σ size² over group sessions (convex, so unit increments
 * 1, 3, 5, … of cost 2k−1 model size² exactly in an LP).
 */
export interface ReferenceOutcome {
  /** The best schedule HiGHS found, if it found one. */
  readonly seats: Seat[] | undefined;
  readonly score: ScoreParts | undefined;
  /** Levels (1–4) whose optimum HiGHS proved before the time ran out. */
  readonly provenLevels: number;
  /**
   * For the first unproven level: HiGHS's best bound on it, in score units (e.g. at most 281
   * satisfied). Undefined when all four levels were proven.
   */
  readonly bound: number | undefined;
  readonly elapsedMs: number;
}

let loaded: Promise<Highs> | undefined;
/** One WebAssembly instance per process: loading it costs ~100 ms. */
const highsRuntime = (): Promise<Highs> => {
  // The package's types describe its CommonJS build; under ESM the default export is the loader itself.
  const exported = highsModule as unknown as { default?: typeof highsModule.default };
  const loader = typeof exported === 'function' ? (exported as typeof highsModule.default) : exported.default;
  if (!loader) throw new Error('the highs package exports no loader');
  return (loaded ??= loader());
};

interface Row {
  lower: number;
  upper: number;
  indices: number[];
  values: number[];
}

export const solveReference = async (
  week: WeekInstance,
  options: { timeLimitSeconds?: number; levels?: number } = {},
): Promise<ReferenceOutcome> => {
  const highs = await highsRuntime();
  const started = performance.now();
  const timeLimit = options.timeLimitSeconds ?? 60;
  const levels = options.levels ?? 4;
  const infinity = highs.infinity;

  const colLower: number[] = [];
  const colUpper: number[] = [];
  const integrality: (0 | 1)[] = [];
  const addColumn = (lower: number, upper: number, integer: boolean): number => {
    colLower.push(lower);
    colUpper.push(upper);
    integrality.push(integer ? 1 : 0);
    return colLower.length - 1;
  };
  const rows: Row[] = [];

  const seatColumns: { patient: number; session: number; column: number }[] = [];
  const satisfiedColumns: number[] = [];
  const shortfallColumns: number[] = [];
  const continuityColumns: number[] = [];
  const bySession: number[][] = week.sessionIds.map(() => []);

  week.patientIds.forEach((_, p) => {
    const eligible = [...(week.eligible[p] ?? [])];
    const pins = new Set(week.pinned[p] ?? []);
    const previous = new Set(week.previous[p] ?? []);
    const column = new Map<number, number>();
    for (const s of eligible) {
      const c = addColumn(pins.has(s) ? 1 : 0, 1, true);
      column.set(s, c);
      seatColumns.push({ patient: p, session: s, column: c });
      bySession[s]?.push(c);
      if (previous.has(s)) continuityColumns.push(c);
    }
    const min = week.minMinutes[p] ?? 0;
    const max = week.maxMinutes[p] ?? 0;
    const pinMinutes = [...pins].reduce((sum, s) => sum + (week.sessionMinutes[s] ?? 0), 0);
    const required = [...(week.requiredModalities[p] ?? [])];
    const offered = required.map((m) => eligible.filter((s) => week.sessionModality[s] === m));
    const canSatisfy = pinMinutes <= max && offered.every((list) => list.length > 0);
    const y = addColumn(0, canSatisfy ? 1 : 0, true);
    satisfiedColumns.push(y);
    const u = addColumn(0, infinity, false);
    shortfallColumns.push(u);
    const minuteIndices = eligible.map((s) => column.get(s) as number);
    const minuteValues = eligible.map((s) => week.sessionMinutes[s] ?? 0);
    rows.push({
      lower: -infinity,
      upper: Math.max(max, pinMinutes),
      indices: minuteIndices,
      values: minuteValues,
    });
    rows.push({ lower: 0, upper: infinity, indices: [...minuteIndices, y], values: [...minuteValues, -min] });
    rows.push({ lower: min, upper: infinity, indices: [...minuteIndices, u], values: [...minuteValues, 1] });
    offered.forEach((list) => {
      if (list.length > 0)
        rows.push({
          lower: 0,
          upper: infinity,
          indices: [...list.map((s) => column.get(s) as number), y],
          values: [...list.map(() => 1), -1],
        });
    });
    // No double booking: intervals pairwise overlapping share a point, the start of the latest one.
    const cliques = new Set<string>();
    for (const s of eligible) {
      const at = week.sessionStart[s] ?? 0;
      const clique = eligible
        .filter((t) => (week.sessionStart[t] ?? 0) <= at && at < (week.sessionEnd[t] ?? 0))
        .sort((a, b) => a - b);
      const key = clique.join(',');
      if (clique.length < 2 || cliques.has(key)) continue;
      cliques.add(key);
      rows.push({
        lower: -infinity,
        upper: 1,
        indices: clique.map((t) => column.get(t) as number),
        values: clique.map(() => 1),
      });
    }
  });

  const balanceColumns: { column: number; cost: number }[] = [];
  bySession.forEach((columns, s) => {
    const capacity = week.capacity[s] ?? 0;
    if (columns.length === 0) return;
    rows.push({ lower: -infinity, upper: capacity, indices: columns, values: columns.map(() => 1) });
    if (!week.isGroup[s]) return;
    const reachable = Math.min(capacity, columns.length);
    const increments: number[] = [];
    for (let k = 1; k <= reachable; k += 1) {
      const z = addColumn(0, 1, false);
      increments.push(z);
      balanceColumns.push({ column: z, cost: 2 * k - 1 });
    }
    rows.push({
      lower: 0,
      upper: 0,
      indices: [...increments, ...columns],
      values: [...increments.map(() => 1), ...columns.map(() => -1)],
    });
  });

  const numCols = colLower.length;
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of rows) {
    indices.push(...row.indices);
    values.push(...row.values);
    starts.push(indices.length);
  }

  const stages: { columns: number[]; costs: number[]; sense: 1 | -1 }[] = [
    { columns: satisfiedColumns, costs: satisfiedColumns.map(() => 1), sense: -1 },
    { columns: shortfallColumns, costs: shortfallColumns.map(() => 1), sense: 1 },
    { columns: continuityColumns, costs: continuityColumns.map(() => 1), sense: -1 },
    { columns: balanceColumns.map((b) => b.column), costs: balanceColumns.map((b) => b.cost), sense: 1 },
  ];

  const model = highs.createModel({
    numCols,
    numRows: rows.length,
    colCost: new Float64Array(numCols),
    colLower,
    colUpper,
    rowLower: rows.map((r) => r.lower),
    rowUpper: rows.map((r) => r.upper),
    matrix: { format: 'csr', numRows: rows.length, numCols, starts, indices, values },
    integrality,
  });
  try {
    model.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0.5 });
    let provenLevels = 0;
    let bound: number | undefined;
    let solution: Float64Array | undefined;
    for (const [level, stage] of stages.entries()) {
      if (level >= levels) break;
      const remaining = timeLimit - (performance.now() - started) / 1000;
      if (remaining <= 0) {
        bound = undefined;
        break;
      }
      const cost = new Float64Array(numCols);
      // HiGHS minimises: a maximised level enters with negated costs.
      stage.columns.forEach((c, i) => (cost[c] = stage.sense * (stage.costs[i] ?? 0)));
      model.changeColsCost({ kind: 'range', from: 0, to: numCols - 1 }, cost);
      model.options.set({ time_limit: remaining });
      model.run();
      const status = model.getModelStatus();
      const hasSolution = Number(model.info.get('primal_solution_status')) === 2;
      if (hasSolution) solution = model.getSolution().colValue;
      if (status !== highs.constants.modelStatus.optimal) {
        const dual = Number(model.info.get('mip_dual_bound'));
        bound = Number.isFinite(dual) ? stage.sense * dual : undefined;
        break;
      }
      provenLevels += 1;
      const optimum = Math.round(model.getObjectiveValue());
      // Hold this level at its optimum for the next ones.
      model.addRow(stage.sense === -1 ? -optimum : -infinity, stage.sense === -1 ? infinity : optimum, {
        indices: stage.columns,
        values: stage.costs,
      });
    }
    const seats = solution
      ? seatColumns
          .filter(({ column }) => (solution[column] ?? 0) > 0.5)
          .map(({ patient, session }) => ({ patient, session }))
      : undefined;
    return {
      seats,
      score: seats ? scoreSeats(week, seats) : undefined,
      provenLevels,
      bound: provenLevels >= levels ? undefined : bound,
      elapsedMs: performance.now() - started,
    };
  } finally {
    model.dispose();
  }
};
