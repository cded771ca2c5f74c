import { Worker } from 'node:worker_threads';
import type { SolveOptions } from './solve.js';
import type { ScheduleResult, WeekInput } from './types.js';

export interface WorkerRequest {
  readonly week: WeekInput;
  readonly options: Omit<SolveOptions, 'now'>;
}

export type WorkerReply = { ok: true; result: ScheduleResult } | { ok: false; message: string };

/** Beyond the solver's own limit: loading tsx in the thread, compiling, explaining, copying back. */
const GRACE_MS = 30_000;

/**
 * Solves a validated week on a worker thread, so the server's event loop keeps answering requests
 * while the CPU works (the solver is synchronous). The solver returns its best schedule when its
 * time limit is reached; the worker is terminated if it somehow overruns by a wide margin.
 */
export const scheduleWeekInWorker = (
  week: WeekInput,
  options: Omit<SolveOptions, 'now'> = {},
): Promise<ScheduleResult> =>
  new Promise((resolve, reject) => {
    const request: WorkerRequest = { week, options };
    const worker = new Worker(new URL('./solverWorker.mjs', import.meta.url), { workerData: request });
    const limit = (options.timeLimitMs ?? 10_000) + GRACE_MS;
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`the scheduler worker did not answer within ${limit} ms`));
    }, limit);
    let settled = false;
    worker.once('message', (reply: WorkerReply) => {
      settled = true;
      clearTimeout(timer);
      if (reply.ok) resolve(reply.result);
      else reject(new Error(`the scheduler failed: ${reply.message}`));
    });
    worker.once('error', (error) => {
      settled = true;
      clearTimeout(timer);
      reject(error);
    });
    worker.once('exit', (code) => {
      clearTimeout(timer);
      if (!settled) reject(new Error(`the scheduler worker exited with code ${code} before answering`));
    });
  });
