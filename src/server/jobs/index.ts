import type { Db } from '../../db/createDb.js';
import { enqueueJob, type JobHandlers, purgeFinishedJobs } from '../../db/jobs.js';
import type { AppDeps } from '../deps.js';
import { createReminderSenders } from '../reminders/sender.js';
import { ESCALATE_ALERTS_JOB, escalateAlertsHandler } from './escalateAlerts.js';
import { SEND_REMINDERS_JOB, sendRemindersHandler } from './sendReminders.js';

export { ESCALATE_ALERTS_JOB, escalateDueAlerts } from './escalateAlerts.js';
export { SEND_REMINDERS_JOB, scheduleReminderJobs, sendDueReminders } from './sendReminders.js';

export const PURGE_JOBS_JOB = 'jobs.purge';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Finished jobs are kept a week; failed ones a month, for someone to look at. */
const KEEP_DONE_MS = 7 * DAY;
const KEEP_FAILED_MS = 30 * DAY;

/**
 * Enqueues the recurring jobs due now and next: alert escalation every minute (one dedupe key per
 * minute, so any number of servers calling this enqueue each run once) and a daily purge of old jobs.
 * Safe to call as often as you like.
 */
export const scheduleRecurringJobs = async (db: Db, now: Date): Promise<void> => {
  const thisMinute = Math.floor(now.getTime() / MINUTE) * MINUTE;
  for (const at of [thisMinute, thisMinute + MINUTE]) {
    const runAt = new Date(at);
    await enqueueJob(
      db.kysely,
      // A missed minute needs no retry: the next minute's run covers it.
      {
        kind: ESCALATE_ALERTS_JOB,
        runAt,
        dedupeKey: `${ESCALATE_ALERTS_JOB}:${runAt.toISOString().slice(0, 16)}`,
        maxAttempts: 1,
      },
      now,
    );
  }
  const today = new Date(Math.floor(now.getTime() / DAY) * DAY);
  await enqueueJob(
    db.kysely,
    {
      kind: PURGE_JOBS_JOB,
      runAt: today,
      dedupeKey: `${PURGE_JOBS_JOB}:${today.toISOString().slice(0, 10)}`,
    },
    now,
  );
};

/**
 * The handlers the server's job runner dispatches to. Each recurring job enqueues its next run when
 * it finishes, so the schedule keeps going once started.
 */
export const registerJobHandlers = (deps: AppDeps): JobHandlers => {
  const escalate = escalateAlertsHandler(deps);
  const senders = deps.reminderSenders ?? createReminderSenders(deps.config, deps.db, deps.clock);
  return {
    [SEND_REMINDERS_JOB]: sendRemindersHandler(deps.db, senders),
    [ESCALATE_ALERTS_JOB]: async (payload, context) => {
      await escalate(payload, context);
      await scheduleRecurringJobs(deps.db, context.now);
    },
    [PURGE_JOBS_JOB]: async (_payload, context) => {
      const now = context.now.getTime();
      await purgeFinishedJobs(deps.db.kysely, {
        doneBefore: new Date(now - KEEP_DONE_MS),
        failedBefore: new Date(now - KEEP_FAILED_MS),
      });
    },
  };
};
