/**
 * The span a feed covers: two weeks back (so a session just held or cancelled is still there when
 * the phone syncs late) to eight weeks ahead (a program's typical length, SPEC §5). Longer spans
 * would disclose more and cost more per poll.
 */
export const FEED_DAYS_BACK = 14;
export const FEED_DAYS_AHEAD = 56;

const DAY_MS = 86_400_000;

export const feedWindow = (nowMs: number): { fromMs: number; toMs: number } => ({
  fromMs: nowMs - FEED_DAYS_BACK * DAY_MS,
  toMs: nowMs + FEED_DAYS_AHEAD * DAY_MS,
});
