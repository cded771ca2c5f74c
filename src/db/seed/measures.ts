import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  BUILT_IN_INSTRUMENTS,
  type InstrumentDefinition,
  scoreInstrument,
} from '../../core/measures/index.js';
import { answersForTotal } from '../../core/measures/answersForTotal.js';
import { DEFAULT_MEASURE_SCHEDULE } from '../../core/measures/due.js';
import { calendarDateIn } from '../../core/runtime.js';
import { recordAudit } from '../audit.js';
import type {
  Database,
  MeasureResponseItemsTable,
  MeasureResponsesTable,
  MeasureSchedulesTable,
} from '../schema.js';
import { instantOn } from './common.js';
import { addDays, type Random, seededRandom } from './random.js';
import type { SeededStructure } from './structure.js';

/** Every seeded program gives the SPEC §4 default schedule: PHQ-9 and GAD-7 at admission then every 14 days, BAM every 30. */
const scheduleRows = (structure: SeededStructure): MeasureSchedulesTable[] =>
  structure.sites.flatMap((site) =>
    Object.values(site.programs).flatMap((program) =>
      DEFAULT_MEASURE_SCHEDULE.map((entry) => ({
        program_id: program.id,
        instrument_code: entry.instrument,
        at_admission: entry.atAdmission ? 1 : 0,
        every_days: entry.everyDays,
      })),
    ),
  );

interface Administration {
  at: string;
  total: number;
  /** PHQ-9 item 9; 0 unless the story needs a safety answer. */
  item9?: number;
}

/**
 * Answers adding up to `total`, spread over the items the way people answer: `answersForTotal` finds
 * one set, then the answers of items sharing an answer scale are shuffled. PHQ-9 item 9 is held
 * apart: it is the safety item, and only a story that raised a safety alert answers it above 0.
 */
const answersFor = (def: InstrumentDefinition, total: number, rng: Random, item9 = 0): number[] => {
  const safetyItem = def.code === 'phq9' ? 8 : -1;
  const scored = safetyItem >= 0 ? { ...def, items: def.items.slice(0, safetyItem) } : def;
  const found = answersForTotal(scored, total - item9);
  if (!found) throw new Error(`no ${def.shortName} answers add up to ${total}`);
  for (let i = found.length - 1; i > 0; i -= 1) {
    const j = rng.int(0, i);
    [found[i], found[j]] = [found[j] ?? 0, found[i] ?? 0];
  }
  return safetyItem >= 0 ? [...found, item9] : found;
};

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, Math.round(value)));

/**
 * Demo history: PHQ-9 and GAD-7 for most active patients, from intake to today on the program's
 * schedule, mostly improving as people do in treatment, some flat, a few late. The seeded safety and
 * worsening alerts get the responses that would have raised them, and link to them.
 */
