import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';

/**
 * Clinical records written straight into the tables, for tests and the chart benchmark: a year of
 * history without going through a year of signing ceremonies. Synthetic content only.
 */
type Executor = Kysely<Database> | Transaction<Database>;

export interface NoteRecord {
  patientId: string;
  siteId: string;
  authorUserId: string;
  serviceDate: string;
  status: 'draft' | 'signed';
  title?: string;
  dueAt?: string | null;
  occurrenceKey?: string | null;
  cosignerUserId?: string | null;
  at: string;
}

export const insertNote = async (db: Executor, note: NoteRecord): Promise<string> => {
  const id = randomUUID();
  const signed = note.status === 'signed';
  await db
    .insertInto('clinical_notes')
    .values({
      id,
      patient_id: note.patientId,
      site_id: note.siteId,
      episode_id: null,
      note_type: 'individual',
      template_key: 'dap',
      title: note.title ?? 'Individual session',
      author_user_id: note.authorUserId,
      service_date: note.serviceDate,
      roll_call_id: null,
      occurrence_key: note.occurrenceKey ?? null,
      minutes: 50,
      group_note_id: null,
      body: JSON.stringify({
        sections: { data: 'Talked through the week.', assessment: 'Engaged.', plan: 'Continue.' },
      }),
      objective_ids: '[]',
      status: note.status,
      needs_cosignature: note.cosignerUserId ? 1 : 0,
      cosigner_user_id: note.cosignerUserId ?? null,
      signed_at: signed ? note.at : null,
      cosigned_at: null,
      cosigned_by: null,
      due_at: note.dueAt ?? null,
      created_at: note.at,
      updated_at: note.at,
      version: 1,
    })
    .execute();
  return id;
};

export const insertProcessNote = async (
  db: Executor,
  record: { patientId: string; authorUserId: string; serviceDate: string; at: string },
): Promise<string> => {
  const id = randomUUID();
  await db
    .insertInto('process_notes')
    .values({
      id,
      patient_id: record.patientId,
      author_user_id: record.authorUserId,
      service_date: record.serviceDate,
      body: 'Private process note.',
      created_at: record.at,
      updated_at: record.at,
      version: 1,
    })
    .execute();
  return id;
};

/** A PHQ-9 total without its item answers (the timeline never reads them). */
export const insertMeasure = async (
  db: Executor,
  record: { patientId: string; administeredBy: string; total: number; band: string; at: string },
): Promise<string> => {
  const id = randomUUID();
  await db
    .insertInto('measure_responses')
    .values({
      id,
      patient_id: record.patientId,
      instrument_code: 'phq9',
      instrument_version: '1',
      total: record.total,
      band: record.band,
      subscales: null,
      flags: '[]',
      sex: null,
      source: 'staff',
      administered_by: record.administeredBy,
      administered_at: record.at,
      created_at: record.at,
    })
    .execute();
  return id;
};

/** A urine cup; `correctsId` makes it the correction of an earlier row, which then drops out of the chart. */
export const insertScreen = async (
  db: Executor,
  record: {
    patientId: string;
    recordedBy: string;
    collectedOn: string;
    at: string;
    needsReview?: boolean;
    unexpectedPositives?: string[];
    correctsId?: string;
  },
): Promise<string> => {
  const id = randomUUID();
  const positives = record.unexpectedPositives ?? [];
  await db
    .insertInto('drug_screens')
    .values({
      id,
      patient_id: record.patientId,
      original_id: record.correctsId ?? id,
      corrects_id: record.correctsId ?? null,
      correction_reason: record.correctsId ? 'Transcription error' : null,
      collected_on: record.collectedOn,
      specimen: 'urine',
      panel: 'urine_cup_12',
      method: 'presumptive',
      refused: 0,
      results: JSON.stringify(
        ['FEN', 'BUP', 'THC'].map((analyte) => ({
          analyte,
          result: positives.includes(analyte) ? 'positive' : 'negative',
        })),
      ),
      confirms_id: null,
      notes: null,
      interpretation: JSON.stringify({
        specimenRefused: false,
        unexpectedPositives: positives,
        explainedPositives: [],
        expectedNegatives: [],
        notTested: [],
        specimenIssues: [],
        needsReview: record.needsReview ?? positives.length > 0,
      }),
      needs_review: (record.needsReview ?? positives.length > 0) ? 1 : 0,
      recorded_by: record.recordedBy,
      recorded_at: record.at,
    })
    .execute();
  return id;
};

