import { describe, expect, it } from 'vitest';
import { availabilityProblems, sortedWindows } from './availabilityForm.js';

describe('availability form', () => {
  it('accepts separate windows, including one that runs to the end of the day', () => {
    const problems = availabilityProblems([
      { weekday: 1, start: '09:00', end: '12:00' },
      { weekday: 1, start: '12:00', end: '24:00' },
      { weekday: 3, start: '18:00', end: '21:00' },
    ]);
    expect([...problems]).toEqual([]);
  });

  it('names the empty time, the end not after the start, and the overlap, by row', () => {
    const problems = availabilityProblems([
      { weekday: 2, start: '', end: '12:00' },
      { weekday: 2, start: '13:00', end: '13:00' },
      { weekday: 4, start: '09:00', end: '12:00' },
      { weekday: 4, start: '11:30', end: '14:00' },
      { weekday: 5, start: '11:30', end: '14:00' },
    ]);
    expect([...problems]).toEqual([
      [0, 'Enter both times.'],
      [1, 'The end must be after the start.'],
      [3, 'Overlaps window 3.'],
    ]);
  });

  it('sorts Monday first, then by start', () => {
    expect(
      sortedWindows([
        { weekday: 3, start: '09:00', end: '10:00' },
        { weekday: 1, start: '14:00', end: '15:00' },
        { weekday: 1, start: '08:00', end: '09:00' },
      ]).map((w) => `${w.weekday} ${w.start}`),
    ).toEqual(['1 08:00', '1 14:00', '3 09:00']);
  });
});
