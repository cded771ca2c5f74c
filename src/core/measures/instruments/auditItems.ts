import type { InstrumentItem, ItemOption } from '../types.js';

/**
 * AUDIT item wording and point values (Babor et al., WHO 2001 manual). The AUDIT-C is the first
 * three items, so both instruments take them from here and cannot drift apart.
 */

const OCCASION_FREQUENCY: readonly ItemOption[] = [
  { value: 0, label: 'Never' },
  { value: 1, label: 'Less than monthly' },
  { value: 2, label: 'Monthly' },
  { value: 3, label: 'Weekly' },
  { value: 4, label: 'Daily or almost daily' },
];

/** Items 9 and 10 score only 0, 2 or 4: the published options have no 1 or 3. */
const EVER_OR_LAST_YEAR: readonly ItemOption[] = [
  { value: 0, label: 'No' },
  { value: 2, label: 'Yes, but not in the last year' },
  { value: 4, label: 'Yes, during the last year' },
];

const CONSUMPTION: readonly { text: string; options: readonly ItemOption[] }[] = [
  {
    text: 'How often do you have a drink containing alcohol?',
    options: [
      { value: 0, label: 'Never' },
      { value: 1, label: 'Monthly or less' },
      { value: 2, label: '2 to 4 times a month' },
      { value: 3, label: '2 to 3 times a week' },
      { value: 4, label: '4 or more times a week' },
    ],
  },
  {
    text: 'How many drinks containing alcohol do you have on a typical day when you are drinking?',
    options: [
      { value: 0, label: '1 or 2' },
      { value: 1, label: '3 or 4' },
      { value: 2, label: '5 or 6' },
      { value: 3, label: '7, 8 or 9' },
      { value: 4, label: '10 or more' },
    ],
  },
  { text: 'How often do you have six or more drinks on one occasion?', options: OCCASION_FREQUENCY },
];

const CONSEQUENCES: readonly { text: string; options: readonly ItemOption[] }[] = [
  {
    text: 'How often during the last year have you found that you were not able to stop drinking once you had started?',
    options: OCCASION_FREQUENCY,
  },
  {
    text: 'How often during the last year have you failed to do what was normally expected from you because of drinking?',
    options: OCCASION_FREQUENCY,
  },
  {
    text: 'How often during the last year have you needed a first drink in the morning to get yourself going after a heavy drinking session?',
    options: OCCASION_FREQUENCY,
  },
  {
    text: 'How often during the last year have you had a feeling of guilt or remorse after drinking?',
    options: OCCASION_FREQUENCY,
  },
  {
    text: 'How often during the last year have you been unable to remember what happened the night before because you had been drinking?',
    options: OCCASION_FREQUENCY,
  },
  { text: 'Have you or someone else been injured as a result of your drinking?', options: EVER_OR_LAST_YEAR },
  {
    text: 'Has a relative or friend or a doctor or another health worker been concerned about your drinking or suggested you cut down?',
    options: EVER_OR_LAST_YEAR,
  },
];

const numbered = (
  code: string,
  specs: readonly { text: string; options: readonly ItemOption[] }[],
): InstrumentItem[] =>
  specs.map((spec, index) => ({ number: index + 1, key: `${code}.${index + 1}`, ...spec }));

export const auditConsumptionItems = (code: string): InstrumentItem[] => numbered(code, CONSUMPTION);

export const auditItems = (code: string): InstrumentItem[] =>
  numbered(code, [...CONSUMPTION, ...CONSEQUENCES]);
