import { compileWeek, ineligibility, mergeWindows, spanOf } from './feasibility.js';
import { seededRandom } from './random.js';
import type { PatientInput, SessionInput, WeekInput } from './types.js';

/**
 * Random small weeks for property tests: tight capacities, clashing times, modalities, audiences,
 * gender-specific groups, pins and continuity, so every rule of the solver is exercised. Always valid.
 */
export interface RandomWeekShape {
  readonly maxSessions: number;
  readonly maxPatients: number;
}

const MONDAY = '2025-03-03';
const at = (day: number, minuteOfDay: number): string => {
  const date = new Date(`${MONDAY}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + day);
  const clock = `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
  return `${date.toISOString().slice(0, 10)}T${clock}:00-05:00`;
};

export const randomWeek = (seed: number, shape: RandomWeekShape): WeekInput => {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[random.below(list.length)] as T;
  const sessionCount = 1 + random.below(shape.maxSessions);
  const patientCount = 1 + random.below(shape.maxPatients);
  const days = 1 + random.below(3);
  const sessions: SessionInput[] = Array.from({ length: sessionCount }, (_, i) => {
    const day = random.below(days);
    const start = pick([9 * 60, 10 * 60, 11 * 60, 17 * 60, 18 * 60, 18 * 60 + 30]);
    const length = pick([60, 90, 90, 120, 180]);
    const gendered = random.next() < 0.15;
    return {
      id: `s${i}`,
      start: at(day, start),
      end: at(day, start + length),
      clinicianId: `c${i}`,
      roomId: `r${i}`,
      capacity: pick([1, 1, 2, 2, 3, 4]),
      modality: pick(['group', 'group', 'individual', 'family']),
      audience: random.next() < 0.9 ? 'adult' : 'adolescent',
      ...(gendered ? { gender: pick(['female', 'male']) } : {}),
    };
  });

  const patients: PatientInput[] = Array.from({ length: patientCount }, (_, i) => {
    const windows =
      random.next() < 0.3
        ? [{ start: at(0, 0), end: at(6, 0) }]
        : Array.from({ length: 1 + random.below(3) }, () => {
            const day = random.below(days);
            const morning = random.next() < 0.5;
            return morning
              ? { start: at(day, 8 * 60), end: at(day, pick([11 * 60, 12 * 60, 14 * 60])) }
              : { start: at(day, pick([16 * 60, 17 * 60, 18 * 60])), end: at(day, 22 * 60) };
          });
    const minHours = pick([0, 1, 1.5, 2, 3, 3, 4, 6]);
    const modalities = ['group', 'individual', 'family'].filter(() => random.next() < 0.25);
    const gender = random.next() < 0.7 ? pick(['female', 'male']) : undefined;
    return {
      id: `p${i}`,
      minHours,
      maxHours: minHours + pick([0, 0.5, 1, 2, 4, 9]),
      availability: windows,
      requiredModalities: modalities,
      audience: random.next() < 0.9 ? 'adult' : 'adolescent',
      ...(gender === undefined ? {} : { gender }),
      previous: sessions.filter(() => random.next() < 0.2).map((s) => s.id),
    };
  });

  // Pins staff could have made: eligible, not clashing with the patient's other pins, within capacity.
  const pinsPerSession = new Map<string, number>();
  const spans = new Map(sessions.map((s) => [s.id, spanOf(s)]));
  for (const patient of patients) {
    if (random.next() > 0.2) continue;
    const windows = mergeWindows(patient.availability.map(spanOf));
    const pinned: string[] = [];
    for (const session of sessions) {
      const span = spans.get(session.id);
      if (!span || random.next() > 0.5) continue;
      if (ineligibility(patient, windows, session, span) !== undefined) continue;
      if ((pinsPerSession.get(session.id) ?? 0) >= session.capacity) continue;
      const clash = pinned.some((id) => {
        const other = spans.get(id);
        return (
          other !== undefined &&
          other.start.epochMs < span.end.epochMs &&
          span.start.epochMs < other.end.epochMs
        );
      });
      if (clash) continue;
      pinned.push(session.id);
      pinsPerSession.set(session.id, (pinsPerSession.get(session.id) ?? 0) + 1);
      if (pinned.length >= 2) break;
    }
    if (pinned.length > 0) patient.pinned = pinned;
  }
  return { sessions, patients };
};

export const randomInstance = (seed: number, shape: RandomWeekShape) => compileWeek(randomWeek(seed, shape));
