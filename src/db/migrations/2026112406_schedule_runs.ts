import type { Kysely } from 'kysely';

// The weekly scheduler (SPEC §5): per-occurrence bookings layered on series memberships, patients'
// availability, and scheduler runs with their result and diff. Portable like the schedule migration:
// text ids, instants and site-local dates as text, integer booleans, JSON as text. Frozen once merged.

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run against the schema of their day, not today's types */
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  // One change to one occurrence for one patient: `add` books a non-member, `skip` unbooks a member.
  // One row per patient and occurrence; a later change replaces it.
  await db.schema
    .createTable('occurrence_bookings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('series_id', 'text', (c) => c.notNull().references('session_series.id'))
    .addColumn('scheduled_date', 'text', (c) => c.notNull())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('occurrence_bookings_occurrence_patient')
    .on('occurrence_bookings')
    .columns(['series_id', 'scheduled_date', 'patient_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('occurrence_bookings_patient')
    .on('occurrence_bookings')
    .columns(['patient_id', 'scheduled_date'])
    .execute();

  // Weekly windows (site-local weekday and times) when a patient can attend, as JSON.
  await db.schema
    .createTable('patient_schedule_preferences')
    .addColumn('patient_id', 'text', (c) => c.primaryKey().references('patients.id'))
    .addColumn('availability', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('schedule_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('track_id', 'text', (c) => c.references('tracks.id'))
    .addColumn('week_start', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('time_limit_ms', 'integer', (c) => c.notNull())
    .addColumn('input', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('error', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('applied_by', 'text', (c) => c.references('users.id'))
    .addColumn('applied_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('schedule_runs_site_week')
    .on('schedule_runs')
    .columns(['site_id', 'week_start'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of ['schedule_runs', 'patient_schedule_preferences', 'occurrence_bookings']) {
    await db.schema.dropTable(table).execute();
  }
}
