import type { InstrumentDefinition } from '../types.js';
import { YES_NO, itemsWithOptions } from './options.js';

/**
 * Drug Abuse Screening Test, 10-item form (Skinner 1982). The published wording is copyrighted, so
 * the items are short labels in our own words; the scoring and bands follow the published form.
 */
const items = itemsWithOptions(
  'dast10',
  [
    'Used drugs other than for medical reasons',
    'Used more than one drug at the same time',
    'Can always stop using drugs when you want to',
    'Had blackouts or flashbacks from drug use',
    'Felt bad or guilty about your drug use',
    'A spouse, partner or parent has complained about your drug use',
    'Neglected your family because of drug use',
    'Done something illegal to get drugs',
    'Felt sick with withdrawal after stopping drugs',
    'Had medical problems from drug use (such as memory loss, hepatitis, seizures or bleeding)',
  ],
  YES_NO,
);

export const DAST10: InstrumentDefinition = {
  code: 'dast10',
  version: '1',
  name: 'Drug Abuse Screening Test (10 items)',
  shortName: 'DAST-10',
  description: 'Problems related to drug use other than alcohol and tobacco.',
  lookbackPeriod: 'In the past 12 months',
  // Being able to stop when you want is the healthy answer, so a "no" on item 3 is what scores.
  items: items.map((item) => (item.number === 3 ? { ...item, reverseScored: true } : item)),
  scoring: {
    total: true,
    bands: [
      { key: 'none', label: 'No problems reported', min: 0, max: 0 },
      { key: 'low', label: 'Low', min: 1, max: 2 },
      { key: 'moderate', label: 'Moderate', min: 3, max: 5 },
      { key: 'substantial', label: 'Substantial', min: 6, max: 8 },
      { key: 'severe', label: 'Severe', min: 9, max: 10 },
    ],
  },
};
