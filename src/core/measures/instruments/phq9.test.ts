import { describe, expect, it } from 'vitest';
import { scoreInstrument } from '../score.js';
import { PHQ9 } from './phq9.js';

const withItem9 = (value: number): number[] => [0, 0, 0, 0, 0, 0, 0, 0, value];

describe('PHQ-9', () => {
  it('has nine items scored 0–3 and reports its total under LOINC 44261-6', () => {
    expect(PHQ9.items).toHaveLength(9);
    for (const item of PHQ9.items) expect(item.options.map((o) => o.value)).toEqual([0, 1, 2, 3]);
    expect(PHQ9.loinc?.total).toBe('44261-6');
    expect(scoreInstrument(PHQ9, { answers: Array<number>(9).fill(3) }).total).toBe(27);
  });

  it('raises no safety flag when item 9 is "Not at all", even with a severe total', () => {
    const score = scoreInstrument(PHQ9, { answers: [3, 3, 3, 3, 3, 3, 3, 3, 0] });
    expect(score.band?.key).toBe('severe');
    expect(score.flags).toEqual([]);
  });

  it.each([1, 2, 3])('raises an urgent suicide-risk flag when item 9 is %i, whatever the total', (value) => {
    const score = scoreInstrument(PHQ9, { answers: withItem9(value) });
    expect(score.band?.key).toBe('minimal');
    expect(score.flags).toEqual([
      { key: 'suicide-risk', label: expect.any(String) as string, severity: 'urgent' },
    ]);
  });

  it('refuses an answer above 3', () => {
    expect(() => scoreInstrument(PHQ9, { answers: withItem9(4) })).toThrow(
      'Item 9 of PHQ-9 takes 0, 1, 2 or 3.',
    );
  });
});
