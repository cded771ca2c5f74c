import { DomainError, type FieldError } from '../errors/domainError.js';
import { DIMENSION_QUESTIONS, findQuestion } from './questionBank.js';
import { DIMENSIONS, type Dimension, type Rating } from './ruleTable.js';

export {
  type AnswerSpec,
  type ChoiceOption,
  DIMENSION_QUESTIONS,
  type DimensionQuestion,
  findQuestion,
  RATING_ANCHORS,
} from './questionBank.js';

/** Yes/no questions take a boolean, choice questions an option id. Unanswered questions count for nothing. */
export type DimensionAnswers = Readonly<Record<string, boolean | string>>;

/** Scores from SPEC §4 instruments given at intake. */
export interface SupportingMeasures {
  ciwaAr?: number;
  cows?: number;
  phq9?: { total: number; item9: number };
  gad7?: number;
}

export interface RatingSuggestion {
  rating: Rating;
  /** One line per answer or measure that raised the rating above 0, in question order then measures. */
  because: string[];
}

/**
 * Score → least rating, highest threshold first. Withdrawal scores feed d1 and mood/anxiety scores
 * feed d3; a measure given for another dimension is validated but ignored. CIWA-Ar 8–15 is commonly
 * treated as moderate withdrawal and 16+ as severe (needs monitored WM); COWS and PHQ-9 follow the
 * bands of SPEC §4. Scores alone stop at 3: rating 4 (hospital-level care) is a clinical judgement on
 * complications, which the questions capture.
 */
export const MEASURE_THRESHOLDS = {
  ciwaAr: [
    { atLeast: 16, rating: 3 },
    { atLeast: 8, rating: 2 },
  ],
  cows: [
    { atLeast: 25, rating: 3 },
    { atLeast: 13, rating: 2 },
    { atLeast: 5, rating: 1 },
  ],
  phq9Total: [
    { atLeast: 20, rating: 3 },
    { atLeast: 10, rating: 2 },
    { atLeast: 5, rating: 1 },
  ],
  gad7: [
    { atLeast: 15, rating: 2 },
    { atLeast: 10, rating: 1 },
  ],
} as const satisfies Record<string, readonly { atLeast: number; rating: Rating }[]>;

const MEASURE_RANGES = { ciwaAr: 67, cows: 48, phq9Total: 27, phq9Item9: 3, gad7: 21 } as const;

const isScore = (value: unknown, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;

const floorFor = (score: number, thresholds: readonly { atLeast: number; rating: Rating }[]) =>
  thresholds.find((t) => score >= t.atLeast);

const checkMeasures = (measures: SupportingMeasures, fields: FieldError[]): void => {
  const check = (field: string, value: unknown, max: number) => {
    if (value !== undefined && !isScore(value, max)) {
      fields.push({ field: `/measures/${field}`, message: `must be a whole number from 0 to ${max}` });
    }
  };
  check('ciwaAr', measures.ciwaAr, MEASURE_RANGES.ciwaAr);
  check('cows', measures.cows, MEASURE_RANGES.cows);
  check('gad7', measures.gad7, MEASURE_RANGES.gad7);
  if (measures.phq9 !== undefined) {
    check('phq9/total', measures.phq9.total, MEASURE_RANGES.phq9Total);
    check('phq9/item9', measures.phq9.item9, MEASURE_RANGES.phq9Item9);
    const { total, item9 } = measures.phq9;
    if (
      isScore(total, MEASURE_RANGES.phq9Total) &&
      isScore(item9, MEASURE_RANGES.phq9Item9) &&
      item9 > total
    ) {
      fields.push({ field: '/measures/phq9/item9', message: 'cannot exceed the total' });
    }
  }
};

const measureFloors = (dimension: Dimension, measures: SupportingMeasures): [Rating, string][] => {
  const found: [Rating, string][] = [];
  const add = (
    name: string,
    score: number | undefined,
    thresholds: readonly { atLeast: number; rating: Rating }[],
  ) => {
    if (score === undefined) return;
    const floor = floorFor(score, thresholds);
    if (floor)
      found.push([floor.rating, `${name} ${score} (${floor.atLeast} or more): at least ${floor.rating}.`]);
  };
  if (dimension === 'd1') {
    add('CIWA-Ar', measures.ciwaAr, MEASURE_THRESHOLDS.ciwaAr);
    add('COWS', measures.cows, MEASURE_THRESHOLDS.cows);
  }
  if (dimension === 'd3') {
    add('PHQ-9 total', measures.phq9?.total, MEASURE_THRESHOLDS.phq9Total);
    // SPEC §4: any answer above 0 on item 9 is a safety signal in its own right.
    if (measures.phq9 && measures.phq9.item9 > 0) {
      found.push([
        3,
        `PHQ-9 item 9 answered ${measures.phq9.item9} (thoughts of death or self-harm): at least 3.`,
      ]);
    }
    add('GAD-7', measures.gad7, MEASURE_THRESHOLDS.gad7);
  }
  return found;
};

/** Suggests a rating for one dimension from its structured answers and intake measures; the clinician decides. */
export const suggestRating = (
  dimension: Dimension,
  answers: DimensionAnswers,
  measures: SupportingMeasures = {},
): RatingSuggestion => {
  const fields: FieldError[] = [];
  const found: [Rating, string][] = [];
  for (const id of Object.keys(answers)) {
    if (!findQuestion(dimension, id)) {
      fields.push({
        field: `/answers/${id}`,
        message: `is not a question of dimension ${DIMENSIONS[dimension].number}`,
      });
    }
  }
  for (const question of DIMENSION_QUESTIONS[dimension]) {
    if (!Object.hasOwn(answers, question.id)) continue;
    const value = answers[question.id];
    const field = `/answers/${question.id}`;
    const spec = question.answer;
    if (spec.type === 'yes_no') {
      if (typeof value !== 'boolean') {
        fields.push({ field, message: 'must be true or false' });
        continue;
      }
      const rating = value ? spec.yes : spec.no;
      if (rating > 0) found.push([rating, `${question.text} ${value ? 'Yes' : 'No'}: at least ${rating}.`]);
      continue;
    }
    const option = spec.options.find((o) => o.id === value);
    if (!option) {
      fields.push({ field, message: `must be one of ${spec.options.map((o) => o.id).join(', ')}` });
      continue;
    }
    if (option.suggests > 0)
      found.push([option.suggests, `${question.text} ${option.text}: at least ${option.suggests}.`]);
  }
  checkMeasures(measures, fields);
  if (fields.length > 0) {
    throw new DomainError('VALIDATION_FAILED', 'Some answers or measures are not valid.', { fields });
  }
  found.push(...measureFloors(dimension, measures));
  const rating = found.reduce<Rating>((max, [r]) => (r > max ? r : max), 0);
  return {
    rating,
    because: found.length > 0 ? found.map(([, text]) => text) : ['No answer or measure points above 0.'],
  };
};
