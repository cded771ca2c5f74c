import type { InstrumentDefinition } from '../types.js';
import { anchoredScale } from './options.js';

/** Readiness ruler from motivational interviewing (SPEC §4); 0–10, read in three bands. */
export const READINESS: InstrumentDefinition = {
  code: 'readiness',
  version: '1',
  name: 'Readiness ruler',
  shortName: 'Readiness',
  description: 'How ready the patient feels to change their alcohol or drug use, from 0 to 10.',
  lookbackPeriod: 'Right now',
  items: [
    {
      number: 1,
      key: 'readiness.1',
      text: 'On a scale from 0 to 10, how ready are you to make a change in your alcohol or drug use?',
      options: anchoredScale(0, 10, { 0: 'not at all ready', 5: 'unsure', 10: 'completely ready' }),
    },
  ],
  scoring: {
    total: true,
    bands: [
      { key: 'not-ready', label: 'Not ready', min: 0, max: 3 },
      { key: 'unsure', label: 'Unsure', min: 4, max: 6 },
      { key: 'ready', label: 'Ready', min: 7, max: 10 },
    ],
  },
};
