import type { InstrumentDefinition, InstrumentItem, ItemOption } from '../types.js';
import { anchoredScale } from './options.js';

/**
 * Clinical Institute Withdrawal Assessment for Alcohol, revised (Sullivan et al., Br J Addict 1989;
 * public domain). Clinician-rated now; nine items 0–7 and orientation 0–4, total 0–67.
 *
 * Cut-offs vary between sources: Sullivan et al. found patients under 10 seldom need medication;
 * the VA's alcohol-withdrawal guidance (PAWS) reads under 8–10 as minimal, 8–15 as moderate and 15
 * or more as a risk of severe withdrawal; others split 16–20 and 21+. The defaults below
 * (0–9, 10–15, 16–67) follow SPEC §4's brief; a clinic sets its own with `withThresholds`.
 */
const HALLUCINATION_SCALE: Readonly<Record<number, string>> = {
  0: 'not present',
  2: 'mild',
  3: 'moderate',
  4: 'moderately severe hallucinations',
  5: 'severe hallucinations',
  6: 'extremely severe hallucinations',
  7: 'continuous hallucinations',
};

const SPECS: readonly [string, readonly ItemOption[]][] = [
  [
    'Nausea and vomiting: "Do you feel sick to your stomach? Have you vomited?"',
    anchoredScale(0, 7, {
      0: 'no nausea and no vomiting',
      1: 'mild nausea with no vomiting',
      4: 'intermittent nausea with dry heaves',
      7: 'constant nausea, frequent dry heaves and vomiting',
    }),
  ],
  [
    'Tremor: arms extended and fingers spread apart',
    anchoredScale(0, 7, {
      0: 'no tremor',
      1: 'not visible, but can be felt fingertip to fingertip',
      4: 'moderate, with arms extended',
      7: 'severe, even with arms not extended',
    }),
  ],
  [
    'Paroxysmal sweats',
    anchoredScale(0, 7, {
      0: 'no sweat visible',
      1: 'barely perceptible sweating, palms moist',
      4: 'beads of sweat obvious on forehead',
      7: 'drenching sweats',
    }),
  ],
  [
    'Anxiety: "Do you feel nervous?"',
    anchoredScale(0, 7, {
      0: 'no anxiety, at ease',
      1: 'mildly anxious',
      4: 'moderately anxious, or guarded, so anxiety is inferred',
      7: 'equivalent to acute panic states',
    }),
  ],
  [
    'Agitation',
    anchoredScale(0, 7, {
      0: 'normal activity',
      1: 'somewhat more than normal activity',
      4: 'moderately fidgety and restless',
      7: 'paces back and forth or constantly thrashes about',
    }),
  ],
  [
    'Tactile disturbances: "Any itching, pins and needles, burning or numbness, or bugs crawling on or under your skin?"',
    anchoredScale(0, 7, {
      ...HALLUCINATION_SCALE,
      1: 'very mild itching, pins and needles, burning or numbness',
    }),
  ],
  [
    'Auditory disturbances: "Are sounds harsher or more frightening than usual? Are you hearing things that are not there?"',
    anchoredScale(0, 7, { ...HALLUCINATION_SCALE, 1: 'very mild harshness or ability to frighten' }),
  ],
  [
    'Visual disturbances: "Does light seem too bright or its colour different? Are you seeing things that are not there?"',
    anchoredScale(0, 7, { ...HALLUCINATION_SCALE, 1: 'very mild sensitivity' }),
  ],
  [
    'Headache, fullness in head (do not rate dizziness or light-headedness)',
    anchoredScale(0, 7, {
      0: 'not present',
      1: 'very mild',
      2: 'mild',
      3: 'moderate',
      4: 'moderately severe',
      5: 'severe',
      6: 'very severe',
      7: 'extremely severe',
    }),
  ],
  [
    'Orientation and clouding of sensorium: "What day is this? Where are you? Who am I?"',
    anchoredScale(0, 4, {
      0: 'oriented and can do serial additions',
      1: 'cannot do serial additions or is uncertain about date',
      2: 'disoriented for date by no more than 2 calendar days',
      3: 'disoriented for date by more than 2 calendar days',
      4: 'disoriented for place and/or person',
    }),
  ],
];

const items: InstrumentItem[] = SPECS.map(([text, options], index) => ({
  number: index + 1,
  key: `ciwa-ar.${index + 1}`,
  text,
  options,
}));

export const CIWA_AR: InstrumentDefinition = {
  code: 'ciwa-ar',
  version: '1',
  name: 'Clinical Institute Withdrawal Assessment for Alcohol, revised',
  shortName: 'CIWA-Ar',
  description: 'Clinician-rated severity of alcohol withdrawal.',
  lookbackPeriod: 'Now (clinician observation and interview)',
  items,
  scoring: {
    total: true,
    bands: [
      { key: 'minimal', label: 'Absent or minimal withdrawal', min: 0, max: 9 },
      {
        key: 'mild-moderate',
        label: 'Mild to moderate withdrawal (medication often considered)',
        min: 10,
        max: 15,
      },
      { key: 'severe', label: 'Severe withdrawal', min: 16, max: 67 },
    ],
    flags: [
      {
        key: 'severe-withdrawal',
        label: 'Severe alcohol withdrawal',
        severity: 'high',
        when: { total: { atLeast: 16 } },
      },
    ],
  },
};
