/** Side effects the domain needs, passed in so tests can fix them. */
export interface Clock {
  now(): Date;
}
export type IdGenerator = () => string;

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can move. */
export const fixedClock = (start: Date): Clock & { advance(ms: number): void; set(d: Date): void } => {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (d) => {
      current = d.getTime();
    },
  };
};

/** `YYYY-MM-DD` of an instant in a time zone (sites have their own). */
export const calendarDateIn = (instant: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );

export const isValidTimeZone = (timeZone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
};

/** A real calendar date (rejects 2026-02-30), which the JSON-schema `date` format does not guarantee everywhere. */
export const isRealDate = (value: string): boolean => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};
