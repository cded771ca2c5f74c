import type { AvailabilityWindow } from '../../../core/api/scheduleRuns.js';

const START = /^([01]\d|2[0-3]):[0-5]\d$/;
/** 24:00 is the end of the day. */
const END = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * What is wrong with each window, by row index: an empty or impossible time, an end not after the
 * start, or an overlap with an earlier window on the same day (the server would merge it silently,
 * which hides a typing mistake).
 */
export const availabilityProblems = (windows: readonly AvailabilityWindow[]): Map<number, string> => {
  const problems = new Map<number, string>();
  windows.forEach((w, index) => {
    if (!START.test(w.start) || !END.test(w.end)) problems.set(index, 'Enter both times.');
    else if (minutesOf(w.end) <= minutesOf(w.start)) problems.set(index, 'The end must be after the start.');
  });
  windows.forEach((w, index) => {
    if (problems.has(index)) return;
    const overlapping = windows.findIndex(
      (other, j) =>
        j < index &&
        !problems.has(j) &&
        other.weekday === w.weekday &&
        minutesOf(other.start) < minutesOf(w.end) &&
        minutesOf(w.start) < minutesOf(other.end),
    );
    if (overlapping >= 0) problems.set(index, `Overlaps window ${overlapping + 1}.`);
  });
  return problems;
};

/** Monday first, then by start: how the windows read back after saving. */
export const sortedWindows = (windows: readonly AvailabilityWindow[]): AvailabilityWindow[] =>
  [...windows].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
