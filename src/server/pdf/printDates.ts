/**
 * Dates on printed copies, written as the staff screens write them: calendar dates (birth dates,
 * target dates) as stored, with no time zone; instants (signatures, saves) in the site's time zone
 * with its abbreviation, so a paper copy says when something happened where it happened.
 */

const LOCALE = 'en-US';

/** `2026-03-04` → `Mar 4, 2026`; an empty or unreadable value prints as a dash or as stored. */
export const printDate = (isoDate: string | null | undefined): string => {
  if (!isoDate) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  return new Intl.DateTimeFormat(LOCALE, { timeZone: 'UTC', dateStyle: 'medium' }).format(
    new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))),
  );
};

/** An instant in a site's time zone, e.g. `Nov 24, 2026, 10:13 AM EST`. */
export const printInstant = (iso: string | null | undefined, timeZone: string): string => {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = new Intl.DateTimeFormat(LOCALE, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(
    date,
  );
  const zone =
    new Intl.DateTimeFormat(LOCALE, { timeZone, timeZoneName: 'short' })
      .formatToParts(date)
      .find((p) => p.type === 'timeZoneName')?.value ?? '';
  return zone ? `${text} ${zone}` : text;
};