const seedHistory = async (kysely: Kysely<Database>, now: Date): Promise<void> => {
  const rng = seededRandom(4_2026_1124);
  const patients = await kysely
    .selectFrom('enrolment_segments as s')
    .innerJoin('episodes as e', 'e.id', 's.episode_id')
    .innerJoin('sites as site', 'site.id', 'e.site_id')
    .select(['s.patient_id', 'e.admitted_on', 's.primary_clinician_id', 'site.time_zone'])
    .where('e.status', '=', 'open')
    .where('s.end_on', 'is', null)
    .orderBy('s.patient_id')
    .execute();
  const storyAlerts = await kysely
    .selectFrom('alerts')
    .select(['id', 'patient_id', 'kind', 'raised_at'])
    .where('kind', 'in', ['safety', 'measure_worsening'])
    .where('source_id', 'is', null)
    .execute();

  const responses: MeasureResponsesTable[] = [];
  const items: MeasureResponseItemsTable[] = [];
  const links: { alertId: string; responseId: string }[] = [];
  const add = (patientId: string, givenBy: string, def: InstrumentDefinition, a: Administration): string => {
    const answers = answersFor(def, a.total, rng, a.item9 ?? 0);
    const score = scoreInstrument(def, { answers });
    const id = randomUUID();
    responses.push({
      id,
      patient_id: patientId,
      instrument_code: def.code,
      instrument_version: def.version,
      total: score.total ?? null,
      band: score.band?.key ?? null,
      subscales: null,
      flags: JSON.stringify(score.flags),
      sex: null,
      source: 'staff',
      administered_by: givenBy,
      administered_at: a.at,
      created_at: a.at,
    });
    answers.forEach((answer, index) =>
      items.push({ response_id: id, item_number: index + 1, answer, score: score.itemScores[index] ?? 0 }),
    );
    return id;
  };

  patients.forEach((p, index) => {
    const story = storyAlerts.filter((a) => a.patient_id === p.patient_id);
    // One in four has no history yet, so their due list shows what is overdue.
    if (index % 4 === 3 && story.length === 0) return;
    const today = calendarDateIn(now, p.time_zone);
    const dates: string[] = [addDays(p.admitted_on, -rng.int(1, 5))];
    for (let day = 14; addDays(p.admitted_on, day) <= today; day += 14)
      dates.push(addDays(p.admitted_on, day));
    // A few are late with the latest one.
    if (dates.length > 2 && rng.chance(0.25)) dates.pop();
    // A story's own PHQ-9s are the latest: routine ones from the story's first day on are left out.
    const storyStarts = story.map((a) =>
      calendarDateIn(
        new Date(Date.parse(a.raised_at) - (a.kind === 'safety' ? 0 : 14 * 86_400_000)),
        p.time_zone,
      ),
    );
    const phqUntil = storyStarts.reduce((min, d) => (d < min ? d : min), '9999-12-31');
    const phqStart = rng.int(9, 21);
    const gadStart = clamp(phqStart * 0.75 + rng.int(-3, 3), 3, 21);
    const slope = rng.pick([-2, -1.5, -1, -0.5, 0]);
    dates.forEach((date, k) => {
      const at = instantOn(date, now, 20 + (index % 30));
      if (date < phqUntil)
        add(p.patient_id, p.primary_clinician_id, BUILT_IN_INSTRUMENTS.phq9, {
          at,
          total: clamp(phqStart + slope * k + rng.int(-2, 2), 0, 24),
        });
      add(p.patient_id, p.primary_clinician_id, BUILT_IN_INSTRUMENTS.gad7, {
        at,
        total: clamp(gadStart + slope * 0.8 * k + rng.int(-2, 2), 0, 21),
      });
    });
    for (const alert of story) {
      if (alert.kind === 'safety') {
        // "Thoughts of self-harm reported on today's PHQ-9."
        links.push({
          alertId: alert.id,
          responseId: add(p.patient_id, p.primary_clinician_id, BUILT_IN_INSTRUMENTS.phq9, {
            at: alert.raised_at,
            total: 16,
            item9: 1,
          }),
        });
      } else {
        // "PHQ-9 went from 8 (mild) to 15 (moderately severe) in two weeks."
        add(p.patient_id, p.primary_clinician_id, BUILT_IN_INSTRUMENTS.phq9, {
          at: new Date(Date.parse(alert.raised_at) - 14 * 86_400_000).toISOString(),
          total: 8,
        });
        links.push({
          alertId: alert.id,
          responseId: add(p.patient_id, p.primary_clinician_id, BUILT_IN_INSTRUMENTS.phq9, {
            at: alert.raised_at,
            total: 15,
          }),
        });
      }
    }
  });

  await kysely.transaction().execute(async (trx) => {
    // Under SQLite's 999 bound parameters per statement.
    for (let i = 0; i < responses.length; i += 70)
      await trx
        .insertInto('measure_responses')
        .values(responses.slice(i, i + 70))
        .execute();
    for (let i = 0; i < items.length; i += 200)
      await trx
        .insertInto('measure_response_items')
        .values(items.slice(i, i + 200))
        .execute();
    for (const link of links) {
      await trx
        .updateTable('alerts')
        .set({ source_type: 'measure_response', source_id: link.responseId })
        .where('id', '=', link.alertId)
        .execute();
    }
    await recordAudit(
      trx,
      {
        actorUserId: null,
        actorRole: 'system',
        action: 'demo.seed',
        patientIds: [...new Set(responses.map((r) => r.patient_id))],
        detail: { step: 'measures' },
      },
      now,
    );
  });
};

/**
 * Measure schedules for every seeded program and, for the demo clinic, a few months of PHQ-9 and
 * GAD-7 history; the bench-scale operator data skips the history.
 */
export const seedMeasures = async (
  kysely: Kysely<Database>,
  structure: SeededStructure,
  now: Date,
  options: { history: boolean },
): Promise<void> => {
  const rows = scheduleRows(structure);
  if (rows.length > 0) await kysely.insertInto('measure_schedules').values(rows).execute();
  if (options.history) await seedHistory(kysely, now);
};
