import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/runtime.js';
import { createDb, type Db } from '../../db/createDb.js';
import { migrateToLatest } from '../../db/migrate.js';
import {
  buildPatient,
  createTestClinic,
  createUser,
  type TestClinicWithStaff,
} from '../../db/testing/factories.js';
import { freshDatabaseUrl, TEST_DIALECTS, type TestDatabase } from '../../db/testing/testDatabases.js';
import { loadActor } from '../auth/actor.js';
import { argon2Hasher } from '../auth/passwords.js';
import { loadConfig } from '../config.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { completeTask, createTask, type CreateTaskInput, createTaskForActor, listMyTasks } from './tasks.js';

const NOW = new Date('2026-11-17T15:00:00.000Z');

describe.each(TEST_DIALECTS)('tasks service on %s', (dialect) => {
  let database: TestDatabase;
  let db: Db;
  let deps: AppDeps;
  let clock: ReturnType<typeof fixedClock>;
  let clinic: TestClinicWithStaff;

  beforeAll(async () => {
    database = await freshDatabaseUrl(dialect);
    db = createDb({ databaseUrl: database.url });
    await migrateToLatest(db);
    clock = fixedClock(NOW);
    deps = {
      db,
      config: loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' }),
      clock,
      hasher: argon2Hasher,
    };
    clinic = await createTestClinic(db, { withStaff: true });
  });
  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  const ctxFor = async (userId: string): Promise<RequestContext> => {
    const actor = await loadActor(db, userId);
    if (!actor) throw new Error('inactive test user');
    return { actor, ip: '127.0.0.1', requestId: 'test-request' };
  };

  const create = (input: Partial<CreateTaskInput> & { ownerUserId: string }) =>
    db.kysely
      .transaction()
      .execute((trx) =>
        createTask(
          trx,
          deps,
          { patientId: null, title: 'Call the referral source', dueAt: '2026-11-18T15:00:00.000Z', ...input },
          clock.now(),
        ),
      );

  const audits = (action: string, recordId: string) =>
    db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', action)
      .where('record_id', '=', recordId)
      .execute();

  it('creates a task linked to its source, audited, and returns an open duplicate instead of a second', async () => {
    const patient = await buildPatient(db, {
      siteId: clinic.siteId,
      primaryClinicianId: clinic.staff.clinician,
    });
    const input = {
      ownerUserId: clinic.staff.case_manager,
      patientId: patient.id,
      title: '30-day follow-up call',
      sourceType: 'episode',
      sourceId: 'episode-1',
    };
    const first = await create(input);
    expect(first).toMatchObject({ ownerUserId: clinic.staff.case_manager, deduplicated: false });
    expect(await create(input)).toEqual({ ...first, deduplicated: true });
    // The same source may give the same person a different task.
    expect((await create({ ...input, title: '90-day follow-up call' })).deduplicated).toBe(false);
    const [event] = await audits('task.create', first.id);
    expect(JSON.parse(event?.patient_ids ?? '[]')).toEqual([patient.id]);
    expect(event?.actor_user_id).toBeNull();
  });

  it('refuses an inactive or non-staff owner, a bad due date and a blank title', async () => {
    const inactive = await createUser(db, { role: 'clinician', siteIds: [clinic.siteId], active: false });
    const portalUser = await createUser(db, { role: 'patient' });
    await expect(create({ ownerUserId: inactive })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: '/ownerUserId' }],
    });
    await expect(create({ ownerUserId: portalUser })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: '/ownerUserId' }],
    });
    await expect(create({ ownerUserId: clinic.staff.clinician, dueAt: 'next week' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: '/dueAt' }],
    });
    await expect(create({ ownerUserId: clinic.staff.clinician, title: ' ' })).rejects.toMatchObject({
      fields: [{ field: '/title' }],
    });
  });

  it('creates a task for myself by default, checking I may read the patient', async () => {
    const patient = await buildPatient(db, {
      siteId: clinic.siteId,
      primaryClinicianId: clinic.staff.clinician,
      firstName: 'Eli',
      lastName: 'Stone',
    });
    const clinician = await ctxFor(clinic.staff.clinician);
    const task = await createTaskForActor(deps, clinician, {
      title: 'Send the intake packet',
      dueAt: '2026-11-19T14:00:00.000Z',
      patientId: patient.id,
    });
    expect(task).toMatchObject({
      owner: { id: clinic.staff.clinician },
      patientName: 'Stone, Eli',
      status: 'open',
      overdue: false,
      version: 1,
    });
    const [event] = await audits('task.create', task.id);
    expect(event).toMatchObject({ actor_user_id: clinic.staff.clinician, request_id: 'test-request' });

    // A clinician with no relationship to the patient cannot see them at all.
    const stranger = await createUser(db, { role: 'clinician', siteIds: [clinic.siteId] });
    await expect(
      createTaskForActor(deps, await ctxFor(stranger), {
        title: 'x',
        dueAt: '2026-11-19T14:00:00.000Z',
        patientId: patient.id,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Nor can I hand a patient's task to someone who cannot see the patient.
    await expect(
      createTaskForActor(deps, clinician, {
        title: 'x',
        dueAt: '2026-11-19T14:00:00.000Z',
        patientId: patient.id,
        ownerUserId: stranger,
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: '/ownerUserId' }] });
    // The front desk may see the patient's demographics, so may own a scheduling task.
    const forDesk = await createTaskForActor(deps, clinician, {
      title: 'Book the family session',
      dueAt: '2026-11-19T14:00:00.000Z',
      patientId: patient.id,
      ownerUserId: clinic.staff.front_desk,
    });
    expect(forDesk.owner.id).toBe(clinic.staff.front_desk);
  });

  it('lists my worklist soonest due first, flags overdue tasks with the clock, and audits every patient shown', async () => {
    const owner = await createUser(db, {
      role: 'case_manager',
      siteIds: [clinic.siteId],
      supervisorId: clinic.staff.clinical_supervisor,
    });
    const patient = await buildPatient(db, { siteId: clinic.siteId, caseloadUserIds: [owner] });
    const late = await create({
      ownerUserId: owner,
      patientId: patient.id,
      title: 'Late',
      dueAt: '2026-11-16T15:00:00.000Z',
    });
    const soon = await create({ ownerUserId: owner, title: 'Soon', dueAt: '2026-11-18T15:00:00.000Z' });
    const ctx = await ctxFor(owner);
    const list = await listMyTasks(deps, ctx, {});
    expect(list.map((t) => [t.id, t.overdue])).toEqual([
      [late.id, true],
      [soon.id, false],
    ]);
    clock.set(new Date('2026-11-19T00:00:00.000Z'));
    try {
      expect((await listMyTasks(deps, ctx, { status: 'open' })).every((t) => t.overdue)).toBe(true);
    } finally {
      clock.set(NOW);
    }
    const events = await db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'task.list')
      .where('actor_user_id', '=', owner)
      .execute();
    expect(events).toHaveLength(2);
    expect(JSON.parse(events[0]?.patient_ids ?? '[]')).toEqual([patient.id]);

    await completeTask(deps, ctx, late.id, { version: 1 });
    expect(
      (await listMyTasks(deps, ctx, { status: 'done' })).map((t) => [t.id, t.overdue, t.status]),
    ).toEqual([[late.id, false, 'done']]);
  });

  it("completes by the owner or the owner's supervisor only, with optimistic concurrency", async () => {
    const patient = await buildPatient(db, {
      siteId: clinic.siteId,
      primaryClinicianId: clinic.staff.clinician,
    });
    const mine = await create({ ownerUserId: clinic.staff.clinician, patientId: patient.id, title: 'Mine' });
    const forSupervisor = await create({
      ownerUserId: clinic.staff.clinician,
      patientId: patient.id,
      title: 'Supervisor closes',
    });
    const owner = await ctxFor(clinic.staff.clinician);

    await expect(completeTask(deps, owner, mine.id, { version: 2 })).rejects.toMatchObject({
      code: 'STALE_VERSION',
      extra: { currentVersion: 1 },
    });
    clock.set(new Date('2026-11-17T16:00:00.000Z'));
    const done = await completeTask(deps, owner, mine.id, { version: 1 });
    clock.set(NOW);
    expect(done).toMatchObject({ status: 'done', completedAt: '2026-11-17T16:00:00.000Z', version: 2 });
    await expect(completeTask(deps, owner, mine.id, { version: 2 })).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
    expect(await audits('task.complete', mine.id)).toHaveLength(1);

    expect(
      (
        await completeTask(deps, await ctxFor(clinic.staff.clinical_supervisor), forSupervisor.id, {
          version: 1,
        })
      ).status,
    ).toBe('done');

    const other = await create({
      ownerUserId: clinic.staff.clinician,
      patientId: patient.id,
      title: 'Not yours',
    });
    // The director may read the patient's alerts and tasks but does not own this one.
    await expect(
      completeTask(deps, await ctxFor(clinic.staff.program_director), other.id, { version: 1 }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      completeTask(deps, await ctxFor(clinic.staff.front_desk), other.id, { version: 1 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      completeTask(deps, owner, '00000000-0000-4000-8000-000000000000', { version: 1 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
