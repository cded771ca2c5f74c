import type { InstrumentDefinition, InstrumentItem } from './types.js';

export interface ScoreRange {
  min: number;
  max: number;
}

/** Lowest and highest option values; an item without options scores 0..0. */
export const optionRange = (item: InstrumentItem): ScoreRange => {
  const values = item.options.map((option) => option.value);
  if (values.length === 0) return { min: 0, max: 0 };
  return { min: Math.min(...values), max: Math.max(...values) };
};

/**
 * The item's score for an allowed answer. Reverse scoring mirrors the answer within the item's own
 * range, so a reversed item keeps the same range and the instrument's total range does not move.
 */
export const scoreItem = (item: InstrumentItem, value: number): number => {
  if (!item.reverseScored) return value;
  const { min, max } = optionRange(item);
  return max + min - value;
};

/** Lowest and highest total the items can add up to. */
export const totalRange = (def: InstrumentDefinition): ScoreRange =>
  def.items.reduce(
    (range, item) => {
      const { min, max } = optionRange(item);
      return { min: range.min + min, max: range.max + max };
    },
    { min: 0, max: 0 },
  );
