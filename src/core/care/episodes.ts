import { DomainError, type FieldError } from '../errors/domainError.js';
import { type LevelOfCare, levelRank } from './levels.js';

/**
 * Rules of episodes of care and their enrolment segments (SPEC §2): one open episode at a time;
 * a level change closes the current segment and opens the next inside the same episode;
 * back-dating is allowed but must say why; discharge ends the episode.
 */

export type SegmentChangeKind = 'admission' | 'step_up' | 'step_down' | 'lateral';

export const classifyLevelChange = (from: LevelOfCare, to: LevelOfCare): SegmentChangeKind => {
  const delta = levelRank(to) - levelRank(from);
  return delta > 0 ? 'step_up' : delta < 0 ? 'step_down' : 'lateral';
};

/** Days from `a` to `b` (both YYYY-MM-DD). */
export const daysBetween = (a: string, b: string): number =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** How far ahead an admission or change may be scheduled. */
export const MAX_DAYS_AHEAD = 30;

const fail = (message: string, fields: FieldError[]): never => {
  throw new DomainError('VALIDATION_FAILED', message, { fields });
};

const checkDate = (field: string, date: string, today: string, backdateReason: string | undefined) => {
  if (daysBetween(today, date) > MAX_DAYS_AHEAD) {
    fail(`${field} may be at most ${MAX_DAYS_AHEAD} days ahead.`, [
      { field: `/${field}`, message: `must be within ${MAX_DAYS_AHEAD} days of today` },
    ]);
  }
  if (date < today && !backdateReason?.trim()) {
    fail('A back-dated entry needs a reason.', [
      { field: '/backdateReason', message: `is required because ${field} is before today (${today})` },
    ]);
  }
};

export interface AdmissionCheck {
  hasOpenEpisode: boolean;
  startOn: string;
  today: string;
  backdateReason?: string | undefined;
  dischargedOnOfLastEpisode: string | null;
}

export const checkAdmission = (input: AdmissionCheck): void => {
  if (input.hasOpenEpisode) {
    throw new DomainError(
      'CONFLICT',
      'The patient already has an open episode of care. Change its level or discharge it first.',
    );
  }
  checkDate('startOn', input.startOn, input.today, input.backdateReason);
  if (input.dischargedOnOfLastEpisode && input.startOn < input.dischargedOnOfLastEpisode) {
    fail('A new episode cannot start before the previous one ended.', [
      { field: '/startOn', message: `must be on or after ${input.dischargedOnOfLastEpisode}` },
    ]);
  }
};

export interface SegmentChangeCheck {
  episodeOpen: boolean;
  currentSegmentStart: string;
  startOn: string;
  today: string;
  backdateReason?: string | undefined;
}

export const checkSegmentChange = (input: SegmentChangeCheck): void => {
  if (!input.episodeOpen)
    throw new DomainError('INVALID_STATE', 'The episode is closed; admit the patient again instead.');
  checkDate('startOn', input.startOn, input.today, input.backdateReason);
  if (input.startOn <= input.currentSegmentStart) {
    fail('The new level must start after the current one began.', [
      { field: '/startOn', message: `must be after ${input.currentSegmentStart}` },
    ]);
  }
};

export interface DischargeCheck {
  episodeOpen: boolean;
  admittedOn: string;
  currentSegmentStart: string;
  dischargedOn: string;
  today: string;
  backdateReason?: string | undefined;
}

export const checkDischarge = (input: DischargeCheck): void => {
  if (!input.episodeOpen) throw new DomainError('INVALID_STATE', 'The episode is already closed.');
  if (input.dischargedOn > input.today) {
    fail('Discharge cannot be in the future.', [
      { field: '/dischargedOn', message: `must be on or before ${input.today}` },
    ]);
  }
  if (input.dischargedOn < input.today && !input.backdateReason?.trim()) {
    fail('A back-dated discharge needs a reason.', [
      {
        field: '/backdateReason',
        message: `is required because dischargedOn is before today (${input.today})`,
      },
    ]);
  }
  if (input.dischargedOn < input.currentSegmentStart || input.dischargedOn < input.admittedOn) {
    fail('Discharge cannot precede the current level of care.', [
      { field: '/dischargedOn', message: `must be on or after ${input.currentSegmentStart}` },
    ]);
  }
};

/** The segment being closed ends the day before its successor starts (segments never overlap). */
export const dayBefore = (date: string): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};
