import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../core/runtime.js';
import { createDb, type Db } from './createDb.js';
import { createJobRunner, enqueueJob, type JobContext, purgeFinishedJobs } from './jobs.js';
import { migrateToLatest } from './migrate.js';
import { freshDatabaseUrl, TEST_DIALECTS, type TestDatabase } from './testing/testDatabases.js';

const NOW = new Date('2026-11-17T15:00:00.000Z');

describe.each(TEST_DIALECTS)('jobs on %s', (dialect) => {
  let database: TestDatabase;
  let db: Db;
  let clock: ReturnType<typeof fixedClock>;

  beforeAll(async () => {
    database = await freshDatabaseUrl(dialect);
    db = createDb({ databaseUrl: database.url });
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db.close();
    await database.drop();
  });
  beforeEach(async () => {
    clock = fixedClock(NOW);
    await db.kysely.deleteFrom('jobs').execute();
  });

  const job = (id: string) =>
    db.kysely.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('enqueues once per dedupe key', async () => {
    const first = await enqueueJob(
      db.kysely,
      { kind: 'k', payload: { a: 1 }, runAt: NOW, dedupeKey: 'once' },
      NOW,
    );
    const second = await enqueueJob(
      db.kysely,
      { kind: 'k', payload: { a: 2 }, runAt: NOW, dedupeKey: 'once' },
      NOW,
    );
    expect(first.enqueued).toBe(true);
    expect(second).toEqual({ id: null, enqueued: false });
    const rows = await db.kysely.selectFrom('jobs').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'pending', attempts: 0, max_attempts: 5, payload: '{"a":1}' });
    // Jobs without a key never collide.
    await enqueueJob(db.kysely, { kind: 'k', runAt: NOW }, NOW);
    await enqueueJob(db.kysely, { kind: 'k', runAt: NOW }, NOW);
    expect(await db.kysely.selectFrom('jobs').select('id').execute()).toHaveLength(3);
  });

  it('enqueues inside a transaction and disappears with its rollback', async () => {
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await enqueueJob(trx, { kind: 'k', runAt: NOW, dedupeKey: 'rolled-back' }, NOW);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await db.kysely.selectFrom('jobs').select('id').execute()).toHaveLength(0);
  });

  it('runs due jobs only, with their payload, and marks them done', async () => {
    const seen: { payload: unknown; context: JobContext }[] = [];
    const runner = createJobRunner({
      db,
      clock,
      workerId: 'w1',
      handlers: { greet: (payload, context) => Promise.resolve(void seen.push({ payload, context })) },
    });
    const due = await enqueueJob(
      db.kysely,
      { kind: 'greet', payload: { name: 'due' }, runAt: new Date(NOW.getTime() - 1000) },
      NOW,
    );
    const later = await enqueueJob(
      db.kysely,
      { kind: 'greet', payload: { name: 'later' }, runAt: new Date(NOW.getTime() + 60_000) },
      NOW,
    );
    expect(await runner.runDue(10)).toEqual({ claimed: 1, succeeded: 1, retried: 0, failed: 0 });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.payload).toEqual({ name: 'due' });
    expect(seen[0]?.context).toMatchObject({
      jobId: due.id,
      kind: 'greet',
      attempt: 1,
      maxAttempts: 5,
      workerId: 'w1',
      now: NOW,
    });
    expect(await job(due.id ?? '')).toMatchObject({
      status: 'done',
      attempts: 1,
      locked_by: null,
      locked_until: null,
    });
    expect((await job(later.id ?? '')).status).toBe('pending');

    clock.advance(60_000);
    expect((await runner.runDue()).succeeded).toBe(1);
    expect(seen.map((s) => s.payload)).toEqual([{ name: 'due' }, { name: 'later' }]);
  });

  it('retries with exponential backoff, then fails with the last error', async () => {
    let calls = 0;
    const runner = createJobRunner({
      db,
      clock,
      handlers: {
        flaky: () => {
          calls += 1;
          return Promise.reject(new Error(`boom ${calls}`));
        },
      },
    });
    const { id } = await enqueueJob(db.kysely, { kind: 'flaky', runAt: NOW, maxAttempts: 3 }, NOW);
    expect(await runner.runDue()).toMatchObject({ claimed: 1, retried: 1 });
    expect(await job(id ?? '')).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: 'Error: boom 1',
      run_at: '2026-11-17T15:00:30.000Z',
    });

    // Not due again until the backoff has passed.
    clock.advance(29_000);
    expect((await runner.runDue()).claimed).toBe(0);
    clock.advance(1_000);
    expect(await runner.runDue()).toMatchObject({ claimed: 1, retried: 1 });
    expect(await job(id ?? '')).toMatchObject({ attempts: 2, run_at: '2026-11-17T15:01:30.000Z' });

    clock.advance(60_000);
    expect(await runner.runDue()).toMatchObject({ claimed: 1, failed: 1 });
    expect(await job(id ?? '')).toMatchObject({
      status: 'failed',
      attempts: 3,
      last_error: 'Error: boom 3',
      locked_by: null,
    });
    clock.advance(3_600_000);
    expect((await runner.runDue()).claimed).toBe(0);
    expect(calls).toBe(3);
  });

  it('succeeds on a retry, and treats a kind without a handler as an error', async () => {
    let calls = 0;
    const runner = createJobRunner({
      db,
      clock,
      backoffMs: () => 0,
      handlers: {
        second: () => {
          calls += 1;
          return calls === 1 ? Promise.reject(new Error('first time')) : Promise.resolve();
        },
      },
    });
    const ok = await enqueueJob(db.kysely, { kind: 'second', runAt: NOW }, NOW);
    const orphan = await enqueueJob(
      db.kysely,
      { kind: 'nobody-handles-this', runAt: NOW, maxAttempts: 1 },
      NOW,
    );
    await runner.runDue();
    await runner.runDue();
    expect(await job(ok.id ?? '')).toMatchObject({ status: 'done', attempts: 2, last_error: null });
    expect(await job(orphan.id ?? '')).toMatchObject({
      status: 'failed',
      last_error: 'Error: No handler for job kind "nobody-handles-this"',
    });
  });

  it("takes over a job whose worker's lease ran out, and ignores the late worker's result", async () => {
    let runs = 0;
    const handlers = { slow: () => Promise.resolve(void (runs += 1)) };
    const crashed = createJobRunner({ db, clock, handlers, workerId: 'crashed', lockMs: 60_000 });
    const rescuer = createJobRunner({ db, clock, handlers, workerId: 'rescuer', lockMs: 60_000 });
    const { id } = await enqueueJob(db.kysely, { kind: 'slow', runAt: NOW }, NOW);
    expect(await crashed.claimDue(5)).toHaveLength(1);
    expect((await rescuer.runDue()).claimed).toBe(0);
    clock.advance(60_000);
    expect(await rescuer.runDue()).toMatchObject({ claimed: 1, succeeded: 1 });
    expect(await job(id ?? '')).toMatchObject({ status: 'done', attempts: 2 });
    expect(runs).toBe(1);
  });

  it('fails a job whose leases kept running out', async () => {
    const runner = createJobRunner({
      db,
      clock,
      handlers: { stuck: () => Promise.resolve() },
      lockMs: 1_000,
    });
    const { id } = await enqueueJob(db.kysely, { kind: 'stuck', runAt: NOW, maxAttempts: 2 }, NOW);
    await runner.claimDue(1);
    clock.advance(1_000);
    await runner.claimDue(1);
    clock.advance(1_000);
    expect(await runner.runDue()).toMatchObject({ claimed: 1, failed: 1 });
    expect(await job(id ?? '')).toMatchObject({ status: 'failed', attempts: 3 });
  });

  it('never runs one job twice when two runners race', async () => {
    // A second connection pool (PostgreSQL) or connection (SQLite) to the same database, as a second server would have.
    const other = createDb({ databaseUrl: database.url });
    try {
      const total = 60;
      for (let i = 0; i < total; i++)
        await enqueueJob(db.kysely, { kind: 'count', payload: { i }, runAt: NOW }, NOW);
      const runs: { worker: string; jobId: string }[] = [];
      const handler = async (_payload: unknown, context: JobContext) => {
        runs.push({ worker: context.workerId, jobId: context.jobId });
        await new Promise((resolve) => setTimeout(resolve, 1));
      };
      const runners = [
        createJobRunner({ db, clock, handlers: { count: handler }, workerId: 'a' }),
        createJobRunner({ db: other, clock, handlers: { count: handler }, workerId: 'b' }),
        createJobRunner({ db: other, clock, handlers: { count: handler }, workerId: 'c' }),
      ];
      await Promise.all(
        runners.map(async (runner) => {
          while ((await runner.runDue(3)).claimed > 0) {
            // keep draining
          }
        }),
      );
      const ids = runs.map((r) => r.jobId);
      expect(ids).toHaveLength(total);
      expect(new Set(ids).size).toBe(total);
      const done = await db.kysely.selectFrom('jobs').select('status').where('status', '=', 'done').execute();
      expect(done).toHaveLength(total);
    } finally {
      await other.close();
    }
  });

  it('polls on an unref’d timer between start and stop', async () => {
    const ran: string[] = [];
    const runner = createJobRunner({
      db,
      clock,
      pollMs: 10,
      handlers: { tick: (_p, c) => Promise.resolve(void ran.push(c.jobId)) },
    });
    const { id } = await enqueueJob(db.kysely, { kind: 'tick', runAt: NOW }, NOW);
    runner.start();
    runner.start(); // idempotent
    for (let i = 0; i < 200 && ran.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await runner.stop();
    expect(ran).toEqual([id]);
    await enqueueJob(db.kysely, { kind: 'tick', runAt: NOW }, NOW);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ran).toHaveLength(1);
  });

  it('purges old finished jobs, keeping failed ones longer', async () => {
    const runner = createJobRunner({
      db,
      clock,
      handlers: { ok: () => Promise.resolve(), bad: () => Promise.reject(new Error('x')) },
    });
    await enqueueJob(db.kysely, { kind: 'ok', runAt: NOW }, NOW);
    await enqueueJob(db.kysely, { kind: 'bad', runAt: NOW, maxAttempts: 1 }, NOW);
    await enqueueJob(db.kysely, { kind: 'ok', runAt: new Date(NOW.getTime() + 86_400_000) }, NOW);
    await runner.runDue();
    const later = new Date(NOW.getTime() + 1000);
    expect(await purgeFinishedJobs(db.kysely, { doneBefore: later })).toBe(1);
    expect(await purgeFinishedJobs(db.kysely, { doneBefore: later, failedBefore: later })).toBe(1);
    expect((await db.kysely.selectFrom('jobs').select('status').execute()).map((j) => j.status)).toEqual([
      'pending',
    ]);
  });
});
