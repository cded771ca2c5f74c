import { type ExpressionBuilder, type Kysely, sql, type Transaction } from 'kysely';
import type { PatientScope } from '../../core/access/patientPolicy.js';
import type { Dialect } from '../createDb.js';
import type { Database } from '../schema.js';

type Executor = Kysely<Database> | Transaction<Database>;
type PatientEb = ExpressionBuilder<Database, 'patients'>;

export interface PatientSearch {
  scope: PatientScope;
  terms: readonly string[];
  status?: string | undefined;
  limit: number;
  offset: number;
  now: Date;
}

// Literal predicates: SQLite cannot bind booleans.
const ALWAYS = sql<boolean>`1 = 1`;
const NEVER = sql<boolean>`1 = 0`;

const likeEscape = (term: string): string => term.replace(/[\\%_]/g, (c) => `\\${c}`);
const ftsQuote = (term: string): string => `"${term.replaceAll('"', '""')}"`;

const scopeFilter = (eb: PatientEb, scope: PatientScope, now: Date) => {
  switch (scope.kind) {
    case 'all':
      return ALWAYS;
    case 'none':
      return NEVER;
    case 'sites':
      return scope.siteIds.length === 0 ? NEVER : eb('patients.site_id', 'in', [...scope.siteIds]);
    case 'intake':
      return scope.siteIds.length === 0
        ? NEVER
        : eb.and([eb('patients.site_id', 'in', [...scope.siteIds]), eb('patients.status', '=', 'intake')]);
    case 'caseload':
      return eb.or([
        eb.exists(
          eb
            .selectFrom('caseload_assignments')
            .select(sql.lit(1).as('one'))
            .whereRef('caseload_assignments.patient_id', '=', 'patients.id')
            .where('caseload_assignments.user_id', 'in', [...scope.userIds])
            .where('caseload_assignments.ended_at', 'is', null),
        ),
        // Members of a current series led by one of these clinicians (SPEC §1).
        eb.exists(
          eb
            .selectFrom('series_memberships')
            .innerJoin('session_series', 'session_series.id', 'series_memberships.series_id')
            .select(sql.lit(1).as('one'))
            .whereRef('series_memberships.patient_id', '=', 'patients.id')
            .where('session_series.clinician_id', 'in', [...scope.userIds])
            .where('session_series.archived_at', 'is', null)
            .where((m) =>
              m.or([
                m('series_memberships.left_on', 'is', null),
                m('series_memberships.left_on', '>', scope.today),
              ]),
            ),
        ),
        eb.exists(
          eb
            .selectFrom('break_glass_grants')
            .select(sql.lit(1).as('one'))
            .whereRef('break_glass_grants.patient_id', '=', 'patients.id')
            .where('break_glass_grants.user_id', '=', scope.includeBreakGlassOf)
            .where('break_glass_grants.revoked_at', 'is', null)
            .where('break_glass_grants.expires_at', '>', now.toISOString()),
        ),
      ]);
  }
};

/**
 * Search uses a trigram index on both databases: FTS5's trigram tokenizer on SQLite, pg_trgm on
 * PostgreSQL. Terms shorter than three characters cannot use it and fall back to a scan filter.
 */
const searchFilter = (eb: PatientEb, dialect: Dialect, terms: readonly string[]) => {
  const indexable = terms.filter((t) => t.length >= 3);
  const short = terms.filter((t) => t.length < 3);
  const conditions = short.map(
    (t) => sql<boolean>`patients.search_text like ${`%${likeEscape(t)}%`} escape '\\'`,
  );
  if (indexable.length > 0) {
    if (dialect === 'sqlite') {
      const match = indexable.map(ftsQuote).join(' AND ');
      conditions.push(
        sql<boolean>`patients.rowid in (select rowid from patients_fts where patients_fts match ${match})`,
      );
    } else {
      for (const t of indexable)
        conditions.push(sql<boolean>`patients.search_text like ${`%${likeEscape(t)}%`} escape '\\'`);
    }
  }
  return conditions.length === 0 ? ALWAYS : eb.and(conditions);
};

export const searchPatients = async (executor: Executor, dialect: Dialect, search: PatientSearch) => {
  const base = executor
    .selectFrom('patients')
    .where((eb) => scopeFilter(eb, search.scope, search.now))
    .where((eb) => searchFilter(eb, dialect, search.terms))
    .$if(search.status !== undefined, (qb) => qb.where('patients.status', '=', search.status ?? ''));

  // The page's ids first (an index-friendly sort over narrow rows), then the details of those rows only:
  // SQLite would otherwise compute the level-of-care subquery for every matching row before sorting.
  const [page, count] = await Promise.all([
    base
      .select('patients.id')
      // With search terms the matches are few: sorting them beats walking the name index while filtering
      // every row, which is the plan PostgreSQL picks for ORDER BY … LIMIT if the plain column is offered.
      .$if(search.terms.length > 0, (qb) =>
        qb.orderBy(sql`patients.last_name || ''`).orderBy(sql`patients.first_name || ''`),
      )
      .$if(search.terms.length === 0, (qb) => qb.orderBy('patients.last_name').orderBy('patients.first_name'))
      .orderBy('patients.id')
      .limit(search.limit)
      .offset(search.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const ids = page.map((p) => p.id);
  const details =
    ids.length === 0
      ? []
      : await executor
          .selectFrom('patients')
          .leftJoin('users as clinician', 'clinician.id', 'patients.primary_clinician_id')
          .select([
            'patients.id',
            'patients.mrn',
            'patients.first_name',
            'patients.last_name',
            'patients.preferred_name',
            'patients.date_of_birth',
            'patients.status',
            'patients.site_id',
            'patients.primary_clinician_id',
            'clinician.display_name as clinician_name',
          ])
          .select((eb) =>
            eb
              .selectFrom('enrolment_segments')
              .innerJoin('episodes', 'episodes.id', 'enrolment_segments.episode_id')
              .select('enrolment_segments.level_of_care')
              .whereRef('enrolment_segments.patient_id', '=', 'patients.id')
              .where('episodes.status', '=', 'open')
              .where('enrolment_segments.end_on', 'is', null)
              .limit(1)
              .as('level_of_care'),
          )
          .where('patients.id', 'in', ids)
          .execute();
  const byId = new Map(details.map((d) => [d.id, d]));
  const rows = ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
  return { rows, total: Number(count.n) };
};

/** Atomic on both databases: the row lock of UPDATE … RETURNING serialises concurrent admissions. */
export const nextMrn = async (trx: Transaction<Database>): Promise<string> => {
  await trx
    .insertInto('counters')
    .values({ name: 'mrn', value: 0 })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await trx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'mrn')
    .returning('value')
    .executeTakeFirstOrThrow();
  return `MRN-${String(row.value).padStart(6, '0')}`;
};
