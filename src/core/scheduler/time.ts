/**
 * Date-times in a week file carry their own offset (`2025-03-03T18:00:00-05:00`). Arithmetic uses the
 * instant; messages for coordinators use the wall clock written in the file, which is the site's.
 */

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

export interface WallClockInstant {
  /** Milliseconds since the Unix epoch. */
  readonly epochMs: number;
  /** 0 = Sunday … 6 = Saturday, on the wall clock of the written offset. */
  readonly weekday: number;
  /** Minutes after local midnight, on the wall clock of the written offset. */
  readonly minuteOfDay: number;
}

/** `undefined` when the text is not an ISO 8601 date-time with an offset or names no real date. */
export const parseIsoWithOffset = (text: string): WallClockInstant | undefined => {
  const match = ISO_WITH_OFFSET.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, , offset] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s ?? 0);
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const localMs = Date.UTC(year, month - 1, day, hour, minute, second);
  const local = new Date(localMs);
  // Date.UTC rolls 2025-02-30 over to March; a real calendar date survives the round trip.
  if (local.getUTCFullYear() !== year || local.getUTCMonth() !== month - 1 || local.getUTCDate() !== day)
    return undefined;
  let offsetMinutes = 0;
  if (offset !== undefined && offset !== 'Z') {
    const sign = offset.startsWith('-') ? -1 : 1;
    const oh = Number(offset.slice(1, 3));
    const om = Number(offset.slice(4, 6));
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = sign * (oh * 60 + om);
  }
  const fraction = match[7] === undefined ? 0 : Number(`0.${match[7]}`) * 1000;
  return {
    epochMs: localMs - offsetMinutes * 60_000 + fraction,
    weekday: local.getUTCDay(),
    minuteOfDay: hour * 60 + minute,
  };
};

export const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

export const formatClock = (minuteOfDay: number): string => {
  const m = ((minuteOfDay % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

/** "9 h", "7.5 h", "40 min": the unit coordinators think in. */
export const formatHours = (minutes: number): string => {
  if (minutes < 60) return `${minutes} min`;
  const hours = minutes / 60;
  return `${Number.isInteger(hours) ? hours : hours.toFixed(1).replace(/\.0$/, '')} h`;
};

export const partOfDay = (minuteOfDay: number): 'morning' | 'afternoon' | 'evening' =>
  minuteOfDay < 12 * 60 ? 'morning' : minuteOfDay < 17 * 60 ? 'afternoon' : 'evening';

export interface WallClockSpan {
  readonly start: WallClockInstant;
  readonly end: WallClockInstant;
}

/**
 * "Tue/Thu evenings (18:00–21:00), Sat mornings (09:00–12:00)": spans with the same clock times are
 * grouped so a coordinator reads a patient's week at a glance.
 */
export const describeSpans = (spans: readonly WallClockSpan[]): string => {
  if (spans.length === 0) return 'no times';
  const byTimes = new Map<string, { days: Set<number>; startMinute: number; endMinute: number }>();
  for (const span of spans) {
    const times = `${formatClock(span.start.minuteOfDay)}–${formatClock(span.end.minuteOfDay)}`;
    const entry = byTimes.get(times) ?? {
      days: new Set<number>(),
      startMinute: span.start.minuteOfDay,
      endMinute: span.end.minuteOfDay,
    };
    entry.days.add(span.start.weekday);
    byTimes.set(times, entry);
  }
  const mondayFirst = (day: number) => (day + 6) % 7;
  return [...byTimes.entries()]
    .sort(
      ([, a], [, b]) =>
        Math.min(...[...a.days].map(mondayFirst)) - Math.min(...[...b.days].map(mondayFirst)) ||
        a.startMinute - b.startMinute,
    )
    .map(([times, { days, startMinute, endMinute }]) => {
      const ordered = [...days].sort((a, b) => mondayFirst(a) - mondayFirst(b));
      const consecutive = ordered.every(
        (day, i) => i === 0 || mondayFirst(day) === mondayFirst(ordered[i - 1] ?? 0) + 1,
      );
      const dayList =
        ordered.length >= 3 && consecutive
          ? `${WEEKDAY_NAMES[ordered[0] ?? 0]}–${WEEKDAY_NAMES[ordered[ordered.length - 1] ?? 0]}`
          : ordered.map((day) => WEEKDAY_NAMES[day] ?? '?').join('/');
      // A window spanning several parts of the day is just a time range.
      const part = partOfDay(startMinute);
      const spansParts =
        endMinute - startMinute > 6 * 60 || partOfDay(Math.max(startMinute, endMinute - 1)) !== part;
      if (spansParts) return `${dayList} ${times}`;
      return `${dayList} ${part}${days.size > 1 ? 's' : ''} (${times})`;
    })
    .join(', ');
};

export const describeSpan = (span: WallClockSpan): string =>
  `${WEEKDAY_NAMES[span.start.weekday] ?? '?'} ${formatClock(span.start.minuteOfDay)}–${formatClock(span.end.minuteOfDay)}`;
