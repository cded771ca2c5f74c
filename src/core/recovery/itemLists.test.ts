import { describe, expect, it } from 'vitest';
import { checkItems, diffItems, MAX_ITEM_LENGTH, MAX_ITEMS, normaliseItems } from './itemLists.js';

describe('relapse prevention plan item lists', () => {
  it('trims, collapses spaces, drops empty items and keeps the given order', () => {
    expect(normaliseItems(['  Payday  ', '', '   ', 'Walking past\n the  bar', 'Arguments'])).toEqual([
      'Payday',
      'Walking past the bar',
      'Arguments',
    ]);
  });

  it('drops repeats that differ only in case or spacing, keeping the first spelling', () => {
    expect(normaliseItems(['Call Sam', 'call  sam', 'CALL SAM ', 'Go to a meeting'])).toEqual([
      'Call Sam',
      'Go to a meeting',
    ]);
  });

  it('flags items that are too long and lists that are too long', () => {
    expect(checkItems(['ok', 'x'.repeat(MAX_ITEM_LENGTH + 1)])).toEqual([
      { index: 1, message: `must be at most ${MAX_ITEM_LENGTH} characters` },
    ]);
    expect(checkItems(Array.from({ length: MAX_ITEMS + 1 }, (_, i) => `item ${i}`))).toEqual([
      { index: -1, message: `must have at most ${MAX_ITEMS} items` },
    ]);
    expect(checkItems(['x'.repeat(MAX_ITEM_LENGTH)])).toEqual([]);
  });

  it('diffs two lists ignoring case and spacing', () => {
    expect(diffItems(['Payday', 'Loneliness'], ['payday', 'Old friends'])).toEqual({
      added: ['Old friends'],
      removed: ['Loneliness'],
    });
    expect(diffItems([], [])).toEqual({ added: [], removed: [] });
  });
});
