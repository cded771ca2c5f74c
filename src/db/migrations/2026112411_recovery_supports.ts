import type { Kysely } from 'kysely';
import { guardAppendOnly } from './rowGuards.js';

// Recovery supports (SPEC §9): family and support contacts and the family series they join, the
// versioned relapse prevention plan, and case management (needs, referrals to outside
// organisations). Frozen once merged.

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run against the schema of their day, not today's types */
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('support_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    // parent | partner | child | sibling | friend | sponsor | other
    .addColumn('relationship', 'text', (c) => c.notNull())
    // Required for 'other'; otherwise an optional detail ("mother", "AA sponsor").
    .addColumn('relationship_detail', 'text')
    // E.164.
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('emergency_contact', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('in_relapse_plan', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('family_session_participant', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notes', 'text')
    .addColumn('archived_at', 'text')
    .addColumn('archived_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('support_contacts_patient')
    .on('support_contacts')
    .column('patient_id')
    .execute();

  // Which contacts take part in a family series of the patient's (the series is kind 'family').
  await db.schema
    .createTable('family_session_contacts')
    .addColumn('series_id', 'text', (c) => c.notNull().references('session_series.id'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('support_contacts.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('added_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('family_session_contacts_pk', ['series_id', 'contact_id'])
    .execute();
  await db.schema
    .createIndex('family_session_contacts_patient')
    .on('family_session_contacts')
    .column('patient_id')
    .execute();

  // One plan per patient; its content lives in versions.
  await db.schema
    .createTable('relapse_prevention_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().unique().references('patients.id'))
    // The number of the newest version.
    .addColumn('current_version', 'integer', (c) => c.notNull())
    // Shown to the patient in the portal once it exists.
    .addColumn('patient_visible', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // Optimistic concurrency over the whole plan (content and flag).
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  // Every saved change of a plan; written once, never changed (guarded below).
  await db.schema
    .createTable('relapse_prevention_plan_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('relapse_prevention_plans.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('version_number', 'integer', (c) => c.notNull())
    // JSON `PlanContent` (core/recovery/relapsePlan.ts), contacts copied in as they were.
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('saved_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('relapse_prevention_plan_versions_number')
    .on('relapse_prevention_plan_versions')
    .columns(['plan_id', 'version_number'])
    .unique()
    .execute();
  await db.schema
    .createIndex('relapse_prevention_plan_versions_patient')
    .on('relapse_prevention_plan_versions')
    .columns(['patient_id', 'saved_at'])
    .execute();
  await guardAppendOnly(db, 'relapse_prevention_plan_versions');

  await db.schema
    .createTable('case_needs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    // housing | employment | education | legal | transport | childcare | benefits | food
    .addColumn('domain', 'text', (c) => c.notNull())
    // identified | in_progress | met | declined
    .addColumn('status', 'text', (c) => c.notNull())
    // high | medium | low
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('identified_on', 'text', (c) => c.notNull())
    .addColumn('status_changed_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_needs_patient').on('case_needs').column('patient_id').execute();

  await db.schema
    .createTable('community_referrals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    // The need it answers, when there is one.
    .addColumn('need_id', 'text', (c) => c.references('case_needs.id'))
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    // E.164.
    .addColumn('phone', 'text')
    .addColumn('domain', 'text', (c) => c.notNull())
    // planned | sent | accepted | declined | completed | no_show
    .addColumn('status', 'text', (c) => c.notNull())
    // Site-local dates: when it was decided on, sent, and ended.
    .addColumn('referred_on', 'text', (c) => c.notNull())
    .addColumn('sent_on', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('outcome_note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('community_referrals_patient')
    .on('community_referrals')
    .column('patient_id')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('community_referrals').execute();
  await db.schema.dropTable('case_needs').execute();
  await db.schema.dropTable('relapse_prevention_plan_versions').execute();
  await db.schema.dropTable('relapse_prevention_plans').execute();
  await db.schema.dropTable('family_session_contacts').execute();
  await db.schema.dropTable('support_contacts').execute();
}
