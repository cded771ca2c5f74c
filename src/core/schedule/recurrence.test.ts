import { describe, expect, it } from 'vitest';
import { instantOf } from './localTime.js';
import { expandOccurrences, oneOffSession, validateSeries } from './recurrence.js';
import { buildSeries } from './testSeries.js';

const ms = (iso: string) => Date.parse(iso);
const inNewYork = (from: string, to: string) => [ms(from), ms(to)] as const;

describe('expandOccurrences', () => {
  it('keeps 09:00 local across the March change in New York (UTC moves, the wall clock does not)', () => {
    const [from, to] = inNewYork('2026-03-05T00:00:00Z', '2026-03-12T00:00:00Z');
    const got = expandOccurrences(buildSeries(), from, to);
    expect(got.map((o) => o.startIso)).toEqual([
      '2026-03-06T09:00:00-05:00',
      '2026-03-09T09:00:00-04:00',
      '2026-03-11T09:00:00-04:00',
    ]);
    expect(got.map((o) => new Date(o.startMs).toISOString())).toEqual([
      '2026-03-06T14:00:00.000Z',
      '2026-03-09T13:00:00.000Z',
      '2026-03-11T13:00:00.000Z',
    ]);
    expect(got.every((o) => o.endMs - o.startMs === 90 * 60_000)).toBe(true);
    expect(got[0]?.endIso).toBe('2026-03-06T10:30:00-05:00');
    expect(got[1]?.key).toBe('rp@2026-03-09');
  });

  it('moves a time skipped by spring-forward on by the gap (02:30 → 03:30 EDT)', () => {
    const series = buildSeries({ weekdays: [7], startTime: '02:30', durationMinutes: 60 });
    const [got] = expandOccurrences(series, ms('2026-03-08T00:00:00Z'), ms('2026-03-09T00:00:00Z'));
    expect(got?.startIso).toBe('2026-03-08T03:30:00-04:00');
    expect(got?.localStartTime).toBe('03:30');
    expect(got?.localDate).toBe('2026-03-08');
    expect(got?.endIso).toBe('2026-03-08T04:30:00-04:00');
  });

  it('holds a repeated fall-back time once, at its first occurrence, and lasts real minutes', () => {
    const series = buildSeries({ weekdays: [7], startTime: '01:30', durationMinutes: 90 });
    const got = expandOccurrences(series, ms('2026-10-31T00:00:00Z'), ms('2026-11-03T00:00:00Z'));
    expect(got).toHaveLength(1);
    expect(got[0]?.startIso).toBe('2026-11-01T01:30:00-04:00');
    // 90 real minutes: 01:30 EDT + 90 min = 02:00 EST (the wall clock shows only 30 minutes).
    expect(got[0]?.endIso).toBe('2026-11-01T02:00:00-05:00');
  });

  it('follows the southern-hemisphere calendar in Sydney (DST ends in April)', () => {
    const series = buildSeries({ timeZone: 'Australia/Sydney', weekdays: [1], startTime: '18:00' });
    const got = expandOccurrences(series, ms('2026-03-29T00:00:00Z'), ms('2026-04-10T00:00:00Z'));
    expect(got.map((o) => o.startIso)).toEqual(['2026-03-30T18:00:00+11:00', '2026-04-06T18:00:00+10:00']);
  });

  it('has one offset all year in Phoenix', () => {
    const series = buildSeries({ timeZone: 'America/Phoenix', weekdays: [2] });
    const got = expandOccurrences(series, ms('2026-01-01T00:00:00Z'), ms('2026-12-31T00:00:00Z'));
    expect(new Set(got.map((o) => o.startIso.slice(-6)))).toEqual(new Set(['-07:00']));
    expect(got).toHaveLength(52);
  });

  it('counts every-other-week from the week the series starts', () => {
    const series = buildSeries({
      kind: 'family',
      capacity: 1,
      weekdays: [4],
      everyWeeks: 2,
      startsOn: '2026-01-07',
    });
    const got = expandOccurrences(series, ms('2026-01-01T00:00:00Z'), ms('2026-02-15T00:00:00Z'));
    expect(got.map((o) => o.localDate)).toEqual(['2026-01-08', '2026-01-22', '2026-02-05']);
  });

  it('respects startsOn and endsOn (inclusive) and an empty or inverted window', () => {
    const series = buildSeries({ startsOn: '2026-01-07', endsOn: '2026-01-12' });
    const got = expandOccurrences(series, ms('2026-01-01T00:00:00Z'), ms('2026-02-01T00:00:00Z'));
    expect(got.map((o) => o.localDate)).toEqual(['2026-01-07', '2026-01-09', '2026-01-12']);
    expect(expandOccurrences(series, ms('2026-02-01T00:00:00Z'), ms('2026-01-01T00:00:00Z'))).toEqual([]);
  });

  it('includes an occurrence starting exactly at the window start and excludes one starting at its end', () => {
    const start = instantOf('2026-01-07', '09:00', 'America/New_York');
    expect(expandOccurrences(buildSeries(), start, start + 1).map((o) => o.localDate)).toEqual([
      '2026-01-07',
    ]);
    expect(expandOccurrences(buildSeries(), start - 1, start)).toEqual([]);
  });

  it('marks cancelled occurrences and shows moved ones where they went, keeping their key', () => {
    const series = buildSeries({
      exceptions: [
        { kind: 'cancelled', date: '2026-01-07', reason: 'Staff training' },
        { kind: 'moved', date: '2026-01-09', toDate: '2026-01-13', toStartTime: '14:00', roomId: 'room-b' },
      ],
    });
    const got = expandOccurrences(series, ms('2026-01-05T00:00:00Z'), ms('2026-01-15T00:00:00Z'));
    expect(got.map((o) => [o.key, o.localDate, o.localStartTime, o.cancellation, o.moved, o.roomId])).toEqual(
      [
        ['rp@2026-01-05', '2026-01-05', '09:00', null, false, 'room-a'],
        ['rp@2026-01-07', '2026-01-07', '09:00', 'Staff training', false, 'room-a'],
        ['rp@2026-01-12', '2026-01-12', '09:00', null, false, 'room-a'],
        ['rp@2026-01-09', '2026-01-13', '14:00', null, true, 'room-b'],
        ['rp@2026-01-14', '2026-01-14', '09:00', null, false, 'room-a'],
      ],
    );
  });

  it('finds an occurrence moved into the window from far outside it', () => {
    const series = buildSeries({
      exceptions: [{ kind: 'moved', date: '2026-01-05', toDate: '2026-06-01', toStartTime: '10:00' }],
    });
    const got = expandOccurrences(series, ms('2026-06-01T00:00:00Z'), ms('2026-06-02T00:00:00Z'));
    expect(got.map((o) => [o.key, o.startIso])).toEqual([
      ['rp@2026-06-01', '2026-06-01T09:00:00-04:00'],
      ['rp@2026-01-05', '2026-06-01T10:00:00-04:00'],
    ]);
  });
});

