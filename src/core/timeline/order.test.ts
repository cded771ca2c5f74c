import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../schedule/localTime.js';
import {
  type Ordered,
  dateBoundOf,
  dateWithinBound,
  encodeCursor,
  isAfter,
  mergePage,
  newestFirst,
  parseCursor,
  sortAtOfDate,
  type TimelineCursor,
} from './order.js';

const uuid = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** What a source's query returns: its first `limit + 1` entries after the cursor. */
const sourcePage = (source: readonly Ordered[], cursor: TimelineCursor | null, limit: number) =>
  [...source]
    .filter((e) => isAfter(e, cursor))
    .sort(newestFirst)
    .slice(0, limit + 1);

const pageThrough = (sources: readonly Ordered[][], limit: number): Ordered[] => {
  const seen: Ordered[] = [];
  let cursor: TimelineCursor | null = null;
  for (let guard = 0; guard < 10_000; guard += 1) {
    const page = mergePage(
      sources.map((s) => sourcePage(s, cursor, limit)),
      cursor,
      limit,
    );
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items);
    if (!page.next) return seen;
    expect(page.items.length).toBe(limit);
    cursor = parseCursor(encodeCursor(page.next));
    expect(cursor).not.toBeNull();
  }
  throw new Error('paging did not end');
};

/** A few instants close together, so ties on `sortAt` are common. */
const instant = fc
  .integer({ min: 0, max: 40 })
  .map((n) => new Date(Date.UTC(2026, 2, 7) + n * 3_600_000).toISOString());

const sourcesArb = fc
  .array(fc.tuple(instant, fc.integer({ min: 0, max: 4 })), { maxLength: 80 })
  .map((rows) => {
    const sources: Ordered[][] = [[], [], [], [], []];
    rows.forEach(([sortAt, source], i) => sources[source]?.push({ sortAt, id: uuid(i * 7919 + 13) }));
    return sources;
  });

describe('chart timeline order', () => {
  it('pages through every entry exactly once, newest first, whatever the page size', () => {
    fc.assert(
      fc.property(sourcesArb, fc.integer({ min: 1, max: 25 }), (sources, limit) => {
        const expected = sources.flat().sort(newestFirst);
        const seen = pageThrough(sources, limit);
        expect(seen.map((e) => e.id)).toEqual(expected.map((e) => e.id));
        expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
      }),
      { numRuns: 300 },
    );
  });

  it('says there is no next page when the last page is exactly full', () => {
    const entries = [1, 2, 3, 4].map((n) => ({ sortAt: `2026-11-2${n}T10:00:00.000Z`, id: uuid(n) }));
    const first = mergePage([sourcePage(entries, null, 2)], null, 2);
    expect(first.items.map((e) => e.id)).toEqual([uuid(4), uuid(3)]);
    expect(first.next).toEqual({ sortAt: '2026-11-23T10:00:00.000Z', id: uuid(3) });
    const second = mergePage([sourcePage(entries, first.next, 2)], first.next, 2);
    expect(second.items.map((e) => e.id)).toEqual([uuid(2), uuid(1)]);
    expect(second.next).toBeNull();
  });

  it('round-trips cursors and refuses anything else', () => {
    const cursor = { sortAt: '2026-11-24T15:00:00.000Z', id: uuid(42) };
    expect(parseCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(parseCursor('2026-11-24T15:00:00Z_' + uuid(42))).toBeNull();
    expect(parseCursor('2026-02-30T15:00:00.000Z_' + uuid(42))).toBeNull();
    expect(parseCursor(`2026-11-24T15:00:00.000Z_${uuid(42)}x`)).toBeNull();
    expect(parseCursor('')).toBeNull();
  });

  it('puts a dated entry at the start of its day at the site, across a DST change', () => {
    expect(sortAtOfDate('2026-03-08', 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
    expect(sortAtOfDate('2026-03-09', 'America/New_York')).toBe('2026-03-09T04:00:00.000Z');
    expect(sortAtOfDate('2026-11-24', 'UTC')).toBe('2026-11-24T00:00:00.000Z');
  });

  it('turns a cursor into a date bound that agrees with the in-memory order', () => {
    const zones = ['America/New_York', 'America/Los_Angeles', 'Europe/London', 'Pacific/Auckland', 'UTC'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: -3, max: 3 }),
        fc.integer({ min: 0, max: 72 }),
        fc.boolean(),
        fc.array(fc.tuple(fc.integer({ min: -4, max: 4 }), fc.integer({ min: 0, max: 50 })), {
          maxLength: 30,
        }),
        (zone, cursorDay, cursorHour, cursorIsDated, rows) => {
          const base = '2026-03-08';
          const cursor: TimelineCursor = cursorIsDated
            ? { sortAt: sortAtOfDate(addDays(base, cursorDay), zone), id: uuid(25) }
            : {
                sortAt: new Date(Date.parse(`${base}T00:00:00.000Z`) + cursorHour * 3_600_000).toISOString(),
                id: uuid(25),
              };
          const bound = dateBoundOf(cursor, zone);
          for (const [day, n] of rows) {
            const date = addDays(base, day);
            const entry = { sortAt: sortAtOfDate(date, zone), id: uuid(n) };
            expect(dateWithinBound(date, entry.id, bound)).toBe(isAfter(entry, cursor));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
