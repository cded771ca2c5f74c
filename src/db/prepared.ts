import type SQLite from 'better-sqlite3';
import type { QueryResultRow } from 'pg';
import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import { hotPoolOf, hotReaderOf } from './createDb.js';
import type { Database } from './schema.js';

// A value no caller can pass by accident: it marks where a parameter goes in the compiled SQL.
const MARK = '\u0000openiop-parameter:';

/** A placeholder for the parameter `name` of a prepared query; typed as the column's value. */
export const parameter = <T = string>(name: string): T => `${MARK}${name}` as T;

type Slot = { kind: 'parameter'; name: string } | { kind: 'value'; value: unknown };

interface Compiled {
  sql: string;
  slots: Slot[];
  /** SQLite: the statement prepared on the hot-read connection. */
  statement: SQLite.Statement | null;
  /** PostgreSQL: the name each pooled connection prepares the statement under. */
  name: string;
}

// Statement names are per connection and must not collide between different texts.
let statementCount = 0;

/**
 * A read on a hot path, built and compiled once per database instead of once per request: Kysely's
 * builder and compiler cost more than SQLite takes to run a small indexed query. `build` must use
 * `parameter(name)` for every value that varies (scalars only; not `in` lists). The compiled text is
 * kept per Kysely instance, since SQLite and PostgreSQL compile differently. On SQLite the query runs
 * on the read-only hot-read connection, synchronously; on PostgreSQL as a named prepared statement, so
 * each pooled connection parses and plans it once (a chart's timeline is a union of eight scans whose
 * planning costs more than running it). Inside a transaction (pass the transaction) it runs through
 * Kysely so that it sees the transaction's own writes.
 */
export const preparedQuery = <Params extends Record<string, unknown>, Row>(
  build: (db: Kysely<Database>) => Compilable<Row>,
) => {
  const byDatabase = new WeakMap<Kysely<Database>, Compiled>();
  const compile = (db: Kysely<Database>): Compiled => {
    const query = build(db).compile();
    const slots = query.parameters.map((value): Slot =>
      typeof value === 'string' && value.startsWith(MARK)
        ? { kind: 'parameter', name: value.slice(MARK.length) }
        : { kind: 'value', value },
    );
    const reader = hotReaderOf(db);
    statementCount += 1;
    return {
      sql: query.sql,
      slots,
      statement: reader ? reader.prepare(query.sql) : null,
      name: `openiop_hot_${statementCount}`,
    };
  };
  return async (db: Kysely<Database>, params: Params): Promise<Row[]> => {
    let compiled = byDatabase.get(db);
    if (!compiled) {
      compiled = compile(db);
      byDatabase.set(db, compiled);
    }
    const values = compiled.slots.map((slot) => {
      if (slot.kind === 'value') return slot.value;
      if (!(slot.name in params)) throw new Error(`prepared query is missing parameter "${slot.name}"`);
      return params[slot.name];
    });
    if (compiled.statement && hotReaderOf(db)) return compiled.statement.all(values) as Row[];
    const pool = hotPoolOf(db);
    if (pool)
      return (await pool.query<Row & QueryResultRow>({ name: compiled.name, text: compiled.sql, values }))
        .rows;
    const result = await db.executeQuery<Row>(CompiledQuery.raw(compiled.sql, values));
    return result.rows;
  };
};
