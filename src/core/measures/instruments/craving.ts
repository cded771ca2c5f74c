import type { InstrumentDefinition } from '../types.js';
import { anchoredScale } from './options.js';

/** A 0–10 craving rating for the daily check-in (SPEC §4); bands and flag are the program's own. */
export const CRAVING: InstrumentDefinition = {
  code: 'craving',
  version: '1',
  name: 'Craving scale',
  shortName: 'Craving',
  description: 'How strong the urge to drink or use has been today, from 0 to 10.',
  lookbackPeriod: 'Today',
  items: [
    {
      number: 1,
      key: 'craving.1',
      text: 'How strong has your craving been today?',
      options: anchoredScale(0, 10, { 0: 'no craving', 10: 'strongest craving imaginable' }),
    },
  ],
  scoring: {
    total: true,
    bands: [
      { key: 'none', label: 'No craving', min: 0, max: 0 },
      { key: 'low', label: 'Low', min: 1, max: 3 },
      { key: 'moderate', label: 'Moderate', min: 4, max: 6 },
      { key: 'strong', label: 'Strong', min: 7, max: 10 },
    ],
    // High rather than urgent: a strong craving calls for outreach today, not an emergency response.
    flags: [
      {
        key: 'strong-craving',
        label: 'Strong craving (8 or more of 10)',
        severity: 'high',
        when: { item: 1, atLeast: 8 },
      },
    ],
  },
};
