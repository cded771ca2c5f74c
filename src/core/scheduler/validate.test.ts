import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domainError.js';
import type { WeekInput } from './types.js';
import { checkWeekInput, fieldPath, parseWeekInput } from './validate.js';

const at = (day: number, hour: number) => `2025-03-0${3 + day}T${String(hour).padStart(2, '0')}:00:00-05:00`;

/** A sound week that each test breaks in one way. */
const week = (): WeekInput => ({
  sessions: [
    {
      id: 'mon-am',
      start: at(0, 9),
      end: at(0, 12),
      clinicianId: 'c1',
      roomId: 'r1',
      capacity: 12,
      modality: 'group',
      audience: 'adult',
    },
    {
      id: 'mon-pm',
      start: at(0, 18),
      end: at(0, 21),
      clinicianId: 'c1',
      roomId: 'r1',
      capacity: 12,
      modality: 'group',
      audience: 'adult',
      gender: 'female',
    },
  ],
  patients: [
    {
      id: 'p1',
      minHours: 3,
      maxHours: 9,
      availability: [{ start: at(0, 8), end: at(0, 22) }],
      requiredModalities: ['group'],
      audience: 'adult',
      gender: 'female',
      pinned: ['mon-am'],
      previous: ['mon-pm'],
    },
  ],
});

const problemsOf = (input: unknown) => {
  const check = checkWeekInput(input);
  return check.ok ? [] : check.problems;
};

describe('checkWeekInput', () => {
  it('accepts a sound week', () => {
    expect(checkWeekInput(week())).toEqual({ ok: true, week: week() });
  });

  it('turns JSON pointers into the paths people write', () => {
    expect(fieldPath('/patients/3/availability/0/end')).toBe('patients[3].availability[0].end');
  });

  it.each([
    [
      'a missing field',
      (w: WeekInput) => Reflect.deleteProperty(w.patients[0] ?? {}, 'minHours'),
      'patients[0].minHours',
      /required/,
    ],
    [
      'a misspelt field',
      (w: WeekInput) => Object.assign(w.patients[0] ?? {}, { pined: [] }),
      'patients[0].pined',
      /not a known field/,
    ],
    [
      'a date without offset',
      (w: WeekInput) => Object.assign(w.sessions[0] ?? {}, { start: '2025-03-03T09:00:00' }),
      'sessions[0].start',
      /offset/,
    ],
    [
      'an unknown audience',
      (w: WeekInput) => Object.assign(w.sessions[1] ?? {}, { audience: 'teen' }),
      'sessions[1].audience',
      /'adult', 'adolescent'/,
    ],
    [
      'a zero capacity',
      (w: WeekInput) => Object.assign(w.sessions[1] ?? {}, { capacity: 0 }),
      'sessions[1].capacity',
      /greater or equal to 1/,
    ],
  ])('names the field for %s', (_, breakIt, path, message) => {
    const input = week();
    breakIt(input);
    const problems = problemsOf(input);
    expect(problems[0]?.path).toBe(path);
    expect(problems[0]?.message).toMatch(message);
  });

  it.each([
    [
      'an end before its start',
      (w: WeekInput) => Object.assign(w.patients[0]?.availability[0] ?? {}, { end: at(0, 7) }),
      'patients[0].availability[0].end',
      /after start/,
    ],
    [
      'a date that does not exist',
      (w: WeekInput) => Object.assign(w.sessions[0] ?? {}, { end: '2025-02-30T12:00:00-05:00' }),
      'sessions[0].end',
      /not a real date-time/,
    ],
    [
      'minimum above maximum',
      (w: WeekInput) => Object.assign(w.patients[0] ?? {}, { minHours: 12 }),
      'patients[0].maxHours',
      /at least minHours/,
    ],
    [
      'a pin to no session',
      (w: WeekInput) => Object.assign(w.patients[0] ?? {}, { pinned: ['tue-am'] }),
      'patients[0].pinned[0]',
      /no session has the id "tue-am"/,
    ],
    [
      'a previous session that does not exist',
      (w: WeekInput) => Object.assign(w.patients[0] ?? {}, { previous: ['x'] }),
      'patients[0].previous[0]',
      /no session/,
    ],
    [
      'a repeated session id',
      (w: WeekInput) => Object.assign(w.sessions[1] ?? {}, { id: 'mon-am' }),
      'sessions[1].id',
      /already the id of sessions\[0\]/,
    ],
    [
      'a clinician in two places',
      (w: WeekInput) => Object.assign(w.sessions[1] ?? {}, { start: at(0, 11), roomId: 'r2' }),
      'sessions[1].clinicianId',
      /already booked/,
    ],
    [
      'a pin outside availability',
      (w: WeekInput) =>
        Object.assign(w.patients[0] ?? {}, { availability: [{ start: at(0, 17), end: at(0, 22) }] }),
      'patients[0].pinned[0]',
      /outside the patient's availability \(Mon evening \(17:00–22:00\)\)/,
    ],
    [
      'a pin to a group of another gender',
      (w: WeekInput) => Object.assign(w.patients[0] ?? {}, { gender: 'male', pinned: ['mon-pm'] }),
      'patients[0].pinned[0]',
      /for gender "female"/,
    ],
    [
      'more pins than seats',
      (w: WeekInput) => {
        Object.assign(w.sessions[0] ?? {}, { capacity: 1 });
        w.patients.push({ ...(w.patients[0] as WeekInput['patients'][number]), id: 'p2' });
      },
      'patients[1].pinned[0]',
      /capacity 1 but 2 patients are pinned/,
    ],
  ])('explains %s', (_, breakIt, path, message) => {
    const input = week();
    breakIt(input);
    const problem = problemsOf(input).find((p) => p.path === path);
    expect(problem?.message).toMatch(message);
  });

  it('throws a VALIDATION_FAILED DomainError listing every bad field', () => {
    const input = week();
    Object.assign(input.patients[0] ?? {}, { minHours: 20, pinned: ['nope'] });
    try {
      parseWeekInput(input);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      const domain = error as DomainError;
      expect(domain.code).toBe('VALIDATION_FAILED');
      expect(domain.fields.map((f) => f.field)).toEqual(['patients[0].maxHours', 'patients[0].pinned[0]']);
    }
  });
});
