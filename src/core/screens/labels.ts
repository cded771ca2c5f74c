import { ANALYTE_INFO, type Analyte } from './analytes.js';
import type { ExpectedNegative, ScreenInterpretation } from './interpretScreen.js';

/** Plain sentences for what a screen's reading found, for the chart (never for alert titles: those hold no results). */
export const expectedNegativeSentence = (e: ExpectedNegative): string =>
  `Expected ${e.label} not detected (${e.medicationName}; ${e.analytes.map((a) => ANALYTE_INFO[a].code).join(', ')} negative)`;

export const analyteCodes = (analytes: readonly Analyte[]): string =>
  analytes.map((a) => ANALYTE_INFO[a].code).join(', ');

export const interpretationSentences = (i: ScreenInterpretation): string[] => [
  ...(i.specimenRefused ? ['Specimen refused'] : []),
  ...(i.unexpectedPositives.length > 0
    ? [`Unexpected positive: ${analyteCodes(i.unexpectedPositives)}`]
    : []),
  ...i.expectedNegatives.map(expectedNegativeSentence),
  ...(i.specimenIssues.length > 0
    ? [
        `Specimen issue: ${i.specimenIssues.map((s) => `${ANALYTE_INFO[s.analyte].code} ${s.result}`).join(', ')}`,
      ]
    : []),
];
