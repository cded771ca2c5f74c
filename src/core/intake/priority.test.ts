import { describe, expect, it } from 'vitest';
import { formatAge, formatAgeAgo, formatTimeLeft, minutesSince } from './age.js';
import { deadlineStatus, patientPriorityOf, PRIORITY_POPULATIONS, priorityDeadline } from './priority.js';
import { compareWaitlist, sortWaitlist, type WaitlistPosition } from './waitlist.js';

describe('priority deadlines', () => {
  it('are 48 hours after the inquiry for every priority population, and absent otherwise', () => {
    for (const population of PRIORITY_POPULATIONS) {
      expect(priorityDeadline('2026-11-24T15:00:00.000Z', population)).toBe('2026-11-26T15:00:00.000Z');
    }
    expect(priorityDeadline(new Date('2026-11-24T15:00:00.000Z'), 'pregnant')).toBe(
      '2026-11-26T15:00:00.000Z',
    );
    expect(priorityDeadline('2026-11-24T15:00:00.000Z', null)).toBeNull();
    expect(priorityDeadline('not a date', 'pregnant')).toBeNull();
  });

  it('count real hours across a daylight-saving change (instants, not wall-clock times)', () => {
    // US clocks fall back on 2026-11-01: 48 hours is still 48 hours.
    expect(priorityDeadline('2026-10-31T16:00:00.000Z', 'injecting_drug_use')).toBe(
      '2026-11-02T16:00:00.000Z',
    );
  });

  it('say how urgent they are', () => {
    const now = new Date('2026-11-24T15:00:00.000Z');
    expect(deadlineStatus('2026-11-24T14:59:00.000Z', now)).toBe('overdue');
    expect(deadlineStatus('2026-11-24T15:00:00.000Z', now)).toBe('overdue');
    expect(deadlineStatus('2026-11-25T03:00:00.000Z', now)).toBe('due_soon');
    expect(deadlineStatus('2026-11-25T03:01:00.000Z', now)).toBe('pending');
  });

  it('map to the two values of the patient record, pregnancy first', () => {
    expect(patientPriorityOf('pregnant')).toBe('pregnant');
    expect(patientPriorityOf('pregnant_and_injecting')).toBe('pregnant');
    expect(patientPriorityOf('injecting_drug_use')).toBe('injects_drugs');
    expect(patientPriorityOf(null)).toBeNull();
  });
});

describe('the waitlist order', () => {
  const entry = (id: string, over: Partial<WaitlistPosition>): WaitlistPosition => ({
    id,
    priorityDeadline: null,
    waitlistedAt: '2026-11-20T10:00:00.000Z',
    createdAt: '2026-11-19T10:00:00.000Z',
    ...over,
  });

  it('puts priority deadlines first, soonest first, then the longest wait', () => {
    const list = [
      entry('waited-less', { waitlistedAt: '2026-11-22T10:00:00.000Z' }),
      entry('late-deadline', {
        priorityDeadline: '2026-11-26T09:00:00.000Z',
        waitlistedAt: '2026-11-24T09:00:00.000Z',
      }),
      entry('waited-most', { waitlistedAt: '2026-11-01T10:00:00.000Z' }),
      entry('soon-deadline', {
        priorityDeadline: '2026-11-25T09:00:00.000Z',
        waitlistedAt: '2026-11-23T09:00:00.000Z',
      }),
    ];
    expect(sortWaitlist(list).map((e) => e.id)).toEqual([
      'soon-deadline',
      'late-deadline',
      'waited-most',
      'waited-less',
    ]);
  });

  it('breaks ties by the age of the inquiry, then by id, so the order is total and stable', () => {
    const a = entry('a', { createdAt: '2026-11-01T00:00:00.000Z' });
    const b = entry('b', { createdAt: '2026-11-02T00:00:00.000Z' });
    const c = entry('c', { createdAt: '2026-11-02T00:00:00.000Z' });
    expect(sortWaitlist([c, b, a]).map((e) => e.id)).toEqual(['a', 'b', 'c']);
    expect(compareWaitlist(a, a)).toBe(0);
  });

  it('is antisymmetric for any pair (exhaustive over a small grid)', () => {
    const deadlines = [null, '2026-11-25T00:00:00.000Z', '2026-11-26T00:00:00.000Z'];
    const waits = [null, '2026-11-20T00:00:00.000Z', '2026-11-21T00:00:00.000Z'];
    const entries = deadlines.flatMap((d, i) =>
      waits.map((w, j) => entry(`e${i}${j}`, { priorityDeadline: d, waitlistedAt: w })),
    );
    for (const x of entries)
      for (const y of entries)
        expect(Math.sign(compareWaitlist(x, y)) + 0).toBe(-Math.sign(compareWaitlist(y, x)) + 0);
  });
});

describe('ages', () => {
  const now = new Date('2026-11-24T15:00:00.000Z');

  it('count whole minutes and never go negative', () => {
    expect(minutesSince('2026-11-24T14:00:30.000Z', now)).toBe(59);
    expect(minutesSince('2026-11-24T15:05:00.000Z', now)).toBe(0);
    expect(minutesSince('garbage', now)).toBe(0);
  });

  it('read as the board shows them', () => {
    expect(formatAge(0)).toBe('just now');
    expect(formatAge(12)).toBe('12 min');
    expect(formatAge(3 * 60 + 20)).toBe('3 h');
    expect(formatAge(47 * 60)).toBe('47 h');
    expect(formatAge(2 * 24 * 60)).toBe('2 d');
    expect(formatAge(9 * 24 * 60 + 5)).toBe('9 d');
    expect(formatAgeAgo(0)).toBe('just now');
    expect(formatAgeAgo(90)).toBe('1 h ago');
  });

  it('state the time left before a deadline, or how late it is', () => {
    expect(formatTimeLeft('2026-11-24T20:00:00.000Z', now)).toBe('5 h left');
    expect(formatTimeLeft('2026-11-24T15:40:00.000Z', now)).toBe('40 min left');
    expect(formatTimeLeft('2026-11-24T12:00:00.000Z', now)).toBe('overdue by 3 h');
    expect(formatTimeLeft('2026-11-24T15:00:00.000Z', now)).toBe('due now');
  });
});
