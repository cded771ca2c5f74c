import { type Kysely, sql } from 'kysely';

// "Who looked at this patient" reads audit_patient_index. A trigger used to fill it on every audit
// insert, so a list naming 500 patients paid for 500 index inserts before it could answer. The sealer
// now writes those rows in its batches, off the request path; events still unsealed are found through
// the partial index on unsealed rows. Rows from `audit_index_from_seq` on are indexed by the sealer;
// earlier ones were indexed by the trigger. Frozen once merged.

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run against the schema of their day, not today's types */
type AnyDb = Kysely<any>;

const AUDIT_INDEX_FROM_SEQ = 'audit_index_from_seq';

const isPostgres = async (db: AnyDb): Promise<boolean> => {
  try {
    await sql`select version()`.execute(db);
    return true;
  } catch {
    return false;
  }
};

export async function up(db: AnyDb): Promise<void> {
  const pg = await isPostgres(db);
  if (pg) {
    await sql`drop trigger audit_events_index_patients on audit_events`.execute(db);
    await sql`drop function audit_events_index_patients()`.execute(db);
  } else {
    await sql`drop trigger audit_events_index_patients`.execute(db);
  }
  await sql`insert into counters (name, value)
    select ${AUDIT_INDEX_FROM_SEQ}, coalesce(max(seq), 0) + 1 from audit_events`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  const pg = await isPostgres(db);
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
  await db.deleteFrom('counters').where('name', '=', AUDIT_INDEX_FROM_SEQ).execute();
}
