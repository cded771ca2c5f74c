import { describe, expect, it } from 'vitest';
import { DomainError } from '../../errors/domainError.js';
import { scoreInstrument } from '../score.js';
import { COWS } from './cows.js';

/** The published form's allowed values, item by item (Wesson & Ling 2003). */
const PUBLISHED: number[][] = [
  [0, 1, 2, 4], // resting pulse
  [0, 1, 2, 3, 4], // sweating
  [0, 1, 3, 5], // restlessness
  [0, 1, 2, 5], // pupil size
  [0, 1, 2, 4], // bone or joint aches
  [0, 1, 2, 4], // runny nose or tearing
  [0, 1, 2, 3, 5], // GI upset
  [0, 1, 2, 4], // tremor
  [0, 1, 2, 4], // yawning
  [0, 1, 2, 4], // anxiety or irritability
  [0, 3, 5], // gooseflesh
];

const withItem = (index: number, value: number): number[] =>
  COWS.items.map((_, i) => (i === index ? value : 0));

describe('COWS', () => {
  it('allows exactly the published values on each of its 11 items', () => {
    expect(COWS.items.map((item) => item.options.map((o) => o.value))).toEqual(PUBLISHED);
  });

  it('reaches 48 at most', () => {
    expect(scoreInstrument(COWS, { answers: PUBLISHED.map((values) => Math.max(...values)) }).total).toBe(48);
  });

  const unlisted = PUBLISHED.flatMap((values, index) =>
    [0, 1, 2, 3, 4, 5].filter((v) => !values.includes(v)).map((value) => [index + 1, value] as const),
  );
  it.each(unlisted)('refuses, on item %i, the unlisted value %i', (number, value) => {
    let error: unknown;
    try {
      scoreInstrument(COWS, { answers: withItem(number - 1, value) });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).fields).toEqual([
      {
        field: `/answers/${number - 1}`,
        message: expect.stringMatching(new RegExp(`^Item ${number} of COWS takes `)) as string,
      },
    ]);
  });

  it('names the allowed values of gooseflesh', () => {
    expect(() => scoreInstrument(COWS, { answers: withItem(10, 1) })).toThrow(
      'Item 11 of COWS takes 0, 3 or 5.',
    );
  });
});
