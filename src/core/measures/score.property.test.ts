import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_INSTRUMENTS, INSTRUMENT_CODES } from './catalogue.js';
import { totalRange } from './itemScoring.js';
import { scoreInstrument } from './score.js';
import type { InstrumentDefinition } from './types.js';

/** Any vector of allowed answers for the instrument. */
const validAnswers = (def: InstrumentDefinition) =>
  fc.tuple(...def.items.map((item) => fc.constantFrom(...item.options.map((option) => option.value))));

describe.each(INSTRUMENT_CODES)('%s under any valid answers', (code) => {
  const def = BUILT_IN_INSTRUMENTS[code];
  const range = totalRange(def);

  it('scores within the total range and lands in exactly one band', () => {
    fc.assert(
      fc.property(validAnswers(def), fc.constantFrom('male' as const, 'female' as const), (answers, sex) => {
        const score = scoreInstrument(def, { answers, sex });
        expect(score.itemScores).toHaveLength(def.items.length);
        if (!def.scoring.total) {
          expect(score.total).toBeUndefined();
          return;
        }
        const total = score.total ?? Number.NaN;
        expect(total).toBeGreaterThanOrEqual(range.min);
        expect(total).toBeLessThanOrEqual(range.max);
        if (def.scoring.bands) {
          const holding = def.scoring.bands.filter((band) => total >= band.min && total <= band.max);
          expect(holding).toHaveLength(1);
          expect(score.band?.key).toBe(holding[0]?.key);
        } else {
          expect(['positive', 'negative']).toContain(score.band?.key);
        }
      }),
      { numRuns: 300 },
    );
  });
});
