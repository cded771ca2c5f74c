import { createJobRunner } from '../db/jobs.js';
import type { AppDeps } from './deps.js';
import { registerJobHandlers, scheduleRecurringJobs, scheduleReminderJobs } from './jobs/index.js';

/**
 * Starts the jobs runner (alert escalation, job purging, reminders) on the jobs table.
 * Several servers may run it against one PostgreSQL database: jobs are claimed with SKIP LOCKED.
 */
export const startBackgroundJobs = async (
  deps: AppDeps,
  onError: (error: unknown) => void,
): Promise<{ stop(): Promise<void> }> => {
  if (deps.config.jobsPollMs === 0) return { stop: () => Promise.resolve() };
  await scheduleRecurringJobs(deps.db, deps.clock.now());
  await scheduleReminderJobs(deps.db, deps.clock.now());
  const runner = createJobRunner({
    db: deps.db,
    clock: deps.clock,
    handlers: registerJobHandlers(deps),
    pollMs: deps.config.jobsPollMs,
    onError,
  });
  runner.start();
  return { stop: () => runner.stop() };
};
