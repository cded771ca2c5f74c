import { describe, expect, it } from 'vitest';
import { scheduleWeek } from './schedule.js';
import type { PatientInput, SessionInput, WeekInput } from './types.js';

const at = (day: number, hour: number, minute = 0) =>
  `2025-03-0${3 + day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00-05:00`;
const MON = 0;
const TUE = 1;
const THU = 3;

let next = 0;
const session = (day: number, from: number, to: number, extra: Partial<SessionInput> = {}): SessionInput => {
  next += 1;
  return {
    id: `s${next}`,
    start: at(day, from),
    end: at(day, to),
    clinicianId: `c${next}`,
    roomId: `r${next}`,
    capacity: 12,
    modality: 'group',
    audience: 'adult',
    ...extra,
  };
};
const patient = (id: string, extra: Partial<PatientInput> = {}): PatientInput => ({
  id,
  minHours: 9,
  maxHours: 19,
  availability: [MON, TUE, 2, THU, 4].map((d) => ({ start: at(d, 8), end: at(d, 22) })),
  requiredModalities: ['group'],
  audience: 'adult',
  ...extra,
});
const eveningsTueThu = [TUE, THU].map((d) => ({ start: at(d, 18), end: at(d, 21) }));

const reasonsFor = (week: WeekInput, id: string) =>
  scheduleWeek(week, { patience: 200 }).unplaced.find((u) => u.patientId === id)?.reasons ?? [];

describe('explainUnplaced', () => {
  it('says nothing about patients with a full week', () => {
    const week = {
      sessions: [session(MON, 9, 12), session(TUE, 9, 12), session(THU, 9, 12)],
      patients: [patient('ok')],
    };
    expect(scheduleWeek(week).unplaced).toEqual([]);
  });

  it('names the times when no session falls inside the availability', () => {
    const week = {
      sessions: [session(MON, 9, 12)],
      patients: [patient('eve', { availability: eveningsTueThu })],
    };
    const [reason] = reasonsFor(week, 'eve');
    expect(reason?.code).toBe('NO_AVAILABLE_SESSIONS');
    expect(reason?.message).toContain('available Tue/Thu evenings (18:00–21:00)');
    expect(reason?.minutesShort).toBe(540);
  });

  it('tells an adolescent that the sessions then are for adults', () => {
    const week = {
      sessions: [session(MON, 9, 12)],
      patients: [patient('teen', { audience: 'adolescent', minHours: 6 })],
    };
    expect(reasonsFor(week, 'teen')[0]?.code).toBe('NO_SESSIONS_FOR_AUDIENCE');
  });

  it('names a required modality that is not offered when the patient can come', () => {
    const week = {
      sessions: [
        session(TUE, 18, 21),
        session(THU, 18, 21),
        session(MON, 10, 11, { modality: 'family', capacity: 1 }),
      ],
      patients: [
        patient('fam', {
          availability: eveningsTueThu,
          minHours: 6,
          requiredModalities: ['group', 'family'],
        }),
      ],
    };
    const [reason] = reasonsFor(week, 'fam');
    expect(reason?.code).toBe('MODALITY_NOT_OFFERED_IN_AVAILABILITY');
    expect(reason?.message).toMatch(
      /needs a family session; none is offered in their availability \(Tue\/Thu evenings/,
    );
  });

  it('counts the hours the availability allows at most', () => {
    const week = {
      sessions: [session(TUE, 18, 21), session(THU, 18, 21)],
      patients: [patient('six', { availability: eveningsTueThu })],
    };
    const [reason] = reasonsFor(week, 'six');
    expect(reason?.code).toBe('NOT_ENOUGH_HOURS_IN_AVAILABILITY');
    expect(reason?.minutesShort).toBe(180);
    expect(reason?.message).toContain('at most 6 h');
  });

  it('reports pins above the maximum', () => {
    const sessions = [session(MON, 9, 12), session(TUE, 9, 12), session(THU, 9, 12)];
    const week = {
      sessions,
      patients: [patient('pinned', { minHours: 3, maxHours: 6, pinned: sessions.map((s) => s.id) })],
    };
    const [reason] = reasonsFor(week, 'pinned');
    expect(reason?.code).toBe('PIN_CONFLICT');
    expect(reason?.message).toContain('9 h, above the 6 h maximum');
  });

  it('names the full sessions and the hours still needed', () => {
    const sessions = [
      session(TUE, 18, 21, { capacity: 1 }),
      session(THU, 18, 21, { capacity: 1 }),
      session(MON, 9, 12),
    ];
    const week = {
      sessions,
      patients: [
        // The day patient takes the evening seats only if nobody else needs them; here both need them.
        patient('first', { availability: eveningsTueThu, minHours: 6 }),
        patient('late', {
          availability: [...eveningsTueThu, { start: at(MON, 8), end: at(MON, 13) }],
          minHours: 9,
        }),
      ],
    };
    const result = scheduleWeek(week, { patience: 200 });
    expect(result.score.satisfied).toBe(1);
    const reason = result.unplaced[0]?.reasons.find((r) => r.code === 'SESSIONS_FULL');
    expect(reason?.minutesShort).toBeGreaterThan(0);
    expect(reason?.message).toMatch(
      /evening group sessions \(Tue 18:00–21:00.*\) are full; needs \d+(\.\d)? h more/,
    );
  });
});
