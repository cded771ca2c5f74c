import type { InstrumentDefinition, InstrumentItem, ItemOption } from '../types.js';

/**
 * Clinical Opiate Withdrawal Scale (Wesson & Ling, J Psychoactive Drugs 2003). Each item allows only
 * its published values (several skip 3, e.g. restlessness is 0, 1, 3 or 5), so a value the form does
 * not list is refused rather than scored. Maximum 48; bands per SPEC §4 and the published form.
 */
const SPECS: readonly [string, readonly ItemOption[]][] = [
  [
    'Resting pulse rate, measured after the patient is sitting or lying for one minute',
    [
      { value: 0, label: '80 or below' },
      { value: 1, label: '81–100' },
      { value: 2, label: '101–120' },
      { value: 4, label: 'Above 120' },
    ],
  ],
  [
    'Sweating over the past half hour, not explained by room temperature or activity',
    [
      { value: 0, label: 'No report of chills or flushing' },
      { value: 1, label: 'Reports chills or flushing' },
      { value: 2, label: 'Flushed or observable moistness on face' },
      { value: 3, label: 'Beads of sweat on brow or face' },
      { value: 4, label: 'Sweat streaming off face' },
    ],
  ],
  [
    'Restlessness, observed during the assessment',
    [
      { value: 0, label: 'Able to sit still' },
      { value: 1, label: 'Reports difficulty sitting still, but is able to do so' },
      { value: 3, label: 'Frequent shifting or extraneous movements of legs or arms' },
      { value: 5, label: 'Unable to sit still for more than a few seconds' },
    ],
  ],
  [
    'Pupil size',
    [
      { value: 0, label: 'Pinned or normal size for room light' },
      { value: 1, label: 'Possibly larger than normal for room light' },
      { value: 2, label: 'Moderately dilated' },
      { value: 5, label: 'So dilated that only the rim of the iris is visible' },
    ],
  ],
  [
    'Bone or joint aches (only the part attributed to opiate withdrawal)',
    [
      { value: 0, label: 'Not present' },
      { value: 1, label: 'Mild diffuse discomfort' },
      { value: 2, label: 'Reports severe diffuse aching of joints or muscles' },
      { value: 4, label: 'Rubbing joints or muscles and unable to sit still because of discomfort' },
    ],
  ],
  [
    'Runny nose or tearing, not explained by a cold or allergies',
    [
      { value: 0, label: 'Not present' },
      { value: 1, label: 'Nasal stuffiness or unusually moist eyes' },
      { value: 2, label: 'Nose running or tearing' },
      { value: 4, label: 'Nose constantly running or tears streaming down cheeks' },
    ],
  ],
  [
    'GI upset over the past half hour',
    [
      { value: 0, label: 'No GI symptoms' },
      { value: 1, label: 'Stomach cramps' },
      { value: 2, label: 'Nausea or loose stool' },
      { value: 3, label: 'Vomiting or diarrhoea' },
      { value: 5, label: 'Multiple episodes of diarrhoea or vomiting' },
    ],
  ],
  [
    'Tremor, observed with hands outstretched',
    [
      { value: 0, label: 'No tremor' },
      { value: 1, label: 'Tremor can be felt, but not observed' },
      { value: 2, label: 'Slight tremor observable' },
      { value: 4, label: 'Gross tremor or muscle twitching' },
    ],
  ],
  [
    'Yawning, observed during the assessment',
    [
      { value: 0, label: 'No yawning' },
      { value: 1, label: 'Yawning once or twice' },
      { value: 2, label: 'Yawning three or more times' },
      { value: 4, label: 'Yawning several times a minute' },
    ],
  ],
  [
    'Anxiety or irritability',
    [
      { value: 0, label: 'None' },
      { value: 1, label: 'Reports increasing irritability or anxiousness' },
      { value: 2, label: 'Obviously irritable or anxious' },
      { value: 4, label: 'So irritable or anxious that taking part in the assessment is difficult' },
    ],
  ],
  [
    'Gooseflesh skin',
    [
      { value: 0, label: 'Skin is smooth' },
      { value: 3, label: 'Piloerection can be felt or hairs standing up on arms' },
      { value: 5, label: 'Prominent piloerection' },
    ],
  ],
];

const items: InstrumentItem[] = SPECS.map(([text, options], index) => ({
  number: index + 1,
  key: `cows.${index + 1}`,
  text,
  options,
}));

export const COWS: InstrumentDefinition = {
  code: 'cows',
  version: '1',
  name: 'Clinical Opiate Withdrawal Scale',
  shortName: 'COWS',
  description: 'Clinician-rated severity of opioid withdrawal.',
  lookbackPeriod: 'Now (sweating and GI upset: over the past half hour)',
  items,
  scoring: {
    total: true,
    bands: [
      { key: 'none', label: 'No active withdrawal', min: 0, max: 4 },
      { key: 'mild', label: 'Mild', min: 5, max: 12 },
      { key: 'moderate', label: 'Moderate', min: 13, max: 24 },
      { key: 'moderately-severe', label: 'Moderately severe', min: 25, max: 36 },
      { key: 'severe', label: 'Severe', min: 37, max: 48 },
    ],
  },
};
