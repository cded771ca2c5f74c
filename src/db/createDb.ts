import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface DbConfig {
  /** `postgres://…` selects PostgreSQL; anything else is a SQLite file path (`:memory:` allowed). */
  databaseUrl: string;
  /** SQLite only: NORMAL survives process crashes; FULL also survives power loss, at ~15× fewer commits/s. */
  sqliteSynchronous?: 'NORMAL' | 'FULL';
  /** PostgreSQL pool size. */
  poolSize?: number;
}

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** The raw SQLite handle, for online backup; null on PostgreSQL. */
  sqlite: SQLite.Database | null;
  close(): Promise<void>;
}

export const dialectOf = (databaseUrl: string): Dialect =>
  /^postgres(ql)?:\/\//.test(databaseUrl) ? 'postgres' : 'sqlite';

export const sqlitePathOf = (databaseUrl: string): string => databaseUrl.replace(/^sqlite:(\/\/)?/, '');

// PostgreSQL returns BIGINT (count(*), sequences) as strings by default; our counts fit in a JS number.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

/**
 * Kysely's SQLite driver prepares every statement anew; preparing costs more than running a small
 * query. Statements are reused by SQL text (bounded, oldest evicted). Safe because Kysely runs one
 * statement at a time on the connection and never streams here.
 */
const withStatementCache = (sqlite: SQLite.Database, limit = 500) => {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (text: string) => {
      let statement = cache.get(text);
      if (!statement) {
        statement = sqlite.prepare(text);
        if (cache.size >= limit) {
          const oldest = cache.keys().next().value;
          if (oldest !== undefined) cache.delete(oldest);
        }
        cache.set(text, statement);
      }
      return statement;
    },
  };
};

const hotReaders = new WeakMap<Kysely<Database>, SQLite.Database>();

/**
 * A second, read-only SQLite connection for hot reads (see `preparedQuery`): it runs a small indexed
 * query synchronously, without queueing behind Kysely's single connection, and sees only committed
 * data, never another request's open transaction. Null on PostgreSQL and in-memory databases.
 */
export const hotReaderOf = (kysely: Kysely<Database>): SQLite.Database | undefined => hotReaders.get(kysely);

const hotPools = new WeakMap<Kysely<Database>, pg.Pool>();

/**
 * PostgreSQL's pool behind a Kysely instance, for hot reads run as named prepared statements (see
 * `preparedQuery`): each connection parses and plans such a query once instead of on every request.
 */
export const hotPoolOf = (kysely: Kysely<Database>): pg.Pool | undefined => hotPools.get(kysely);

export const createDb = (config: DbConfig): Db => {
  if (dialectOf(config.databaseUrl) === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.poolSize ?? 10 });
    // An idle pooled connection that the server ends (a restart, a failover, an administrator) emits
    // 'error' on the pool, which would otherwise crash the process. The pool drops that connection and
    // the next query opens a new one; queries in flight still fail and are answered as errors.
    pool.on('error', () => undefined);
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    hotPools.set(kysely, pool);
    return {
      kysely,
      dialect: 'postgres',
      sqlite: null,
      close: () => {
        hotPools.delete(kysely);
        return kysely.destroy();
      },
    };
  }
  const path = sqlitePathOf(config.databaseUrl);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${config.sqliteSynchronous ?? 'NORMAL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const kysely = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  let reader: SQLite.Database | null = null;
  if (path !== ':memory:') {
    reader = new SQLite(path, { readonly: true });
    reader.pragma('busy_timeout = 5000');
    hotReaders.set(kysely, reader);
  }
  return {
    kysely,
    dialect: 'sqlite',
    sqlite,
    close: async () => {
      hotReaders.delete(kysely);
      reader?.close();
      await kysely.destroy();
    },
  };
};
