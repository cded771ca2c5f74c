import type { LevelOfCare } from '../care/levels.js';
import { DomainError, type FieldError } from '../errors/domainError.js';
import { placeLevelOfCare } from './placeLevelOfCare.js';
import type {
  ConsiderationCode,
  Coverage,
  PlacementInput,
  PlacementResult,
  Responsibility,
} from './placementTypes.js';
import {
  DEFAULT_RULE_TABLE,
  DIMENSION_IDS,
  type Dimension,
  type PlacementRuleTable,
  type Rating,
} from './ruleTable.js';
import {
  SELF_CHECK_QUESTIONS,
  type SelfCheckAnswers,
  type SelfCheckLikelyKey,
  type SelfCheckOptionId,
  type SelfCheckQuestionId,
  type SelfCheckReasonKey,
} from './selfCheckQuestions.js';

export * from './selfCheckQuestions.js';

export type SelfCheckResult =
  | { outcome: 'crisis'; reasons: SelfCheckReasonKey[] }
  | {
      outcome: 'placement';
      likelyLevel: LevelOfCare | 'NONE';
      /** Message keys: the likely level first, then why. */
      reasons: (SelfCheckLikelyKey | SelfCheckReasonKey)[];
      placement: PlacementResult;
    };

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

/** Checks untyped JSON against the questions; an empty multiple-choice list counts as unanswered. */
const validate = (answers: Readonly<Record<string, unknown>>): SelfCheckAnswers => {
  const fields: FieldError[] = [];
  const known = new Map(SELF_CHECK_QUESTIONS.map((q) => [q.id as string, q]));
  for (const [id, value] of Object.entries(answers)) {
    const question = known.get(id);
    const field = `/answers/${id}`;
    if (!question) {
      fields.push({ field, message: 'is not a self-check question' });
      continue;
    }
    if (value === undefined) continue;
    const options = question.options.map((o) => o.id);
    const listed = `must be ${question.multiple ? 'a list of ' : ''}one of ${options.join(', ')}`;
    if (question.multiple) {
      if (!isStringArray(value) || value.some((v) => !options.includes(v))) {
        fields.push({ field, message: listed });
      } else if (new Set(value).size !== value.length) {
        fields.push({ field, message: 'lists an option twice' });
      } else if (value.includes('none') && value.length > 1) {
        fields.push({ field, message: '"none" cannot be combined with other options' });
      }
    } else if (typeof value !== 'string' || !options.includes(value)) {
      fields.push({ field, message: listed });
    }
  }
  if (fields.length > 0) {
    throw new DomainError('VALIDATION_FAILED', 'Some self-check answers are not valid.', { fields });
  }
  // Every present key is now a known question with a known option (TypeScript relates the index
  // signature to the optional properties without a cast, so this line carries the proof).
  return answers;
};

interface Contribution {
  dimension: Dimension;
  rating: Rating;
  reason: SelfCheckReasonKey;
}

const single = <Q extends Exclude<SelfCheckQuestionId, 'past_year_problems' | 'responsibilities'>>(
  answers: SelfCheckAnswers,
  id: Q,
): SelfCheckOptionId<Q> | undefined => answers[id];

/**
 * Approximate ratings from plain answers. A self-check cannot examine anyone, so the mapping leans
 * cautious where danger is physical: daily alcohol or sedative use, or bad withdrawal from them, can
 * turn dangerous (seizures), while opioid or stimulant withdrawal rarely does.
 */
