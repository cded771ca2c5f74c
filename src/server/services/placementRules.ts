import type { Kysely, Transaction } from 'kysely';
import type {
  EvaluateBody,
  PlacementQuestions,
  PutRuleTableBody,
  RuleTable,
} from '../../core/api/placement.js';
import { DomainError } from '../../core/errors/domainError.js';
import { DIMENSION_QUESTIONS, RATING_ANCHORS } from '../../core/placement/dimensionQuestions.js';
import { placeLevelOfCare } from '../../core/placement/placeLevelOfCare.js';
import type { PlacementInput, PlacementResult } from '../../core/placement/placementTypes.js';
import {
  DEFAULT_RULE_TABLE,
  DIMENSION_IDS,
  DIMENSIONS,
  type Dimension,
  type PlacementRuleTable,
  type Rating,
  RATINGS,
  validateRuleTable,
} from '../../core/placement/ruleTable.js';
import { recordAudit } from '../../db/audit.js';
import type { Db } from '../../db/createDb.js';
import type { Database } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor, denyAndAudit } from './access.js';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * The placement rule table in force is the newest row of placement_rule_tables, or the built-in
 * default while none exists (SPEC §3: clinics may edit it; each result records the version used).
 */
interface LoadedTable {
  table: PlacementRuleTable;
  createdAt: string | null;
  createdBy: { id: string; displayName: string } | null;
}

const DEFAULT_LOADED: LoadedTable = { table: DEFAULT_RULE_TABLE, createdAt: null, createdBy: null };

const loadCurrent = async (executor: Executor): Promise<LoadedTable> => {
  const row = await executor
    .selectFrom('placement_rule_tables as t')
    .leftJoin('users as u', 'u.id', 't.created_by')
    .select(['t.version', 't.rows', 't.created_at', 't.created_by', 'u.display_name'])
    .orderBy('t.created_at', 'desc')
    .orderBy('t.version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return DEFAULT_LOADED;
  const parsed = validateRuleTable({ version: row.version, rows: JSON.parse(row.rows) as unknown });
  // A stored table was validated when it was written; one that no longer validates (edited by hand in
  // the database) must not place anyone.
  if (!parsed.ok)
    throw new DomainError('INVALID_STATE', `The stored placement rule table ${row.version} is not valid.`);
  return {
    table: parsed.table,
    createdAt: row.created_at,
    createdBy:
      row.created_by !== null
        ? { id: row.created_by, displayName: row.display_name ?? 'Unknown user' }
        : null,
  };
};

/**
 * Evaluations read the table from memory: one cache per database, replaced when this process writes
 * a new version. Another process's edit (several servers on one PostgreSQL database) is picked up
 * within REFRESH_MS; signing an assessment always reads the table from the database, so a stored
 * result never names a stale version.
 */
const REFRESH_MS = 30_000;

interface CacheEntry {
  loaded: LoadedTable;
  loadedAt: number;
  refreshing: Promise<LoadedTable> | null;
}

const caches = new WeakMap<Db, CacheEntry>();
const firstLoads = new WeakMap<Db, Promise<LoadedTable>>();

const refresh = (db: Db, entry: CacheEntry | undefined): Promise<LoadedTable> => {
  if (entry?.refreshing) return entry.refreshing;
  const started = Date.now();
  const loading = loadCurrent(db.kysely).then(
    (loaded) => {
      const current = caches.get(db);
      // A write by this process while the read was in flight wins over what the read found.
      if (!current || current.loadedAt <= started)
        caches.set(db, { loaded, loadedAt: started, refreshing: null });
      else current.refreshing = null;
      return caches.get(db)?.loaded ?? loaded;
    },
    (error: unknown) => {
      const current = caches.get(db);
      if (current) current.refreshing = null;
      throw error;
    },
  );
  if (entry) entry.refreshing = loading;
  return loading;
};

const cachedTable = async (db: Db): Promise<LoadedTable> => {
  const entry = caches.get(db);
  if (entry) {
    if (Date.now() - entry.loadedAt > REFRESH_MS && !entry.refreshing) {
      // Serve the cached table now and refresh behind it; a failed refresh is retried next time.
      refresh(db, entry).catch(() => undefined);
    }
    return entry.loaded;
  }
  let first = firstLoads.get(db);
  if (!first) {
    first = refresh(db, undefined).finally(() => firstLoads.delete(db));
    firstLoads.set(db, first);
  }
  return first;
};

/**
 * The table in force, for evaluations: from memory after the first call. Synchronous when cached, so
 * the evaluate route costs no database round trip and no extra promise.
 */
export const currentRuleTable = (db: Db): PlacementRuleTable | Promise<PlacementRuleTable> => {
  const entry = caches.get(db);
  if (entry && Date.now() - entry.loadedAt <= REFRESH_MS) return entry.loaded.table;
  return cachedTable(db).then((loaded) => loaded.table);
};

/** The table in force, read from the database (inside the signing transaction). */
export const ruleTableForSigning = async (executor: Executor): Promise<PlacementRuleTable> =>
  (await loadCurrent(executor)).table;

const present = (loaded: LoadedTable): RuleTable => ({
  version: loaded.table.version,
  rows: loaded.table.rows,
  createdAt: loaded.createdAt,
  createdBy: loaded.createdBy,
  isDefault: loaded.createdAt === null,
});

/** Any staff member reads the table: it is configuration, not patient data. */
export const getRuleTable = async (deps: AppDeps): Promise<RuleTable> => present(await cachedTable(deps.db));

const nextVersionName = async (trx: Transaction<Database>, today: string): Promise<string> => {
  const taken = await trx
    .selectFrom('placement_rule_tables')
    .select('version')
    .where('version', 'like', `${today}.%`)
    .execute();
  const numbers = taken.map((t) => Number(t.version.slice(today.length + 1))).filter(Number.isInteger);
  return `${today}.${Math.max(0, ...numbers) + 1}`;
};

/**
 * Adds a version of the rule table (admins only, SPEC §1). Validated by the core (known levels, six
 * full rows, none decreasing); `basedOn` must name the version in force, so two admins editing at
 * once do not silently overwrite each other. Versions are never edited or deleted.
 */
export const putRuleTable = async (
  deps: AppDeps,
  ctx: RequestContext,
  body: PutRuleTableBody,
): Promise<RuleTable> => {
  if (ctx.actor.role !== 'admin')
    return denyAndAudit(
      deps,
      ctx,
      'placement.ruleTable.write',
      'Only administrators edit the placement rule table.',
    );
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const loaded = await deps.db.kysely.transaction().execute(async (trx) => {
    const current = await loadCurrent(trx);
    if (current.table.version !== body.basedOn) {
      throw new DomainError(
        'STALE_VERSION',
        `The rule table changed since you opened it (now version ${current.table.version}). Reload to see it.`,
      );
    }
    const version = body.version ?? (await nextVersionName(trx, nowIso.slice(0, 10)));
    const checked = validateRuleTable({ version, rows: body.rows });
    if (!checked.ok)
      throw new DomainError('VALIDATION_FAILED', 'The rule table is not valid.', { fields: checked.fields });
    const exists = await trx
      .selectFrom('placement_rule_tables')
      .select('version')
      .where('version', '=', version)
      .executeTakeFirst();
    if (exists || version === DEFAULT_RULE_TABLE.version) {
      throw new DomainError('VALIDATION_FAILED', 'That version name is taken.', {
        fields: [{ field: '/version', message: 'is already the name of a version' }],
      });
    }
    // The newest row is the one in force: keep creation instants strictly increasing, even when the
    // clock stands still (tests) or steps back.
    const createdAt =
      current.createdAt !== null && current.createdAt >= nowIso
        ? new Date(new Date(current.createdAt).getTime() + 1).toISOString()
        : nowIso;
    await trx
      .insertInto('placement_rule_tables')
      .values({
        version,
        rows: JSON.stringify(checked.table.rows),
        created_by: ctx.actor.userId,
        created_at: createdAt,
      })
      .execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'placement.ruleTable.write',
        patientIds: [],
        recordType: 'placement_rule_table',
        recordId: version,
        detail: { basedOn: body.basedOn },
      },
      now,
    );
    const user = await trx
      .selectFrom('users')
      .select('display_name')
      .where('id', '=', ctx.actor.userId)
      .executeTakeFirstOrThrow();
    return {
      table: checked.table,
      createdAt,
      createdBy: { id: ctx.actor.userId, displayName: user.display_name },
    } satisfies LoadedTable;
  });
  caches.set(deps.db, { loaded, loadedAt: Date.now(), refreshing: null });
  return present(loaded);
};

