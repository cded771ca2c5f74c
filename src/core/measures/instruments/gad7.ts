import type { InstrumentDefinition } from '../types.js';
import { FREQUENCY_0_3, itemsWithOptions } from './options.js';

/** Generalized Anxiety Disorder-7 (Spitzer et al. 2006; public domain). Bands per SPEC §4. */
export const GAD7: InstrumentDefinition = {
  code: 'gad7',
  version: '1',
  name: 'Generalized Anxiety Disorder-7',
  shortName: 'GAD-7',
  description: 'Anxiety severity over the last two weeks.',
  loinc: { total: '70274-6' },
  lookbackPeriod: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
  items: itemsWithOptions(
    'gad7',
    [
      'Feeling nervous, anxious, or on edge',
      'Not being able to stop or control worrying',
      'Worrying too much about different things',
      'Trouble relaxing',
      'Being so restless that it is hard to sit still',
      'Becoming easily annoyed or irritable',
      'Feeling afraid, as if something awful might happen',
    ],
    FREQUENCY_0_3,
  ),
  scoring: {
    total: true,
    bands: [
      { key: 'minimal', label: 'Minimal', min: 0, max: 4 },
      { key: 'mild', label: 'Mild', min: 5, max: 9 },
      { key: 'moderate', label: 'Moderate', min: 10, max: 14 },
      { key: 'severe', label: 'Severe', min: 15, max: 21 },
    ],
  },
};
