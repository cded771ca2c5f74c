import { type LevelOfCare, levelRank } from '../care/levels.js';
import { DomainError, type FieldError } from '../errors/domainError.js';
import { considerationsFor, type ConsiderationContext } from './considerations.js';
import {
  DIAGNOSIS_SPECIFIERS,
  type DimensionMinimum,
  type PlacementDriver,
  type PlacementInput,
  type PlacementLevel,
  type PlacementResult,
} from './placementTypes.js';
import {
  criteriaReason,
  DANGER_NOT_LOWER,
  DANGER_REASON,
  dimensionNotLower,
  dimensionPhrase,
  dimensionReason,
  leastIntensive,
  levelAbove,
  levelBelow,
  MOST_INTENSIVE,
  NO_SAFETY_NEED,
  NO_SUPERVISION_NEED,
  noDimensionRequiresMore,
  otherNeedsWithoutDiagnosis,
  readinessCapped,
  SUPERVISION_REASON,
  supervisionNotLower,
  withdrawalNotHigher,
} from './rationale.js';
import {
  DEFAULT_RULE_TABLE,
  DIMENSION_IDS,
  type Dimension,
  isRating,
  type PlacementRuleTable,
  WITHDRAWAL_FLOOR,
  type WithdrawalManagement,
  withdrawalRank,
} from './ruleTable.js';
import { isCriteriaCount, severityFromCriteria } from './severity.js';

export type * from './placementTypes.js';
export { PLACEMENT_LEVELS, placementRank } from './placementTypes.js';

const maxLevel = (a: LevelOfCare, b: LevelOfCare): LevelOfCare => (levelRank(a) >= levelRank(b) ? a : b);
const maxWithdrawal = (a: WithdrawalManagement, b: WithdrawalManagement): WithdrawalManagement =>
  withdrawalRank(a) >= withdrawalRank(b) ? a : b;

/**
 * SPEC §3: "Low readiness (dimension 4) alone never sends anyone to more intensive care". We read
 * "more intensive care" as more intensive than IOP, i.e. plain table behaviour with a cap: the
 * default table itself maps d4 2–4 to IOP and stops there (unlike d5 and d6), so d4 alone may place
 * someone in IOP, where motivational enhancement is delivered, but never in PHP, RES or INP, whatever
 * an edited table says. The other reading ("d4 never raises the level") would make the d4 row dead
 * data in every table, which the spec would not have written. A d4 WM need is ignored for the same
 * reason (validateRuleTable rejects one).
 */
const READINESS_CAP: LevelOfCare = 'IOP';

const minimumFor = (dimension: Dimension, table: PlacementRuleTable, input: PlacementInput) => {
  const rating = input.ratings[dimension];
  const cell = table.rows[dimension][rating];
  if (dimension === 'd4') {
    const minimum: DimensionMinimum = {
      rating,
      minimumLevel: levelRank(cell.level) > levelRank(READINESS_CAP) ? READINESS_CAP : cell.level,
      withdrawalManagement: 'none',
    };
    return { minimum, tableLevel: cell.level };
  }
  const withdrawalManagement = cell.withdrawalManagement ?? 'none';
  const minimum: DimensionMinimum = {
    rating,
    minimumLevel: maxLevel(cell.level, WITHDRAWAL_FLOOR[withdrawalManagement]),
    withdrawalManagement,
  };
  return { minimum, tableLevel: cell.level };
};

/**
 * The core rule is about a current diagnosis; SPEC §3 excepts continuing care, named as a
 * reassessment inside an episode or the specifiers "in early remission" / "in a controlled
 * environment". "In sustained remission" and "on maintenance therapy" are not in that list, so alone
 * they do not exempt (a reassessment inside an episode still does, through `continuingCare`).
 */
const isContinuingCare = (input: PlacementInput): boolean =>
  input.continuingCare === true ||
  input.diagnosisSpecifier === 'in_early_remission' ||
  input.diagnosisSpecifier === 'in_controlled_environment';

/**
 * Below the diagnostic threshold (and not continuing care) the answer is no SUD level, but not when
 * the person has a need that is dangerous to leave unmet: monitored or managed WM, 24-hour
 * supervision, or intoxication/withdrawal, biomedical or emotional/behavioural/cognitive severity
 * rated 3 or more. Those are placed by the full table with 'sub_threshold_criteria', because sending
 * someone in dangerous withdrawal home with a leaflet is the worse error; the clinician then decides
 * whether a medical or mental-health setting fits better. Relapse potential, environment and
 * readiness are not safety needs on their own, so they do not lift NONE.
 */
const hasSafetyNeed = (input: PlacementInput, withdrawal: WithdrawalManagement): boolean =>
  withdrawalRank(withdrawal) >= withdrawalRank('medically_monitored') ||
  input.flags?.needs24HourSupervision === true ||
  input.ratings.d1 >= 3 ||
  input.ratings.d2 >= 3 ||
  input.ratings.d3 >= 3;

const checkInput = (input: PlacementInput): void => {
  const fields: FieldError[] = [];
  for (const dimension of DIMENSION_IDS) {
    if (!isRating(input.ratings?.[dimension])) {
      fields.push({ field: `/ratings/${dimension}`, message: 'must be a whole number from 0 to 4' });
    }
  }
  if (input.dsm5Criteria !== undefined && !isCriteriaCount(input.dsm5Criteria)) {
    fields.push({ field: '/dsm5Criteria', message: 'must be a whole number from 0 to 11' });
  }
  if (
    input.diagnosisSpecifier !== undefined &&
    !(DIAGNOSIS_SPECIFIERS as readonly string[]).includes(input.diagnosisSpecifier)
  ) {
    fields.push({
      field: '/diagnosisSpecifier',
      message: `must be one of ${DIAGNOSIS_SPECIFIERS.join(', ')}`,
    });
  }
  if (fields.length > 0) {
    throw new DomainError('VALIDATION_FAILED', 'The placement input is not valid.', { fields });
  }
};

