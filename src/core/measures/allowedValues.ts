import type { InstrumentItem } from './types.js';

const listWithOr = (values: readonly number[]): string => {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
};

/**
 * The answers an item takes, as a person would say them: "0, 2 or 4", or "a whole number from 0
 * to 10" when a long run of values has no gaps.
 */
export const describeAllowedValues = (item: InstrumentItem): string => {
  const values = [...new Set(item.options.map((option) => option.value))].sort((a, b) => a - b);
  const first = values[0];
  const last = values[values.length - 1];
  const contiguous = first !== undefined && last !== undefined && last - first === values.length - 1;
  if (contiguous && values.length > 5) return `a whole number from ${first} to ${last}`;
  return listWithOr(values);
};
