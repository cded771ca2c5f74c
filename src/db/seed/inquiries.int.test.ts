import { hash } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_STAGES } from '../../core/intake/stages.js';
import { fixedClock } from '../../core/runtime.js';
import { createDb, type Db } from '../createDb.js';
import { migrateToLatest } from '../migrate.js';
import { freshDatabaseUrl, TEST_DIALECTS, type TestDatabase } from '../testing/testDatabases.js';
import { seedDemo } from './demo.js';
import { BENCH_OPEN_INQUIRIES, topUpBenchInquiries } from './inquiries.js';

const NOW = new Date('2026-11-24T15:30:00.000Z');
const hasher = { hash: (password: string) => hash(password) };

describe.each(TEST_DIALECTS)('seeded inquiries on %s', (dialect) => {
  let testDb: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    testDb = await freshDatabaseUrl(dialect);
    db = createDb({ databaseUrl: testDb.url });
    await migrateToLatest(db);
    await seedDemo(db, { size: 'clinic', hasher, clock: fixedClock(NOW) });
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  it('gives the demo clinic a dozen inquiries over the whole pipeline', async () => {
    const inquiries = await db.kysely.selectFrom('inquiries').selectAll().execute();
    expect(inquiries.length).toBeGreaterThanOrEqual(10);
    expect(inquiries.length).toBeLessThanOrEqual(14);
    expect(new Set(inquiries.map((i) => i.stage))).toEqual(
      new Set(['new', 'screened', 'assessment_scheduled', 'assessed', 'admitted', 'referred_out', 'closed']),
    );
    const pregnantWaiting = inquiries.find(
      (i) => i.priority_population === 'pregnant' && i.waitlisted_at !== null,
    );
    expect(pregnantWaiting?.priority_deadline).toBe(
      new Date(Date.parse(pregnantWaiting?.created_at ?? '') + 48 * 3_600_000).toISOString(),
    );
    expect(inquiries.some((i) => i.source === 'referral' && i.referrer_organization !== null)).toBe(true);
    expect(inquiries.find((i) => i.stage === 'closed')?.close_reason).toBeTruthy();
    const admitted = inquiries.find((i) => i.stage === 'admitted');
    expect(admitted?.patient_id).not.toBeNull();
    for (const i of inquiries) {
      expect(i.created_at <= NOW.toISOString()).toBe(true);
      expect(i.stage_changed_at >= i.created_at).toBe(true);
      if (i.waitlisted_at !== null) expect(OPEN_STAGES).toContain(i.stage);
    }
    const coverages = await db.kysely.selectFrom('coverages').select('inquiry_id').execute();
    expect(coverages.length).toBeGreaterThanOrEqual(2);
    const event = await db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('record_type', '=', 'inquiry')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ action: 'demo.seed', actor_role: 'system', actor_user_id: null });
  });

  it('tops a data set up to the bench’s open inquiries, once', async () => {
    const added = await topUpBenchInquiries(db.kysely, NOW);
    const open = await db.kysely
      .selectFrom('inquiries')
      .select(['stage', 'site_id', 'priority_deadline', 'waitlisted_at'])
      .where('stage', 'in', [...OPEN_STAGES])
      .execute();
    expect(open).toHaveLength(BENCH_OPEN_INQUIRIES);
    expect(added).toBeGreaterThan(1900);
    expect(open.filter((i) => i.priority_deadline !== null).length).toBeGreaterThan(40);
    expect(open.filter((i) => i.waitlisted_at !== null).length).toBeGreaterThan(200);
    expect(new Set(open.map((i) => i.stage))).toEqual(new Set(OPEN_STAGES));
    expect(await topUpBenchInquiries(db.kysely, NOW)).toBe(0);
  });
});