/**
 * Recommends a level of care from the six dimension ratings (SPEC §3): the highest minimum level
 * over the dimensions, then the hard rules (WM and 24-hour supervision exclude IOP; imminent danger
 * routes to emergency care; fewer than 2 DSM-5 criteria means no SUD level unless continuing care).
 */
export const placeLevelOfCare = (
  input: PlacementInput,
  table: PlacementRuleTable = DEFAULT_RULE_TABLE,
): PlacementResult => {
  checkInput(input);
  const criteria = input.dsm5Criteria;
  const severity = criteria === undefined ? null : severityFromCriteria(criteria);
  const factors = input.factors ?? {};

  let tableLevel: LevelOfCare = 'OP';
  let withdrawal: WithdrawalManagement = 'none';
  let readinessTableLevel: LevelOfCare = 'OP';
  const dimensions = {} as Record<Dimension, DimensionMinimum>;
  for (const dimension of DIMENSION_IDS) {
    const { minimum, tableLevel: cellLevel } = minimumFor(dimension, table, input);
    dimensions[dimension] = minimum;
    tableLevel = maxLevel(tableLevel, minimum.minimumLevel);
    withdrawal = maxWithdrawal(withdrawal, minimum.withdrawalManagement);
    if (dimension === 'd4') readinessTableLevel = cellLevel;
  }

  const result = (
    level: PlacementLevel,
    drivers: PlacementDriver[],
    notLower: string[],
    notHigher: string[],
    subThreshold: ConsiderationContext['subThreshold'],
  ): PlacementResult => ({
    level,
    withdrawalManagement: withdrawal,
    severity,
    drivers,
    notLower,
    notHigher,
    considerations: considerationsFor({
      level,
      withdrawalManagement: withdrawal,
      readiness: input.ratings.d4,
      subThreshold,
      dsm5Recorded: criteria !== undefined,
      factors,
    }),
    dimensions,
    tableVersion: table.version,
  });

  if (input.flags?.imminentDanger === true) {
    return result(
      'EMERGENCY',
      [{ kind: 'flag', flag: 'imminentDanger', minimumLevel: 'EMERGENCY', reason: DANGER_REASON }],
      [DANGER_NOT_LOWER],
      [],
      'none',
    );
  }

  const belowThreshold = criteria !== undefined && criteria < 2;
  const continuing = belowThreshold && isContinuingCare(input);
  if (belowThreshold && !continuing && !hasSafetyNeed(input, withdrawal)) {
    const raised = DIMENSION_IDS.filter((d) => dimensions[d].minimumLevel !== 'OP').map((d) =>
      dimensionPhrase(d, input.ratings[d]),
    );
    const notHigher = [criteriaReason(criteria), NO_SAFETY_NEED];
    if (raised.length > 0) notHigher.push(otherNeedsWithoutDiagnosis(raised));
    return result(
      'NONE',
      [{ kind: 'criteria', dsm5Criteria: criteria, reason: criteriaReason(criteria) }],
      [],
      notHigher,
      'no_level',
    );
  }

  const supervision = input.flags?.needs24HourSupervision === true;
  const level = supervision ? maxLevel(tableLevel, 'RES') : tableLevel;

  // A dimension rated 0 is named only when nothing rated higher shares the level, so an OP result
  // with one dimension rated 1 names that one rather than all six.
  const atLevel = DIMENSION_IDS.filter((d) => dimensions[d].minimumLevel === level);
  const rated = atLevel.filter((d) => dimensions[d].rating > 0);
  const driving = rated.length > 0 ? rated : atLevel;
  const drivers: PlacementDriver[] = driving.map((dimension) => ({
    kind: 'dimension',
    dimension,
    ...dimensions[dimension],
    reason: dimensionReason(dimension, dimensions[dimension]),
  }));
  if (supervision && level === 'RES') {
    drivers.push({
      kind: 'flag',
      flag: 'needs24HourSupervision',
      minimumLevel: 'RES',
      reason: SUPERVISION_REASON,
    });
  }

  const below = levelBelow(level);
  const notLower = below
    ? drivers.map((driver) =>
        driver.kind === 'dimension'
          ? dimensionNotLower(driver.dimension, dimensions[driver.dimension], below)
          : supervisionNotLower(below),
      )
    : [leastIntensive(criteria, severity)];

  const notHigher: string[] = [];
  if (levelAbove(level) === null) {
    notHigher.push(MOST_INTENSIVE);
  } else {
    notHigher.push(noDimensionRequiresMore(level));
    if (levelRank(readinessTableLevel) > levelRank(READINESS_CAP)) {
      notHigher.push(readinessCapped(input.ratings.d4, readinessTableLevel));
    }
    if (levelRank(level) < levelRank('RES')) notHigher.push(NO_SUPERVISION_NEED);
    notHigher.push(withdrawalNotHigher(withdrawal, level));
  }

  return result(
    level,
    drivers,
    notLower,
    notHigher,
    !belowThreshold ? 'none' : continuing ? 'continuing_care' : 'placed_for_safety',
  );
};
