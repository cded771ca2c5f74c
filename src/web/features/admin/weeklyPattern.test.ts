import { describe, expect, it } from 'vitest';
import { checkPattern, describeSlot, weeklyHoursOf } from './weeklyPattern.js';

describe('weekly pattern', () => {
  const evening = [
    { weekday: 1, start: '18:00', end: '21:00' },
    { weekday: 3, start: '18:00', end: '21:00' },
    { weekday: 5, start: '17:30', end: '21:00' },
  ];

  it('adds up the hours of every session', () => {
    expect(weeklyHoursOf(evening)).toBe(9.5);
    expect(weeklyHoursOf([])).toBe(0);
  });

  it('flags sessions that end before they start, and an empty pattern', () => {
    expect(checkPattern(evening)).toEqual({});
    expect(checkPattern([{ weekday: 2, start: '10:00', end: '09:00' }])).toEqual({
      'weeklyPattern/0': 'The end must be after the start.',
    });
    expect(checkPattern([])).toEqual({ weeklyPattern: 'Add at least one session.' });
  });

  it('describes a session for lists', () => {
    expect(describeSlot({ weekday: 7, start: '09:00', end: '12:00' })).toBe('Sunday 09:00–12:00');
  });
});