const contributionsFrom = (answers: SelfCheckAnswers): Contribution[] => {
  const found: Contribution[] = [];
  const add = (dimension: Dimension, rating: Rating, reason: SelfCheckReasonKey) =>
    found.push({ dimension, rating, reason });
  const substance = single(answers, 'main_substance');
  const sedativeRisk = substance === 'alcohol' || substance === 'sedatives' || substance === 'several';
  const frequency = single(answers, 'use_frequency');
  const usedAgain = single(answers, 'past_treatment') === 'yes_used_again';
  const frequent = frequency === 'daily' || frequency === 'several_days_a_week';

  if (frequency === 'monthly_or_less' || frequency === 'weekly') add('d5', 1, 'selfCheck.reason.use_some');
  if (frequent) add('d5', frequency === 'daily' && usedAgain ? 3 : 2, 'selfCheck.reason.use_often');
  if (usedAgain) add('d5', frequency === 'daily' ? 3 : 2, 'selfCheck.reason.used_again');
  if (frequency === 'daily' && sedativeRisk) add('d1', 2, 'selfCheck.reason.daily_alcohol_or_sedatives');

  switch (single(answers, 'withdrawal')) {
    case 'mild':
      add('d1', 1, 'selfCheck.reason.withdrawal_mild');
      break;
    case 'severe':
      add('d1', sedativeRisk ? 3 : 2, 'selfCheck.reason.withdrawal_severe');
      break;
    case 'seizure_or_dts':
      add('d1', 3, 'selfCheck.reason.withdrawal_seizure');
      break;
    case 'none':
    case undefined:
      break;
  }
  switch (single(answers, 'health')) {
    case 'managed':
      add('d2', 1, 'selfCheck.reason.health_managed');
      break;
    case 'need_care':
      add('d2', 2, 'selfCheck.reason.health_need_care');
      break;
    case 'very_sick':
      add('d2', 3, 'selfCheck.reason.health_very_sick');
      break;
    case 'none':
    case undefined:
      break;
  }
  if (single(answers, 'pregnant') === 'yes') add('d2', 1, 'selfCheck.reason.pregnant');
  switch (single(answers, 'mood')) {
    case 'low_sometimes':
      add('d3', 1, 'selfCheck.reason.mood_low');
      break;
    case 'low_most_days':
      add('d3', 2, 'selfCheck.reason.mood_low_most_days');
      break;
    case 'thoughts_of_death':
      add('d3', 3, 'selfCheck.reason.thoughts_of_death');
      break;
    case 'okay':
    case undefined:
      break;
  }
  const home = single(answers, 'home');
  if (home === 'others_use') add('d6', 2, 'selfCheck.reason.home_others_use');
  if (home === 'unsafe' || home === 'no_stable_home') add('d6', 3, 'selfCheck.reason.home_unsafe');
  const support = single(answers, 'support');
  if (support === 'some') add('d6', 1, 'selfCheck.reason.support_some');
  if (support === 'no') add('d6', 2, 'selfCheck.reason.support_none');
  const readiness = single(answers, 'readiness');
  if (readiness === 'unsure') add('d4', 1, 'selfCheck.reason.readiness_unsure');
  if (readiness === 'not_ready') add('d4', 2, 'selfCheck.reason.readiness_low');
  return found;
};

const COVERAGE: Record<SelfCheckOptionId<'coverage'>, Coverage> = {
  // Nobody can verify benefits from an anonymous form.
  insurance: 'unverified',
  medicaid: 'unverified',
  not_sure: 'unverified',
  none: 'none',
  self_pay: 'self_pay',
};

const placementInputFrom = (answers: SelfCheckAnswers, found: Contribution[]): PlacementInput => {
  const ratings = Object.fromEntries(DIMENSION_IDS.map((d) => [d, 0])) as Record<Dimension, Rating>;
  for (const c of found) if (c.rating > ratings[c.dimension]) ratings[c.dimension] = c.rating;
  const problems = answers.past_year_problems;
  const responsibilities = answers.responsibilities?.filter((r): r is Responsibility => r !== 'none');
  const home = single(answers, 'home');
  const support = single(answers, 'support');
  const pastTreatment = single(answers, 'past_treatment');
  const schedule = single(answers, 'schedule');
  const coverage = single(answers, 'coverage');
  return {
    ratings,
    ...(problems && problems.length > 0 ? { dsm5Criteria: problems.filter((p) => p !== 'none').length } : {}),
    factors: {
      ...(schedule ? { preferredSchedule: schedule } : {}),
      ...(home ? { homeSafe: home === 'safe' } : {}),
      ...(support ? { supportPresent: support !== 'no' } : {}),
      ...(coverage ? { coverage: COVERAGE[coverage] } : {}),
      ...(pastTreatment ? { relapseAfterTreatment: pastTreatment === 'yes_used_again' } : {}),
      ...(responsibilities ? { responsibilities } : {}),
    },
  };
};

