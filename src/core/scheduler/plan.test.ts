import { describe, expect, it } from 'vitest';
import { compileWeek } from './feasibility.js';
import { createPlanner } from './plan.js';
import { solveWeek } from './solve.js';
import type { PatientInput, SessionInput, WeekInput } from './types.js';

const at = (hour: number) => `2025-03-03T${String(hour).padStart(2, '0')}:00:00-05:00`;
const session = (id: string, from: number, capacity: number, modality: string): SessionInput => ({
  id,
  start: at(from),
  end: at(from + 1),
  clinicianId: `clinician-${id}`,
  roomId: `room-${id}`,
  capacity,
  modality,
  audience: 'adult',
});
const patient = (id: string, hours: number, required: string[], from = 8, to = 13): PatientInput => ({
  id,
  minHours: hours,
  maxHours: hours + 2,
  availability: [{ start: at(from), end: at(to) }],
  requiredModalities: required,
  audience: 'adult',
});
const sessionsOf = (week: WeekInput, plan: { sessions: readonly number[] }) =>
  plan.sessions.map((s) => week.sessions[s]?.id);

describe('createPlanner and one-to-one sessions', () => {
  // Two individual sessions (9:00, 10:00) and a group at 10:00. Cara can only come at 10:00 and
  // needs an individual session; Ana needs a group, Ben one individual session and two hours.
  const week: WeekInput = {
    sessions: [
      session('individual-9', 9, 1, 'individual'),
      session('individual-10', 10, 1, 'individual'),
      session('group-10', 10, 8, 'group'),
    ],
    patients: [
      patient('ana', 1, ['group']),
      patient('ben', 2, ['individual']),
      patient('cara', 1, ['individual'], 10, 11),
    ],
  };
  const compiled = compileWeek(week);
  const plan = createPlanner(compiled);
  const empty = new Int32Array(compiled.sessionIds.length);

  it('leaves individual sessions someone requires to those who need them', () => {
    expect(sessionsOf(week, plan({ patient: 0, size: empty, spareOneToOne: true }))).toEqual(['group-10']);
  });

  it('does not fill hours with a second individual session another patient needs', () => {
    const ben = plan({ patient: 1, size: empty, spareOneToOne: true });
    expect(ben.satisfied).toBe(true);
    expect(sessionsOf(week, ben)).toEqual(['individual-9', 'group-10']);
  });

  it('still takes a one-to-one session when it is the only way to a full week', () => {
    const full = Int32Array.from([0, 0, 8]);
    expect(sessionsOf(week, plan({ patient: 1, size: full, spareOneToOne: true }))).toEqual([
      'individual-9',
      'individual-10',
    ]);
  });

  it('lets the solver give everyone a full week', () => {
    expect(solveWeek(compiled, { patience: 200 }).score.satisfied).toBe(3);
  });
});
