import { type Kysely, sql } from 'kysely';
import { guardSignedRows } from './rowGuards.js';

// Treatment plans (SPEC §8): one plan per episode of care, kept as numbered versions. A version's
// content (problems → goals → objectives → interventions) is JSON whose objective ids stay the same
// from version to version, so notes can link to them. Signed versions are locked by the database;
// the patient's signature and the supervisor's co-signature are filled in once afterwards.
// Frozen once merged.

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run against the schema of their day, not today's types */
type AnyDb = Kysely<any>;

const VERSION_COLUMNS = [
  'id',
  'plan_id',
  'patient_id',
  'number',
  'kind',
  'status',
  'content',
  'progress',
  'reviews_version_id',
  'author_user_id',
  'updated_by',
  'signed_at',
  'signed_by',
  'content_hash',
  'needs_cosignature',
  'cosigner_user_id',
  'cosigned_at',
  'cosigned_by',
  'patient_signed_at',
  'created_at',
  'updated_at',
  'version',
];

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('treatment_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('episode_id', 'text', (c) => c.notNull().unique().references('episodes.id'))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('treatment_plans_patient').on('treatment_plans').column('patient_id').execute();

  await db.schema
    .createTable('treatment_plan_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('treatment_plans.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    // initial | review
    .addColumn('kind', 'text', (c) => c.notNull())
    // draft | signed
    .addColumn('status', 'text', (c) => c.notNull())
    // JSON: { problems: [...] }
    .addColumn('content', 'text', (c) => c.notNull())
    // JSON: [{ objectiveId, status, comment }] for a review, [] otherwise.
    .addColumn('progress', 'text', (c) => c.notNull().defaultTo('[]'))
    // The signed version a review reviews.
    .addColumn('reviews_version_id', 'text', (c) => c.references('treatment_plan_versions.id'))
    .addColumn('author_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('signed_at', 'text')
    .addColumn('signed_by', 'text', (c) => c.references('users.id'))
    // SHA-256 of the canonical JSON of what was signed (also on the signature records).
    .addColumn('content_hash', 'text')
    .addColumn('needs_cosignature', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cosigner_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('cosigned_at', 'text')
    .addColumn('cosigned_by', 'text', (c) => c.references('users.id'))
    .addColumn('patient_signed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('treatment_plan_versions_number', ['plan_id', 'number'])
    .execute();
  // One draft per plan at a time: two clinicians starting a review at once get one draft, not two.
  await sql`create unique index treatment_plan_versions_one_draft on treatment_plan_versions (plan_id) where status = 'draft'`.execute(
    db,
  );
  await db.schema
    .createIndex('treatment_plan_versions_patient')
    .on('treatment_plan_versions')
    .columns(['patient_id', 'status'])
    .execute();
  await db.schema
    .createIndex('treatment_plan_versions_cosigner')
    .on('treatment_plan_versions')
    .columns(['cosigner_user_id', 'cosigned_at'])
    .execute();
  await guardSignedRows(db, {
    table: 'treatment_plan_versions',
    lockedWhen: `old.status <> 'draft'`,
    columns: VERSION_COLUMNS,
    fillOnce: ['cosigned_at', 'cosigned_by', 'patient_signed_at'],
  });

  // The clinic's library: a problem with goal questions, objectives and interventions per dimension.
  await db.schema
    .createTable('plan_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    // JSON: { problem, goals: [{ prompt, objectives: [{ statement, targetDays, interventions }] }] }
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of ['plan_templates', 'treatment_plan_versions', 'treatment_plans'])
    await db.schema.dropTable(table).execute();
}
