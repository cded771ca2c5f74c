/**
 * The relapse prevention plan is lists of short items (SPEC §9). Items are typed quickly, often
 * pasted from a worksheet: stray spaces and repeats are noise, not content, so they are cleaned the
 * same way on the server (what is stored) and in the browser (what the editor shows).
 */

export const MAX_ITEM_LENGTH = 300;
export const MAX_ITEMS = 30;

/** Collapses runs of whitespace and trims; an item is one line. */
export const cleanItem = (item: string): string => item.replace(/\s+/g, ' ').trim();

/** Two items are the same when they differ only in case or spacing. */
export const itemKey = (item: string): string => cleanItem(item).toLocaleLowerCase('en-US');

/** Cleaned, empty items dropped, repeats (first one wins) dropped; order kept as the patient gave it. */
export const normaliseItems = (items: readonly string[]): string[] => {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of items) {
    const item = cleanItem(raw);
    const key = itemKey(item);
    if (item.length === 0 || seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
};

/** Problems with one cleaned list, as messages keyed by item index (-1: the list as a whole). */
export const checkItems = (items: readonly string[]): { index: number; message: string }[] => {
  const problems: { index: number; message: string }[] = [];
  if (items.length > MAX_ITEMS) problems.push({ index: -1, message: `must have at most ${MAX_ITEMS} items` });
  items.forEach((item, index) => {
    if (item.length > MAX_ITEM_LENGTH)
      problems.push({ index, message: `must be at most ${MAX_ITEM_LENGTH} characters` });
  });
  return problems;
};

/** Items added to and removed from a list between two versions (compared like `normaliseItems`). */
export const diffItems = (
  before: readonly string[],
  after: readonly string[],
): { added: string[]; removed: string[] } => {
  const beforeKeys = new Set(before.map(itemKey));
  const afterKeys = new Set(after.map(itemKey));
  return {
    added: after.filter((item) => !beforeKeys.has(itemKey(item))),
    removed: before.filter((item) => !afterKeys.has(itemKey(item))),
  };
};
