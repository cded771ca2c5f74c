import { calendarDateIn } from '../runtime.js';
import { ALERT_SEVERITIES, type AlertSeverity } from './severity.js';

/** Weekly opening hours in the site's local time. */
export interface OpeningHours {
  /** ISO weekdays the clinic is open: 1 = Monday … 7 = Sunday. */
  weekdays: readonly number[];
  /** Local wall-clock times, `HH:MM`; `opens` is before `closes` (no overnight windows). */
  opens: string;
  closes: string;
}

export interface EscalationSettings {
  /** Opening hours an alert may stay unacknowledged before it moves on, by severity; null never escalates. */
  hoursBySeverity: Readonly<Record<AlertSeverity, number | null>>;
  /** Hours count only while the clinic is open; null counts every clock hour (a clinic staffed around the clock). */
  openingHours: OpeningHours | null;
}

/**
 * SPEC §4b: urgent alerts not acknowledged within 2 hours during opening hours escalate.
 * High and normal alerts wait in the inbox: escalating everything would train people to ignore
 * escalations (alert fatigue).
 */
export const DEFAULT_ESCALATION_SETTINGS: EscalationSettings = Object.freeze({
  hoursBySeverity: Object.freeze({ urgent: 2, high: null, normal: null }),
  openingHours: Object.freeze({ weekdays: Object.freeze([1, 2, 3, 4, 5]), opens: '08:00', closes: '18:00' }),
});

/** The settings key a clinic uses to change these defaults. */
export const ESCALATION_SETTINGS_KEY = 'alerts.escalation';

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

const minutesOf = (time: string): number | null => {
  const match = HH_MM.exec(time);
  if (!match) return null;
  return Number(match[1]) * 60 + Number(match[2]);
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const parseOpeningHours = (value: unknown): OpeningHours | null | undefined => {
  if (value === null) return null;
  if (!isRecord(value)) return undefined;
  const { weekdays, opens, closes } = value;
  if (!Array.isArray(weekdays) || weekdays.length === 0) return undefined;
  if (!weekdays.every((d) => Number.isInteger(d) && (d as number) >= 1 && (d as number) <= 7))
    return undefined;
  if (typeof opens !== 'string' || typeof closes !== 'string') return undefined;
  const o = minutesOf(opens);
  const c = minutesOf(closes);
  if (o === null || c === null || o >= c) return undefined;
  return { weekdays: [...new Set(weekdays as number[])].sort((a, b) => a - b), opens, closes };
};

/**
 * Reads a clinic's stored escalation settings. Any part that is missing or malformed keeps its
 * default, so a bad edit can never switch escalation off by accident.
 */
export const escalationSettingsFrom = (value: unknown): EscalationSettings => {
  if (!isRecord(value)) return DEFAULT_ESCALATION_SETTINGS;
  const hoursBySeverity = { ...DEFAULT_ESCALATION_SETTINGS.hoursBySeverity };
  if (isRecord(value.hoursBySeverity)) {
    for (const severity of ALERT_SEVERITIES) {
      const hours = value.hoursBySeverity[severity];
      if (
        hours === null ||
        (typeof hours === 'number' && Number.isFinite(hours) && hours >= 0 && hours <= 24 * 14)
      ) {
        hoursBySeverity[severity] = hours;
      }
    }
  }
  const openingHours = 'openingHours' in value ? parseOpeningHours(value.openingHours) : undefined;
  return {
    hoursBySeverity,
    openingHours: openingHours === undefined ? DEFAULT_ESCALATION_SETTINGS.openingHours : openingHours,
  };
};

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
export const zoneOffsetMs = (instant: Date, timeZone: string): number => {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  const whole = instant.getTime() - (instant.getTime() % 1000);
  return wall - whole;
};

/**
 * The instant a local wall-clock time occurs in a zone. A time skipped by a spring-forward change
 * maps to the instant one offset-change later; a repeated time (fall back) maps to its first occurrence.
 */
export const zonedInstant = (date: string, time: string, timeZone: string): Date => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const before = zoneOffsetMs(new Date(wall - 86_400_000 / 2), timeZone);
  const after = zoneOffsetMs(new Date(wall + 86_400_000 / 2), timeZone);
  // The offset in force before a change is tried first, so a repeated hour resolves to its first occurrence.
  for (const offset of [before, after]) {
    const candidate = wall - offset;
    if (zoneOffsetMs(new Date(candidate), timeZone) === offset) return new Date(candidate);
  }
  return new Date(wall - before);
};

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export const isoWeekday = (date: string): number => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
};

const nextDate = (date: string): string => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
};

/**
 * The instant at which `durationMs` of opening time has passed since `start`. Time outside opening
 * hours does not count: 30 minutes before Friday's close plus 2 hours is 90 minutes into Monday.
 */
export const addOpeningTime = (
  start: Date,
  durationMs: number,
  hours: OpeningHours | null,
  timeZone: string,
): Date => {
  if (hours === null) return new Date(start.getTime() + durationMs);
  const opensMinutes = minutesOf(hours.opens);
  const closesMinutes = minutesOf(hours.closes);
  if (
    hours.weekdays.length === 0 ||
    opensMinutes === null ||
    closesMinutes === null ||
    opensMinutes >= closesMinutes
  ) {
    throw new Error('Opening hours need at least one weekday and an opening time before the closing time.');
  }
  let remaining = Math.max(0, durationMs);
  let day = calendarDateIn(start, timeZone);
  for (;;) {
    if (hours.weekdays.includes(isoWeekday(day))) {
      const opens = zonedInstant(day, hours.opens, timeZone).getTime();
      const closes = zonedInstant(day, hours.closes, timeZone).getTime();
      const from = Math.max(opens, start.getTime());
      if (from < closes) {
        if (remaining <= closes - from) return new Date(from + remaining);
        remaining -= closes - from;
      }
    }
    day = nextDate(day);
  }
};

/**
 * When an alert raised at `raisedAt` escalates if nobody acknowledges it, or null if its severity
 * never escalates. Opening hours are read in the site's time zone, so daylight-saving changes move
 * the UTC instant, not the local hour.
 */
export const escalateAt = (
  raisedAt: Date,
  severity: AlertSeverity,
  settings: EscalationSettings,
  siteTimeZone: string,
): Date | null => {
  const hours = settings.hoursBySeverity[severity];
  if (hours === null) return null;
  return addOpeningTime(raisedAt, hours * 3_600_000, settings.openingHours, siteTimeZone);
};
