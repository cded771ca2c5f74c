import { describe, expect, it } from 'vitest';
import { scoreInstrument } from '../score.js';
import { DAST10 } from './dast10.js';

const NO = 0;
const YES = 1;
const answers = (item3: number, others: number): number[] =>
  DAST10.items.map((item) => (item.number === 3 ? item3 : others));

describe('DAST-10', () => {
  it('has ten yes/no items answered yes = 1, no = 0', () => {
    expect(DAST10.items).toHaveLength(10);
    for (const item of DAST10.items) {
      expect(item.options).toEqual([
        { value: 0, label: 'No' },
        { value: 1, label: 'Yes' },
      ]);
    }
  });

  it('reverse-scores item 3 only', () => {
    expect(DAST10.items.filter((item) => item.reverseScored).map((item) => item.number)).toEqual([3]);
  });

  it('scores "yes, I can always stop" on item 3 as 0 and "no" as 1', () => {
    expect(scoreInstrument(DAST10, { answers: answers(YES, NO) }).itemScores[2]).toBe(0);
    expect(scoreInstrument(DAST10, { answers: answers(NO, NO) }).itemScores[2]).toBe(1);
  });

  it('totals with item 3 reversed', () => {
    expect(scoreInstrument(DAST10, { answers: answers(YES, NO) }).total).toBe(0);
    expect(scoreInstrument(DAST10, { answers: answers(NO, NO) }).total).toBe(1);
    expect(scoreInstrument(DAST10, { answers: answers(YES, YES) }).total).toBe(9);
    expect(scoreInstrument(DAST10, { answers: answers(NO, YES) }).total).toBe(10);
  });
});
