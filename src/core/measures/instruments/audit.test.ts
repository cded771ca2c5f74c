import { describe, expect, it } from 'vitest';
import { DomainError } from '../../errors/domainError.js';
import { scoreInstrument } from '../score.js';
import { AUDIT } from './audit.js';

const answers = (item: number, value: number): number[] =>
  AUDIT.items.map((i) => (i.number === item ? value : 0));

const refusal = (item: number, value: number): DomainError | undefined => {
  try {
    scoreInstrument(AUDIT, { answers: answers(item, value) });
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  return undefined;
};

describe('AUDIT', () => {
  it('scores items 1–8 as 0, 1, 2, 3 or 4', () => {
    for (const item of AUDIT.items.slice(0, 8)) {
      expect(item.options.map((o) => o.value)).toEqual([0, 1, 2, 3, 4]);
    }
  });

  it('scores items 9 and 10 as 0, 2 or 4 only', () => {
    for (const item of AUDIT.items.slice(8)) expect(item.options.map((o) => o.value)).toEqual([0, 2, 4]);
    expect(scoreInstrument(AUDIT, { answers: answers(9, 2) }).total).toBe(2);
    expect(scoreInstrument(AUDIT, { answers: answers(10, 4) }).total).toBe(4);
  });

  it.each([
    [9, 1],
    [9, 3],
    [10, 1],
    [10, 3],
  ])('refuses %i on item %i, naming the item and what it takes', (item, value) => {
    const error = refusal(item, value);
    expect(error?.code).toBe('VALIDATION_FAILED');
    expect(error?.fields).toEqual([
      { field: `/answers/${item - 1}`, message: `Item ${item} of AUDIT takes 0, 2 or 4.` },
    ]);
  });

  it('totals 0–40', () => {
    expect(scoreInstrument(AUDIT, { answers: [4, 4, 4, 4, 4, 4, 4, 4, 4, 4] }).total).toBe(40);
  });
});
