import { createHash, randomUUID } from 'node:crypto';
import type { ApplyRunBody, AppliedRun, CreateRunBody, ScheduleRun } from '../../core/api/scheduleRuns.js';
import { DomainError } from '../../core/errors/domainError.js';
import { isoWeekdayOf } from '../../core/schedule/localTime.js';
import { isBooked } from '../../core/schedule/membership.js';
import { changeToReach } from '../../core/schedule/occurrenceBookings.js';
import {
  buildWeekInput,
  diffSeats,
  type PatientSeatDiff,
  seatsText,
} from '../../core/schedule/schedulerWeek.js';
import { checkWeekInput, describeProblems } from '../../core/scheduler/index.js';
import type { ScheduleResult, WeekInput } from '../../core/scheduler/types.js';
import { scheduleWeekInWorker } from '../../core/scheduler/worker.js';
import { recordAudit, recordReadAudit } from '../../db/audit.js';
import type { ScheduleRunsTable } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor } from './access.js';
import { invalid, mayManageAt, siteTimeZone, stale } from './scheduleAccess.js';
import { loadWeek, type SessionLabel } from './scheduleRunsInput.js';
import { membershipFromRow } from './seriesStore.js';

/**
 * Scheduler runs (SPEC §5): staff run the solver for a site (or one track) and a week, review the
 * diff against the current schedule, and apply it as per-occurrence bookings. The solver runs on a
 * worker thread after the request has answered 202; the run row is the only shared state.
 */

export const DEFAULT_TIME_LIMIT_MS = 5_000;

const EMPTY_RESULT: ScheduleResult = {
  assignments: [],
  unplaced: [],
  score: { satisfied: 0, shortfallMinutes: 0, continuity: 0, balance: 0 },
};

/** What a run keeps of its input: enough to present and apply the diff without the solver. */
interface StoredInput {
  week: WeekInput;
  labels: SessionLabel[];
  names: Record<string, string>;
  patientIds: string[];
  booked: Record<string, string[]>;
  frozen: Record<string, string[]>;
}

interface StoredResult {
  result: ScheduleResult;
  diff: PatientSeatDiff[];
}

const parse = <T>(json: string | null): T | null => {
  if (json === null) return null;
  try {
    return JSON.parse(json) as T;
  } catch {
    return null;
  }
};

/** The session managers of a site, except administrators: applying a run books patients, a clinical-adjacent write they do not make. */
const requireSchedulerAt = async (deps: AppDeps, ctx: RequestContext, siteId: string, attempted: string) => {
  if (ctx.actor.role !== 'admin' && mayManageAt(ctx, siteId)) return;
  await recordAudit(
    deps.db.kysely,
    {
      ...auditFor(ctx),
      action: 'access.denied',
      patientIds: [],
      recordType: 'site',
      recordId: siteId,
      detail: { attempted, reason: 'not a session manager at the site' },
    },
    deps.clock.now(),
  );
  throw new DomainError('FORBIDDEN', 'Only the schedule’s managers at this site may run the scheduler.');
};

const fingerprintOf = (booked: ReadonlyMap<string, readonly string[]>): string =>
  createHash('sha256').update(seatsText(booked)).digest('hex');

/** The fingerprint of a week's seats as they are now: what a run is applied against. */
export const currentFingerprint = async (
  executor: Parameters<typeof loadWeek>[0],
  scope: Parameters<typeof loadWeek>[1],
  nowMs: number,
): Promise<string> => fingerprintOf((await loadWeek(executor, scope, nowMs)).facts.booked);

