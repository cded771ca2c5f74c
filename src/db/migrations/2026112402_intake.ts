import type { Kysely } from 'kysely';

// Intake, placement and measures (SPEC §2–§4). Portable across SQLite and PostgreSQL like the
// foundation: text ids and instants, integer booleans, JSON as text. Frozen once merged.

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run against the schema of their day, not today's types */
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  // Raising an alert first looks for an unresolved one from the same source (measures raise many).
  await db.schema
    .createIndex('alerts_source')
    .on('alerts')
    .columns(['source_id', 'source_type', 'kind'])
    .execute();

  // An inquiry is anyone who asked about care, before there is a chart: phone call, referral, the
  // public self-check's call-back request. It becomes a patient (patient_id) on conversion.
  await db.schema
    .createTable('inquiries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('stage_changed_at', 'text', (c) => c.notNull())
    .addColumn('close_reason', 'text')
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text')
    .addColumn('date_of_birth', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('preferred_language', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('contact_window', 'text')
    .addColumn('voicemail_ok', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('texts_ok', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('name_clinic_ok', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('consent_to_contact', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('referrer_name', 'text')
    .addColumn('referrer_organization', 'text')
    .addColumn('presenting_concern', 'text')
    .addColumn('substances', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('priority_population', 'text')
    .addColumn('priority_deadline', 'text')
    .addColumn('preferred_schedule', 'text')
    .addColumn('wanted_track_id', 'text', (c) => c.references('tracks.id'))
    .addColumn('waitlisted_at', 'text')
    .addColumn('assessment_at', 'text')
    .addColumn('assigned_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('patient_id', 'text', (c) => c.references('patients.id'))
    .addColumn('notes', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('inquiries_stage')
    .on('inquiries')
    .columns(['stage', 'site_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('inquiries_waitlist')
    .on('inquiries')
    .columns(['waitlisted_at', 'priority_deadline'])
    .execute();
  await db.schema.createIndex('inquiries_patient').on('inquiries').column('patient_id').execute();

  await db.schema
    .createTable('coverages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inquiry_id', 'text', (c) => c.references('inquiries.id'))
    .addColumn('patient_id', 'text', (c) => c.references('patients.id'))
    .addColumn('payer_name', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text')
    .addColumn('authorization_number', 'text')
    .addColumn('authorized_units', 'integer')
    .addColumn('unit_kind', 'text', (c) => c.notNull().defaultTo('days'))
    .addColumn('starts_on', 'text')
    .addColumn('ends_on', 'text')
    .addColumn('verified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('coverages_inquiry').on('coverages').column('inquiry_id').execute();
  await db.schema.createIndex('coverages_patient').on('coverages').column('patient_id').execute();

  // One row per required document (SPEC §2); admission waits until each is complete or waived.
  await db.schema
    .createTable('admission_paperwork')
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('waived_reason', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('admission_paperwork_pk', ['patient_id', 'item'])
    .execute();

  await db.schema
    .createTable('diagnoses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('icd10_code', 'text', (c) => c.notNull())
    .addColumn('substance', 'text', (c) => c.notNull())
    .addColumn('dsm5_criteria', 'integer', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('specifiers', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('diagnosed_on', 'text', (c) => c.notNull())
    .addColumn('diagnosed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('diagnoses_patient')
    .on('diagnoses')
    .columns(['patient_id', 'status'])
    .execute();

  // Versions of the placement rule table; rows are never edited, a new version is added.
  await db.schema
    .createTable('placement_rule_tables')
    .addColumn('version', 'text', (c) => c.primaryKey())
    .addColumn('rows', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('placement_assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inquiry_id', 'text', (c) => c.references('inquiries.id'))
    .addColumn('patient_id', 'text', (c) => c.references('patients.id'))
    .addColumn('episode_id', 'text', (c) => c.references('episodes.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('ratings', 'text')
    .addColumn('rating_notes', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('flags', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('dsm5_criteria', 'integer')
    .addColumn('factors', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('measures', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('result', 'text')
    .addColumn('table_version', 'text')
    .addColumn('recommended_level', 'text')
    .addColumn('decision', 'text')
    .addColumn('final_level', 'text')
    .addColumn('override_reason', 'text')
    .addColumn('drafted_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('signed_by', 'text', (c) => c.references('users.id'))
    .addColumn('signed_at', 'text')
    .addColumn('applied_segment_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('placement_assessments_patient')
    .on('placement_assessments')
    .columns(['patient_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('placement_assessments_inquiry')
    .on('placement_assessments')
    .column('inquiry_id')
    .execute();
  await db.schema
    .createIndex('placement_assessments_decision')
    .on('placement_assessments')
    .columns(['decision', 'signed_at'])
    .execute();

  await db.schema
    .createTable('referrals_out')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inquiry_id', 'text', (c) => c.references('inquiries.id'))
    .addColumn('patient_id', 'text', (c) => c.references('patients.id'))
    .addColumn('assessment_id', 'text', (c) => c.references('placement_assessments.id'))
    .addColumn('to_organization', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('referrals_out_inquiry').on('referrals_out').column('inquiry_id').execute();
  await db.schema.createIndex('referrals_out_patient').on('referrals_out').column('patient_id').execute();

  // A measure is stored item by item with the instrument version that scored it (SPEC §4).
  await db.schema
    .createTable('measure_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('instrument_code', 'text', (c) => c.notNull())
    .addColumn('instrument_version', 'text', (c) => c.notNull())
    .addColumn('total', 'integer')
    .addColumn('band', 'text')
    .addColumn('subscales', 'text')
    .addColumn('flags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('sex', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('administered_by', 'text', (c) => c.references('users.id'))
    .addColumn('administered_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('measure_responses_patient')
    .on('measure_responses')
    .columns(['patient_id', 'instrument_code', 'administered_at'])
    .execute();
  await db.schema
    .createTable('measure_response_items')
    .addColumn('response_id', 'text', (c) => c.notNull().references('measure_responses.id'))
    .addColumn('item_number', 'integer', (c) => c.notNull())
    .addColumn('answer', 'integer', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('measure_response_items_pk', ['response_id', 'item_number'])
    .execute();

  // Which measures a program gives and how often; a patient's due list is computed from it.
  await db.schema
    .createTable('measure_schedules')
    .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
    .addColumn('instrument_code', 'text', (c) => c.notNull())
    .addColumn('at_admission', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('every_days', 'integer')
    .addPrimaryKeyConstraint('measure_schedules_pk', ['program_id', 'instrument_code'])
    .execute();

  // Overdose-risk education and naloxone status for patients with opioid use disorder (SPEC §4).
  await db.schema
    .createTable('overdose_safety')
    .addColumn('patient_id', 'text', (c) => c.primaryKey().references('patients.id'))
    .addColumn('education_given_on', 'text')
    .addColumn('naloxone_status', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  // What closes a safety alert: a documented suicide-risk assessment with a safety plan, or the
  // emergency action taken (SPEC §4).
  await db.schema
    .createTable('safety_assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('alert_id', 'text', (c) => c.references('alerts.id'))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('risk_level', 'text')
    .addColumn('assessment', 'text', (c) => c.notNull())
    .addColumn('safety_plan', 'text')
    .addColumn('emergency_action', 'text')
    .addColumn('documented_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('documented_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('safety_assessments_patient')
    .on('safety_assessments')
    .columns(['patient_id', 'documented_at'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('alerts_source').execute();
  for (const table of [
    'safety_assessments',
    'overdose_safety',
    'measure_schedules',
    'measure_response_items',
    'measure_responses',
    'referrals_out',
    'placement_assessments',
    'placement_rule_tables',
    'diagnoses',
    'admission_paperwork',
    'coverages',
    'inquiries',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
