import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domainError.js';
import { BUILT_IN_INSTRUMENTS } from './catalogue.js';
import { scoreInstrument } from './score.js';
import type { InstrumentDefinition, ScoreInput } from './types.js';

const { phq9: PHQ9, bam: BAM } = BUILT_IN_INSTRUMENTS;

const refusal = (def: InstrumentDefinition, input: ScoreInput): DomainError => {
  try {
    scoreInstrument(def, input);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the answers to be refused');
};

/** A made-up clinic instrument exercising reverse scoring on a 1–5 scale and flag alternatives. */
const WELLBEING: InstrumentDefinition = {
  code: 'wellbeing',
  version: '1',
  name: 'Wellbeing check',
  shortName: 'Wellbeing',
  description: 'A test instrument.',
  lookbackPeriod: 'This week',
  items: [1, 2, 3].map((number) => ({
    number,
    key: `wellbeing.${number}`,
    text: `Question ${number}`,
    options: [1, 2, 3, 4, 5].map((value) => ({ value, label: `Option ${value}` })),
    ...(number === 2 ? { reverseScored: true } : {}),
  })),
  scoring: {
    total: true,
    bands: [
      { key: 'low', label: 'Low', min: 3, max: 8 },
      { key: 'high', label: 'High', min: 9, max: 15 },
    ],
    flags: [
      { key: 'attention', label: 'Needs attention', severity: 'high', when: { item: 1, atLeast: 5 } },
      { key: 'attention', label: 'Needs attention', severity: 'high', when: { total: { atLeast: 14 } } },
    ],
  },
};

describe('scoreInstrument', () => {
  it('names the expected number of answers when given too few or too many', () => {
    for (const answers of [[0, 0, 0], Array<number>(10).fill(0)]) {
      const error = refusal(PHQ9, { answers });
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.fields).toEqual([
        {
          field: '/answers',
          message: `PHQ-9 has 9 items, so it takes 9 answers; ${answers.length} were given.`,
        },
      ]);
    }
  });

  it('refuses answers that are not an array', () => {
    const error = refusal(PHQ9, { answers: 'all zero' as unknown as unknown[] });
    expect(error.fields.map((f) => f.field)).toEqual(['/answers']);
  });

  it('reports every refused answer at once, by index', () => {
    const error = refusal(PHQ9, { answers: [0, 4, 0, '1', 0, 0, null, 0, 1.5] });
    expect(error.fields.map((f) => f.field)).toEqual([
      '/answers/1',
      '/answers/3',
      '/answers/6',
      '/answers/8',
    ]);
    expect(error.message).toBe('PHQ-9 cannot be scored: 4 problems with what was given.');
  });

  it('uses the single problem as the message when there is one', () => {
    expect(refusal(PHQ9, { answers: [0, 0, 0, 0, 0, 0, 0, 0, 9] }).message).toBe(
      'Item 9 of PHQ-9 takes 0, 1, 2 or 3.',
    );
  });

  it('ignores sex where no cut-off depends on it', () => {
    const zeros = Array<number>(9).fill(0);
    expect(scoreInstrument(PHQ9, { answers: zeros, sex: 'female' })).toEqual(
      scoreInstrument(PHQ9, { answers: zeros }),
    );
  });

  it('mirrors a reverse-scored item within its own range', () => {
    const score = scoreInstrument(WELLBEING, { answers: [1, 1, 1] });
    expect(score.itemScores).toEqual([1, 5, 1]);
    expect(score.total).toBe(7);
    expect(scoreInstrument(WELLBEING, { answers: [1, 5, 1] }).itemScores).toEqual([1, 1, 1]);
  });

  it('raises a flag once when several of its rules hold', () => {
    expect(scoreInstrument(WELLBEING, { answers: [4, 1, 4] }).flags).toEqual([]);
    expect(scoreInstrument(WELLBEING, { answers: [5, 1, 1] }).flags).toHaveLength(1);
    expect(scoreInstrument(WELLBEING, { answers: [4, 1, 5] }).flags).toHaveLength(1);
    expect(scoreInstrument(WELLBEING, { answers: [5, 1, 5] }).flags).toEqual([
      { key: 'attention', label: 'Needs attention', severity: 'high' },
    ]);
  });

  it('gives subscales but no total where the instrument has none', () => {
    const score = scoreInstrument(BAM, { answers: Array<number>(17).fill(0) });
    expect(Object.keys(score).sort()).toEqual(['flags', 'itemScores', 'subscales']);
  });
});