const present = (row: ScheduleRunsTable): ScheduleRun => {
  const input = parse<StoredInput>(row.input);
  const output = parse<StoredResult>(row.result);
  const labels = new Map((input?.labels ?? []).map((l) => [l.key, l]));
  const names = input?.names ?? {};
  const session = (key: string) => {
    const l = labels.get(key);
    return {
      occurrenceKey: key,
      title: l?.title ?? '',
      kind: l?.kind ?? '',
      localDate: l?.localDate ?? key.slice(-10),
      localStartTime: l?.localStartTime ?? '',
      durationMinutes: l?.durationMinutes ?? 0,
    };
  };
  const byTime = (a: { localDate: string; localStartTime: string }, b: typeof a) =>
    a.localDate.localeCompare(b.localDate) || a.localStartTime.localeCompare(b.localStartTime);
  const score = output?.result.score;
  return {
    id: row.id,
    siteId: row.site_id,
    trackId: row.track_id,
    weekStart: row.week_start,
    status:
      (['queued', 'running', 'done', 'failed', 'applied', 'superseded'] as const).find(
        (s) => s === row.status,
      ) ?? 'failed',
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    appliedAt: row.applied_at,
    error: row.error,
    sessionCount: input?.week.sessions.length ?? 0,
    patientCount: input?.patientIds.length ?? 0,
    score: score
      ? {
          satisfied: score.satisfied,
          patients: input?.week.patients.length ?? 0,
          shortfallMinutes: score.shortfallMinutes,
          continuity: score.continuity,
          balance: score.balance,
        }
      : null,
    diff: (output?.diff ?? [])
      .filter((d) => d.added.length > 0 || d.removed.length > 0)
      .map((d) => ({
        patientId: d.patientId,
        name: names[d.patientId] ?? '',
        added: d.added.map(session).sort(byTime),
        removed: d.removed.map(session).sort(byTime),
        unchanged: d.unchanged,
      })),
    unplaced: (output?.result.unplaced ?? []).map((u) => ({
      patientId: u.patientId,
      name: names[u.patientId] ?? '',
      reasons: u.reasons.map((r) => ({
        code: r.code,
        message: r.message,
        ...(r.minutesShort !== undefined ? { minutesShort: r.minutesShort } : {}),
      })),
    })),
    version: row.version,
  };
};

/** Patients a presented run names: its read is audited naming each of them. */
const namedIn = (run: ScheduleRun): string[] => [
  ...new Set([...run.diff.map((d) => d.patientId), ...run.unplaced.map((u) => u.patientId)]),
];

const scopeOf = async (deps: AppDeps, body: Pick<CreateRunBody, 'siteId' | 'trackId' | 'weekStart'>) => {
  const db = deps.db.kysely;
  const fields = [];
  if (isoWeekdayOf(body.weekStart) !== 1) fields.push({ field: '/weekStart', message: 'must be a Monday' });
  const timeZone = await siteTimeZone(db, body.siteId);
  if (timeZone === null) throw new DomainError('NOT_FOUND', 'No such site.');
  if (body.trackId !== undefined) {
    const track = await db
      .selectFrom('tracks')
      .innerJoin('programs', 'programs.id', 'tracks.program_id')
      .select('tracks.id')
      .where('tracks.id', '=', body.trackId)
      .where('programs.site_id', '=', body.siteId)
      .executeTakeFirst();
    if (!track) fields.push({ field: '/trackId', message: 'must be a track of a program at the site' });
  }
  if (fields.length > 0) throw invalid(fields, 'The run is not valid.');
  return { siteId: body.siteId, trackId: body.trackId ?? null, weekStart: body.weekStart, timeZone };
};

/**
 * Builds the week from the database and stores the run (status `running`); returns the run and
 * the solving still to do, which the caller starts after answering.
 */
export const createRun = async (
  deps: AppDeps,
  ctx: RequestContext,
  body: CreateRunBody,
): Promise<{ run: ScheduleRun; solve: (() => Promise<RunOutcome>) | null }> => {
  await requireSchedulerAt(deps, ctx, body.siteId, 'schedule.run.create');
  const scope = await scopeOf(deps, body);
  const now = deps.clock.now();
  const loaded = await loadWeek(deps.db.kysely, scope, now.getTime());
  const built = buildWeekInput(loaded.facts);
  const stored: StoredInput = {
    week: built.input,
    labels: loaded.labels,
    names: loaded.names,
    patientIds: loaded.facts.patients.map((p) => p.id),
    booked: Object.fromEntries([...loaded.facts.booked].map(([key, ids]) => [key, [...ids]])),
    frozen: Object.fromEntries(built.frozen),
  };
  // Nobody to schedule: the run is done at once, with nothing written after the answer.
  const nothingToSolve = stored.patientIds.length === 0;
  const row: ScheduleRunsTable = {
    id: randomUUID(),
    site_id: scope.siteId,
    track_id: scope.trackId,
    week_start: scope.weekStart,
    status: nothingToSolve ? 'done' : 'running',
    time_limit_ms: body.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS,
    input: JSON.stringify(stored),
    fingerprint: fingerprintOf(loaded.facts.booked),
    result: nothingToSolve ? JSON.stringify({ result: EMPTY_RESULT, diff: [] } satisfies StoredResult) : null,
    error: null,
    created_by: ctx.actor.userId,
    created_at: now.toISOString(),
    finished_at: nothingToSolve ? now.toISOString() : null,
    applied_by: null,
    applied_at: null,
    version: 1,
  };
  await deps.db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto('schedule_runs').values(row).execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'schedule.run.create',
        patientIds: stored.patientIds,
        recordType: 'schedule_run',
        recordId: row.id,
        detail: { siteId: row.site_id, trackId: row.track_id, weekStart: row.week_start },
      },
      now,
    );
  });
  return {
    run: present(row),
    solve: nothingToSolve ? null : () => solveRun(deps, stored, row.time_limit_ms),
  };
};

