import { describe, expect, it } from 'vitest';
import { scheduleWeek } from './schedule.js';
import { randomWeek } from './testing.js';
import { scheduleWeekInWorker } from './worker.js';

describe('scheduleWeekInWorker', () => {
  it('returns what the solver returns in-process, without blocking the event loop', async () => {
    const week = randomWeek(11, { maxSessions: 14, maxPatients: 30 });
    const options = { seed: 5, patience: 4000, timeLimitMs: 20_000 };
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 5);
    const started = performance.now();
    const result = await scheduleWeekInWorker(week, options);
    const elapsed = performance.now() - started;
    clearInterval(ticker);
    const { stats: _workerStats, ...fromWorker } = result;
    const { stats: _localStats, ...local } = scheduleWeek(week, options);
    expect(fromWorker).toEqual(local);
    // The loop kept turning while the worker solved: at least a tick per 50 ms on a loaded machine.
    expect(ticks).toBeGreaterThan(elapsed / 50);
  });

  it('rejects with the solver error instead of hanging', async () => {
    // Ids that point nowhere get past no validation; the worker reports the crash.
    const broken = {
      sessions: [],
      patients: [
        {
          id: 'p',
          minHours: 1,
          maxHours: 2,
          availability: [{ start: 'x', end: 'y' }],
          requiredModalities: [],
          audience: 'adult' as const,
        },
      ],
    };
    await expect(scheduleWeekInWorker(broken)).rejects.toThrow(/scheduler failed/);
  });
});
