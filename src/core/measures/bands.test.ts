import { describe, expect, it } from 'vitest';
import { answersForTotal } from './answersForTotal.js';
import { BUILT_IN_INSTRUMENTS, type InstrumentCode } from './catalogue.js';
import { scoreInstrument } from './score.js';

/**
 * Both sides of every published cut-off, written out rather than derived from the definitions, so a
 * mistyped band in a definition fails here (SPEC §4).
 */
const BOUNDARIES: Record<Exclude<InstrumentCode, 'audit-c' | 'bam'>, [total: number, band: string][]> = {
  phq9: [
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'moderately-severe'],
    [19, 'moderately-severe'],
    [20, 'severe'],
    [27, 'severe'],
  ],
  gad7: [
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'severe'],
    [21, 'severe'],
  ],
  audit: [
    [0, 'zone-1'],
    [7, 'zone-1'],
    [8, 'zone-2'],
    [15, 'zone-2'],
    [16, 'zone-3'],
    [19, 'zone-3'],
    [20, 'zone-4'],
    [40, 'zone-4'],
  ],
  dast10: [
    [0, 'none'],
    [1, 'low'],
    [2, 'low'],
    [3, 'moderate'],
    [5, 'moderate'],
    [6, 'substantial'],
    [8, 'substantial'],
    [9, 'severe'],
    [10, 'severe'],
  ],
  'ciwa-ar': [
    [0, 'minimal'],
    [9, 'minimal'],
    [10, 'mild-moderate'],
    [15, 'mild-moderate'],
    [16, 'severe'],
    [67, 'severe'],
  ],
  cows: [
    [0, 'none'],
    [4, 'none'],
    [5, 'mild'],
    [12, 'mild'],
    [13, 'moderate'],
    [24, 'moderate'],
    [25, 'moderately-severe'],
    [36, 'moderately-severe'],
    [37, 'severe'],
    [48, 'severe'],
  ],
  craving: [
    [0, 'none'],
    [1, 'low'],
    [3, 'low'],
    [4, 'moderate'],
    [6, 'moderate'],
    [7, 'strong'],
    [10, 'strong'],
  ],
  readiness: [
    [0, 'not-ready'],
    [3, 'not-ready'],
    [4, 'unsure'],
    [6, 'unsure'],
    [7, 'ready'],
    [10, 'ready'],
  ],
};

describe.each(Object.entries(BOUNDARIES))('%s bands', (code, cases) => {
  const def = BUILT_IN_INSTRUMENTS[code as InstrumentCode];

  it.each(cases)('a total of %i is %s', (total, band) => {
    const answers = answersForTotal(def, total);
    expect(answers).not.toBeNull();
    const score = scoreInstrument(def, { answers: answers ?? [] });
    expect(score.total).toBe(total);
    expect(score.band?.key).toBe(band);
  });

  it('cannot score beyond its published range', () => {
    const highest = Math.max(...cases.map(([total]) => total));
    expect(answersForTotal(def, highest + 1)).toBeNull();
  });
});