/** How a run ended, kept by the process that solved it until the run is next read (see `settle`). */
export interface RunOutcome {
  status: 'done' | 'failed';
  result: string | null;
  error: string | null;
  finishedAt: string;
}

/**
 * Runs this process is solving (`null`) or has solved and not yet stored. Results are stored when
 * the run is next read, applied or the app closes — never by a timer — so nothing writes to the
 * database after a request has been answered.
 */
export type SolvingRuns = Map<string, RunOutcome | null>;

/**
 * A run whose process stopped is reported failed once it is well past its time limit. Generous, so
 * that with several servers the polls reach the one holding the outcome first.
 */
const ORPHAN_GRACE_MS = 10 * 60_000;

/** Solves on a worker thread; a failure is an outcome, never thrown. */
export const solveRun = async (
  deps: AppDeps,
  stored: StoredInput,
  timeLimitMs: number,
): Promise<RunOutcome> => {
  const ended = (status: RunOutcome['status'], values: { result?: string; error?: string }): RunOutcome => ({
    status,
    result: values.result ?? null,
    error: values.error ?? null,
    finishedAt: deps.clock.now().toISOString(),
  });
  try {
    const check = checkWeekInput(stored.week);
    if (!check.ok) return ended('failed', { error: describeProblems(check.problems) });
    const result = await scheduleWeekInWorker(check.week, { timeLimitMs });
    const diff = diffSeats(
      stored.patientIds,
      new Map(Object.entries(stored.booked)),
      new Map(Object.entries(stored.frozen)),
      result.assignments,
    );
    return ended('done', { result: JSON.stringify({ result, diff } satisfies StoredResult) });
  } catch (error) {
    return ended('failed', { error: error instanceof Error ? error.message : 'the scheduler failed' });
  }
};

/** Stores a finished outcome on its run (once: only a run still `running` changes). */
export const storeOutcome = async (deps: AppDeps, id: string, outcome: RunOutcome): Promise<void> => {
  await deps.db.kysely
    .updateTable('schedule_runs')
    .set({
      status: outcome.status,
      result: outcome.result,
      error: outcome.error,
      finished_at: outcome.finishedAt,
    })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
};

/** The run as it stands: a finished outcome this process holds is stored first. */
const settle = async (
  deps: AppDeps,
  row: ScheduleRunsTable,
  solving: SolvingRuns,
): Promise<ScheduleRunsTable> => {
  if (row.status !== 'running') return row;
  const outcome = solving.get(row.id);
  if (outcome === null) return row;
  if (outcome === undefined) {
    const age = deps.clock.now().getTime() - Date.parse(row.created_at);
    if (age < row.time_limit_ms + ORPHAN_GRACE_MS) return row;
    const orphaned: RunOutcome = {
      status: 'failed',
      result: null,
      error: 'The server stopped while solving this run; run the scheduler again.',
      finishedAt: deps.clock.now().toISOString(),
    };
    await storeOutcome(deps, row.id, orphaned);
    return { ...row, status: orphaned.status, error: orphaned.error, finished_at: orphaned.finishedAt };
  }
  await storeOutcome(deps, row.id, outcome);
  solving.delete(row.id);
  return {
    ...row,
    status: outcome.status,
    result: outcome.result,
    error: outcome.error,
    finished_at: outcome.finishedAt,
  };
};

const loadRun = async (deps: AppDeps, id: string): Promise<ScheduleRunsTable> => {
  const row = await deps.db.kysely
    .selectFrom('schedule_runs')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', 'No such scheduler run.');
  return row;
};

export const getRun = async (
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  solving: SolvingRuns,
): Promise<ScheduleRun> => {
  const found = await loadRun(deps, id);
  await requireSchedulerAt(deps, ctx, found.site_id, 'schedule.run.read');
  const row = await settle(deps, found, solving);
  const run = present(row);
  const named = namedIn(run);
  if (named.length > 0)
    await recordReadAudit(
      deps.db,
      {
        ...auditFor(ctx),
        action: 'schedule.run.read',
        patientIds: named,
        recordType: 'schedule_run',
        recordId: id,
      },
      deps.clock.now(),
    );
  return run;
};

/**
 * Writes the run's diff as bookings in one transaction, refused when the week's seats changed
 * since the run read them (the fingerprint) or the run is not a finished, unapplied one.
 */
