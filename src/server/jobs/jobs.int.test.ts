import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/runtime.js';
import { createDb, type Db } from '../../db/createDb.js';
import { createJobRunner } from '../../db/jobs.js';
import { migrateToLatest } from '../../db/migrate.js';
import { buildPatient, createTestClinic, type TestClinicWithStaff } from '../../db/testing/factories.js';
import { freshDatabaseUrl, TEST_DIALECTS, type TestDatabase } from '../../db/testing/testDatabases.js';
import { argon2Hasher } from '../auth/passwords.js';
import { loadConfig } from '../config.js';
import type { AppDeps } from '../deps.js';
import { raiseAlert } from '../services/alerts.js';
import { ESCALATE_ALERTS_JOB, PURGE_JOBS_JOB, registerJobHandlers, scheduleRecurringJobs } from './index.js';

/** Tuesday 17 November 2026, 10:00:20 in New York. */
const NOW = new Date('2026-11-17T15:00:20.000Z');

describe.each(TEST_DIALECTS)('recurring jobs on %s', (dialect) => {
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

  const pendingKeys = async () =>
    (
      await db.kysely
        .selectFrom('jobs')
        .select('dedupe_key')
        .where('status', '=', 'pending')
        .orderBy('run_at')
        .orderBy('dedupe_key')
        .execute()
    ).map((j) => j.dedupe_key);

  it('schedules one escalation run per minute however often it is called', async () => {
    await scheduleRecurringJobs(db, NOW);
    await scheduleRecurringJobs(db, NOW);
    await scheduleRecurringJobs(db, new Date(NOW.getTime() + 30_000));
    expect(await pendingKeys()).toEqual([
      `${PURGE_JOBS_JOB}:2026-11-17`,
      `${ESCALATE_ALERTS_JOB}:2026-11-17T15:00`,
      `${ESCALATE_ALERTS_JOB}:2026-11-17T15:01`,
    ]);
  });

  it('escalates due alerts through the runner and keeps the schedule going', async () => {
    const patient = await buildPatient(db, {
      siteId: clinic.siteId,
      primaryClinicianId: clinic.staff.clinician,
    });
    const raised = await db.kysely
      .transaction()
      .execute((trx) =>
        raiseAlert(
          trx,
          deps,
          { patientId: patient.id, kind: 'safety', severity: 'urgent', title: 'Safety item needs review' },
          NOW,
        ),
      );
    const runner = createJobRunner({ db, clock, handlers: registerJobHandlers(deps) });

    expect(await runner.runDue()).toMatchObject({ claimed: 2, succeeded: 2 });
    expect(
      (
        await db.kysely
          .selectFrom('alerts')
          .select('recipient_user_id')
          .where('id', '=', raised.id)
          .executeTakeFirstOrThrow()
      ).recipient_user_id,
    ).toBe(clinic.staff.clinician);

    // Two opening hours later (12:00:20 in New York), the minute's run moves the alert to the supervisor.
    clock.set(new Date('2026-11-17T17:00:20.000Z'));
    expect(await runner.runDue()).toMatchObject({ claimed: 1, succeeded: 1 });
    expect(
      await db.kysely
        .selectFrom('alerts')
        .select(['recipient_user_id', 'escalation_level'])
        .where('id', '=', raised.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({
      recipient_user_id: clinic.staff.clinical_supervisor,
      escalation_level: 1,
    });
    // Each run enqueues the next minute's.
    expect(await pendingKeys()).toContain(`${ESCALATE_ALERTS_JOB}:2026-11-17T17:01`);
  });
});
