import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from './createDb.js';
import { migrateToLatest } from './migrate.js';
import { buildPatient, createTestClinic, type TestClinicWithStaff } from './testing/factories.js';
import { freshDatabaseUrl, TEST_DIALECTS, type TestDatabase } from './testing/testDatabases.js';

// SPEC §7: signed rows cannot be updated or deleted — enforced in the database, so raw SQL that
// bypasses every service must fail too.
describe.each(TEST_DIALECTS)('signed clinical records in the database on %s', (dialect) => {
  let database: TestDatabase;
  let db: Db;
  let clinic: TestClinicWithStaff;
  let patientId: string;

  beforeAll(async () => {
    database = await freshDatabaseUrl(dialect);
    db = createDb({ databaseUrl: database.url });
    await migrateToLatest(db);
    clinic = await createTestClinic(db.kysely, { withStaff: true });
    patientId = (await buildPatient(db.kysely, { siteId: clinic.siteId })).id;
  });
  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  const insertNote = async (): Promise<string> => {
    const id = randomUUID();
    await db.kysely
      .insertInto('clinical_notes')
      .values({
        id,
        patient_id: patientId,
        site_id: clinic.siteId,
        episode_id: null,
        note_type: 'individual',
        template_key: 'dap',
        title: 'Individual session',
        author_user_id: clinic.staff.clinician,
        service_date: '2026-11-24',
        roll_call_id: null,
        occurrence_key: null,
        minutes: 50,
        group_note_id: null,
        body: JSON.stringify({ sections: { data: 'draft' } }),
        objective_ids: '[]',
        status: 'draft',
        needs_cosignature: 1,
        cosigner_user_id: clinic.staff.clinical_supervisor,
        signed_at: null,
        cosigned_at: null,
        cosigned_by: null,
        due_at: null,
        created_at: '2026-11-24T15:00:00.000Z',
        updated_at: '2026-11-24T15:00:00.000Z',
        version: 1,
      })
      .execute();
    return id;
  };

  const run = (statement: string) => sql.raw(statement).execute(db.kysely);

  it('leaves drafts editable and deletable', async () => {
    const id = await insertNote();
    await run(
      `update clinical_notes set body = '{"sections":{"data":"edited"}}', version = 2 where id = '${id}'`,
    );
    await run(`delete from clinical_notes where id = '${id}'`);
    const left = await db.kysely.selectFrom('clinical_notes').select('id').where('id', '=', id).execute();
    expect(left).toEqual([]);
  });

  it('refuses to change or delete a signed note, but lets the co-signature be filled once', async () => {
    const id = await insertNote();
    await run(
      `update clinical_notes set status = 'signed', signed_at = '2026-11-24T16:00:00.000Z' where id = '${id}'`,
    );
    await expect(
      run(`update clinical_notes set body = '{"sections":{"data":"changed"}}' where id = '${id}'`),
    ).rejects.toThrow(/signed rows cannot be changed/);
    await expect(run(`update clinical_notes set status = 'draft' where id = '${id}'`)).rejects.toThrow(
      /signed rows/,
    );
    await expect(run(`delete from clinical_notes where id = '${id}'`)).rejects.toThrow(/signed rows/);
    await run(
      `update clinical_notes set cosigned_at = '2026-11-25T09:00:00.000Z', cosigned_by = '${clinic.staff.clinical_supervisor}' where id = '${id}'`,
    );
    await expect(
      run(`update clinical_notes set cosigned_at = '2026-11-26T09:00:00.000Z' where id = '${id}'`),
    ).rejects.toThrow(/signed rows/);
    const row = await db.kysely
      .selectFrom('clinical_notes')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'signed',
      cosigned_at: '2026-11-25T09:00:00.000Z',
      body: '{"sections":{"data":"draft"}}',
    });
  });

  it('keeps addenda, objective links and signatures append-only', async () => {
    const noteId = await insertNote();
    await run(
      `update clinical_notes set status = 'signed', signed_at = '2026-11-24T16:00:00.000Z' where id = '${noteId}'`,
    );
    const addendumId = randomUUID();
    await db.kysely
      .insertInto('note_addenda')
      .values({
        id: addendumId,
        note_id: noteId,
        patient_id: patientId,
        author_user_id: clinic.staff.clinician,
        body: 'Late entry: patient called back.',
        created_at: '2026-11-25T10:00:00.000Z',
      })
      .execute();
    await db.kysely
      .insertInto('signatures')
      .values({
        id: randomUUID(),
        patient_id: patientId,
        subject_type: 'note',
        subject_id: noteId,
        purpose: 'author',
        user_id: clinic.staff.clinician,
        signer_name: 'Test Clinician',
        credential: null,
        method: 'password',
        content_hash: 'ab'.repeat(32),
        signed_at: '2026-11-24T16:00:00.000Z',
      })
      .execute();
    await expect(
      run(`update note_addenda set body = 'rewritten' where id = '${addendumId}'`),
    ).rejects.toThrow(/append-only/);
    await expect(run(`delete from note_addenda where id = '${addendumId}'`)).rejects.toThrow(/append-only/);
    await expect(
      run(`update signatures set content_hash = 'x' where subject_id = '${noteId}'`),
    ).rejects.toThrow(/append-only/);
    await expect(run(`delete from signatures where subject_id = '${noteId}'`)).rejects.toThrow(/append-only/);
    if (dialect === 'postgres') await expect(run('truncate clinical_notes cascade')).rejects.toThrow();
  });
});