export const applyRun = async (
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  body: ApplyRunBody,
  solving: SolvingRuns,
): Promise<AppliedRun> => {
  const found = await loadRun(deps, id);
  await requireSchedulerAt(deps, ctx, found.site_id, 'schedule.run.apply');
  const row = await settle(deps, found, solving);
  if (body.expectedVersion !== undefined && body.expectedVersion !== row.version)
    throw stale('run', row.version);
  const notApplicable = (status: string) =>
    new DomainError(
      'CONFLICT',
      status === 'applied'
        ? 'This run has been applied already.'
        : status === 'superseded'
          ? 'Another run of this week was applied since; run the scheduler again.'
          : status === 'failed'
            ? 'This run failed; there is nothing to apply.'
            : 'This run is still solving; apply it when it is done.',
      { extra: { reason: 'RUN_NOT_APPLICABLE' } },
    );
  if (row.status !== 'done') throw notApplicable(row.status);
  const stored = parse<StoredInput>(row.input);
  const output = parse<StoredResult>(row.result);
  if (!stored || !output) throw notApplicable('failed');
  const timeZone = (await siteTimeZone(deps.db.kysely, row.site_id)) ?? 'UTC';
  const now = deps.clock.now();
  const nowIso = now.toISOString();

  return deps.db.kysely.transaction().execute(async (trx) => {
    // Serializes applies of one run (a row lock on PostgreSQL; SQLite writes one at a time).
    const locked = await trx
      .updateTable('schedule_runs')
      .set({ version: row.version + 1 })
      .where('id', '=', id)
      .where('version', '=', row.version)
      .where('status', '=', 'done')
      .executeTakeFirst();
    if (Number(locked.numUpdatedRows) === 0) throw notApplicable('applied');
    const loaded = await loadWeek(
      trx,
      { siteId: row.site_id, trackId: row.track_id, weekStart: row.week_start, timeZone },
      now.getTime(),
    );
    if (fingerprintOf(loaded.facts.booked) !== row.fingerprint)
      throw new DomainError(
        'CONFLICT',
        'The schedule of this week changed since the run; run the scheduler again to see a current diff.',
        { extra: { reason: 'SCHEDULE_CHANGED' } },
      );
    const started = new Set(
      loaded.facts.sessions.filter((s) => s.occurrence.startMs <= now.getTime()).map((s) => s.occurrence.key),
    );
    const occurrenceOf = new Map(loaded.facts.sessions.map((s) => [s.occurrence.key, s.occurrence]));
    const memberships = (
      await trx
        .selectFrom('series_memberships')
        .selectAll()
        .where('patient_id', 'in', stored.patientIds.length > 0 ? stored.patientIds : [''])
        .execute()
    ).map(membershipFromRow);
    const touched = new Set<string>();
    let added = 0;
    let removed = 0;
    for (const d of output.diff) {
      const wanted = [
        ...d.added.map((key) => ({ key, booked: true })),
        ...d.removed.map((key) => ({ key, booked: false })),
      ];
      for (const w of wanted) {
        const o = occurrenceOf.get(w.key);
        if (!o || started.has(w.key)) continue;
        const memberBooked = memberships.some((m) => m.patientId === d.patientId && isBooked(m, o));
        const change = changeToReach(memberBooked, w.booked);
        await trx
          .deleteFrom('occurrence_bookings')
          .where('series_id', '=', o.seriesId)
          .where('scheduled_date', '=', o.scheduledDate)
          .where('patient_id', '=', d.patientId)
          .execute();
        if (change !== null)
          await trx
            .insertInto('occurrence_bookings')
            .values({
              id: randomUUID(),
              series_id: o.seriesId,
              scheduled_date: o.scheduledDate,
              patient_id: d.patientId,
              kind: change,
              pinned: 0,
              source: 'scheduler',
              run_id: id,
              created_by: ctx.actor.userId,
              created_at: nowIso,
            })
            .execute();
        touched.add(d.patientId);
        if (w.booked) added += 1;
        else removed += 1;
      }
    }
    await trx
      .updateTable('schedule_runs')
      .set({ status: 'applied', applied_by: ctx.actor.userId, applied_at: nowIso })
      .where('id', '=', id)
      .execute();
    await trx
      .updateTable('schedule_runs')
      .set({ status: 'superseded' })
      .where('site_id', '=', row.site_id)
      .where('week_start', '=', row.week_start)
      .where('status', '=', 'done')
      .where('id', '!=', id)
      .execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'schedule.run.apply',
        patientIds: [...touched],
        recordType: 'schedule_run',
        recordId: id,
        detail: { weekStart: row.week_start, added, removed },
      },
      now,
    );
    const applied = await trx
      .selectFrom('schedule_runs')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return { run: present(applied), added, removed };
  });
};
