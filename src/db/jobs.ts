import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../core/runtime.js';
import type { Db } from './createDb.js';
import type { Database, JobsTable } from './schema.js';

/**
 * Background jobs on a table, the same on SQLite and PostgreSQL: no broker to run. A job is
 * claimed by one worker with a lease (`locked_until`); a worker that dies loses its lease and the
 * job runs again, so handlers must be safe to repeat.
 */

type Executor = Kysely<Database> | Transaction<Database>;

export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

export interface EnqueueJobInput {
  kind: string;
  payload?: unknown;
  runAt: Date;
  /** At most one job ever carries a given key: enqueuing it again does nothing. */
  dedupeKey?: string | null;
  /** Attempts before the job is marked failed (default 5). */
  maxAttempts?: number;
}

export interface EnqueuedJob {
  /** The new job's id, or null when a job with the same dedupe key already existed. */
  id: string | null;
  enqueued: boolean;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

/** Adds a job. Pass the transaction of the write that calls for it, so both commit together. */
export const enqueueJob = async (
  executor: Executor,
  job: EnqueueJobInput,
  now: Date,
): Promise<EnqueuedJob> => {
  const maxAttempts = job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
    throw new Error('maxAttempts must be a whole number of at least 1');
  const id = randomUUID();
  const nowIso = now.toISOString();
  const inserted = await executor
    .insertInto('jobs')
    .values({
      id,
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? null),
      run_at: job.runAt.toISOString(),
      status: 'pending',
      attempts: 0,
      max_attempts: maxAttempts,
      locked_by: null,
      locked_until: null,
      last_error: null,
      dedupe_key: job.dedupeKey ?? null,
      created_at: nowIso,
      updated_at: nowIso,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted ? { id: inserted.id, enqueued: true } : { id: null, enqueued: false };
};

/**
 * Deletes jobs that are over: done ones last touched before `doneBefore`, failed ones before
 * `failedBefore` (kept longer, for someone to look at; never deleted when omitted).
 */
export const purgeFinishedJobs = async (
  executor: Executor,
  cutoffs: { doneBefore: Date; failedBefore?: Date },
): Promise<number> => {
  const result = await executor
    .deleteFrom('jobs')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'done'), eb('updated_at', '<', cutoffs.doneBefore.toISOString())]),
        ...(cutoffs.failedBefore
          ? [eb.and([eb('status', '=', 'failed'), eb('updated_at', '<', cutoffs.failedBefore.toISOString())])]
          : []),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
};

export interface JobContext {
  jobId: string;
  kind: string;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
  workerId: string;
  /** The runner's clock at the time the job was claimed. */
  now: Date;
}

export type JobHandler = (payload: unknown, context: JobContext) => Promise<void>;
export type JobHandlers = Readonly<Record<string, JobHandler>>;

export interface JobRunnerOptions {
  db: Db;
  clock: Clock;
  handlers: JobHandlers;
  /** Names this worker in `locked_by`; defaults to host, process and a random suffix. */
  workerId?: string;
  /** Poll interval for `start()`; 0 leaves polling to the caller. */
  pollMs?: number;
  /** How long a claim lasts before another worker may take the job over (default 5 minutes). */
  lockMs?: number;
  /** Jobs claimed per poll (default 10). */
  batchSize?: number;
  /** Delay before retry number `attempt` + 1; default 30 s doubling per attempt, at most an hour. */
  backoffMs?: (attempt: number) => number;
  /** Called when a handler throws (for logging); the runner records the error on the job either way. */
  onError?: (error: unknown, job: { id: string; kind: string; attempt: number }) => void;
}

export interface RunSummary {
  claimed: number;
  succeeded: number;
  retried: number;
  failed: number;
}

export const defaultBackoffMs = (attempt: number): number =>
  Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempt - 1));

const errorText = (error: unknown): string => {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 2000);
};

const parsePayload = (payload: string): unknown => {
  try {
    return JSON.parse(payload) as unknown;
  } catch {
    return null;
  }
};

export class JobRunner {
  readonly workerId: string;
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly handlers: JobHandlers;
  private readonly pollMs: number;
  private readonly lockMs: number;
  private readonly batchSize: number;
  private readonly backoffMs: (attempt: number) => number;
  private readonly onError: JobRunnerOptions['onError'];
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<unknown> | null = null;

  constructor(options: JobRunnerOptions) {
    this.db = options.db;
    this.clock = options.clock;
    this.handlers = options.handlers;
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.pollMs = options.pollMs ?? 0;
    this.lockMs = options.lockMs ?? 5 * 60_000;
    this.batchSize = options.batchSize ?? 10;
    this.backoffMs = options.backoffMs ?? defaultBackoffMs;
    this.onError = options.onError;
  }

