/**
 * Dates for staff screens. Calendar dates (`YYYY-MM-DD`: birth dates, admission dates) have no time
 * zone and are shown as written. Instants are shown in the site's time zone.
 */

const LOCALE = 'en-US';

export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

const pad = (n: number): string => String(n).padStart(2, '0');

const partsIn = (instant: Date, timeZone: string) => {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const value = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value);
  return {
    year: value('year'),
    month: value('month'),
    day: value('day'),
    hour: value('hour'),
    minute: value('minute'),
    second: value('second'),
  };
};

/** Today's calendar date in a time zone. */
export const todayIn = (timeZone: string, now: Date = new Date()): string => {
  const p = partsIn(now, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
};

const parseDate = (isoDate: string): { year: number; month: number; day: number } | null => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return null;
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
};

/** `2026-03-04` → `Mar 4, 2026`. */
export const formatDate = (isoDate: string | null | undefined): string => {
  if (!isoDate) return '—';
  const d = parseDate(isoDate);
  if (!d) return isoDate;
  return new Intl.DateTimeFormat(LOCALE, { timeZone: 'UTC', dateStyle: 'medium' }).format(
    new Date(Date.UTC(d.year, d.month - 1, d.day)),
  );
};

/** An instant in a site's time zone, e.g. `Nov 24, 2026, 10:13 AM EST`. */
export const formatInstant = (iso: string | null | undefined, timeZone: string): string => {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return (
    new Intl.DateTimeFormat(LOCALE, {
      timeZone,
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(date) + ` ${zoneAbbreviation(date, timeZone)}`
  );
};

const zoneAbbreviation = (date: Date, timeZone: string): string =>
  new Intl.DateTimeFormat(LOCALE, { timeZone, timeZoneName: 'short' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName')?.value ?? '';

/** Whole years between a birth date and a calendar date. */
export const ageOn = (dateOfBirth: string, onDate: string): number | null => {
  const b = parseDate(dateOfBirth);
  const d = parseDate(onDate);
  if (!b || !d) return null;
  const hadBirthday = d.month > b.month || (d.month === b.month && d.day >= b.day);
  return d.year - b.year - (hadBirthday ? 0 : 1);
};

export const addDays = (isoDate: string, days: number): string => {
  const d = parseDate(isoDate);
  if (!d) return isoDate;
  const date = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
};

/**
 * The instant at which a wall-clock date and time happen in a time zone (`2026-03-08`, `17:00`,
 * `America/New_York` → ISO string in UTC). Correct across DST changes: the offset is measured at the
 * candidate instant and corrected once.
 */
export const zonedToInstant = (isoDate: string, time: string, timeZone: string): string | null => {
  const d = parseDate(isoDate);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const wall = Date.UTC(d.year, d.month - 1, d.day, Number(t[1]), Number(t[2]));
  const offsetAt = (instant: number): number => {
    const p = partsIn(new Date(instant), timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - instant;
  };
  let instant = wall - offsetAt(wall);
  instant = wall - offsetAt(instant);
  return new Date(instant).toISOString();
};

/** All IANA time zones the browser knows, for pick lists. */
export const timeZones = (): string[] => {
  const supported = (Intl as { supportedValuesOf?: (key: 'timeZone') => string[] }).supportedValuesOf;
  return supported ? supported('timeZone') : [browserTimeZone()];
};
