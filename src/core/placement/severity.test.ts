import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domainError.js';
import { severityFromCriteria } from './severity.js';

describe('severityFromCriteria', () => {
  it('follows the DSM-5 bands at every count', () => {
    const bands = Array.from({ length: 12 }, (_, count) => severityFromCriteria(count));
    expect(bands).toEqual([
      'none',
      'none',
      'mild',
      'mild',
      'moderate',
      'moderate',
      'severe',
      'severe',
      'severe',
      'severe',
      'severe',
      'severe',
    ]);
  });

  it('refuses counts that cannot be criteria counts', () => {
    for (const count of [-1, 12, 2.5, Number.NaN]) {
      expect(() => severityFromCriteria(count)).toThrow(DomainError);
    }
  });
});
