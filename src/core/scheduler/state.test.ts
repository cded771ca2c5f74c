import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreSeats } from './score.js';
import { createWorkingSchedule, type WorkingSchedule } from './state.js';
import { randomInstance } from './testing.js';
import type { Seat, WeekInstance } from './types.js';

const seatsOf = (schedule: WorkingSchedule): Seat[] =>
  schedule.assigned.flatMap((sessions, patient) => sessions.map((session) => ({ patient, session })));

const booksAgree = (week: WeekInstance, schedule: WorkingSchedule) => {
  const score = scoreSeats(week, seatsOf(schedule));
  expect(schedule.totals).toEqual({
    satisfied: score.satisfied,
    shortfall: score.shortfallMinutes,
    continuity: score.continuity,
    squares: 0 - score.balance,
  });
  const size = new Int32Array(week.sessionIds.length);
  schedule.assigned.forEach((sessions) => sessions.forEach((s) => (size[s] = (size[s] ?? 0) + 1)));
  expect([...schedule.size]).toEqual([...size]);
  expect([...schedule.openList].sort((a, b) => a - b)).toEqual(
    week.patientIds.map((_, p) => p).filter((p) => !schedule.satisfied[p]),
  );
};

describe('createWorkingSchedule', () => {
  it('keeps its running score equal to a score from scratch through take, release and restore', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 40 }), (seed, steps) => {
        const week = randomInstance(seed, { maxSessions: 10, maxPatients: 12 });
        const schedule = createWorkingSchedule(week);
        booksAgree(week, schedule);
        const patientCount = week.patientIds.length;
        for (const [a, b] of steps) {
          const p = a % patientCount;
          const saved = (schedule.assigned[p] as number[]).slice();
          const eligible = week.eligible[p] as Int32Array;
          schedule.release(p);
          if (eligible.length > 0) schedule.take(p, [eligible[b % eligible.length] as number]);
          schedule.refresh(p);
          booksAgree(week, schedule);
          if (b % 2 === 0) {
            schedule.restore(p, saved);
            booksAgree(week, schedule);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
