/**
 * Scheduler bench (SPEC §5): generated weeks solved by our solver and by HiGHS as the exact
 * reference, printing time and the four score parts of both. `benchScheduler` is called from
 * bench/run.ts; `npx tsx bench/scheduler.ts` runs it alone.
 *
 * Targets (issue): 300 patients / 80 sessions in ≤ 1 s with a score equal to HiGHS's proven optimum
 * on satisfied and shortfall and within 1 % on continuity; one site with 3,000 patients / 800
 * sessions in ≤ 15 s, reporting what HiGHS reaches in 60 s.
 *
 * Environment: BENCH_SCHEDULER_HIGHS_SECONDS (default 60), BENCH_SCHEDULER_SEEDS (default 5).
 */
import { fileURLToPath } from 'node:url';
import { compileWeek } from '../src/core/scheduler/feasibility.js';
import { seededRandom } from '../src/core/scheduler/random.js';
import { solveReference, type ReferenceOutcome } from '../src/core/scheduler/reference.js';
import { hardViolations, scoreSeats } from '../src/core/scheduler/score.js';
import { solveWeek } from '../src/core/scheduler/solve.js';
import type { PatientInput, ScoreParts, SessionInput, WeekInput } from '../src/core/scheduler/types.js';
import { checkWeekInput, describeProblems } from '../src/core/scheduler/validate.js';

const HIGHS_SECONDS = Number(process.env.BENCH_SCHEDULER_HIGHS_SECONDS ?? 60);
const SEEDS = Number(process.env.BENCH_SCHEDULER_SEEDS ?? 5);

const MONDAY = Date.UTC(2025, 2, 3);
const OFFSET = '-05:00';
/** A local wall-clock time of the bench week as ISO with the site's offset. */
const at = (day: number, minuteOfDay: number): string =>
  `${new Date(MONDAY + day * 86_400_000 + minuteOfDay * 60_000).toISOString().slice(0, 19)}${OFFSET}`;

interface Slot {
  day: number;
  start: number;
  minutes: number;
}

/**
 * One site's week: morning and evening group tracks on weekdays (90–180 min, 8–14 seats, some
 * women's groups), adolescent after-school groups, individual (60 min) and family (90 min) sessions
 * for one patient each; patients with work-shift availability, IOP hours 9–19 (some step-down 6–9),
 * a few pins from staff and last week's cohort for half of them.
 */
export const generateSite = (seed: number, patientCount: number, sessionCount: number): WeekInput => {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[random.below(list.length)] as T;
  // IOP groups are mostly 3-hour blocks (three a week make the 9-hour minimum); some 90-minute
  // skills groups; adolescents meet after school.
  const groupSlots: Slot[] = [];
  for (let day = 0; day < 5; day += 1) {
    groupSlots.push({ day, start: 9 * 60, minutes: 180 }, { day, start: 18 * 60, minutes: 180 });
    groupSlots.push({ day, start: 13 * 60, minutes: 180 }, { day, start: 9 * 60, minutes: 180 });
    groupSlots.push({ day, start: 18 * 60, minutes: 180 }, { day, start: 12 * 60 + 30, minutes: 90 });
    groupSlots.push({ day, start: 17 * 60, minutes: 90 });
  }
  const teenSlots: Slot[] = [0, 1, 2, 3, 4].map((day) => ({ day, start: 15 * 60 + 30, minutes: 180 }));
  const oneToOneStarts = [8 * 60, 12 * 60, 13 * 60, 16 * 60, 17 * 60];

  const sessions: SessionInput[] = [];
  const booked = new Map<string, { start: number; end: number }[]>();
  /** The first clinician (or room) of a pool free at that time, so nobody is double-booked. */
  const free = (prefix: string, start: number, end: number): string => {
    for (let k = 0; ; k += 1) {
      const id = `${prefix}${k}`;
      const list = booked.get(id) ?? [];
      if (list.every((b) => b.end <= start || end <= b.start)) {
        list.push({ start, end });
        booked.set(id, list);
        return id;
      }
    }
  };
  const add = (slot: Slot, fields: Pick<SessionInput, 'capacity' | 'modality' | 'audience' | 'gender'>) => {
    const start = slot.day * 1440 + slot.start;
    const end = start + slot.minutes;
    sessions.push({
      id: `s${sessions.length + 1}`,
      start: at(slot.day, slot.start),
      end: at(slot.day, slot.start + slot.minutes),
      clinicianId: free('clinician-', start, end),
      roomId: free(fields.modality === 'group' ? 'group-room-' : 'office-', start, end),
      ...fields,
    });
  };
  const individual = Math.round(sessionCount * 0.12);
  const family = Math.round(sessionCount * 0.05);
  const teen = Math.max(1, Math.round(sessionCount * 0.06));
  const groups = sessionCount - individual - family - teen;
  for (let i = 0; i < groups; i += 1) {
    const womens = random.next() < 0.1;
    add(groupSlots[i % groupSlots.length] as Slot, {
      capacity: pick([8, 12, 14, 15, 16]),
      modality: 'group',
      audience: 'adult',
      ...(womens ? { gender: 'female' } : {}),
    });
  }
  for (let i = 0; i < teen; i += 1)
    add(teenSlots[i % teenSlots.length] as Slot, { capacity: 10, modality: 'group', audience: 'adolescent' });
  for (let i = 0; i < individual + family; i += 1) {
    const isFamily = i >= individual;
    add(
      { day: random.below(5), start: pick(oneToOneStarts), minutes: isFamily ? 90 : 60 },
      {
        capacity: 1,
        modality: isFamily ? 'family' : 'individual',
        audience: random.next() < 0.1 ? 'adolescent' : 'adult',
      },
    );
  }

  const windowsOf = (kind: string): { start: string; end: string }[] => {
    const days = [0, 1, 2, 3, 4];
    switch (kind) {
      case 'day-job':
        return days.map((d) => ({ start: at(d, 17 * 60), end: at(d, 22 * 60) }));
      case 'night-shift':
        return days.map((d) => ({ start: at(d, 8 * 60), end: at(d, 14 * 60) }));
      case 'part-time': {
        const free = days.filter(() => random.next() < 0.6);
        return days.map((d) =>
          free.includes(d)
            ? { start: at(d, 8 * 60), end: at(d, 22 * 60) }
            : { start: at(d, 17 * 60), end: at(d, 22 * 60) },
        );
      }
      case 'school':
        return days.map((d) => ({ start: at(d, 15 * 60 + 30), end: at(d, 20 * 60) }));
      default:
        return days.map((d) => ({ start: at(d, 8 * 60), end: at(d, 22 * 60) }));
    }
  };
  const patients: PatientInput[] = Array.from({ length: patientCount }, (_, i) => {
    const adolescent = random.next() < 0.08;
    const kind = adolescent ? 'school' : pick(['day-job', 'day-job', 'night-shift', 'part-time', 'flexible']);
    const stepDown = random.next() < 0.2;
    const minHours = adolescent ? 6 : stepDown ? 6 : 9;
    const maxHours = stepDown ? 9 : pick([12, 15, 19]);
    const required = ['group'];
    if (random.next() < 0.03) required.push('individual');
    if (random.next() < 0.015) required.push('family');
    return {
      id: `p${i + 1}`,
      minHours,
      maxHours,
      availability: windowsOf(kind),
      requiredModalities: required,
      audience: adolescent ? 'adolescent' : 'adult',
      gender: pick(['female', 'male', 'male']),
    };
  });

  // Last week's cohort and a few pins, drawn from sessions each patient can attend.
  const week = compileWeek({ sessions, patients });
  const pinCount = new Int32Array(sessions.length);
  patients.forEach((patient, p) => {
    const eligible = [...(week.eligible[p] ?? [])].filter((s) => week.isGroup[s]);
    if (eligible.length === 0) return;
    if (random.next() < 0.5)
      patient.previous = [...new Set(Array.from({ length: 2 + random.below(3) }, () => pick(eligible)))].map(
        (s) => sessions[s]?.id ?? '',
      );
    if (random.next() < 0.05) {
      const s = pick(eligible);
      if ((pinCount[s] ?? 0) < (sessions[s]?.capacity ?? 0)) {
        pinCount[s] = (pinCount[s] ?? 0) + 1;
        patient.pinned = [sessions[s]?.id ?? ''];
      }
    }
  });
  return { sessions, patients };
};

