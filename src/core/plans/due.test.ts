import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN_DUE_SETTINGS, planDue, planDueSettingsFor } from './due.js';

const settings = DEFAULT_PLAN_DUE_SETTINGS;

describe('planDue', () => {
  it('asks for the first plan within 7 days of admission', () => {
    const base = { admittedOn: '2026-11-02', segmentChanges: [], lastSignedOn: null, settings };
    expect(planDue({ ...base, today: '2026-11-02' })).toMatchObject({
      kind: 'initial',
      dueOn: '2026-11-09',
      status: 'due',
    });
    expect(planDue({ ...base, today: '2026-11-09' }).status).toBe('due');
    expect(planDue({ ...base, today: '2026-11-10' }).status).toBe('overdue');
  });

  it('asks for a review every 30 days after the last signature, upcoming until a week before', () => {
    const base = { admittedOn: '2026-10-01', segmentChanges: [], lastSignedOn: '2026-10-05', settings };
    expect(planDue({ ...base, today: '2026-10-20' })).toMatchObject({
      kind: 'review',
      dueOn: '2026-11-04',
      status: 'upcoming',
    });
    expect(planDue({ ...base, today: '2026-10-28' }).status).toBe('due');
    expect(planDue({ ...base, today: '2026-11-05' }).status).toBe('overdue');
  });

  it('brings the review forward after a step-up or step-down since the last signature', () => {
    const due = planDue({
      admittedOn: '2026-10-01',
      segmentChanges: ['2026-10-03', '2026-10-12', '2026-10-20'],
      lastSignedOn: '2026-10-05',
      today: '2026-10-13',
      settings,
    });
    expect(due).toMatchObject({ kind: 'segment_change', dueOn: '2026-10-19', status: 'due' });
    expect(due.reason).toContain('2026-10-12');
  });

  it('takes a change on the day of signing as covered, and a late change after the regular review as not sooner', () => {
    const base = { admittedOn: '2026-10-01', lastSignedOn: '2026-10-05', today: '2026-10-06', settings };
    expect(planDue({ ...base, segmentChanges: ['2026-10-05'] }).kind).toBe('review');
    expect(planDue({ ...base, segmentChanges: ['2026-11-01'] })).toMatchObject({
      kind: 'review',
      dueOn: '2026-11-04',
    });
  });
});

describe('planDueSettingsFor', () => {
  it('reads the default and per-program overrides, keeping defaults for anything missing or odd', () => {
    const stored = {
      default: { reviewDays: 14 },
      programs: { medicare: { reviewDays: 60, initialDays: 'x' } },
    };
    expect(planDueSettingsFor(stored, null)).toEqual({
      initialDays: 7,
      reviewDays: 14,
      segmentChangeDays: 7,
    });
    expect(planDueSettingsFor(stored, 'medicare')).toEqual({
      initialDays: 7,
      reviewDays: 60,
      segmentChangeDays: 7,
    });
    expect(planDueSettingsFor(stored, 'other')).toEqual({
      initialDays: 7,
      reviewDays: 14,
      segmentChangeDays: 7,
    });
    expect(planDueSettingsFor('garbage', 'any')).toEqual(DEFAULT_PLAN_DUE_SETTINGS);
    expect(planDueSettingsFor({ default: { reviewDays: -3 } }, null).reviewDays).toBe(30);
  });
});