  /**
   * Claims due jobs in one statement, so no two workers get the same job: pending jobs whose time has
   * come, and running jobs whose worker's lease ran out. PostgreSQL skips rows another worker is
   * claiming (FOR UPDATE SKIP LOCKED); SQLite runs one writer at a time, so the statement is enough.
   */
  async claimDue(limit: number): Promise<JobsTable[]> {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const lockedUntil = new Date(now.getTime() + this.lockMs).toISOString();
    const postgres = this.db.dialect === 'postgres';
    return this.db.kysely
      .updateTable('jobs')
      .set((eb) => ({
        status: 'running',
        locked_by: this.workerId,
        locked_until: lockedUntil,
        attempts: eb('attempts', '+', 1),
        updated_at: nowIso,
      }))
      .where('id', 'in', (eb) => {
        const due = eb
          .selectFrom('jobs')
          .select('id')
          .where((w) =>
            w.or([
              w.and([w('status', '=', 'pending'), w('run_at', '<=', nowIso)]),
              w.and([w('status', '=', 'running'), w('locked_until', '<=', nowIso)]),
            ]),
          )
          .orderBy('run_at')
          .orderBy('id')
          .limit(limit);
        return postgres ? due.forUpdate().skipLocked() : due;
      })
      .returningAll()
      .execute();
  }

  /** Claims and runs up to `limit` due jobs, one after another. */
  async runDue(limit = this.batchSize): Promise<RunSummary> {
    const summary: RunSummary = { claimed: 0, succeeded: 0, retried: 0, failed: 0 };
    const jobs = await this.claimDue(limit);
    summary.claimed = jobs.length;
    for (const job of jobs) {
      const outcome = await this.runOne(job);
      summary[outcome] += 1;
    }
    return summary;
  }

  private async runOne(job: JobsTable): Promise<'succeeded' | 'retried' | 'failed'> {
    const handler = this.handlers[job.kind];
    const context: JobContext = {
      jobId: job.id,
      kind: job.kind,
      attempt: job.attempts,
      maxAttempts: job.max_attempts,
      workerId: this.workerId,
      now: this.clock.now(),
    };
    if (job.attempts > job.max_attempts) {
      // Claimed again after leases ran out more often than it may be tried: its runs never finished.
      await this.release(job.id, {
        status: 'failed',
        last_error: job.last_error ?? 'The job did not finish within its lease on any attempt.',
        updated_at: this.clock.now().toISOString(),
      });
      return 'failed';
    }
    try {
      if (!handler) throw new Error(`No handler for job kind "${job.kind}"`);
      await handler(parsePayload(job.payload), context);
    } catch (error) {
      this.onError?.(error, { id: job.id, kind: job.kind, attempt: job.attempts });
      const now = this.clock.now();
      const finalAttempt = job.attempts >= job.max_attempts;
      await this.release(job.id, {
        status: finalAttempt ? 'failed' : 'pending',
        run_at: finalAttempt
          ? job.run_at
          : new Date(now.getTime() + this.backoffMs(job.attempts)).toISOString(),
        last_error: errorText(error),
        updated_at: now.toISOString(),
      });
      return finalAttempt ? 'failed' : 'retried';
    }
    await this.release(job.id, {
      status: 'done',
      last_error: null,
      updated_at: this.clock.now().toISOString(),
    });
    return 'succeeded';
  }

  // Only the lease holder may settle a job: if the lease ran out and another worker took over, this is a no-op.
  private async release(
    jobId: string,
    changes: Partial<Pick<JobsTable, 'status' | 'run_at' | 'last_error' | 'updated_at'>>,
  ) {
    await this.db.kysely
      .updateTable('jobs')
      .set({ ...changes, locked_by: null, locked_until: null })
      .where('id', '=', jobId)
      .where('locked_by', '=', this.workerId)
      .where('status', '=', 'running')
      .execute();
  }

  /** Polls every `pollMs` without keeping the process alive; a poll still running when the next is due is not doubled. */
  start(onTickError?: (error: unknown) => void): void {
    if (this.timer !== null || this.pollMs <= 0) return;
    this.timer = setInterval(() => {
      if (this.inFlight) return;
      this.inFlight = this.runDue()
        .catch((error: unknown) => onTickError?.(error))
        .finally(() => {
          this.inFlight = null;
        });
    }, this.pollMs);
    this.timer.unref();
  }

  /** Stops polling and waits for the jobs in hand to finish. */
  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    if (this.inFlight) await this.inFlight;
  }
}

export const createJobRunner = (options: JobRunnerOptions): JobRunner => new JobRunner(options);
