import { describe, expect, it } from 'vitest';
import { addDays, ageOn, formatDate, formatInstant, todayIn, zonedToInstant } from './dates.js';

describe('todayIn', () => {
  it('gives the calendar date at the site, not in UTC', () => {
    const lateEvening = new Date('2026-03-08T03:30:00Z'); // 22:30 on Mar 7 in New York
    expect(todayIn('America/New_York', lateEvening)).toBe('2026-03-07');
    expect(todayIn('UTC', lateEvening)).toBe('2026-03-08');
  });
});

describe('zonedToInstant', () => {
  it('converts a wall-clock time at the site to UTC', () => {
    expect(zonedToInstant('2026-01-15', '17:00', 'America/New_York')).toBe('2026-01-15T22:00:00.000Z');
    expect(zonedToInstant('2026-07-15', '17:00', 'America/New_York')).toBe('2026-07-15T21:00:00.000Z');
  });

  it('uses the offset in force on the day across a DST change', () => {
    // Clocks spring forward at 02:00 on 2026-03-08 in New York.
    expect(zonedToInstant('2026-03-07', '09:00', 'America/New_York')).toBe('2026-03-07T14:00:00.000Z');
    expect(zonedToInstant('2026-03-08', '09:00', 'America/New_York')).toBe('2026-03-08T13:00:00.000Z');
  });

  it('rejects malformed input', () => {
    expect(zonedToInstant('2026-3-7', '09:00', 'UTC')).toBeNull();
    expect(zonedToInstant('2026-03-07', '9am', 'UTC')).toBeNull();
  });
});

describe('formatting', () => {
  it('shows calendar dates as written, whatever the time zone', () => {
    expect(formatDate('1990-03-04')).toBe('Mar 4, 1990');
    expect(formatDate(null)).toBe('—');
  });

  it('shows instants in the site time zone with its abbreviation', () => {
    expect(formatInstant('2026-11-24T15:00:00Z', 'America/New_York')).toMatch(
      /^Nov 24, 2026, 10:00\sAM EST$/,
    );
  });
});

describe('ageOn and addDays', () => {
  it('counts whole years, turning on the birthday', () => {
    expect(ageOn('1990-03-04', '2026-03-03')).toBe(35);
    expect(ageOn('1990-03-04', '2026-03-04')).toBe(36);
  });

  it('adds days across month ends', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
  });
});
