import type { LevelOfCare } from '../care/levels.js';
import type { Dimension, Rating, WithdrawalManagement } from './ruleTable.js';
import type { SudSeverity } from './severity.js';

/** Every outcome of a placement, least to most intensive: NONE (no SUD level) below OP, EMERGENCY above INP. */
export const PLACEMENT_LEVELS = ['NONE', 'OP', 'IOP', 'PHP', 'RES', 'INP', 'EMERGENCY'] as const;
export type PlacementLevel = (typeof PLACEMENT_LEVELS)[number];

export const placementRank = (level: PlacementLevel): number => PLACEMENT_LEVELS.indexOf(level);

export const DIAGNOSIS_SPECIFIERS = [
  'in_early_remission',
  'in_sustained_remission',
  'in_controlled_environment',
  'on_maintenance_therapy',
] as const;
export type DiagnosisSpecifier = (typeof DIAGNOSIS_SPECIFIERS)[number];

export type PreferredSchedule = 'day' | 'evening' | 'either';
export type Coverage = 'verified' | 'unverified' | 'none' | 'self_pay';
export type Responsibility = 'work' | 'school' | 'caregiving';

/** The seeds' decision factors: they shape the plan (considerations), never the level. */
export interface PlacementFactors {
  preferredSchedule?: PreferredSchedule;
  homeSafe?: boolean;
  supportPresent?: boolean;
  coverage?: Coverage;
  relapseAfterTreatment?: boolean;
  responsibilities?: readonly Responsibility[];
}

export interface PlacementFlags {
  needs24HourSupervision?: boolean;
  imminentDanger?: boolean;
}

export interface PlacementInput {
  ratings: Readonly<Record<Dimension, Rating>>;
  flags?: PlacementFlags;
  /** DSM-5 SUD criteria met in the past 12 months, 0–11; undefined when not yet recorded. */
  dsm5Criteria?: number;
  /** A reassessment inside an open episode of care. */
  continuingCare?: boolean;
  diagnosisSpecifier?: DiagnosisSpecifier;
  factors?: PlacementFactors;
}

/**
 * Why the recommendation is what it is. Discriminated by `kind`:
 * - `dimension`: a dimension whose minimum level equals the recommendation. `minimumLevel` is what
 *   the dimension requires after the hard rules: its cell's level raised to what its WM need demands
 *   (monitored → RES, managed → INP), and for readiness (d4) capped at IOP.
 * - `flag`: a clinician flag that set the recommendation (24-hour supervision → RES; imminent danger
 *   → EMERGENCY).
 * - `criteria`: only with NONE — fewer than 2 DSM-5 criteria and not continuing care.
 */
export type PlacementDriver =
  | {
      kind: 'dimension';
      dimension: Dimension;
      rating: Rating;
      minimumLevel: LevelOfCare;
      withdrawalManagement: WithdrawalManagement;
      reason: string;
    }
  | { kind: 'flag'; flag: 'needs24HourSupervision'; minimumLevel: 'RES'; reason: string }
  | { kind: 'flag'; flag: 'imminentDanger'; minimumLevel: 'EMERGENCY'; reason: string }
  | { kind: 'criteria'; dsm5Criteria: number; reason: string };

export const CONSIDERATION_CODES = [
  'emergency_referral',
  'early_intervention',
  'sub_threshold_criteria',
  'continuing_care',
  'dsm5_not_recorded',
  'motivational_enhancement',
  'ambulatory_wm',
  'evening_track',
  'day_track',
  'responsibilities_leave',
  'home_unsafe',
  'no_support',
  'relapse_history',
  'prior_authorization',
  'coverage_unverified',
  'no_coverage',
  'self_pay',
] as const;
export type ConsiderationCode = (typeof CONSIDERATION_CODES)[number];

export interface Consideration {
  code: ConsiderationCode;
  text: string;
}

/** What each dimension asks for under the table and hard rules, drivers or not (for override screens). */
export interface DimensionMinimum {
  rating: Rating;
  minimumLevel: LevelOfCare;
  withdrawalManagement: WithdrawalManagement;
}

export interface PlacementResult {
  level: PlacementLevel;
  /** Reported whatever the level, EMERGENCY and NONE included, so a referral can carry it. */
  withdrawalManagement: WithdrawalManagement;
  severity: SudSeverity | null;
  drivers: PlacementDriver[];
  /** Why a lower level is not enough (empty for NONE). */
  notLower: string[];
  /** Why a higher level is not needed (empty for EMERGENCY). */
  notHigher: string[];
  considerations: Consideration[];
  dimensions: Record<Dimension, DimensionMinimum>;
  tableVersion: string;
}
