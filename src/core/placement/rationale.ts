import { LEVEL_LABELS, LEVELS_OF_CARE, type LevelOfCare, levelRank } from '../care/levels.js';
import type { DimensionMinimum } from './placementTypes.js';
import {
  DIMENSION_IDS,
  DIMENSIONS,
  type Dimension,
  type Rating,
  WITHDRAWAL_FLOOR,
  WITHDRAWAL_MANAGEMENT_LABELS,
  type WithdrawalManagement,
} from './ruleTable.js';

/**
 * Clinician-facing sentences of a placement rationale. Payers deny IOP admissions whose record does
 * not say both why a lower level is not enough and why a higher one is not needed (SPEC §3), so each
 * sentence names the dimension by label with its rating and the level in words and code.
 */

// Built once: the exhaustive test places hundreds of thousands of cases.
const byLevel = (name: (level: LevelOfCare) => string) =>
  Object.fromEntries(LEVELS_OF_CARE.map((level) => [level, name(level)])) as Record<LevelOfCare, string>;
const LEVEL_IN_SENTENCE = byLevel((level) => `${LEVEL_LABELS[level].toLowerCase()} (${level})`);
const LEVEL_STARTING = byLevel((level) => `${LEVEL_LABELS[level]} (${level})`);
const DIMENSION_IN_SENTENCE = Object.fromEntries(
  DIMENSION_IDS.map((d) => [d, `${DIMENSIONS[d].label.toLowerCase()} (dimension ${DIMENSIONS[d].number})`]),
) as Record<Dimension, string>;
const DIMENSION_STARTING = Object.fromEntries(
  DIMENSION_IDS.map((d) => [d, `${DIMENSIONS[d].label} (dimension ${DIMENSIONS[d].number})`]),
) as Record<Dimension, string>;

/** "intensive outpatient (IOP)", for use inside a sentence. */
export const levelName = (level: LevelOfCare): string => LEVEL_IN_SENTENCE[level];

/** "readiness to change (dimension 4) rated 2"; capitalized when it starts a sentence. */
export const dimensionPhrase = (dimension: Dimension, rating: Rating, startsSentence = false): string =>
  `${(startsSentence ? DIMENSION_STARTING : DIMENSION_IN_SENTENCE)[dimension]} rated ${rating}`;

export const levelBelow = (level: LevelOfCare): LevelOfCare | null =>
  LEVELS_OF_CARE[levelRank(level) - 1] ?? null;
export const levelAbove = (level: LevelOfCare): LevelOfCare | null =>
  LEVELS_OF_CARE[levelRank(level) + 1] ?? null;

const wmDrivesLevel = (minimum: DimensionMinimum): boolean =>
  minimum.withdrawalManagement !== 'none' &&
  WITHDRAWAL_FLOOR[minimum.withdrawalManagement] === minimum.minimumLevel &&
  minimum.minimumLevel !== 'OP';

/** Why one dimension asks for its minimum level. */
export const dimensionReason = (dimension: Dimension, minimum: DimensionMinimum): string => {
  const phrase = dimensionPhrase(dimension, minimum.rating, true);
  const level = levelName(minimum.minimumLevel);
  if (dimension === 'd4' && minimum.minimumLevel === 'IOP') {
    return `${phrase} calls for ${level} with motivational enhancement.`;
  }
  if (wmDrivesLevel(minimum)) {
    return `${phrase} calls for ${WITHDRAWAL_MANAGEMENT_LABELS[minimum.withdrawalManagement]}, which needs at least ${level}.`;
  }
  if (minimum.minimumLevel === 'OP') return `${phrase} is met by ${level}.`;
  return `${phrase} requires at least ${level}.`;
};

/** Why the level just below `level` cannot meet this dimension. */
export const dimensionNotLower = (
  dimension: Dimension,
  minimum: DimensionMinimum,
  below: LevelOfCare,
): string => {
  const phrase = dimensionPhrase(dimension, minimum.rating);
  const lower = LEVEL_STARTING[below];
  if (wmDrivesLevel(minimum)) {
    return `${lower} is not enough: ${phrase} calls for ${WITHDRAWAL_MANAGEMENT_LABELS[minimum.withdrawalManagement]}, which ${below} cannot provide.`;
  }
  return `${lower} is not enough: ${phrase} requires at least ${levelName(minimum.minimumLevel)}.`;
};

export const SUPERVISION_REASON =
  'A need for 24-hour supervision was recorded, which requires at least residential (RES).';
export const supervisionNotLower = (below: LevelOfCare): string =>
  `${LEVEL_STARTING[below]} is not enough: a need for 24-hour supervision was recorded, which only residential or inpatient care provides.`;

export const DANGER_REASON =
  'Imminent danger to self or others was recorded: refer to emergency services now; no level of care is recommended until the emergency has been assessed.';
export const DANGER_NOT_LOWER =
  'No level of care is safe while imminent danger to self or others is present; emergency assessment comes first.';

/** Below 2 criteria an OP placement is continuing care or a safety need; its consideration says which. */
export const leastIntensive = (criteria: number | undefined, severity: string | null): string =>
  criteria === undefined || severity === null || criteria < 2
    ? 'Outpatient (OP) is the least intensive level of care.'
    : `Outpatient (OP) is the least intensive level of care; ${criteria} DSM-5 criteria are met (${severity} substance use disorder), so treatment rather than education alone is indicated.`;

export const noDimensionRequiresMore = (level: LevelOfCare): string =>
  `No dimension requires more than ${levelName(level)}.`;

export const readinessCapped = (rating: Rating, tableLevel: LevelOfCare): string =>
  `${dimensionPhrase('d4', rating, true)} maps to ${levelName(tableLevel)} in the rule table, but low readiness alone never calls for more intensive care than intensive outpatient (IOP); motivational enhancement is added instead.`;

export const NO_SUPERVISION_NEED = 'No need for 24-hour supervision was recorded.';

export const withdrawalNotHigher = (wm: WithdrawalManagement, level: LevelOfCare): string => {
  switch (wm) {
    case 'none':
      return 'No withdrawal management is needed.';
    case 'ambulatory':
      return `Ambulatory withdrawal management can be provided alongside ${levelName(level)}.`;
    case 'medically_monitored':
      return `Medically monitored withdrawal management can be provided at ${levelName(level)}; medically managed withdrawal management is not needed.`;
    case 'medically_managed':
      return `Medically managed withdrawal management is provided at ${levelName(level)}.`;
  }
};

export const MOST_INTENSIVE =
  'Medically managed inpatient (INP) is the most intensive level of care; no imminent danger to self or others was recorded, so emergency care is not needed.';

export const criteriaReason = (criteria: number): string =>
  `Fewer than 2 DSM-5 criteria in the past 12 months (${criteria}) and not continuing care: no substance use disorder level of care is indicated; offer early intervention or education.`;

export const NO_SAFETY_NEED =
  'No safety-relevant need was found: no medically monitored or managed withdrawal management, no need for 24-hour supervision, and no intoxication or withdrawal, biomedical, or emotional, behavioural or cognitive condition rated 3 or more.';

export const otherNeedsWithoutDiagnosis = (phrases: string[]): string =>
  `Without a diagnosable substance use disorder, needs such as ${phrases.join(' and ')} are met by referral and support rather than an SUD level of care.`;
