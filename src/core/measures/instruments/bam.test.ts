import { describe, expect, it } from 'vitest';
import { scoreInstrument } from '../score.js';
import { BAM } from './bam.js';

/** Answers by item number; unlisted items answer 0. */
const answers = (values: Record<number, number>): number[] =>
  BAM.items.map((item) => values[item.number] ?? 0);

describe('Brief Addiction Monitor', () => {
  it('has 17 items rated 0–4, item 14 as no = 0 or yes = 4', () => {
    expect(BAM.items).toHaveLength(17);
    for (const item of BAM.items) {
      const values = item.options.map((o) => o.value);
      expect(values).toEqual(item.number === 14 ? [0, 4] : [0, 1, 2, 3, 4]);
    }
  });

  it('sums Use (4+5+6), Risk (1+2+3+8+11+15) and Protective (9+10+12+13+14+16), with no total', () => {
    const score = scoreInstrument(BAM, {
      answers: answers({
        1: 1,
        2: 2,
        3: 3,
        4: 4,
        5: 1,
        6: 2,
        7: 4,
        8: 1,
        9: 3,
        10: 2,
        11: 1,
        12: 4,
        13: 1,
        14: 4,
        15: 2,
        16: 3,
        17: 4,
      }),
    });
    expect(score.subscales).toEqual({
      use: 4 + 1 + 2,
      risk: 1 + 2 + 3 + 1 + 1 + 2,
      protective: 3 + 2 + 4 + 1 + 4 + 3,
    });
    expect(score.total).toBeUndefined();
    expect(score.band).toBeUndefined();
  });

  it('leaves items 7 and 17 out of every subscale', () => {
    const score = scoreInstrument(BAM, { answers: answers({ 7: 4, 17: 4 }) });
    expect(score.subscales).toEqual({ use: 0, risk: 0, protective: 0 });
    expect(score.itemScores[6]).toBe(4);
    expect(score.itemScores[16]).toBe(4);
  });

  it('raises no flag without use', () => {
    expect(scoreInstrument(BAM, { answers: answers({ 8: 4, 11: 4 }) }).flags).toEqual([]);
  });

  it.each([4, 5, 6])('flags recent use when item %i is at least 1', (item) => {
    expect(scoreInstrument(BAM, { answers: answers({ [item]: 1 }) }).flags).toEqual([
      { key: 'recent-use', label: 'Alcohol or drug use in the past 30 days', severity: 'normal' },
    ]);
  });

  it('raises the recent-use flag once however many use items are positive', () => {
    expect(scoreInstrument(BAM, { answers: answers({ 4: 4, 5: 3, 6: 2 }) }).flags).toHaveLength(1);
  });
});
