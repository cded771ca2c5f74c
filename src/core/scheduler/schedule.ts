import { explainUnplaced } from './explain.js';
import { compileWeek } from './feasibility.js';
import { solveWeek, type SolveOptions } from './solve.js';
import type { ScheduleResult, WeekInput } from './types.js';

/**
 * A validated week in, a schedule out: the assignments (pins included), who is not fully placed
 * and why, and the score. Synchronous and CPU-bound: the server runs it through worker.ts.
 */
export const scheduleWeek = (input: WeekInput, options: SolveOptions = {}): ScheduleResult => {
  const week = compileWeek(input);
  const outcome = solveWeek(week, options);
  return {
    assignments: outcome.seats.map(({ patient, session }) => ({
      patientId: week.patientIds[patient] ?? '',
      sessionId: week.sessionIds[session] ?? '',
    })),
    unplaced: explainUnplaced(input, week, outcome.seats),
    score: outcome.score,
    stats: {
      elapsedMs: Math.round(outcome.elapsedMs),
      iterations: outcome.iterations,
      stoppedBy: outcome.stoppedBy,
    },
  };
};
