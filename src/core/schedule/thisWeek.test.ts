import { describe, expect, it } from 'vitest';
import { instantOf } from './localTime.js';
import { type BookedSession, type BookedSessionState, bookedSessionState, thisWeek } from './thisWeek.js';

const NY = 'America/New_York';
const IOP = { minimumMinutes: 540, maximumMinutes: 1140 };

const session = (
  date: string,
  time: string,
  minutes: number,
  state: BookedSessionState,
  place: { roomName?: string | null; telehealthUrl?: string | null } = {},
): BookedSession => {
  const startMs = instantOf(date, time, NY);
  return {
    title: 'Relapse prevention',
    startMs,
    endMs: startMs + minutes * 60_000,
    siteName: 'Riverbend — Hartford',
    roomName: place.roomName === undefined ? 'Group room A' : place.roomName,
    telehealthUrl: place.telehealthUrl ?? null,
    state,
  };
};

const upcoming = { kind: 'upcoming' } as const;
const attended = (minutes: number) => ({ kind: 'attended', minutes }) as const;

describe('thisWeek', () => {
  // Wednesday 25 November 2026, 12:00 in New York.
  const now = instantOf('2026-11-25', '12:00', NY);
  const sessions: BookedSession[] = [
    // Given out of order: the week sorts them.
    session('2026-11-27', '09:00', 90, { kind: 'cancelled', cause: 'session-cancelled' }),
    session('2026-11-23', '09:00', 90, attended(90)),
    session('2026-11-24', '09:00', 90, attended(90)),
    session('2026-11-25', '09:00', 90, attended(90)),
    session('2026-11-25', '17:00', 50, upcoming, {
      roomName: null,
      telehealthUrl: 'https://video.example/ind-42',
    }),
    session('2026-11-26', '09:00', 90, upcoming),
    session('2026-11-27', '13:00', 90, upcoming),
    // The week before and the week after are not this week.
    session('2026-11-20', '09:00', 90, attended(90)),
    session('2026-11-30', '09:00', 90, upcoming),
  ];
  const week = thisWeek({
    weekStart: '2026-11-23',
    timeZone: NY,
    nowMs: now,
    sessions,
    minutesAttended: 270,
    range: IOP,
    nameClinicOk: false,
  });

  it('covers Monday to Sunday at the site and lists only the days with sessions, in order', () => {
    expect([week.weekStart, week.weekEnd, week.timeZone]).toEqual(['2026-11-23', '2026-11-29', NY]);
    expect(week.days.map((d) => [d.date, d.sessions.map((s) => s.startTime)])).toEqual([
      ['2026-11-23', ['09:00']],
      ['2026-11-24', ['09:00']],
      ['2026-11-25', ['09:00', '17:00']],
      ['2026-11-26', ['09:00']],
      ['2026-11-27', ['09:00', '13:00']],
    ]);
  });

  it('calls every session an appointment, in person or by video, with a link only while it is to come', () => {
    const wednesday = week.days[2]?.sessions;
    expect(wednesday).toEqual([
      {
        title: 'Appointment',
        place: 'In person',
        startIso: '2026-11-25T09:00:00-05:00',
        endIso: '2026-11-25T10:30:00-05:00',
        startTime: '09:00',
        endTime: '10:30',
        status: 'attended',
        minutesAttended: 90,
        cancelledBecause: null,
        telehealthLink: null,
      },
      {
        title: 'Appointment',
        place: 'Telehealth',
        startIso: '2026-11-25T17:00:00-05:00',
        endIso: '2026-11-25T17:50:00-05:00',
        startTime: '17:00',
        endTime: '17:50',
        status: 'upcoming',
        minutesAttended: null,
        cancelledBecause: null,
        telehealthLink: 'https://video.example/ind-42',
      },
    ]);
  });

  it('shows a cancelled session as cancelled, without counting it as left or scheduled', () => {
    const friday = week.days[4]?.sessions ?? [];
    expect(friday.map((s) => [s.startTime, s.status, s.cancelledBecause, s.minutesAttended])).toEqual([
      ['09:00', 'cancelled', 'session-cancelled', null],
      ['13:00', 'upcoming', null, null],
    ]);
    expect(week.sessionsLeft).toBe(3);
    // 50 + 90 + 90 minutes: the cancelled Friday morning is not among them.
    expect(week.hours).toEqual({ attended: 4.5, stillScheduled: 3.8, minimum: 9, maximum: 19 });
  });

  it('says it in one plain sentence', () => {
    expect(week.summary).toBe('You have attended 4.5 of your 9 hours this week; 3 sessions left.');
  });

  it('never carries what stays with staff: the series title, the room or the site', () => {
    const text = JSON.stringify(week);
    for (const secret of ['Relapse', 'Group room', 'Riverbend']) expect(text).not.toContain(secret);
  });

  it('names the session and the place when the patient allows naming the clinic', () => {
    const named = thisWeek({
      weekStart: '2026-11-23',
      timeZone: NY,
      nowMs: now,
      sessions,
      minutesAttended: 270,
      range: IOP,
      nameClinicOk: true,
    });
    expect(named.days[2]?.sessions.map((s) => [s.title, s.place])).toEqual([
      ['Relapse prevention', 'Riverbend — Hartford, Group room A'],
      ['Relapse prevention', 'Riverbend — Hartford'],
    ]);
  });

  it('counts a session under way as left, with only its remaining time still scheduled', () => {
    const during = thisWeek({
      weekStart: '2026-11-23',
      timeZone: NY,
      nowMs: instantOf('2026-11-26', '10:00', NY),
      sessions: [session('2026-11-26', '09:00', 90, upcoming)],
      minutesAttended: 0,
      range: IOP,
      nameClinicOk: false,
    });
    expect([during.sessionsLeft, during.hours.stillScheduled]).toEqual([1, 0.5]);
    expect(during.summary).toBe('You have attended 0 of your 9 hours this week; 1 session left.');
  });

  describe('across a change of the clocks', () => {
    // New York springs forward at 02:00 on Sunday 8 March 2026: that week lasts 167 hours.
    const dst = thisWeek({
      weekStart: '2026-03-02',
      timeZone: NY,
      nowMs: instantOf('2026-03-04', '12:00', NY),
      sessions: [
        session('2026-03-02', '09:00', 90, attended(90)),
        // Begins before the change and ends after it: 60 real minutes, 01:30 to 03:30 on the clock.
        session('2026-03-08', '01:30', 60, upcoming),
        session('2026-03-08', '23:30', 30, upcoming),
        // 168 hours after Monday's midnight, but Monday of the next week at the site.
        session('2026-03-09', '00:30', 60, upcoming),
      ],
      minutesAttended: 90,
      range: IOP,
      nameClinicOk: false,
    });

    it('keeps the days of the site’s calendar, each with its own offset', () => {
      expect(
        dst.days.map((d) => [d.date, d.sessions.map((s) => [s.startIso, s.startTime, s.endTime])]),
      ).toEqual([
        ['2026-03-02', [['2026-03-02T09:00:00-05:00', '09:00', '10:30']]],
        [
          '2026-03-08',
          [
            ['2026-03-08T01:30:00-05:00', '01:30', '03:30'],
            ['2026-03-08T23:30:00-04:00', '23:30', '00:00'],
          ],
        ],
      ]);
      expect(dst.weekEnd).toBe('2026-03-08');
    });

    it('counts real minutes still scheduled', () => {
      expect([dst.sessionsLeft, dst.hours.stillScheduled]).toEqual([2, 1.5]);
      expect(dst.summary).toBe('You have attended 1.5 of your 9 hours this week; 2 sessions left.');
    });
  });

  describe('the sentence', () => {
    const base = {
      weekStart: '2026-11-23',
      timeZone: NY,
      nowMs: now,
      minutesAttended: 600,
      range: IOP,
      nameClinicOk: false,
    };

    it('says when the minimum is reached', () => {
      expect(thisWeek({ ...base, sessions: [] }).summary).toBe(
        'You have attended 10 hours this week, reaching your 9-hour minimum; no sessions left.',
      );
    });

    it('gives hours alone to a patient in no program', () => {
      const week = thisWeek({
        ...base,
        range: null,
        minutesAttended: 60,
        sessions: [session('2026-11-26', '09:00', 90, upcoming)],
      });
      expect(week.summary).toBe('You have attended 1 hour this week; 1 session left.');
      expect(week.hours).toMatchObject({ minimum: null, maximum: null });
    });

    it('looks back on a past week', () => {
      expect(thisWeek({ ...base, weekStart: '2026-11-16', minutesAttended: 450, sessions: [] }).summary).toBe(
        'You attended 7.5 of your 9 hours that week.',
      );
    });

    it('looks ahead to a coming week', () => {
      const ahead = thisWeek({
        ...base,
        weekStart: '2026-11-30',
        minutesAttended: 0,
        sessions: [
          session('2026-11-30', '09:00', 180, upcoming),
          session('2026-12-02', '09:00', 180, upcoming),
          session('2026-12-04', '09:00', 180, { kind: 'cancelled', cause: 'clinic-closed' }),
        ],
      });
      expect(ahead.summary).toBe('You have 2 sessions scheduled that week, 6 of your 9 hours.');
      expect(ahead.days[2]?.sessions[0]).toMatchObject({
        status: 'cancelled',
        cancelledBecause: 'clinic-closed',
      });
    });
  });
});

