import { describe, expect, it } from 'vitest';
import { scoreInstrument } from '../score.js';
import { GAD7 } from './gad7.js';

describe('GAD-7', () => {
  it('has seven items scored 0–3, a total of 0–21 and LOINC 70274-6', () => {
    expect(GAD7.items).toHaveLength(7);
    for (const item of GAD7.items) expect(item.options.map((o) => o.value)).toEqual([0, 1, 2, 3]);
    expect(GAD7.loinc?.total).toBe('70274-6');
    expect(scoreInstrument(GAD7, { answers: Array<number>(7).fill(3) }).total).toBe(21);
    expect(scoreInstrument(GAD7, { answers: Array<number>(7).fill(0) }).total).toBe(0);
  });

  it('raises no flags', () => {
    expect(scoreInstrument(GAD7, { answers: Array<number>(7).fill(3) }).flags).toEqual([]);
  });
});