const formatScore = (score: ScoreParts | undefined): string[] =>
  score
    ? [
        String(score.satisfied),
        String(score.shortfallMinutes),
        String(score.continuity),
        String(score.balance),
      ]
    : ['–', '–', '–', '–'];

const describeReference = (reference: ReferenceOutcome): string => {
  const levels = ['satisfied', 'shortfall', 'continuity', 'balance'];
  if (reference.provenLevels === 4) return 'optimal (all 4 levels proven)';
  const level = levels[reference.provenLevels] ?? '?';
  const bound = reference.bound === undefined ? 'no bound' : `bound ${reference.bound.toFixed(0)}`;
  return `proven ${reference.provenLevels}/4; stopped on ${level}, ${bound}`;
};

const pad = (cells: string[], widths: number[]) => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');

export const benchScheduler = async (print: (line: string) => void): Promise<void> => {
  print('\nScheduler: generated sites, our solver vs HiGHS (exact MILP, lexicographic, one level at a time)');
  const widths = [14, 8, 9, 9, 9, 9, 9];
  print(pad(['instance', 'solver', 'time', 'satisfied', 'shortfall', 'continuity', 'balance'], widths));
  const cases: { patients: number; sessions: number; seed: number; limitMs: number }[] = [];
  for (let seed = 1; seed <= SEEDS; seed += 1)
    cases.push({ patients: 300, sessions: 80, seed, limitMs: 1000 });
  cases.push({ patients: 3000, sessions: 800, seed: 1, limitMs: 15_000 });
  for (const c of cases) {
    const input = generateSite(c.seed, c.patients, c.sessions);
    const check = checkWeekInput(input);
    if (!check.ok) throw new Error(`generated week is invalid:\n${describeProblems(check.problems)}`);
    const started = performance.now();
    const week = compileWeek(input);
    // The compile is part of the job; the solver gets what is left of the budget.
    const ours = solveWeek(week, { seed: 1, timeLimitMs: c.limitMs - (performance.now() - started) - 20 });
    const oursMs = performance.now() - started;
    const violations = hardViolations(week, ours.seats);
    if (violations.length > 0) throw new Error(`solver broke a hard rule: ${violations[0] ?? ''}`);
    const label = `${c.patients}/${c.sessions} #${c.seed}`;
    print(
      pad(
        [label, 'ours', `${(oursMs / 1000).toFixed(2)} s`, ...formatScore(scoreSeats(week, ours.seats))],
        widths,
      ) +
        `  (${ours.iterations} iterations, stopped by ${ours.stoppedBy}${ours.provenUpToContinuity ? ', levels 1–3 at their bounds' : ''})`,
    );
    const reference = await solveReference(week, { timeLimitSeconds: HIGHS_SECONDS });
    print(
      pad(
        ['', 'HiGHS', `${(reference.elapsedMs / 1000).toFixed(2)} s`, ...formatScore(reference.score)],
        widths,
      ) + `  (${describeReference(reference)})`,
    );
  }
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await benchScheduler((line) => process.stdout.write(`${line}\n`));
}