describe('oneOffSession', () => {
  it('is a series of exactly one date', () => {
    const { weekdays: _w, everyWeeks: _e, startsOn: _s, endsOn: _n, exceptions: _x, ...rest } = buildSeries();
    const once = oneOffSession({ ...rest, id: 'extra', date: '2026-02-18' });
    const got = expandOccurrences(once, ms('2026-01-01T00:00:00Z'), ms('2027-01-01T00:00:00Z'));
    expect(got.map((o) => o.key)).toEqual(['extra@2026-02-18']);
    expect(validateSeries(once)).toEqual([]);
  });
});

describe('validateSeries', () => {
  const fields = (overrides: Parameters<typeof buildSeries>[0]) =>
    validateSeries(buildSeries(overrides)).map((e) => e.field);

  it('accepts the factory series', () => {
    expect(validateSeries(buildSeries())).toEqual([]);
  });

  it('names each bad field', () => {
    expect(fields({ timeZone: 'Mars/Olympus' })).toEqual(['/timeZone']);
    expect(fields({ weekdays: [] })).toEqual(['/weekdays']);
    expect(fields({ weekdays: [1, 1] })).toEqual(['/weekdays']);
    expect(fields({ startTime: '9:00' })).toEqual(['/startTime']);
    expect(fields({ durationMinutes: 0 })).toEqual(['/durationMinutes']);
    expect(fields({ durationMinutes: 90.5 })).toEqual(['/durationMinutes']);
    expect(fields({ everyWeeks: 0 })).toEqual(['/everyWeeks']);
    expect(fields({ kind: 'individual', capacity: 2 })).toEqual(['/capacity']);
    expect(fields({ roomId: null })).toEqual(['/roomId']);
    expect(fields({ telehealthUrl: 'http://insecure.example' })).toEqual(['/telehealthUrl']);
    expect(fields({ startsOn: '2026-02-30' })).toEqual(['/startsOn']);
    expect(fields({ endsOn: '2026-01-01' })).toEqual(['/endsOn']);
  });

  it('accepts a telehealth-only session and checks exceptions against the pattern', () => {
    expect(fields({ roomId: null, telehealthUrl: 'https://video.example/rp' })).toEqual([]);
    expect(
      fields({
        exceptions: [
          { kind: 'cancelled', date: '2026-01-06', reason: 'x' },
          { kind: 'cancelled', date: '2026-01-07', reason: ' ' },
          { kind: 'moved', date: '2026-01-09', toDate: '2026-01-10', toStartTime: '25:00' },
        ],
      }),
    ).toEqual(['/exceptions/0/date', '/exceptions/1/reason', '/exceptions/2/toStartTime']);
  });
});
