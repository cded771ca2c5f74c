import type { Kysely } from 'kysely';

// Schedule, roll call and hours (SPEC §5–§6). Portable across SQLite and PostgreSQL like the
// foundation: text ids, instants and site-local dates as text, integer booleans, JSON as text.
// Frozen once merged.

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run against the schema of their day, not today's types */
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('rooms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('seats', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('rooms_site').on('rooms').columns(['site_id', 'name']).unique().execute();

  // A recurring session (or a one-off: starts_on = ends_on). Times are site-local wall-clock times;
  // occurrences are expanded in the site's zone when read, never stored.
  await db.schema
    .createTable('session_series')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('program_id', 'text', (c) => c.references('programs.id'))
    .addColumn('track_id', 'text', (c) => c.references('tracks.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('clinician_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('room_id', 'text', (c) => c.references('rooms.id'))
    .addColumn('telehealth_url', 'text')
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('enrolment', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull().defaultTo('adult'))
    .addColumn('gender', 'text')
    .addColumn('weekdays', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('every_weeks', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('archived_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('session_series_site')
    .on('session_series')
    .columns(['site_id', 'starts_on'])
    .execute();
  await db.schema
    .createIndex('session_series_clinician')
    .on('session_series')
    .column('clinician_id')
    .execute();
  await db.schema.createIndex('session_series_track').on('session_series').column('track_id').execute();

  // One occurrence cancelled or moved, named by the date the pattern puts it on.
  await db.schema
    .createTable('series_exceptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('series_id', 'text', (c) => c.notNull().references('session_series.id'))
    .addColumn('scheduled_date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('to_date', 'text')
    .addColumn('to_start_time', 'text')
    .addColumn('duration_minutes', 'integer')
    .addColumn('room_id', 'text', (c) => c.references('rooms.id'))
    .addColumn('clinician_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('series_exceptions_date')
    .on('series_exceptions')
    .columns(['series_id', 'scheduled_date'])
    .unique()
    .execute();

  // Rolling groups: a patient is booked from joined_on (inclusive) to left_on (exclusive).
  await db.schema
    .createTable('series_memberships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('series_id', 'text', (c) => c.notNull().references('session_series.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('joined_on', 'text', (c) => c.notNull())
    .addColumn('left_on', 'text')
    .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('ended_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('series_memberships_series')
    .on('series_memberships')
    .columns(['series_id', 'left_on'])
    .execute();
  await db.schema
    .createIndex('series_memberships_patient')
    .on('series_memberships')
    .columns(['patient_id', 'left_on'])
    .execute();

  // Holidays and other closures: whole site-local days, or a span of instants (a snow afternoon).
  await db.schema
    .createTable('clinic_closures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('from_date', 'text')
    .addColumn('to_date', 'text')
    .addColumn('starts_at', 'text')
    .addColumn('ends_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text')
    .execute();
  await db.schema
    .createIndex('clinic_closures_site')
    .on('clinic_closures')
    .columns(['site_id', 'from_date'])
    .execute();

  // Program, state and payer caps that narrow a session's capacity (SPEC §5).
  await db.schema
    .createTable('capacity_caps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('max_patients', 'integer', (c) => c.notNull())
    .addColumn('conditions', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  // The roll call of one occurrence; its attendance rows are the minutes everything else reads.
  await db.schema
    .createTable('roll_calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('occurrence_key', 'text', (c) => c.notNull().unique())
    .addColumn('series_id', 'text', (c) => c.notNull().references('session_series.id'))
    .addColumn('scheduled_date', 'text', (c) => c.notNull())
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cancellation_reason', 'text')
    .addColumn('actual_start_at', 'text', (c) => c.notNull())
    .addColumn('actual_end_at', 'text', (c) => c.notNull())
    .addColumn('leader_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('roll_calls_series')
    .on('roll_calls')
    .columns(['series_id', 'scheduled_date'])
    .execute();

  await db.schema
    .createTable('attendance_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('roll_call_id', 'text', (c) => c.notNull().references('roll_calls.id'))
    .addColumn('occurrence_key', 'text', (c) => c.notNull())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('start_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('late_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('left_early_at', 'text')
    .addColumn('mode', 'text')
    .addColumn('patient_location', 'text')
    .addColumn('absence_reason', 'text')
    .addColumn('booked', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('unbooked_kind', 'text')
    .addColumn('make_up_for', 'text')
    .execute();
  await db.schema
    .createIndex('attendance_records_occurrence_patient')
    .on('attendance_records')
    .columns(['occurrence_key', 'patient_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('attendance_records_patient_date')
    .on('attendance_records')
    .columns(['patient_id', 'local_date'])
    .execute();

  // Revocable secret iCal URLs (patient opt-in, clinician); only the token's hash is kept.
  await db.schema
    .createTable('calendar_feeds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createIndex('calendar_feeds_owner')
    .on('calendar_feeds')
    .columns(['owner_kind', 'owner_id'])
    .execute();

  // Step-down tapers suppress weekly-minimum alerts for a while (SPEC §6).
  await db.schema
    .createTable('attendance_tapers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('weeks', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('attendance_tapers_patient')
    .on('attendance_tapers')
    .column('patient_id')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    'attendance_tapers',
    'calendar_feeds',
    'attendance_records',
    'roll_calls',
    'capacity_caps',
    'clinic_closures',
    'series_memberships',
    'series_exceptions',
    'session_series',
    'rooms',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
