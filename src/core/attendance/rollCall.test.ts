import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  attendanceRecords,
  everyonePresent,
  markException,
  minutesAttended,
  type RollCallMark,
  type RollCallSession,
  type RollCallSubmission,
  validateRollCall,
} from './rollCall.js';

const START = Date.parse('2026-03-09T13:00:00Z'); // 09:00 EDT
const MIN = 60_000;
const session: RollCallSession = {
  occurrenceKey: 'rp@2026-03-09',
  localDate: '2026-03-09',
  scheduledStartMs: START,
  scheduledEndMs: START + 90 * MIN,
  clinicianId: 'clin-x',
  bookedPatientIds: ['ana', 'ben', 'cy'],
  hasRoom: true,
};
const present = (over: Partial<Extract<RollCallMark, { kind: 'present' }>> = {}): RollCallMark => ({
  kind: 'present',
  lateMinutes: 0,
  leftEarlyAtMs: null,
  via: { mode: 'in-person' },
  ...over,
});
const fieldsOf = (s: RollCallSubmission, on: RollCallSession = session) =>
  validateRollCall(s, on).map((e) => e.field);

describe('minutesAttended', () => {
  const actual = { startMs: START, endMs: START + 90 * MIN };
  it('is the whole session for someone present throughout', () => {
    expect(minutesAttended(present(), actual)).toBe(90);
  });
  it('takes off late minutes and the time after leaving early', () => {
    expect(minutesAttended(present({ lateMinutes: 15 }), actual)).toBe(75);
    expect(minutesAttended(present({ leftEarlyAtMs: START + 60 * MIN }), actual)).toBe(60);
    expect(minutesAttended(present({ lateMinutes: 10, leftEarlyAtMs: START + 60 * MIN }), actual)).toBe(50);
  });
  it('drops a part minute rather than rounding it up', () => {
    expect(minutesAttended(present({ leftEarlyAtMs: START + 59 * MIN + 59_000 }), actual)).toBe(59);
  });
  it('is zero for an absence, excused or not', () => {
    expect(minutesAttended({ kind: 'absent', excused: true, reason: 'Court date' }, actual)).toBe(0);
    expect(minutesAttended({ kind: 'absent', excused: false, reason: '' }, actual)).toBe(0);
  });
  it('follows the actual times, not the scheduled ones', () => {
    expect(minutesAttended(present(), { startMs: START + 10 * MIN, endMs: START + 85 * MIN })).toBe(75);
  });
  it('never exceeds the session nor goes below zero (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 720 }),
        fc.integer({ min: 0, max: 800 }),
        fc.option(fc.integer({ min: -1000, max: 800 * MIN }), { nil: null }),
        (length, late, left) => {
          const span = { startMs: START, endMs: START + length * MIN };
          const m = minutesAttended(
            present({ lateMinutes: late, leftEarlyAtMs: left === null ? null : START + left }),
            span,
          );
          expect(Number.isInteger(m)).toBe(true);
          expect(m).toBeGreaterThanOrEqual(0);
          expect(m).toBeLessThanOrEqual(Math.max(0, length - late));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('everyonePresent and markException', () => {
  it('marks every booked patient present for the whole session in one tap', () => {
    const draft = everyonePresent(session);
    expect(validateRollCall(draft, session)).toEqual([]);
    expect(attendanceRecords(draft, session).map((r) => [r.patientId, r.status, r.minutes])).toEqual([
      ['ana', 'attended', 90],
      ['ben', 'attended', 90],
      ['cy', 'attended', 90],
    ]);
  });

  it('records exceptions and a make-up attendee', () => {
    let draft = everyonePresent(session);
    draft = markException(draft, 'ben', { kind: 'absent', excused: false, reason: '' });
    draft = markException(draft, 'cy', present({ lateMinutes: 20 }));
    draft = markException(draft, 'dee', present(), { kind: 'make-up', forOccurrenceKey: 'rp@2026-03-06' });
    expect(validateRollCall(draft, session)).toEqual([]);
    const records = attendanceRecords(draft, session);
    expect(records.map((r) => [r.patientId, r.status, r.minutes, r.late, r.booked])).toEqual([
      ['ana', 'attended', 90, false, true],
      ['ben', 'absent-unexcused', 0, false, true],
      ['cy', 'attended', 70, true, true],
      ['dee', 'attended', 90, false, false],
    ]);
  });

  it('starts a telehealth-only session as video, which needs each location before saving', () => {
    const tele = { ...session, hasRoom: false };
    const draft = everyonePresent(tele);
    expect(fieldsOf(draft, tele)).toEqual([
      '/entries/0/mark/via/patientLocation',
      '/entries/1/mark/via/patientLocation',
      '/entries/2/mark/via/patientLocation',
    ]);
  });
});

describe('validateRollCall', () => {
  const held = everyonePresent(session);

  it('needs a reason to cancel and no attendance on a cancelled session', () => {
    const cancelled: RollCallSubmission = { ...held, status: 'cancelled', cancellationReason: null };
    expect(fieldsOf(cancelled)).toEqual(['/cancellationReason', '/entries']);
    expect(
      fieldsOf({ ...cancelled, cancellationReason: 'Clinician ill', entries: [], actualStartMs: START }),
    ).toEqual(['/actualStartMs']);
    const ok = { ...cancelled, cancellationReason: 'Clinician ill', entries: [] };
    expect(fieldsOf(ok)).toEqual([]);
    expect(attendanceRecords(ok, session)).toEqual([]);
  });

  it('keeps late arrival inside the session and early leaving after arrival', () => {
    expect(fieldsOf(markException(held, 'ana', present({ lateMinutes: 90 })))).toEqual([
      '/entries/0/mark/lateMinutes',
    ]);
    expect(fieldsOf(markException(held, 'ana', present({ lateMinutes: -1 })))).toEqual([
      '/entries/0/mark/lateMinutes',
    ]);
    expect(fieldsOf(markException(held, 'ana', present({ lateMinutes: 2.5 })))).toEqual([
      '/entries/0/mark/lateMinutes',
    ]);
    expect(
      fieldsOf(markException(held, 'ana', present({ lateMinutes: 30, leftEarlyAtMs: START + 30 * MIN }))),
    ).toEqual(['/entries/0/mark/leftEarlyAtMs']);
    expect(fieldsOf(markException(held, 'ana', present({ leftEarlyAtMs: START + 90 * MIN })))).toEqual([
      '/entries/0/mark/leftEarlyAtMs',
    ]);
    expect(
      fieldsOf(markException(held, 'ana', present({ lateMinutes: 30, leftEarlyAtMs: START + 31 * MIN }))),
    ).toEqual([]);
  });

  it('measures late minutes against the actual length', () => {
    const short = { ...held, actualEndMs: START + 45 * MIN };
    expect(fieldsOf(markException(short, 'ana', present({ lateMinutes: 50 })))).toEqual([
      '/entries/0/mark/lateMinutes',
    ]);
    expect(fieldsOf({ ...held, actualEndMs: START })).toEqual(['/actualEndMs']);
    expect(fieldsOf({ ...held, actualEndMs: START + 13 * 60 * MIN })).toEqual(['/actualEndMs']);
  });

  it('needs a reason for an excused absence only', () => {
    expect(fieldsOf(markException(held, 'ana', { kind: 'absent', excused: true, reason: ' ' }))).toEqual([
      '/entries/0/mark/reason',
    ]);
    expect(fieldsOf(markException(held, 'ana', { kind: 'absent', excused: false, reason: '' }))).toEqual([]);
  });

  it('needs the patient location for telehealth and refuses in-person without a room', () => {
    const video = present({ via: { mode: 'audio-only', patientLocation: '' } });
    expect(fieldsOf(markException(held, 'ana', video))).toEqual(['/entries/0/mark/via/patientLocation']);
    const home = present({ via: { mode: 'video', patientLocation: 'Home, Newark NJ' } });
    expect(fieldsOf(markException(held, 'ana', home))).toEqual([]);
    expect(fieldsOf(held, { ...session, hasRoom: false })).toEqual([
      '/entries/0/mark/via/mode',
      '/entries/1/mark/via/mode',
      '/entries/2/mark/via/mode',
    ]);
  });

  it('accounts for every booked patient exactly once and labels the unbooked', () => {
    expect(fieldsOf({ ...held, entries: held.entries.slice(1) })).toEqual(['/entries']);
    expect(fieldsOf({ ...held, entries: [...held.entries, held.entries[0]!] })).toEqual([
      '/entries/3/patientId',
    ]);
    expect(
      fieldsOf({
        ...held,
        entries: [...held.entries, { patientId: 'zed', mark: present(), unbooked: null }],
      }),
    ).toEqual(['/entries/3/unbooked']);
    expect(
      fieldsOf({
        ...held,
        entries: [
          ...held.entries,
          {
            patientId: 'zed',
            mark: { kind: 'absent', excused: false, reason: '' },
            unbooked: { kind: 'unscheduled' },
          },
        ],
      }),
    ).toEqual(['/entries/3/mark']);
    expect(
      fieldsOf(
        markException(held, 'zed', present(), { kind: 'make-up', forOccurrenceKey: session.occurrenceKey }),
      ),
    ).toEqual(['/entries/3/unbooked/forOccurrenceKey']);
  });

  it('records a substitute leader on every record', () => {
    const sub = { ...held, leaderId: 'clin-y' };
    expect(fieldsOf(sub)).toEqual([]);
    expect(attendanceRecords(sub, session).every((r) => r.substituteLeader)).toBe(true);
    expect(fieldsOf({ ...held, leaderId: '' })).toEqual(['/leaderId']);
  });
});
