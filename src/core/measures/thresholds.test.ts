import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domainError.js';
import { answersForTotal } from './answersForTotal.js';
import { BUILT_IN_INSTRUMENTS } from './catalogue.js';
import { scoreInstrument } from './score.js';
import { withThresholds } from './thresholds.js';
import { validateInstrumentDefinition } from './validate.js';

const CIWA_AR = BUILT_IN_INSTRUMENTS['ciwa-ar'];
const withTotal = (total: number): number[] => answersForTotal(CIWA_AR, total) ?? [];

const refusal = (run: () => unknown): DomainError => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the thresholds to be refused');
};

describe('withThresholds', () => {
  it('moves a band start and ends the band below one point earlier', () => {
    const def = withThresholds(CIWA_AR, { bandStarts: { 'mild-moderate': 8, severe: 20 } });
    expect(def.scoring.bands?.map(({ key, min, max }) => ({ key, min, max }))).toEqual([
      { key: 'minimal', min: 0, max: 7 },
      { key: 'mild-moderate', min: 8, max: 19 },
      { key: 'severe', min: 20, max: 67 },
    ]);
    expect(validateInstrumentDefinition(def)).toEqual([]);
    expect(scoreInstrument(def, { answers: withTotal(8) }).band?.key).toBe('mild-moderate');
  });

  it('moves a flag only when asked', () => {
    const bandsOnly = withThresholds(CIWA_AR, { bandStarts: { severe: 20 } });
    expect(scoreInstrument(bandsOnly, { answers: withTotal(16) }).flags.map((f) => f.key)).toEqual([
      'severe-withdrawal',
    ]);
    const both = withThresholds(CIWA_AR, {
      bandStarts: { severe: 20 },
      flagAtLeast: { 'severe-withdrawal': 20 },
    });
    expect(scoreInstrument(both, { answers: withTotal(19) }).flags).toEqual([]);
    expect(scoreInstrument(both, { answers: withTotal(20) }).flags.map((f) => f.key)).toEqual([
      'severe-withdrawal',
    ]);
  });

  it('leaves the built-in definition untouched', () => {
    withThresholds(CIWA_AR, { bandStarts: { severe: 20 } });
    expect(CIWA_AR.scoring.bands?.[2]?.min).toBe(16);
  });

  it('refuses unknown band and flag keys', () => {
    const error = refusal(() =>
      withThresholds(CIWA_AR, { bandStarts: { moderate: 12 }, flagAtLeast: { seizure: 1 } }),
    );
    expect(error.fields.map((f) => f.field)).toEqual(['/bandStarts/moderate', '/flagAtLeast/seizure']);
  });

  it('refuses cut-offs that cross or leave the range', () => {
    expect(
      refusal(() => withThresholds(CIWA_AR, { bandStarts: { 'mild-moderate': 20, severe: 16 } })).code,
    ).toBe('VALIDATION_FAILED');
    expect(refusal(() => withThresholds(CIWA_AR, { bandStarts: { minimal: 1 } })).fields[0]?.field).toBe(
      '/scoring/bands/0/min',
    );
    expect(refusal(() => withThresholds(CIWA_AR, { flagAtLeast: { 'severe-withdrawal': 68 } })).code).toBe(
      'VALIDATION_FAILED',
    );
  });
});
