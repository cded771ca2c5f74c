import type { Kysely } from 'kysely';
import { guardAppendOnly } from './rowGuards.js';

// Medications (MAT included) and drug screens (SPEC §9). Frozen once merged.

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run against the schema of their day, not today's types */
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('medications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('dose', 'text')
    .addColumn('route', 'text')
    // Frequency and instructions as the prescriber wrote them.
    .addColumn('frequency', 'text')
    .addColumn('prescriber_name', 'text')
    .addColumn('prescriber_organization', 'text')
    // The row's date: first day taken (site calendar date).
    .addColumn('started_on', 'text', (c) => c.notNull())
    // First day without it; stopping is a dated change, never a delete.
    .addColumn('stopped_on', 'text')
    .addColumn('stop_reason', 'text')
    .addColumn('stopped_by', 'text', (c) => c.references('users.id'))
    // 'buprenorphine', 'naltrexone_oral', 'naltrexone_extended_release', 'methadone_otp'; null when not MAT.
    .addColumn('mat_type', 'text')
    // The opioid treatment program dispensing methadone.
    .addColumn('otp_name', 'text')
    .addColumn('notes', 'text')
    // Entered in error: kept for the record and the audit trail, hidden from the list.
    .addColumn('removed_at', 'text')
    .addColumn('removed_by', 'text', (c) => c.references('users.id'))
    .addColumn('removed_reason', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('medications_patient')
    .on('medications')
    .columns(['patient_id', 'started_on'])
    .execute();

  await db.schema
    .createTable('drug_screens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    // The screen's first record; every correction carries it, so the screen keeps one identity.
    .addColumn('original_id', 'text', (c) => c.notNull())
    // The row this one corrects (supersedes); at most one correction per row, so corrections never fork.
    .addColumn('corrects_id', 'text', (c) => c.references('drug_screens.id').unique())
    .addColumn('correction_reason', 'text')
    // The row's date: the collection date at the site.
    .addColumn('collected_on', 'text', (c) => c.notNull())
    // 'urine', 'oral_fluid', 'blood', 'hair'.
    .addColumn('specimen', 'text', (c) => c.notNull())
    .addColumn('panel', 'text', (c) => c.notNull())
    // 'presumptive' (point of care) or 'confirmed' (laboratory).
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('refused', 'integer', (c) => c.notNull())
    // JSON [{analyte, result}], one per analyte of the panel as it stood.
    .addColumn('results', 'text', (c) => c.notNull())
    // A laboratory result's presumptive screen (that screen's original_id).
    .addColumn('confirms_id', 'text')
    .addColumn('notes', 'text')
    // JSON: the reading against the medications on the collection date, as it was when recorded.
    .addColumn('interpretation', 'text', (c) => c.notNull())
    .addColumn('needs_review', 'integer', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('drug_screens_patient')
    .on('drug_screens')
    .columns(['patient_id', 'collected_on'])
    .execute();
  await db.schema.createIndex('drug_screens_original').on('drug_screens').column('original_id').execute();
  // Recorded screens are clinical records: corrected by a new row, never updated or deleted.
  await guardAppendOnly(db, 'drug_screens');
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('drug_screens').execute();
  await db.schema.dropTable('medications').execute();
}