const CONSIDERATION_REASONS: Partial<Record<ConsiderationCode, SelfCheckReasonKey>> = {
  sub_threshold_criteria: 'selfCheck.reason.health_first',
  dsm5_not_recorded: 'selfCheck.reason.problems_skipped',
  evening_track: 'selfCheck.reason.evening_track',
  day_track: 'selfCheck.reason.day_track',
  responsibilities_leave: 'selfCheck.reason.time_away',
  coverage_unverified: 'selfCheck.reason.check_coverage',
  no_coverage: 'selfCheck.reason.no_coverage',
  self_pay: 'selfCheck.reason.self_pay',
};

/** Considerations that repeat what the person told us: explained with their own answer. */
const ANSWER_REASONS: Partial<Record<ConsiderationCode, readonly SelfCheckReasonKey[]>> = {
  motivational_enhancement: ['selfCheck.reason.readiness_low'],
  home_unsafe: ['selfCheck.reason.home_unsafe', 'selfCheck.reason.home_others_use'],
  no_support: ['selfCheck.reason.support_none'],
  relapse_history: ['selfCheck.reason.used_again'],
};

/** Shown whether or not they drove the level: each changes what the person should do next. */
const ALWAYS_EXPLAINED: readonly SelfCheckReasonKey[] = [
  'selfCheck.reason.thoughts_of_death',
  'selfCheck.reason.pregnant',
  'selfCheck.reason.withdrawal_seizure',
];

const reasonsFor = (placement: PlacementResult, found: Contribution[], criteria: number | undefined) => {
  const reasons: SelfCheckReasonKey[] = [];
  if (placement.level === 'NONE') {
    reasons.push('selfCheck.reason.few_problems');
  } else if (criteria !== undefined && criteria >= 2) {
    reasons.push(criteria >= 4 ? 'selfCheck.reason.problems_many' : 'selfCheck.reason.problems_some');
  }
  for (const driver of placement.drivers) {
    if (driver.kind !== 'dimension') continue;
    for (const c of found) {
      if (c.dimension === driver.dimension && c.rating === driver.rating) reasons.push(c.reason);
    }
  }
  for (const c of found) if (ALWAYS_EXPLAINED.includes(c.reason)) reasons.push(c.reason);
  for (const { code } of placement.considerations) {
    const reason = CONSIDERATION_REASONS[code];
    if (reason) reasons.push(reason);
    const answered = ANSWER_REASONS[code];
    if (answered) for (const c of found) if (answered.includes(c.reason)) reasons.push(c.reason);
  }
  return [...new Set(reasons)];
};

/**
 * Evaluates the anonymous self-check. "I am in danger now" short-circuits before anything else is
 * read, so a malformed answer elsewhere never delays the crisis message. Otherwise answers map to
 * approximate ratings and go through the same placement as a clinician's assessment (never as
 * continuing care, and with no clinician flags: 24-hour supervision is a clinical judgement).
 * Unanswered questions count as the least concerning answer.
 */
export const evaluateSelfCheck = (
  answers: Readonly<Record<string, unknown>>,
  table: PlacementRuleTable = DEFAULT_RULE_TABLE,
): SelfCheckResult => {
  validate({ safety_now: answers.safety_now });
  if (answers.safety_now === 'yes') return { outcome: 'crisis', reasons: ['selfCheck.reason.crisis'] };
  const valid = validate(answers);
  const found = contributionsFrom(valid);
  const input = placementInputFrom(valid, found);
  const placement = placeLevelOfCare(input, table);
  // Unreachable while no flags are set here, but a crisis answer must never read as a level.
  if (placement.level === 'EMERGENCY') return { outcome: 'crisis', reasons: ['selfCheck.reason.crisis'] };
  const likelyLevel = placement.level;
  const likelyKey: SelfCheckLikelyKey = `selfCheck.likely.${likelyLevel}`;
  return {
    outcome: 'placement',
    likelyLevel,
    reasons: [likelyKey, ...reasonsFor(placement, found, input.dsm5Criteria)],
    placement,
  };
};
