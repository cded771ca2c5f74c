import { addDays } from '../schedule/localTime.js';

/**
 * When a treatment plan is due (SPEC §8): the first within N days of admission, then a review every
 * M days and at every level-of-care change. Both are per program (some states require reviews every
 * 14 days; Medicare IOP every other month), so the setting has a default and per-program overrides.
 */
export const PLAN_DUE_SETTING = 'plans.due';

export interface PlanDueSettings {
  /** Days after admission by which the first plan is signed. */
  initialDays: number;
  /** Days after the last signed version by which the next review is signed. */
  reviewDays: number;
  /** Days after a step-up or step-down by which the plan is reviewed. */
  segmentChangeDays: number;
}

export const DEFAULT_PLAN_DUE_SETTINGS: PlanDueSettings = Object.freeze({
  initialDays: 7,
  reviewDays: 30,
  segmentChangeDays: 7,
});

/** How far ahead a plan counts as "due" on a worklist rather than merely upcoming. */
export const DUE_SOON_DAYS = 7;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const days = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 366 ? value : fallback;

const settingsOf = (value: unknown, base: PlanDueSettings): PlanDueSettings =>
  isRecord(value)
    ? {
        initialDays: days(value.initialDays, base.initialDays),
        reviewDays: days(value.reviewDays, base.reviewDays),
        segmentChangeDays: days(value.segmentChangeDays, base.segmentChangeDays),
      }
    : base;

/**
 * The settings for one program from the stored value
 * `{ "default": {initialDays, reviewDays, segmentChangeDays}, "programs": { "<id>": {...} } }`.
 * Anything missing or unreadable keeps the default, so a bad edit never hides a due plan.
 */
export const planDueSettingsFor = (stored: unknown, programId: string | null): PlanDueSettings => {
  const base = settingsOf(isRecord(stored) ? stored.default : undefined, DEFAULT_PLAN_DUE_SETTINGS);
  const programs = isRecord(stored) && isRecord(stored.programs) ? stored.programs : {};
  return programId === null ? base : settingsOf(programs[programId], base);
};

export type PlanDueKind = 'initial' | 'review' | 'segment_change';
export type PlanDueStatus = 'overdue' | 'due' | 'upcoming';

export interface PlanDueInput {
  admittedOn: string;
  /** Start dates of the episode's step-ups and step-downs (not the admission itself). */
  segmentChanges: readonly string[];
  /** Site-local date the latest version of this episode's plan was signed; null before the first. */
  lastSignedOn: string | null;
  today: string;
  settings: PlanDueSettings;
}

export interface PlanDue {
  kind: PlanDueKind;
  dueOn: string;
  status: PlanDueStatus;
  reason: string;
}

const statusOf = (dueOn: string, today: string): PlanDueStatus =>
  dueOn < today ? 'overdue' : dueOn <= addDays(today, DUE_SOON_DAYS) ? 'due' : 'upcoming';

export const planDue = (input: PlanDueInput): PlanDue => {
  const { settings, today } = input;
  if (input.lastSignedOn === null) {
    const dueOn = addDays(input.admittedOn, settings.initialDays);
    return {
      kind: 'initial',
      dueOn,
      status: statusOf(dueOn, today),
      reason: `First plan within ${settings.initialDays} days of admission (${input.admittedOn}).`,
    };
  }
  const last = input.lastSignedOn;
  const reviewOn = addDays(last, settings.reviewDays);
  // A change on the day of signing is taken to be covered by that signature.
  const change = [...input.segmentChanges].filter((d) => d > last).sort()[0];
  const changeOn = change !== undefined ? addDays(change, settings.segmentChangeDays) : null;
  if (changeOn !== null && change !== undefined && changeOn < reviewOn)
    return {
      kind: 'segment_change',
      dueOn: changeOn,
      status: statusOf(changeOn, today),
      reason: `Review within ${settings.segmentChangeDays} days of the level-of-care change on ${change}.`,
    };
  return {
    kind: 'review',
    dueOn: reviewOn,
    status: statusOf(reviewOn, today),
    reason: `Review every ${settings.reviewDays} days; last signed ${last}.`,
  };
};
