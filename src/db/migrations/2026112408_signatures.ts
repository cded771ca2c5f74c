import type { Kysely } from 'kysely';
import { guardAppendOnly } from './rowGuards.js';

// Signature records for clinical documents (SPEC §7 "Signed"): who signed what, with which
// credential and method, over which content. Frozen once merged.

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run against the schema of their day, not today's types */
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('signatures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    // What was signed: 'note', 'note_addendum', 'plan_version' …, and its id.
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    // 'author', 'cosigner' or 'patient'.
    .addColumn('purpose', 'text', (c) => c.notNull())
    // Staff who signed, or who witnessed a patient signing in person on their device.
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('signer_name', 'text', (c) => c.notNull())
    // The credential as it stood at signing, e.g. "LADC CT-004512, valid through 2027-06-30".
    .addColumn('credential', 'text')
    // 'password', 'totp', 'in_person' (patient on the clinic's device) or 'portal'.
    .addColumn('method', 'text', (c) => c.notNull())
    // SHA-256 of the canonical JSON of the signed content.
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('signatures_subject')
    .on('signatures')
    .columns(['subject_type', 'subject_id'])
    .execute();
  await db.schema
    .createIndex('signatures_once')
    .on('signatures')
    .columns(['subject_type', 'subject_id', 'purpose'])
    .unique()
    .execute();
  await guardAppendOnly(db, 'signatures');
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('signatures').execute();
}