/** A signed treatment-plan version (creating the plan on first use). */
export const insertSignedPlanVersion = async (
  db: Executor,
  record: {
    patientId: string;
    episodeId: string;
    authorUserId: string;
    number: number;
    at: string;
    cosignerUserId?: string | null;
  },
): Promise<string> => {
  let plan = await db
    .selectFrom('treatment_plans')
    .select('id')
    .where('episode_id', '=', record.episodeId)
    .executeTakeFirst();
  if (!plan) {
    plan = { id: randomUUID() };
    await db
      .insertInto('treatment_plans')
      .values({
        id: plan.id,
        patient_id: record.patientId,
        episode_id: record.episodeId,
        created_by: record.authorUserId,
        created_at: record.at,
      })
      .execute();
  }
  const id = randomUUID();
  await db
    .insertInto('treatment_plan_versions')
    .values({
      id,
      plan_id: plan.id,
      patient_id: record.patientId,
      number: record.number,
      kind: record.number === 1 ? 'initial' : 'review',
      status: 'signed',
      content: JSON.stringify({ problems: [] }),
      progress: '[]',
      reviews_version_id: null,
      author_user_id: record.authorUserId,
      updated_by: record.authorUserId,
      signed_at: record.at,
      signed_by: record.authorUserId,
      content_hash: 'synthetic',
      needs_cosignature: record.cosignerUserId ? 1 : 0,
      cosigner_user_id: record.cosignerUserId ?? null,
      cosigned_at: null,
      cosigned_by: null,
      patient_signed_at: null,
      created_at: record.at,
      updated_at: record.at,
      version: 1,
    })
    .execute();
  return id;
};

export const insertRelapsePlanVersion = async (
  db: Executor,
  record: { patientId: string; savedBy: string; number: number; at: string },
): Promise<string> => {
  let plan = await db
    .selectFrom('relapse_prevention_plans')
    .select('id')
    .where('patient_id', '=', record.patientId)
    .executeTakeFirst();
  if (!plan) {
    plan = { id: randomUUID() };
    await db
      .insertInto('relapse_prevention_plans')
      .values({
        id: plan.id,
        patient_id: record.patientId,
        current_version: record.number,
        patient_visible: 1,
        created_by: record.savedBy,
        created_at: record.at,
        updated_at: record.at,
        version: 1,
      })
      .execute();
  }
  const id = randomUUID();
  await db
    .insertInto('relapse_prevention_plan_versions')
    .values({
      id,
      plan_id: plan.id,
      patient_id: record.patientId,
      version_number: record.number,
      content: JSON.stringify({ triggers: [], warningSigns: [], copingStrategies: [] }),
      saved_by: record.savedBy,
      saved_at: record.at,
    })
    .execute();
  return id;
};

export const insertAlert = async (
  db: Executor,
  record: { patientId: string; siteId: string; recipientUserId: string; title: string; at: string },
): Promise<string> => {
  const id = randomUUID();
  await db
    .insertInto('alerts')
    .values({
      id,
      patient_id: record.patientId,
      site_id: record.siteId,
      kind: 'missed_sessions',
      severity: 'normal',
      title: record.title,
      detail: null,
      source_type: null,
      source_id: null,
      recipient_user_id: record.recipientUserId,
      status: 'resolved',
      raised_at: record.at,
      escalation_level: 0,
      escalate_at: null,
      acknowledged_at: record.at,
      acknowledged_by: record.recipientUserId,
      resolved_at: record.at,
      resolved_by: record.recipientUserId,
      resolution_note: 'Followed up.',
      version: 1,
    })
    .execute();
  return id;
};
