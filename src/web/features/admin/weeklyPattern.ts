import type { WeeklySlot } from '../../../core/api/admin.js';

export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

const minutes = (time: string): number => {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** Hours per week a pattern schedules (sessions ending before they start count as nothing). */
export const weeklyHoursOf = (pattern: readonly WeeklySlot[]): number =>
  Math.round(
    (pattern.reduce((sum, s) => sum + Math.max(0, minutes(s.end) - minutes(s.start)), 0) / 60) * 100,
  ) / 100;

/** Row messages keyed `weeklyPattern/{index}` for rows that cannot be saved. */
export const checkPattern = (pattern: readonly WeeklySlot[]): Record<string, string> => {
  const errors: Record<string, string> = {};
  if (pattern.length === 0) errors['weeklyPattern'] = 'Add at least one session.';
  pattern.forEach((slot, index) => {
    if (!slot.start || !slot.end) errors[`weeklyPattern/${index}`] = 'Enter a start and an end time.';
    else if (minutes(slot.end) <= minutes(slot.start))
      errors[`weeklyPattern/${index}`] = 'The end must be after the start.';
  });
  return errors;
};

export const describeSlot = (slot: WeeklySlot): string =>
  `${WEEKDAYS[slot.weekday - 1] ?? '?'} ${slot.start}–${slot.end}`;