// ---------------------------------------------------------------------------------------------
// Evaluating without storing, and the question catalogue
// ---------------------------------------------------------------------------------------------

const inputOf = (body: EvaluateBody): PlacementInput => ({
  // The schema admitted whole numbers 0–4 only; placeLevelOfCare checks them again.
  ratings: body.ratings as Record<Dimension, Rating>,
  ...(body.flags ? { flags: body.flags } : {}),
  ...(body.dsm5Criteria !== undefined ? { dsm5Criteria: body.dsm5Criteria } : {}),
  ...(body.continuingCare !== undefined ? { continuingCare: body.continuingCare } : {}),
  ...(body.diagnosisSpecifier !== undefined ? { diagnosisSpecifier: body.diagnosisSpecifier } : {}),
  ...(body.factors ? { factors: body.factors } : {}),
});

/**
 * Places without storing: pure, on the table in force. Synchronous once the table is cached, so the
 * route answers without touching the database (any staff member; nothing about a person is stored).
 */
export const evaluatePlacement = (db: Db, body: EvaluateBody): PlacementResult | Promise<PlacementResult> => {
  const table = currentRuleTable(db);
  const input = inputOf(body);
  return table instanceof Promise
    ? table.then((t) => placeLevelOfCare(input, t))
    : placeLevelOfCare(input, table);
};

/** Which intake measures feed which dimension's suggestion (see suggestRating). */
const FEEDING_MEASURES: Record<Dimension, string[]> = {
  d1: ['CIWA-Ar', 'COWS'],
  d2: [],
  d3: ['PHQ-9', 'GAD-7'],
  d4: [],
  d5: [],
  d6: [],
};

const DIMENSION_CATALOGUE: PlacementQuestions['dimensions'] = DIMENSION_IDS.map((id) => ({
  id,
  number: DIMENSIONS[id].number,
  label: DIMENSIONS[id].label,
  questions: DIMENSION_QUESTIONS[id].map((q) => ({
    id: q.id,
    text: q.text,
    answer:
      q.answer.type === 'yes_no'
        ? { type: 'yes_no' as const, yes: q.answer.yes, no: q.answer.no }
        : { type: 'choice' as const, options: q.answer.options.map((o) => ({ ...o })) },
  })),
  anchors: RATINGS.map((r) => RATING_ANCHORS[id][r]),
  measures: FEEDING_MEASURES[id],
}));

/** The guided form: per dimension its questions, what each rating means, the measures that feed it; and the table. */
export const placementQuestions = async (deps: AppDeps): Promise<PlacementQuestions> => ({
  dimensions: DIMENSION_CATALOGUE,
  table: await getRuleTable(deps),
});
