import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addOpeningTime,
  DEFAULT_ESCALATION_SETTINGS,
  escalateAt,
  type EscalationSettings,
  escalationSettingsFrom,
  isoWeekday,
  type OpeningHours,
  zonedInstant,
} from './escalation.js';

const NY = 'America/New_York';
const at = (iso: string) => new Date(iso);
const urgent = (raised: string, tz = NY, settings: EscalationSettings = DEFAULT_ESCALATION_SETTINGS) =>
  escalateAt(at(raised), 'urgent', settings, tz)?.toISOString() ?? null;

describe('escalateAt with the default settings (2 opening hours, Mon–Fri 08:00–18:00)', () => {
  it('adds two hours inside one opening day', () => {
    // Tuesday 2026-11-17 10:00 EST → 12:00 EST.
    expect(urgent('2026-11-17T15:00:00.000Z')).toBe('2026-11-17T17:00:00.000Z');
  });

  it('escalates an alert raised at 17:30 on Friday 90 minutes into Monday (09:30)', () => {
    // Friday 2026-11-20 17:30 EST = 22:30Z → Monday 2026-11-23 09:30 EST = 14:30Z.
    expect(urgent('2026-11-20T22:30:00.000Z')).toBe('2026-11-23T14:30:00.000Z');
  });

  it('carries the rest of the two hours into the next morning', () => {
    // Wednesday 16:30 EST → Thursday 08:30 EST.
    expect(urgent('2026-11-18T21:30:00.000Z')).toBe('2026-11-19T13:30:00.000Z');
  });

  it('starts counting at opening time for alerts raised overnight or at the weekend', () => {
    // Monday 06:00 EST → Monday 10:00 EST.
    expect(urgent('2026-11-23T11:00:00.000Z')).toBe('2026-11-23T15:00:00.000Z');
    // Saturday noon → Monday 10:00 EST.
    expect(urgent('2026-11-21T17:00:00.000Z')).toBe('2026-11-23T15:00:00.000Z');
    // Friday exactly at closing time → Monday 10:00 EST.
    expect(urgent('2026-11-20T23:00:00.000Z')).toBe('2026-11-23T15:00:00.000Z');
  });

  it('lands exactly on closing time when the hours run out then', () => {
    // Friday 16:00 EST + 2 h = 18:00 EST.
    expect(urgent('2026-11-20T21:00:00.000Z')).toBe('2026-11-20T23:00:00.000Z');
  });

  it('does not escalate high or normal alerts', () => {
    expect(escalateAt(at('2026-11-17T15:00:00.000Z'), 'high', DEFAULT_ESCALATION_SETTINGS, NY)).toBeNull();
    expect(escalateAt(at('2026-11-17T15:00:00.000Z'), 'normal', DEFAULT_ESCALATION_SETTINGS, NY)).toBeNull();
  });

  it("reads opening hours in the site's time zone", () => {
    // 17:30 Friday in Sacramento is 20:30 in New York: the same instant escalates on Monday 09:30 Pacific.
    expect(urgent('2026-11-21T01:30:00.000Z', 'America/Los_Angeles')).toBe('2026-11-23T17:30:00.000Z');
  });
});

