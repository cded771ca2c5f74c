import type { InstrumentDefinition, InstrumentItem, ItemOption } from '../types.js';
import { DAYS_IN_30_RECODED, EXTENT_0_4 } from './options.js';

/**
 * Brief Addiction Monitor (Cacciola et al. 2013; VA, public domain), 17 items about the past 30 days.
 * Day counts are taken already recoded to 0–4 (0 / 1–3 / 4–8 / 9–15 / 16–30 days). The VA guide
 * reads it item by item and through three subscales, and validates no single total, so none is scored.
 */

const PHYSICAL_HEALTH: readonly ItemOption[] = [
  { value: 0, label: 'Excellent' },
  { value: 1, label: 'Very good' },
  { value: 2, label: 'Good' },
  { value: 3, label: 'Fair' },
  { value: 4, label: 'Poor' },
];

/** Item 14 is yes/no, scored 0 or 4 so that it weighs like the other protective items. */
const ENOUGH_INCOME: readonly ItemOption[] = [
  { value: 0, label: 'No' },
  { value: 4, label: 'Yes' },
];

const SPECS: readonly [string, readonly ItemOption[]][] = [
  ['In the past 30 days, would you say your physical health has been…', PHYSICAL_HEALTH],
  [
    'In the past 30 days, how many nights did you have trouble falling asleep or staying asleep?',
    DAYS_IN_30_RECODED,
  ],
  [
    'In the past 30 days, how many days have you felt depressed, anxious, angry or very upset throughout most of the day?',
    DAYS_IN_30_RECODED,
  ],
  ['In the past 30 days, how many days did you drink ANY alcohol?', DAYS_IN_30_RECODED],
  [
    'In the past 30 days, how many days did you have at least 5 drinks (if you are a man) or at least 4 drinks (if you are a woman)?',
    DAYS_IN_30_RECODED,
  ],
  [
    'In the past 30 days, how many days did you use any illegal or street drugs or misuse any prescription medications?',
    DAYS_IN_30_RECODED,
  ],
  // The published item 7 asks days for each drug (7A marijuana … 7G other). Only the most-used drug
  // is scored here; which drugs were used belongs in the clinical record, and no subscale uses it.
  [
    'In the past 30 days, how many days did you use the drug you used most (marijuana, sedatives, cocaine or crack, other stimulants, opiates, inhalants or other)?',
    DAYS_IN_30_RECODED,
  ],
  [
    'In the past 30 days, how much were you bothered by cravings or urges to drink alcohol or use drugs?',
    EXTENT_0_4,
  ],
  [
    'How confident are you in your ability to be completely abstinent (clean) from alcohol and drugs in the next 30 days?',
    EXTENT_0_4,
  ],
  [
    'In the past 30 days, how many days did you attend self-help meetings like AA or NA to support your recovery?',
    DAYS_IN_30_RECODED,
  ],
  [
    'In the past 30 days, how many days were you in any situations or with any people that might put you at an increased risk for using alcohol or drugs?',
    DAYS_IN_30_RECODED,
  ],
  ['Does your religion or spirituality help support your recovery?', EXTENT_0_4],
  [
    'In the past 30 days, how many days did you spend much of the time at work, school, or doing volunteer work?',
    DAYS_IN_30_RECODED,
  ],
  [
    'Do you have enough income (from legal sources) to pay for necessities such as housing, transportation, food and clothing for yourself and your dependents?',
    ENOUGH_INCOME,
  ],
  [
    'In the past 30 days, how much have you been bothered by arguments or problems getting along with any family members or friends?',
    EXTENT_0_4,
  ],
  [
    'In the past 30 days, how many days were you in contact or spent time with any family members or friends who are supportive of your recovery?',
    DAYS_IN_30_RECODED,
  ],
  ['How satisfied are you with your progress toward achieving your recovery goals?', EXTENT_0_4],
];

const items: InstrumentItem[] = SPECS.map(([text, options], index) => ({
  number: index + 1,
  key: `bam.${index + 1}`,
  text,
  options,
}));

const RECENT_USE = {
  key: 'recent-use',
  label: 'Alcohol or drug use in the past 30 days',
  severity: 'normal',
} as const;

export const BAM: InstrumentDefinition = {
  code: 'bam',
  version: '1',
  name: 'Brief Addiction Monitor',
  shortName: 'BAM',
  description: 'Substance use, risk factors and protective factors over the past 30 days.',
  lookbackPeriod: 'In the past 30 days',
  items,
  scoring: {
    subscales: [
      { key: 'use', label: 'Use', items: [4, 5, 6] },
      { key: 'risk', label: 'Risk factors', items: [1, 2, 3, 8, 11, 15] },
      { key: 'protective', label: 'Protective factors', items: [9, 10, 12, 13, 14, 16] },
    ],
    // Any use is worth the clinician's eye but is expected in early recovery: normal, not high.
    flags: [
      { ...RECENT_USE, when: { item: 4, atLeast: 1 } },
      { ...RECENT_USE, when: { item: 5, atLeast: 1 } },
      { ...RECENT_USE, when: { item: 6, atLeast: 1 } },
    ],
  },
};