describe('bookedSessionState', () => {
  const endMs = instantOf('2026-11-25', '10:30', NY);
  const before = instantOf('2026-11-25', '09:00', NY);
  const after = instantOf('2026-11-25', '11:00', NY);
  const record = { status: 'attended', minutes: 75 } as const;

  it('puts a cancellation before any record', () => {
    expect(bookedSessionState({ endMs, nowMs: after, cancelled: 'clinic-closed', record })).toEqual({
      kind: 'cancelled',
      cause: 'clinic-closed',
    });
  });

  it('takes the record: minutes when attended, absent either way otherwise', () => {
    expect(bookedSessionState({ endMs, nowMs: after, cancelled: null, record })).toEqual(attended(75));
    for (const status of ['absent-excused', 'absent-unexcused'] as const)
      expect(
        bookedSessionState({ endMs, nowMs: after, cancelled: null, record: { status, minutes: 0 } }),
      ).toEqual({ kind: 'absent' });
  });

  it('is upcoming until it ends, then awaits its record', () => {
    expect(bookedSessionState({ endMs, nowMs: before, cancelled: null, record: null })).toEqual(upcoming);
    expect(bookedSessionState({ endMs, nowMs: endMs, cancelled: null, record: null })).toEqual({
      kind: 'awaiting-record',
    });
  });
});
