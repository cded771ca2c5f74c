import type { InstrumentItem, ItemOption } from '../types.js';

/** Answer scales shared by several instruments; values are the published point values. */

/** PHQ-9 and GAD-7: how often over the last 2 weeks. */
export const FREQUENCY_0_3: readonly ItemOption[] = [
  { value: 0, label: 'Not at all' },
  { value: 1, label: 'Several days' },
  { value: 2, label: 'More than half the days' },
  { value: 3, label: 'Nearly every day' },
];

export const YES_NO: readonly ItemOption[] = [
  { value: 0, label: 'No' },
  { value: 1, label: 'Yes' },
];

/** BAM day counts, recoded 0–4 as the VA scoring guide does. */
export const DAYS_IN_30_RECODED: readonly ItemOption[] = [
  { value: 0, label: '0 days' },
  { value: 1, label: '1–3 days' },
  { value: 2, label: '4–8 days' },
  { value: 3, label: '9–15 days' },
  { value: 4, label: '16–30 days' },
];

export const EXTENT_0_4: readonly ItemOption[] = [
  { value: 0, label: 'Not at all' },
  { value: 1, label: 'Slightly' },
  { value: 2, label: 'Moderately' },
  { value: 3, label: 'Considerably' },
  { value: 4, label: 'Extremely' },
];

/**
 * Every whole number from `min` to `max`, labelled by the anchors given and by the number elsewhere.
 * Clinician-rated scales such as the CIWA-Ar describe only some points and allow those between.
 */
export const anchoredScale = (
  min: number,
  max: number,
  anchors: Readonly<Record<number, string>>,
): ItemOption[] => {
  const options: ItemOption[] = [];
  for (let value = min; value <= max; value++) {
    const anchor = anchors[value];
    options.push({ value, label: anchor === undefined ? String(value) : `${value}: ${anchor}` });
  }
  return options;
};

/** Items numbered in order, keyed `<code>.<number>`, all sharing one option set. */
export const itemsWithOptions = (
  code: string,
  texts: readonly string[],
  options: readonly ItemOption[],
): InstrumentItem[] =>
  texts.map((text, index) => ({ number: index + 1, key: `${code}.${index + 1}`, text, options }));
