import { type Kysely, sql } from 'kysely';

// Portable across SQLite and PostgreSQL: text ids and instants, integer booleans, text JSON.
// Frozen once merged: later changes go in new migrations.

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run against the schema of their day, not today's types */
type AnyDb = Kysely<any>;

const isPostgres = async (db: AnyDb): Promise<boolean> => {
  try {
    await sql`select version()`.execute(db);
    return true;
  } catch {
    return false;
  }
};

const now = 'text';

export async function up(db: AnyDb): Promise<void> {
  const pg = await isPostgres(db);

  await db.schema
    .createTable('organizations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', now, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enrolled_at', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('last_login_at', 'text')
    .addColumn('created_at', now, (c) => c.notNull())
    .addColumn('updated_at', now, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('sites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('on_call_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', now, (c) => c.notNull())
    .addColumn('updated_at', now, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('user_sites')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addPrimaryKeyConstraint('user_sites_pk', ['user_id', 'site_id'])
    .execute();

  await db.schema
    .createTable('credentials')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('licence_type', 'text')
    .addColumn('licence_number', 'text')
    .addColumn('licence_state', 'text')
    .addColumn('licence_expires_on', 'text')
    .addColumn('npi', 'text')
    .addColumn('may_diagnose', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('may_sign_placements', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('needs_cosignature', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('supervisor_id', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', now, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('credentials_supervisor').on('credentials').column('supervisor_id').execute();

  await db.schema
    .createTable('programs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level_of_care', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('min_weekly_hours', 'real', (c) => c.notNull())
    .addColumn('max_weekly_hours', 'real')
    .addColumn('typical_weeks_min', 'integer', (c) => c.notNull())
    .addColumn('typical_weeks_max', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', now, (c) => c.notNull())
    .addColumn('updated_at', now, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('tracks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('weekly_pattern', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', now, (c) => c.notNull())
    .addColumn('updated_at', now, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('auth_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', now, (c) => c.notNull())
    .addColumn('last_seen_at', now, (c) => c.notNull())
    .addColumn('expires_at', now, (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('auth_sessions_user').on('auth_sessions').column('user_id').execute();

  await db.schema
    .createTable('mfa_enrolments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('expires_at', now, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', now, (c) => c.notNull())
    .addColumn('expires_at', now, (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .execute();

  await db.schema
    .createTable('patients')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('mrn', 'text', (c) => c.notNull().unique())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('preferred_name', 'text')
    .addColumn('date_of_birth', 'text', (c) => c.notNull())
    .addColumn('sex_at_birth', 'text')
    .addColumn('gender_identity', 'text')
    .addColumn('pronouns', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('address_line', 'text')
    .addColumn('city', 'text')
    .addColumn('state', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('preferred_language', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('voicemail_ok', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('texts_ok', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('name_clinic_ok', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sms_opt_in', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sms_opted_out_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('primary_clinician_id', 'text', (c) => c.references('users.id'))
    .addColumn('priority_population', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', now, (c) => c.notNull())
    .addColumn('updated_at', now, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('patients_site_status').on('patients').columns(['site_id', 'status']).execute();
  await db.schema.createIndex('patients_name').on('patients').columns(['last_name', 'first_name']).execute();
  await db.schema.createIndex('patients_dob').on('patients').column('date_of_birth').execute();

  if (pg) {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create index patients_search_trgm on patients using gin (search_text gin_trgm_ops)`.execute(db);
  } else {
    // External-content FTS5 keyed by the patients rowid. Backups use SQLite's page-copying backup API,
    // which keeps rowids; a manual VACUUM must be followed by: INSERT INTO patients_fts(patients_fts) VALUES('rebuild').
    await sql`create virtual table patients_fts using fts5(search_text, content='patients', content_rowid='rowid', tokenize='trigram')`.execute(
      db,
    );
    await sql`create trigger patients_fts_ai after insert on patients begin
      insert into patients_fts(rowid, search_text) values (new.rowid, new.search_text); end`.execute(db);
    await sql`create trigger patients_fts_ad after delete on patients begin
      insert into patients_fts(patients_fts, rowid, search_text) values ('delete', old.rowid, old.search_text); end`.execute(
      db,
    );
    await sql`create trigger patients_fts_au after update of search_text on patients begin
      insert into patients_fts(patients_fts, rowid, search_text) values ('delete', old.rowid, old.search_text);
      insert into patients_fts(rowid, search_text) values (new.rowid, new.search_text); end`.execute(db);
  }

  await db.schema
    .createTable('caseload_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('assigned_at', now, (c) => c.notNull())
    .addColumn('assigned_by', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema
    .createIndex('caseload_user')
    .on('caseload_assignments')
    .columns(['user_id', 'ended_at'])
    .execute();
  await db.schema.createIndex('caseload_patient').on('caseload_assignments').column('patient_id').execute();

  await db.schema
    .createTable('episodes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('admitted_on', 'text', (c) => c.notNull())
    .addColumn('discharged_on', 'text')
    .addColumn('discharge_type', 'text')
    .addColumn('discharge_note', 'text')
    .addColumn('discharge_backdate_reason', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', now, (c) => c.notNull())
    .addColumn('updated_at', now, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('episodes_patient').on('episodes').column('patient_id').execute();

  await db.schema
    .createTable('enrolment_segments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('episode_id', 'text', (c) => c.notNull().references('episodes.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
    .addColumn('track_id', 'text', (c) => c.references('tracks.id'))
    .addColumn('level_of_care', 'text', (c) => c.notNull())
    .addColumn('start_on', 'text', (c) => c.notNull())
    .addColumn('end_on', 'text')
    .addColumn('primary_clinician_id', 'text', (c) => c.notNull().references('users.id'))
    // Filled by the placement assessment module; nullable until then.
    .addColumn('assessment_id', 'text')
    .addColumn('change_kind', 'text', (c) => c.notNull())
    .addColumn('change_reason', 'text')
    .addColumn('backdate_reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', now, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('segments_episode').on('enrolment_segments').column('episode_id').execute();
  await db.schema
    .createIndex('segments_patient_current')
    .on('enrolment_segments')
    .columns(['patient_id', 'end_on'])
    .execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.references('patients.id'))
    .addColumn('site_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('source_type', 'text')
    .addColumn('source_id', 'text')
    .addColumn('recipient_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('raised_at', now, (c) => c.notNull())
    .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalate_at', 'text')
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text')
    .addColumn('resolution_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('alerts_recipient')
    .on('alerts')
    .columns(['recipient_user_id', 'status'])
    .execute();
  await db.schema.createIndex('alerts_patient').on('alerts').columns(['patient_id', 'status']).execute();
  await db.schema.createIndex('alerts_escalation').on('alerts').columns(['status', 'escalate_at']).execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.references('patients.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('owner_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source_type', 'text')
    .addColumn('source_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', now, (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('completed_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('tasks_owner')
    .on('tasks')
    .columns(['owner_user_id', 'status', 'due_at'])
    .execute();
  await db.schema.createIndex('tasks_patient').on('tasks').column('patient_id').execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', now, (c) => c.notNull())
    .addColumn('updated_at', now, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at']).execute();

  if (pg) {
    await sql`create table audit_events (
      seq bigint generated always as identity primary key,
      id text not null unique, at text not null, actor_user_id text, actor_role text, action text not null,
      patient_ids text not null, record_type text, record_id text, ip text, request_id text, detail text,
      chain_pos bigint unique, prev_hash text, hash text)`.execute(db);
  } else {
    await sql`create table audit_events (
      seq integer primary key autoincrement,
      id text not null unique, at text not null, actor_user_id text, actor_role text, action text not null,
      patient_ids text not null, record_type text, record_id text, ip text, request_id text, detail text,
      chain_pos integer unique, prev_hash text, hash text)`.execute(db);
  }
  await db.schema.createIndex('audit_events_unsealed').on('audit_events').columns(['hash', 'seq']).execute();

  await db.schema
    .createTable('audit_patient_index')
    .addColumn('audit_id', 'text', (c) => c.notNull())
    .addColumn('patient_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_patient_index_patient')
    .on('audit_patient_index')
    .columns(['patient_id', 'at'])
    .execute();

  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('chain_pos', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('break_glass_grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createIndex('break_glass_user_patient')
    .on('break_glass_grants')
    .columns(['user_id', 'patient_id'])
    .execute();

  await db.schema
    .createTable('disclosures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('information', 'text', (c) => c.notNull())
    .addColumn('consent_id', 'text')
    .addColumn('disclosed_at', 'text', (c) => c.notNull())
    .addColumn('disclosed_by', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('disclosures_patient').on('disclosures').column('patient_id').execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await db.schema
    .createTable('counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();

  // "Who looked at this patient" reads this index; the database fills it from each event's patient list,
  // so recording an event is one statement for the application.
  if (pg) {
    await sql`create function audit_events_index_patients() returns trigger language plpgsql as $$
      begin
        insert into audit_patient_index (audit_id, patient_id, at)
          select new.id, patient_id, new.at from jsonb_array_elements_text(new.patient_ids::jsonb) as patient_id;
        return new;
      end $$`.execute(db);
    await sql`create trigger audit_events_index_patients after insert on audit_events for each row execute function audit_events_index_patients()`.execute(
      db,
    );
  } else {
    await sql`create trigger audit_events_index_patients after insert on audit_events begin
      insert into audit_patient_index (audit_id, patient_id, at) select new.id, value, new.at from json_each(new.patient_ids); end`.execute(
      db,
    );
  }

  await appendOnly(db, pg, 'audit_events', { allowSealing: true });
  await appendOnly(db, pg, 'audit_patient_index', { allowSealing: false });
  await appendOnly(db, pg, 'audit_checkpoints', { allowSealing: false });
  await appendOnly(db, pg, 'disclosures', { allowSealing: false });
}

/**
 * Append-only enforced in the database, not only in code. On audit_events the sealer may fill
 * chain_pos, prev_hash and hash once on a row not yet sealed; nothing else may change, ever.
 */
const appendOnly = async (
  db: AnyDb,
  pg: boolean,
  table: string,
  { allowSealing }: { allowSealing: boolean },
) => {
  const sealColumns = ['chain_pos', 'prev_hash', 'hash'];
  if (pg) {
    const sealOk = allowSealing
      ? `if tg_op = 'UPDATE' and old.hash is null and (to_jsonb(new) - '${sealColumns.join("' - '")}') = (to_jsonb(old) - '${sealColumns.join("' - '")}') then return new; end if;`
      : '';
    await sql
      .raw(
        `create function ${table}_append_only() returns trigger language plpgsql as $$
        begin ${sealOk} raise exception '${table} is append-only'; end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${table}_append_only before update or delete on ${table} for each row execute function ${table}_append_only()`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${table}_no_truncate before truncate on ${table} for each statement execute function ${table}_append_only()`,
      )
      .execute(db);
    return;
  }
  await sql
    .raw(
      `create trigger ${table}_no_delete before delete on ${table} begin select raise(abort, '${table} is append-only'); end`,
    )
    .execute(db);
  if (allowSealing) {
    const dataColumns = [
      'seq',
      'id',
      'at',
      'actor_user_id',
      'actor_role',
      'action',
      'patient_ids',
      'record_type',
      'record_id',
      'ip',
      'request_id',
      'detail',
    ];
    const changed = dataColumns.map((c) => `new.${c} is not old.${c}`).join(' or ');
    await sql
      .raw(
        `create trigger ${table}_seal_only before update on ${table} when old.hash is not null or ${changed}
         begin select raise(abort, '${table} is append-only'); end`,
      )
      .execute(db);
  } else {
    await sql
      .raw(
        `create trigger ${table}_no_update before update on ${table} begin select raise(abort, '${table} is append-only'); end`,
      )
      .execute(db);
  }
};

export async function down(db: AnyDb): Promise<void> {
  const pg = await isPostgres(db);
  const tables = [
    'counters',
    'settings',
    'disclosures',
    'break_glass_grants',
    'audit_checkpoints',
    'audit_patient_index',
    'audit_events',
    'jobs',
    'tasks',
    'alerts',
    'enrolment_segments',
    'episodes',
    'caseload_assignments',
  ];
  for (const table of tables) await db.schema.dropTable(table).execute();
  if (!pg) await sql`drop table patients_fts`.execute(db);
  for (const table of [
    'patients',
    'api_tokens',
    'mfa_enrolments',
    'auth_sessions',
    'tracks',
    'programs',
    'credentials',
    'user_sites',
    'sites',
    'users',
    'organizations',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  if (pg) {
    for (const table of ['audit_events', 'audit_patient_index', 'audit_checkpoints', 'disclosures']) {
      await sql.raw(`drop function if exists ${table}_append_only()`).execute(db);
    }
    await sql`drop function if exists audit_events_index_patients()`.execute(db);
  }
}
