import { scoreItem } from './itemScoring.js';
import type { InstrumentDefinition } from './types.js';

/**
 * Some allowed answers whose item scores add up to `total`, or null if none do. For tests and demo
 * data that need a response in a given band; searches item by item, preferring high scores first.
 */
export const answersForTotal = (def: InstrumentDefinition, total: number): number[] | null => {
  const choices = def.items.map((item) =>
    item.options
      .map((option) => ({ value: option.value, score: scoreItem(item, option.value) }))
      .sort((a, b) => b.score - a.score),
  );
  // Lowest and highest totals reachable from each item onwards, to prune branches that cannot get there.
  const reach = (index: number, pick: (...scores: number[]) => number): number =>
    choices.slice(index).reduce((sum, options) => sum + pick(...options.map((option) => option.score)), 0);
  const lowest = choices.map((_, index) => reach(index, Math.min));
  const highest = choices.map((_, index) => reach(index, Math.max));
  const unreachable = new Set<string>();

  const search = (index: number, remaining: number): number[] | null => {
    const options = choices[index];
    if (!options) return remaining === 0 ? [] : null;
    const memo = `${index}:${remaining}`;
    if (remaining < (lowest[index] ?? 0) || remaining > (highest[index] ?? 0) || unreachable.has(memo))
      return null;
    for (const option of options) {
      const rest = search(index + 1, remaining - option.score);
      if (rest) return [option.value, ...rest];
    }
    unreachable.add(memo);
    return null;
  };
  return search(0, total);
};
