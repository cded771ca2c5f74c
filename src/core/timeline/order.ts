import { type LocalDate, localDateAt, startOfLocalDay } from '../schedule/localTime.js';

/**
 * Newest-first order of a chart timeline and its keyset cursor. Every entry sorts by an instant
 * (`sortAt`, canonical `toISOString()` text) and then by id, so the order is total and a page is
 * "the next `limit` entries after the cursor" — each source answers that with an indexed range scan,
 * and page 40 costs what page 1 does.
 */
export interface Ordered {
  /** UTC instant, `YYYY-MM-DDTHH:MM:SS.sssZ`: text order is time order. */
  sortAt: string;
  id: string;
}

export type TimelineCursor = Ordered;

/** Negative when `a` comes first (is newer). */
export const newestFirst = (a: Ordered, b: Ordered): number =>
  a.sortAt === b.sortAt ? (a.id === b.id ? 0 : a.id > b.id ? -1 : 1) : a.sortAt > b.sortAt ? -1 : 1;

/** The entry comes after the cursor in newest-first order (older, or as old with a lower id). */
export const isAfter = (entry: Ordered, cursor: TimelineCursor | null): boolean =>
  cursor === null || newestFirst(cursor, entry) < 0;

const CURSOR =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** For the request schema: the shape of `before`. */
export const CURSOR_PATTERN = CURSOR.source;

export const encodeCursor = (entry: Ordered): string => `${entry.sortAt}_${entry.id}`;

/** Null when the text is not a cursor this server handed out (or names an impossible instant). */
export const parseCursor = (text: string): TimelineCursor | null => {
  const match = CURSOR.exec(text);
  if (!match) return null;
  const sortAt = match[1] ?? '';
  const ms = Date.parse(sortAt);
  if (Number.isNaN(ms) || new Date(ms).toISOString() !== sortAt) return null;
  return { sortAt, id: match[2] ?? '' };
};

// A chart page turns hundreds of dates into instants and time-zone arithmetic is the costly part;
// a clinic's charts share a few thousand days, so remembering them is cheap and always right.
const DAY_STARTS_KEPT = 20_000;
const dayStarts = new Map<string, string>();

/**
 * Where a dated entry (a service date, an admission day) sorts: the first instant of that day at the
 * patient's site, so it sits below that day's timed entries and above the previous day's.
 */
export const sortAtOfDate = (date: LocalDate, timeZone: string): string => {
  const key = `${timeZone} ${date}`;
  let sortAt = dayStarts.get(key);
  if (sortAt === undefined) {
    if (dayStarts.size >= DAY_STARTS_KEPT) dayStarts.clear();
    sortAt = new Date(startOfLocalDay(date, timeZone)).toISOString();
    dayStarts.set(key, sortAt);
  }
  return sortAt;
};

/**
 * The cursor as a bound on a date column. Dated entries after the cursor are those on days before
 * `date`, plus — when the cursor sits exactly at the start of `date` (it was a dated entry of that
 * day) — entries of `date` with an id below `tieBelowId`; otherwise every entry of `date` too.
 */
export interface DateBound {
  date: LocalDate;
  tieBelowId: string | null;
}

export const dateBoundOf = (cursor: TimelineCursor, timeZone: string): DateBound => {
  const date = localDateAt(Date.parse(cursor.sortAt), timeZone);
  return sortAtOfDate(date, timeZone) === cursor.sortAt
    ? { date, tieBelowId: cursor.id }
    : { date, tieBelowId: null };
};

/** The same bound evaluated in memory (what the SQL of a dated source says). */
export const dateWithinBound = (date: LocalDate, id: string, bound: DateBound): boolean =>
  date < bound.date || (date === bound.date && (bound.tieBelowId === null || id < bound.tieBelowId));

/**
 * One page from several sources. Each source must hold its first `limit + 1` entries after the
 * cursor (or all of them, if fewer): the page's entries are then all among them, and more remain
 * exactly when together they hold more than `limit`.
 */
export const mergePage = <T extends Ordered>(
  sources: readonly (readonly T[])[],
  cursor: TimelineCursor | null,
  limit: number,
): { items: T[]; next: TimelineCursor | null } => {
  const all = sources.flat().filter((entry) => isAfter(entry, cursor));
  all.sort(newestFirst);
  const items = all.slice(0, limit);
  const last = items.at(-1);
  return { items, next: all.length > limit && last ? { sortAt: last.sortAt, id: last.id } : null };
};
