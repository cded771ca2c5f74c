export type * from './types.js';
export {
  ScheduleResultSchema,
  WeekInputSchema,
  SessionInputSchema,
  PatientInputSchema,
  UnplacedReasonSchema,
} from './schema.js';
export { checkWeekInput, describeProblems, parseWeekInput, type InputProblem } from './validate.js';
export { compileWeek } from './feasibility.js';
export { compareScores, hardViolations, scoreSeats } from './score.js';
export { solveWeek, type SolveOptions, type SolveOutcome } from './solve.js';
export { explainUnplaced } from './explain.js';
export { scheduleWeek } from './schedule.js';
