import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_INSTRUMENTS, reliableWorsening, scoreInstrument } from '../../core/measures/index.js';
import { fixedClock } from '../../core/runtime.js';
import { createDb, type Db } from '../createDb.js';
import { migrateToLatest } from '../migrate.js';
import { freshDatabaseUrl, TEST_DIALECTS, type TestDatabase } from '../testing/testDatabases.js';
import { seedDemo } from './demo.js';

const NOW = new Date('2026-11-24T15:30:00.000Z');

describe.each(TEST_DIALECTS)('demo measures seed on %s', (dialect) => {
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

  it('gives every program the default schedule: PHQ-9 and GAD-7 at admission and every 14 days, BAM every 30', async () => {
    const programs = await db.kysely.selectFrom('programs').select('id').execute();
    const rows = await db.kysely.selectFrom('measure_schedules').selectAll().execute();
    for (const program of programs) {
      const own = rows
        .filter((r) => r.program_id === program.id)
        .map((r) => [r.instrument_code, r.at_admission, r.every_days]);
      expect(own.sort()).toEqual([
        ['bam', 0, 30],
        ['gad7', 1, 14],
        ['phq9', 1, 14],
      ]);
    }
  });

  it('stores months of PHQ-9 and GAD-7 history item by item, scored as the instruments score them', async () => {
    const responses = await db.kysely.selectFrom('measure_responses').selectAll().execute();
    const items = await db.kysely.selectFrom('measure_response_items').selectAll().execute();
    const active = await db.kysely
      .selectFrom('patients')
      .select('id')
      .where('status', '=', 'active')
      .execute();
    const withHistory = new Set(responses.map((r) => r.patient_id));
    expect(withHistory.size).toBeGreaterThan(active.length / 2);
    expect(withHistory.size).toBeLessThan(active.length);
    const oldest = responses.reduce(
      (min, r) => (r.administered_at < min ? r.administered_at : min),
      NOW.toISOString(),
    );
    expect(Date.parse(NOW.toISOString()) - Date.parse(oldest)).toBeGreaterThan(60 * 86_400_000);
    for (const r of responses) {
      expect(r.administered_at <= NOW.toISOString()).toBe(true);
      const answers = items
        .filter((i) => i.response_id === r.id)
        .sort((a, b) => a.item_number - b.item_number)
        .map((i) => i.answer);
      const def = r.instrument_code === 'phq9' ? BUILT_IN_INSTRUMENTS.phq9 : BUILT_IN_INSTRUMENTS.gad7;
      const score = scoreInstrument(def, { answers });
      expect(r.total).toBe(score.total);
      expect(r.band).toBe(score.band?.key);
      expect(JSON.parse(r.flags)).toEqual(score.flags);
    }
  });

  it('backs the seeded safety and worsening alerts with the responses that raised them', async () => {
    const alerts = await db.kysely
      .selectFrom('alerts')
      .selectAll()
      .where('kind', 'in', ['safety', 'measure_worsening'])
      .execute();
    expect(alerts).toHaveLength(2);
    for (const alert of alerts) {
      expect(alert.source_type).toBe('measure_response');
      const phq = await db.kysely
        .selectFrom('measure_responses')
        .selectAll()
        .where('patient_id', '=', alert.patient_id ?? '')
        .where('instrument_code', '=', 'phq9')
        .orderBy('administered_at', 'desc')
        .execute();
      expect(phq[0]?.id).toBe(alert.source_id);
      if (alert.kind === 'safety') {
        expect(JSON.parse(phq[0]?.flags ?? '[]')).toEqual([expect.objectContaining({ key: 'suicide-risk' })]);
      } else {
        expect([phq[1]?.total, phq[0]?.total]).toEqual([8, 15]);
        expect(reliableWorsening('phq9', 8, 15).worsened).toBe(true);
      }
    }
    const flagged = await db.kysely
      .selectFrom('measure_responses')
      .select('id')
      .where('flags', 'like', '%suicide-risk%')
      .execute();
    expect(flagged.map((r) => r.id)).toEqual(
      alerts.filter((a) => a.kind === 'safety').map((a) => a.source_id),
    );
  });
});
