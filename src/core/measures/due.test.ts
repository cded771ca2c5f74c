import { describe, expect, it } from 'vitest';
import { DEFAULT_MEASURE_SCHEDULE, measuresDue, scheduleRevision } from './due.js';

const due = (today: string, lastGivenOn: Record<string, string> = {}, segmentStartOn = '2026-11-02') =>
  measuresDue({ schedule: DEFAULT_MEASURE_SCHEDULE, segmentStartOn, today, lastGivenOn });

const byInstrument = (items: ReturnType<typeof due>) =>
  Object.fromEntries(items.map((i) => [i.instrument, { status: i.status, dueOn: i.dueOn }]));

describe('measuresDue', () => {
  it('makes PHQ-9 and GAD-7 due on the first day and the BAM a month in (SPEC §4 default)', () => {
    expect(byInstrument(due('2026-11-02'))).toEqual({
      phq9: { status: 'due', dueOn: '2026-11-02' },
      gad7: { status: 'due', dueOn: '2026-11-02' },
      bam: { status: 'upcoming', dueOn: '2026-12-02' },
    });
  });

  it('turns a measure overdue after the grace days, and sorts the most pressing first', () => {
    const items = due('2026-11-06', { gad7: '2026-11-02' });
    expect(items.map((i) => [i.instrument, i.status, i.dueOn])).toEqual([
      ['phq9', 'overdue', '2026-11-02'],
      ['gad7', 'upcoming', '2026-11-16'],
      ['bam', 'upcoming', '2026-12-02'],
    ]);
    expect(byInstrument(due('2026-11-05')).phq9).toEqual({ status: 'due', dueOn: '2026-11-02' });
  });

  it('repeats every 14 days from the last time given, not from the due date', () => {
    expect(byInstrument(due('2026-11-20', { phq9: '2026-11-04' })).phq9).toEqual({
      status: 'due',
      dueOn: '2026-11-18',
    });
  });

  it('counts a measure given at intake in the week before the segment, but not an older one', () => {
    expect(byInstrument(due('2026-11-02', { phq9: '2026-10-27' })).phq9).toEqual({
      status: 'upcoming',
      dueOn: '2026-11-10',
    });
    expect(byInstrument(due('2026-11-02', { phq9: '2026-10-20' })).phq9).toEqual({
      status: 'due',
      dueOn: '2026-11-02',
    });
  });

  it('marks an admission-only measure done once given, and skips entries that schedule nothing', () => {
    const items = measuresDue({
      schedule: [
        { instrument: 'audit', atAdmission: true, everyDays: null },
        { instrument: 'dast10', atAdmission: false, everyDays: null },
      ],
      segmentStartOn: '2026-11-02',
      today: '2026-11-24',
      lastGivenOn: { audit: '2026-11-03' },
    });
    expect(items).toEqual([
      {
        instrument: 'audit',
        atAdmission: true,
        everyDays: null,
        status: 'done',
        dueOn: null,
        lastGivenOn: '2026-11-03',
      },
    ]);
  });

  it('crosses month and year ends by calendar days', () => {
    expect(byInstrument(due('2026-12-31', { phq9: '2026-12-20' }, '2026-12-01')).phq9).toEqual({
      status: 'upcoming',
      dueOn: '2027-01-03',
    });
  });
});

describe('scheduleRevision', () => {
  it('ignores the order of entries and changes with any value', () => {
    const a = scheduleRevision(DEFAULT_MEASURE_SCHEDULE);
    expect(scheduleRevision([...DEFAULT_MEASURE_SCHEDULE].reverse())).toBe(a);
    expect(scheduleRevision([{ instrument: 'phq9', atAdmission: true, everyDays: 7 }])).not.toBe(a);
    expect(scheduleRevision([])).toMatch(/^[0-9a-z]+$/);
  });
});
