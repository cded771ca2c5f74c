import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/runtime.js';
import { createDb, type Db } from '../createDb.js';
import { migrateToLatest } from '../migrate.js';
import { freshDatabaseUrl, TEST_DIALECTS, type TestDatabase } from '../testing/testDatabases.js';
import { seedDemo } from './demo.js';

const NOW = new Date('2026-11-24T15:30:00.000Z');

describe.each(TEST_DIALECTS)('demo medications and drug screens on %s', (dialect) => {
  let testDb: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    testDb = await freshDatabaseUrl(dialect);
    db = createDb({ databaseUrl: testDb.url });
    await migrateToLatest(db);
    await seedDemo(db, {
      size: 'clinic',
      hasher: { hash: () => Promise.resolve('not-a-real-hash') },
      clock: fixedClock(NOW),
    });
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  it('gives a few admitted patients MAT (buprenorphine, methadone from an OTP, naltrexone) and other medications', async () => {
    const meds = await db.kysely.selectFrom('medications').selectAll().execute();
    expect(
      meds
        .map((m) => m.mat_type)
        .filter(Boolean)
        .sort(),
    ).toEqual(['buprenorphine', 'buprenorphine', 'methadone_otp', 'naltrexone_extended_release']);
    expect(meds.find((m) => m.mat_type === 'methadone_otp')?.otp_name).toBeTruthy();
    expect(meds.some((m) => m.mat_type === null)).toBe(true);
    for (const m of meds) expect(m.started_on <= '2026-11-24').toBe(true);
  });

  it('gives them weekly screens up to today that detect what they take and need no review', async () => {
    const screens = await db.kysely.selectFrom('drug_screens').selectAll().execute();
    const meds = await db.kysely.selectFrom('medications').select('patient_id').execute();
    expect(new Set(screens.map((s) => s.patient_id))).toEqual(new Set(meds.map((m) => m.patient_id)));
    expect(screens.length).toBeGreaterThanOrEqual(8);
    for (const s of screens) {
      expect(s.collected_on <= '2026-11-24').toBe(true);
      expect(s.needs_review).toBe(0);
      expect(s.original_id).toBe(s.id);
    }
    const bupScreens = screens.filter((s) => s.results.includes('"BUP","result":"positive"'));
    expect(bupScreens.length).toBeGreaterThan(0);
  });
});