describe('escalateAt across daylight-saving changes (America/New_York)', () => {
  it('spring forward, 2026-03-08: Friday 17:30 EST → Monday 09:30 EDT', () => {
    // 2026-03-06 17:30 EST = 22:30Z; 2026-03-09 09:30 EDT = 13:30Z.
    expect(urgent('2026-03-06T22:30:00.000Z')).toBe('2026-03-09T13:30:00.000Z');
  });

  it('fall back, 2026-11-01: Friday 17:30 EDT → Monday 09:30 EST', () => {
    // 2026-10-30 17:30 EDT = 21:30Z; 2026-11-02 09:30 EST = 14:30Z.
    expect(urgent('2026-10-30T21:30:00.000Z')).toBe('2026-11-02T14:30:00.000Z');
  });

  it('keeps local opening hours on every day of both DST weeks', () => {
    for (const monday of ['2026-03-02', '2026-03-09', '2026-10-26', '2026-11-02']) {
      for (let offset = 0; offset < 5; offset++) {
        const day = new Date(
          Date.UTC(
            Number(monday.slice(0, 4)),
            Number(monday.slice(5, 7)) - 1,
            Number(monday.slice(8, 10)) + offset,
          ),
        )
          .toISOString()
          .slice(0, 10);
        const raised = zonedInstant(day, '09:15', NY);
        const expected = zonedInstant(day, '11:15', NY);
        expect(escalateAt(raised, 'urgent', DEFAULT_ESCALATION_SETTINGS, NY)?.toISOString()).toBe(
          expected.toISOString(),
        );
      }
    }
  });

  it('counts opening hours on a DST Sunday when the clinic opens at weekends', () => {
    const everyDay: EscalationSettings = {
      ...DEFAULT_ESCALATION_SETTINGS,
      openingHours: { weekdays: [1, 2, 3, 4, 5, 6, 7], opens: '08:00', closes: '18:00' },
    };
    // Saturday 2026-03-07 17:00 EST (22:00Z): one hour Saturday, one hour Sunday from 08:00 EDT (12:00Z).
    expect(urgent('2026-03-07T22:00:00.000Z', NY, everyDay)).toBe('2026-03-08T13:00:00.000Z');
    // Saturday 2026-10-31 17:00 EDT (21:00Z): Sunday 2026-11-01 opens 08:00 EST (13:00Z).
    expect(urgent('2026-10-31T21:00:00.000Z', NY, everyDay)).toBe('2026-11-01T14:00:00.000Z');
  });

  it('counts clock hours when the clinic is staffed around the clock', () => {
    const roundTheClock: EscalationSettings = { ...DEFAULT_ESCALATION_SETTINGS, openingHours: null };
    // 2026-03-08 01:30 EST + 2 h of real time = 04:30 EDT (the 02:00–03:00 hour does not exist).
    expect(urgent('2026-03-08T06:30:00.000Z', NY, roundTheClock)).toBe('2026-03-08T08:30:00.000Z');
    // 2026-11-01 00:30 EDT + 2 h = 01:30 EST (the second 01:30 of the night).
    expect(urgent('2026-11-01T04:30:00.000Z', NY, roundTheClock)).toBe('2026-11-01T06:30:00.000Z');
  });
});

/** Minute-by-minute reference: walks forward counting the minutes the clinic is open. */
const formatter = new Map<string, Intl.DateTimeFormat>();
const localParts = (instant: Date, timeZone: string) => {
  let f = formatter.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatter.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(instant).map((p) => [p.type, p.value]));
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday ?? '') + 1;
  return { weekday, time: `${parts.hour}:${parts.minute}` };
};

const referenceOpeningTime = (
  start: Date,
  minutes: number,
  hours: OpeningHours,
  timeZone: string,
  stepMinutes: number,
): Date => {
  const isOpen = (t: Date) => {
    const { weekday, time } = localParts(t, timeZone);
    return hours.weekdays.includes(weekday) && time >= hours.opens && time < hours.closes;
  };
  let t = start.getTime();
  if (minutes === 0) {
    while (!isOpen(new Date(t))) t += stepMinutes * 60_000;
    return new Date(t);
  }
  let counted = 0;
  for (;;) {
    if (isOpen(new Date(t))) counted += stepMinutes;
    t += stepMinutes * 60_000;
    if (counted >= minutes) return new Date(t);
  }
};

