import type { InstrumentDefinition } from '../types.js';
import { FREQUENCY_0_3, itemsWithOptions } from './options.js';

/**
 * Patient Health Questionnaire-9 (Kroenke, Spitzer & Williams 2001; public domain). Bands and the
 * item-9 safety flag per SPEC §4: any answer above "Not at all" on item 9 raises an urgent alert.
 */
export const PHQ9: InstrumentDefinition = {
  code: 'phq9',
  version: '1',
  name: 'Patient Health Questionnaire-9',
  shortName: 'PHQ-9',
  description: 'Depression severity over the last two weeks.',
  loinc: { total: '44261-6' },
  lookbackPeriod: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
  items: itemsWithOptions(
    'phq9',
    [
      'Little interest or pleasure in doing things',
      'Feeling down, depressed, or hopeless',
      'Trouble falling or staying asleep, or sleeping too much',
      'Feeling tired or having little energy',
      'Poor appetite or overeating',
      'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
      'Trouble concentrating on things, such as reading the newspaper or watching television',
      'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
      'Thoughts that you would be better off dead or of hurting yourself in some way',
    ],
    FREQUENCY_0_3,
  ),
  scoring: {
    total: true,
    bands: [
      { key: 'minimal', label: 'Minimal', min: 0, max: 4 },
      { key: 'mild', label: 'Mild', min: 5, max: 9 },
      { key: 'moderate', label: 'Moderate', min: 10, max: 14 },
      { key: 'moderately-severe', label: 'Moderately severe', min: 15, max: 19 },
      { key: 'severe', label: 'Severe', min: 20, max: 27 },
    ],
    flags: [
      {
        key: 'suicide-risk',
        label: 'Thoughts of being better off dead or of self-harm (item 9)',
        severity: 'urgent',
        when: { item: 9, atLeast: 1 },
      },
    ],
  },
};
