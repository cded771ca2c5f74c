import { describe, expect, it } from 'vitest';
import { scoreInstrument } from '../score.js';
import { CRAVING } from './craving.js';
import { READINESS } from './readiness.js';

describe('craving scale', () => {
  it('flags a strong craving from 8, not at 7', () => {
    expect(scoreInstrument(CRAVING, { answers: [7] }).flags).toEqual([]);
    expect(scoreInstrument(CRAVING, { answers: [8] }).flags).toEqual([
      { key: 'strong-craving', label: 'Strong craving (8 or more of 10)', severity: 'high' },
    ]);
  });

  it.each([-1, 11, 2.5, '5', null])('refuses %s', (answer) => {
    expect(() => scoreInstrument(CRAVING, { answers: [answer] })).toThrow(
      'Item 1 of Craving takes a whole number from 0 to 10.',
    );
  });
});

describe('readiness ruler', () => {
  it('is one 0–10 item with no flags', () => {
    expect(READINESS.items[0]?.options.map((o) => o.value)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(scoreInstrument(READINESS, { answers: [10] })).toEqual({
      total: 10,
      band: { key: 'ready', label: 'Ready' },
      flags: [],
      itemScores: [10],
    });
  });
});