describe('addOpeningTime against a minute-by-minute reference', () => {
  const step = 15;
  const zones = [
    'America/New_York',
    'America/Los_Angeles',
    'America/Phoenix',
    'Europe/London',
    'Asia/Kolkata',
  ];
  const openingHours = fc.constantFrom<OpeningHours>(
    { weekdays: [1, 2, 3, 4, 5], opens: '08:00', closes: '18:00' },
    { weekdays: [1, 3, 5], opens: '09:00', closes: '12:00' },
    { weekdays: [2, 4, 6, 7], opens: '07:30', closes: '21:00' },
    { weekdays: [7], opens: '00:00', closes: '23:45' },
  );

  it('agrees for random starts through 2026, including both DST weekends', () => {
    const yearStart = Date.UTC(2026, 0, 1);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: (365 * 24 * 60) / step }),
        fc.integer({ min: 0, max: 12 }),
        fc.constantFrom(...zones),
        openingHours,
        (slot, quarterHours, zone, hours) => {
          const start = new Date(yearStart + slot * step * 60_000);
          const minutes = quarterHours * step;
          const actual = addOpeningTime(start, minutes * 60_000, hours, zone);
          const expected = referenceOpeningTime(start, minutes, hours, zone, step);
          expect(actual.toISOString()).toBe(expected.toISOString());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('agrees for every quarter hour of the two New York DST weeks', () => {
    const hours = DEFAULT_ESCALATION_SETTINGS.openingHours as OpeningHours;
    for (const from of ['2026-03-06T00:00:00.000Z', '2026-10-30T00:00:00.000Z']) {
      const start = at(from).getTime();
      for (let i = 0; i < (4 * 24 * 60) / step; i += 3) {
        const raised = new Date(start + i * step * 60_000);
        expect(addOpeningTime(raised, 2 * 3_600_000, hours, NY).toISOString()).toBe(
          referenceOpeningTime(raised, 120, hours, NY, step).toISOString(),
        );
      }
    }
  });
});

describe('zonedInstant', () => {
  it('converts local wall-clock times on ordinary days', () => {
    expect(zonedInstant('2026-07-01', '08:00', NY).toISOString()).toBe('2026-07-01T12:00:00.000Z');
    expect(zonedInstant('2026-12-01', '08:00', NY).toISOString()).toBe('2026-12-01T13:00:00.000Z');
    expect(zonedInstant('2026-07-01', '08:00', 'Asia/Kolkata').toISOString()).toBe(
      '2026-07-01T02:30:00.000Z',
    );
  });

  it('moves a time skipped by spring forward one hour later, and takes the first of a repeated time', () => {
    expect(zonedInstant('2026-03-08', '02:30', NY).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(zonedInstant('2026-11-01', '01:30', NY).toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('knows the ISO weekday of a date', () => {
    expect(isoWeekday('2026-03-08')).toBe(7);
    expect(isoWeekday('2026-03-09')).toBe(1);
    expect(isoWeekday('2026-11-20')).toBe(5);
  });
});

describe('escalationSettingsFrom', () => {
  it('uses the defaults for nothing stored', () => {
    expect(escalationSettingsFrom(undefined)).toEqual(DEFAULT_ESCALATION_SETTINGS);
    expect(escalationSettingsFrom('nonsense')).toEqual(DEFAULT_ESCALATION_SETTINGS);
  });

  it('takes valid overrides', () => {
    const settings = escalationSettingsFrom({
      hoursBySeverity: { urgent: 1, high: 8 },
      openingHours: { weekdays: [6, 1, 2], opens: '07:00', closes: '19:30' },
    });
    expect(settings).toEqual({
      hoursBySeverity: { urgent: 1, high: 8, normal: null },
      openingHours: { weekdays: [1, 2, 6], opens: '07:00', closes: '19:30' },
    });
    expect(escalationSettingsFrom({ openingHours: null }).openingHours).toBeNull();
  });

  it('keeps the default for any malformed part', () => {
    const settings = escalationSettingsFrom({
      hoursBySeverity: { urgent: -1, high: 'soon' },
      openingHours: { weekdays: [], opens: '18:00', closes: '08:00' },
    });
    expect(settings).toEqual(DEFAULT_ESCALATION_SETTINGS);
    expect(
      escalationSettingsFrom({ openingHours: { weekdays: [1], opens: '18:00', closes: '08:00' } })
        .openingHours,
    ).toEqual(DEFAULT_ESCALATION_SETTINGS.openingHours);
    expect(
      escalationSettingsFrom({ openingHours: { weekdays: [0, 8], opens: '08:00', closes: '18:00' } })
        .openingHours,
    ).toEqual(DEFAULT_ESCALATION_SETTINGS.openingHours);
  });
});
