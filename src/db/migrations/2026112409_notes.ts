import type { Kysely } from 'kysely';
import { guardAppendOnly, guardSignedRows } from './rowGuards.js';

// Clinical notes (SPEC §7): chart notes and their addenda, group notes written once, the plan
// objectives each signed note addressed, note templates, and SUD counseling (process) notes kept
// apart from the chart (SPEC §10). Frozen once merged.

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run against the schema of their day, not today's types */
type AnyDb = Kysely<any>;

const NOTE_COLUMNS = [
  'id',
  'patient_id',
  'site_id',
  'episode_id',
  'note_type',
  'template_key',
  'title',
  'author_user_id',
  'service_date',
  'roll_call_id',
  'occurrence_key',
  'minutes',
  'group_note_id',
  'body',
  'objective_ids',
  'status',
  'needs_cosignature',
  'cosigner_user_id',
  'signed_at',
  'cosigned_at',
  'cosigned_by',
  'due_at',
  'created_at',
  'updated_at',
  'version',
];

const GROUP_NOTE_COLUMNS = [
  'id',
  'site_id',
  'roll_call_id',
  'series_id',
  'service_date',
  'title',
  'author_user_id',
  'narrative',
  'attendees',
  'status',
  'signed_at',
  'due_at',
  'created_at',
  'updated_at',
  'version',
];

export async function up(db: AnyDb): Promise<void> {
  // One row per note in one patient's chart. A signed group note leaves one row per attendee here,
  // holding the shared narrative and that attendee's section only.
  await db.schema
    .createTable('clinical_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('episode_id', 'text', (c) => c.references('episodes.id'))
    // intake_assessment | individual | group | family | case_management | medication_management
    .addColumn('note_type', 'text', (c) => c.notNull())
    // Which template's sections the body follows: dap, soap, group, narrative …
    .addColumn('template_key', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('author_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('service_date', 'text', (c) => c.notNull())
    .addColumn('roll_call_id', 'text', (c) => c.references('roll_calls.id'))
    .addColumn('occurrence_key', 'text')
    .addColumn('minutes', 'integer')
    .addColumn('group_note_id', 'text')
    // JSON: { sections: { key: text } }
    .addColumn('body', 'text', (c) => c.notNull())
    // JSON array of treatment-plan objective ids the draft says it addresses.
    .addColumn('objective_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    // draft | signed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('needs_cosignature', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cosigner_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('signed_at', 'text')
    .addColumn('cosigned_at', 'text')
    .addColumn('cosigned_by', 'text', (c) => c.references('users.id'))
    // When the note is late if still unsigned (session end + the clinic's allowance).
    .addColumn('due_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('clinical_notes_chart')
    .on('clinical_notes')
    .columns(['patient_id', 'service_date'])
    .execute();
  await db.schema
    .createIndex('clinical_notes_author_status')
    .on('clinical_notes')
    .columns(['author_user_id', 'status', 'due_at'])
    .execute();
  await db.schema
    .createIndex('clinical_notes_cosigner')
    .on('clinical_notes')
    .columns(['cosigner_user_id', 'cosigned_at'])
    .execute();
  await db.schema
    .createIndex('clinical_notes_roll_call')
    .on('clinical_notes')
    .column('roll_call_id')
    .execute();
  await guardSignedRows(db, {
    table: 'clinical_notes',
    lockedWhen: `old.status <> 'draft'`,
    columns: NOTE_COLUMNS,
    fillOnce: ['cosigned_at', 'cosigned_by'],
  });

  // The group note while it is written: one shared narrative and, in `attendees` (JSON), each
  // attendee's minutes, short section and objectives. It names several patients, so it is never
  // shown in a chart; signing copies each attendee's part into their own clinical_notes row.
  await db.schema
    .createTable('group_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('roll_call_id', 'text', (c) => c.notNull().unique().references('roll_calls.id'))
    .addColumn('series_id', 'text', (c) => c.notNull().references('session_series.id'))
    .addColumn('service_date', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('author_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('narrative', 'text', (c) => c.notNull())
    .addColumn('attendees', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text')
    .addColumn('due_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await guardSignedRows(db, {
    table: 'group_notes',
    lockedWhen: `old.status <> 'draft'`,
    columns: GROUP_NOTE_COLUMNS,
  });

  // After signing, changes are addenda only: each one signed on its own, never edited.
  await db.schema
    .createTable('note_addenda')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('note_id', 'text', (c) => c.notNull().references('clinical_notes.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('author_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('note_addenda_note').on('note_addenda').column('note_id').execute();
  await guardAppendOnly(db, 'note_addenda');

  // Which plan objectives each signed note addressed; plan reviews list these.
  await db.schema
    .createTable('note_objectives')
    .addColumn('note_id', 'text', (c) => c.notNull().references('clinical_notes.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('objective_id', 'text', (c) => c.notNull())
    .addColumn('service_date', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('note_objectives_pk', ['note_id', 'objective_id'])
    .execute();
  await db.schema
    .createIndex('note_objectives_objective')
    .on('note_objectives')
    .columns(['objective_id', 'service_date'])
    .execute();
  await guardAppendOnly(db, 'note_objectives');

  // Clinic-editable templates: the sections each note type asks for.
  await db.schema
    .createTable('note_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('note_type', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // JSON: [{ key, label, hint }]
    .addColumn('sections', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  // SUD counseling (process) notes: the author's own, never in the chart, prints or exports.
  await db.schema
    .createTable('process_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('author_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('service_date', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('process_notes_author')
    .on('process_notes')
    .columns(['author_user_id', 'patient_id'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    'process_notes',
    'note_templates',
    'note_objectives',
    'note_addenda',
    'group_notes',
    'clinical_notes',
  ])
    await db.schema.dropTable(table).execute();
}
