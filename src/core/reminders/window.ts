import type { EpochMs } from '../schedule/localTime.js';

/**
 * When reminders go out. The job runs every quarter hour and reminds every booked session starting
 * within the lead time (setting `reminders.leadHours`, default 24) that has not been reminded yet, so a
 * session booked late still gets its reminder, and one that has begun never does.
 */

export const REMINDER_SLOT_MS = 15 * 60_000;
export const DEFAULT_LEAD_HOURS = 24;
/** A week: longer leads would remind about sessions staff may still move. */
export const MAX_LEAD_HOURS = 168;

/** The lead time from the stored setting; anything but a whole number of hours from 1 to a week is the default. */
export const leadHoursFrom = (value: unknown): number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_LEAD_HOURS
    ? value
    : DEFAULT_LEAD_HOURS;

/** `(now, now + lead]`: sessions starting in this window are due a reminder. */
export const reminderWindow = (nowMs: EpochMs, leadHours: number): { fromMs: EpochMs; toMs: EpochMs } => ({
  fromMs: nowMs,
  toMs: nowMs + leadHours * 3_600_000,
});

export const isDueForReminder = (startMs: EpochMs, nowMs: EpochMs, leadHours: number): boolean => {
  const { fromMs, toMs } = reminderWindow(nowMs, leadHours);
  return startMs > fromMs && startMs <= toMs;
};

/** The quarter hour an instant falls in: one reminder run per slot however many servers enqueue it. */
export const reminderSlotStart = (nowMs: EpochMs): EpochMs =>
  Math.floor(nowMs / REMINDER_SLOT_MS) * REMINDER_SLOT_MS;
