import { describe, expect, it } from 'vitest';
import {
  addDays,
  instantOf,
  isLocalDate,
  isoWeekdayOf,
  isoWithOffset,
  isTimeZone,
  localDateAt,
  localTimeAt,
  startOfLocalDay,
  weekStartOf,
} from './localTime.js';

describe('localTime', () => {
  it('does calendar arithmetic across month, year and leap-day edges', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(isoWeekdayOf('2026-03-08')).toBe(7);
    expect(weekStartOf('2026-03-08')).toBe('2026-03-02');
    expect(weekStartOf('2026-03-09')).toBe('2026-03-09');
  });

  it('validates dates and zones', () => {
    expect(isLocalDate('2026-02-28')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2026-2-28')).toBe(false);
    expect(isTimeZone('Europe/London')).toBe(true);
    expect(isTimeZone('Europe/Atlantis')).toBe(false);
  });

  it('reads the site date and time of an instant, not the UTC ones', () => {
    const evening = Date.parse('2026-03-10T02:30:00Z');
    expect(localDateAt(evening, 'America/Los_Angeles')).toBe('2026-03-09');
    expect(localTimeAt(evening, 'America/Los_Angeles')).toBe('19:30');
  });

  it('writes offsets with their sign and half hours', () => {
    expect(isoWithOffset(Date.parse('2026-01-15T12:00:00Z'), 'Asia/Kolkata')).toBe(
      '2026-01-15T17:30:00+05:30',
    );
    expect(isoWithOffset(Date.parse('2026-07-15T12:00:00Z'), 'Europe/London')).toBe(
      '2026-07-15T13:00:00+01:00',
    );
    expect(isoWithOffset(Date.parse('2026-01-15T12:00:00Z'), 'UTC')).toBe('2026-01-15T12:00:00+00:00');
  });

  it('starts a day at midnight and keeps wall times across the London change', () => {
    expect(new Date(startOfLocalDay('2026-03-29', 'Europe/London')).toISOString()).toBe(
      '2026-03-29T00:00:00.000Z',
    );
    expect(new Date(instantOf('2026-03-29', '01:30', 'Europe/London')).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(new Date(instantOf('2026-03-30', '09:00', 'Europe/London')).toISOString()).toBe(
      '2026-03-30T08:00:00.000Z',
    );
  });
});
