import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domainError.js';
import { reliableWorsening } from './change.js';

describe('reliableWorsening', () => {
  it.each([
    // PHQ-9: +6 is reliable, +5 is not (both within the mild band or beyond moderate).
    ['phq9', 0, 5, false],
    ['phq9', 0, 6, true],
    ['phq9', 14, 19, false],
    ['phq9', 14, 20, true],
    // Entering moderate or worse from below counts, however small the rise.
    ['phq9', 9, 10, true],
    ['phq9', 4, 10, true],
    ['phq9', 9, 16, true],
    // Moving within or above moderate by less than 6 does not.
    ['phq9', 12, 14, false],
    ['phq9', 14, 15, false],
    ['phq9', 10, 9, false],
    ['phq9', 20, 5, false],
    // GAD-7: +4 is reliable, +3 is not.
    ['gad7', 0, 3, false],
    ['gad7', 0, 4, true],
    ['gad7', 10, 13, false],
    ['gad7', 11, 15, true],
    ['gad7', 9, 10, true],
    ['gad7', 10, 12, false],
  ] as const)('%s %i → %i worsened: %s', (code, previous, current, worsened) => {
    expect(reliableWorsening(code, previous, current).worsened).toBe(worsened);
  });

  it('explains a reliable rise', () => {
    expect(reliableWorsening('phq9', 0, 6)).toEqual({
      worsened: true,
      reason: 'PHQ-9 rose 6 points (0 → 6); a rise of 6 or more is a reliable change.',
    });
  });

  it('explains entering the moderate band, and gives both reasons when both hold', () => {
    expect(reliableWorsening('phq9', 9, 10).reason).toBe('PHQ-9 moved from mild into moderate (9 → 10).');
    expect(reliableWorsening('gad7', 4, 15).reason).toBe(
      'GAD-7 rose 11 points (4 → 15); a rise of 4 or more is a reliable change. GAD-7 moved from minimal into severe (4 → 15).',
    );
  });

  it('gives no reason when nothing worsened', () => {
    expect(reliableWorsening('phq9', 12, 14)).toEqual({ worsened: false });
  });

  it.each(['audit', 'craving', 'unknown'])('never reports worsening for %s', (code) => {
    expect(reliableWorsening(code, 0, 10)).toEqual({ worsened: false });
  });

  it.each([
    [-1, 5, '/previousTotal'],
    [5, 28, '/currentTotal'],
    [5, 6.5, '/currentTotal'],
  ])('refuses totals outside the instrument’s range (%d → %d)', (previous, current, field) => {
    let error: unknown;
    try {
      reliableWorsening('phq9', previous, current);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).fields.map((f) => f.field)).toEqual([field]);
  });
});
