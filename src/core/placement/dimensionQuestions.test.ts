import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domainError.js';
import {
  DIMENSION_QUESTIONS,
  type DimensionAnswers,
  RATING_ANCHORS,
  suggestRating,
  type SupportingMeasures,
} from './dimensionQuestions.js';
import { DIMENSION_IDS, type Dimension, RATINGS } from './ruleTable.js';

const fieldsOf = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'VALIDATION_FAILED')
      return error.fields.map((f) => f.field);
    throw error;
  }
  return [];
};

const rate = (dimension: Dimension, answers: DimensionAnswers = {}, measures?: SupportingMeasures) =>
  suggestRating(dimension, answers, measures).rating;

describe('the question bank', () => {
  it('asks 3 to 6 questions per dimension, with unique ids prefixed by the dimension', () => {
    const ids = new Set<string>();
    for (const dimension of DIMENSION_IDS) {
      const questions = DIMENSION_QUESTIONS[dimension];
      expect(questions.length).toBeGreaterThanOrEqual(3);
      expect(questions.length).toBeLessThanOrEqual(6);
      for (const q of questions) {
        expect(q.id.startsWith(`${dimension}.`)).toBe(true);
        expect(ids.has(q.id)).toBe(false);
        ids.add(q.id);
        if (q.answer.type === 'choice') {
          expect(new Set(q.answer.options.map((o) => o.id)).size).toBe(q.answer.options.length);
        }
      }
    }
  });

  it('describes every rating of every dimension', () => {
    for (const dimension of DIMENSION_IDS) {
      for (const rating of RATINGS) expect(RATING_ANCHORS[dimension][rating].length).toBeGreaterThan(10);
    }
  });

  it('lets the answers reach every rating of every dimension', () => {
    for (const dimension of DIMENSION_IDS) {
      const reachable = new Set<number>([0]);
      for (const q of DIMENSION_QUESTIONS[dimension]) {
        if (q.answer.type === 'yes_no') {
          reachable.add(q.answer.yes);
          reachable.add(q.answer.no);
        } else {
          for (const o of q.answer.options) reachable.add(o.suggests);
        }
      }
      expect([...reachable].sort(), dimension).toEqual([0, 1, 2, 3, 4]);
    }
  });
});

describe('suggestRating from answers', () => {
  it('takes the highest rating the answers point to and says why', () => {
    const result = suggestRating('d1', { 'd1.withdrawal_now': 'moderate', 'd1.intoxicated_now': true });
    expect(result.rating).toBe(2);
    expect(result.because).toEqual([
      'Is the patient intoxicated or impaired right now? Yes: at least 1.',
      'Which withdrawal signs does the patient show now? Moderate: will need medication to be comfortable and safe: at least 2.',
    ]);
  });

  it('puts a history of withdrawal seizures or DTs at 3 or more', () => {
    expect(rate('d1', { 'd1.complicated_history': true })).toBe(3);
    expect(rate('d1', { 'd1.complicated_history': false })).toBe(0);
    expect(rate('d1', { 'd1.complicated_history': true, 'd1.complicated_now': true })).toBe(4);
  });

  it('counts a "no" when it is the worrying answer', () => {
    expect(rate('d5', { 'd5.coping_skills': false })).toBe(1);
    expect(rate('d5', { 'd5.coping_skills': true })).toBe(0);
  });

  it('says so when nothing points above 0', () => {
    expect(suggestRating('d6', { 'd6.housing': 'stable' })).toEqual({
      rating: 0,
      because: ['No answer or measure points above 0.'],
    });
  });
});

describe('suggestRating from measures', () => {
  it('reads CIWA-Ar into dimension 1 at its boundaries', () => {
    const at = (ciwaAr: number) => rate('d1', {}, { ciwaAr });
    expect([0, 7, 8, 15, 16, 67].map(at)).toEqual([0, 0, 2, 2, 3, 3]);
  });

  it('reads COWS into dimension 1 at its SPEC §4 bands', () => {
    const at = (cows: number) => rate('d1', {}, { cows });
    expect([4, 5, 12, 13, 24, 25, 48].map(at)).toEqual([0, 1, 1, 2, 2, 3, 3]);
  });

  it('reads PHQ-9 into dimension 3: bands, and item 9 above 0 as at least 3', () => {
    const at = (total: number, item9 = 0) => rate('d3', {}, { phq9: { total, item9 } });
    expect([4, 5, 9, 10, 19, 20, 27].map((t) => at(t))).toEqual([0, 1, 1, 2, 2, 3, 3]);
    expect(at(1, 1)).toBe(3);
    expect(suggestRating('d3', {}, { phq9: { total: 6, item9: 1 } }).because).toContain(
      'PHQ-9 item 9 answered 1 (thoughts of death or self-harm): at least 3.',
    );
  });

  it('reads GAD-7 into dimension 3', () => {
    const at = (gad7: number) => rate('d3', {}, { gad7 });
    expect([9, 10, 14, 15, 21].map(at)).toEqual([0, 1, 1, 2, 2]);
  });

  it('ignores measures that belong to another dimension', () => {
    expect(rate('d2', {}, { ciwaAr: 30, phq9: { total: 27, item9: 3 } })).toBe(0);
    expect(rate('d3', {}, { cows: 40 })).toBe(0);
  });

  it('combines answers and measures', () => {
    expect(rate('d1', { 'd1.withdrawal_now': 'mild' }, { ciwaAr: 17 })).toBe(3);
  });
});

describe('suggestRating validation', () => {
  it('refuses unknown questions, including those of another dimension', () => {
    expect(fieldsOf(() => suggestRating('d1', { 'd1.nope': true, 'd3.symptoms': 'mild' }))).toEqual([
      '/answers/d1.nope',
      '/answers/d3.symptoms',
    ]);
  });

  it('refuses answers of the wrong kind or unknown options', () => {
    expect(
      fieldsOf(() => suggestRating('d1', { 'd1.intoxicated_now': 'yes', 'd1.withdrawal_now': 'terrible' })),
    ).toEqual(['/answers/d1.intoxicated_now', '/answers/d1.withdrawal_now']);
  });

  it('refuses measures out of range', () => {
    const bad = { ciwaAr: 68, cows: -1, gad7: 2.5, phq9: { total: 3, item9: 4 } };
    expect(fieldsOf(() => suggestRating('d1', {}, bad))).toEqual([
      '/measures/ciwaAr',
      '/measures/cows',
      '/measures/gad7',
      '/measures/phq9/item9',
    ]);
    expect(fieldsOf(() => suggestRating('d3', {}, { phq9: { total: 2, item9: 3 } }))).toEqual([
      '/measures/phq9/item9',
    ]);
  });
});
