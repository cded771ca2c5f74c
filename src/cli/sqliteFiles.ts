import { existsSync, readFileSync, statSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { type AuditVerification, verifyAuditChain } from '../db/audit.js';
import type { Db } from '../db/createDb.js';
import type { Database } from '../db/schema.js';
import { CliError } from './support.js';

/** Row counts compared between a database and its copy. */
export interface DatabaseFigures {
  patients: number;
  auditEvents: number;
}

export interface FileCheck {
  bytes: number;
  integrity: string[];
  figures: DatabaseFigures;
  audit: AuditVerification;
}

const count = (sqlite: SQLite.Database, table: 'patients' | 'audit_events'): number =>
  Number(sqlite.prepare(`select count(*) from ${table}`).pluck().get());

export const figuresOf = (sqlite: SQLite.Database): DatabaseFigures => ({
  patients: count(sqlite, 'patients'),
  auditEvents: count(sqlite, 'audit_events'),
});

/** `PRAGMA integrity_check`: `['ok']` when sound, otherwise one line per problem. */
export const integrityOf = (sqlite: SQLite.Database): string[] =>
  (sqlite.pragma('integrity_check') as Record<string, unknown>[]).map((row) => String(Object.values(row)[0]));

/** A Db over an existing SQLite handle, for running the shared checks (audit verification) on a file. */
const dbOver = (sqlite: SQLite.Database): Db => {
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { kysely, dialect: 'sqlite', sqlite, close: () => kysely.destroy() };
};

/**
 * Opens a SQLite file read-only and checks it as a backup must be checked before anyone relies on
 * it: page-level integrity, the OpenIOP tables, and the whole audit hash chain.
 */
export const checkSqliteFile = async (path: string): Promise<FileCheck> => {
  let sqlite: SQLite.Database;
  try {
    sqlite = new SQLite(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new CliError(`cannot open ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const db = dbOver(sqlite);
  try {
    let tables: string[];
    try {
      tables = sqlite
        .prepare("select name from sqlite_master where type = 'table'")
        .pluck()
        .all() as string[];
    } catch (error) {
      throw new CliError(
        `${path} is not a readable SQLite database (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    const missing = ['patients', 'audit_events', 'audit_checkpoints'].filter((t) => !tables.includes(t));
    if (missing.length > 0)
      throw new CliError(`${path} is not an OpenIOP database (no ${missing.join(', ')} table)`);
    const integrity = integrityOf(sqlite);
    const figures = figuresOf(sqlite);
    const audit = await verifyAuditChain(db);
    return { bytes: statSync(path).size, integrity, figures, audit };
  } finally {
    await db.close();
  }
};

/**
 * Switches a copied file from write-ahead logging to a rollback journal, so the backup is one
 * self-contained file that can be opened read-only without creating -wal and -shm files beside it.
 */
export const makeSelfContained = (path: string): void => {
  const sqlite = new SQLite(path, { fileMustExist: true });
  try {
    sqlite.pragma('journal_mode = DELETE');
  } finally {
    sqlite.close();
  }
};

/**
 * Fails if another process holds a lock on the database or its shared-memory file, as every open
 * SQLite connection in WAL mode does (e.g. a running server). Uses /proc/locks, so the check runs
 * on Linux only; elsewhere the help text's "stop the server first" is the only guard.
 */
export const assertNotInUse = (path: string): void => {
  let locks: string;
  try {
    locks = readFileSync('/proc/locks', 'utf8');
  } catch {
    return;
  }
  const inodes = new Set<string>();
  for (const file of [path, `${path}-shm`, `${path}-wal`]) {
    if (existsSync(file)) inodes.add(String(statSync(file).ino));
  }
  for (const line of locks.split('\n')) {
    // "1: POSIX  ADVISORY  READ 24178 fe:00:2146642 128 128"
    const fields = line.trim().split(/\s+/);
    const pid = fields[4];
    const inode = fields[5]?.split(':')[2];
    if (inode !== undefined && inodes.has(inode) && pid !== String(process.pid)) {
      throw new CliError(
        `${path} is open in another process (pid ${pid ?? '?'}): stop the server before restoring`,
      );
    }
  }
};

/** Copies a SQLite database through the online backup API, which also reads any write-ahead log. */
export const copyDatabaseFile = async (from: string, to: string): Promise<void> => {
  const source = new SQLite(from, { readonly: true, fileMustExist: true });
  try {
    await source.backup(to);
  } finally {
    source.close();
  }
};

export const describeCheck = (check: FileCheck): string[] => [
  `  size:          ${(check.bytes / 1_048_576).toFixed(1)} MB`,
  `  integrity:     ${check.integrity.join('; ')}`,
  `  patients:      ${check.figures.patients.toLocaleString('en-US')}`,
  `  audit events:  ${check.figures.auditEvents.toLocaleString('en-US')} (${check.audit.sealedRows.toLocaleString('en-US')} sealed, ` +
    `${check.audit.unsealedRows.toLocaleString('en-US')} not yet sealed, ${check.audit.checkpoints} checkpoint(s))`,
  `  audit chain:   ${check.audit.ok ? 'intact' : `BROKEN — ${check.audit.problems.join('; ')}`}`,
];

export const checkProblems = (check: FileCheck, expected?: DatabaseFigures): string[] => {
  const problems: string[] = [];
  if (check.integrity.length !== 1 || check.integrity[0] !== 'ok')
    problems.push(`integrity check: ${check.integrity.join('; ')}`);
  if (!check.audit.ok) problems.push(...check.audit.problems.map((p) => `audit chain: ${p}`));
  if (expected && expected.patients !== check.figures.patients) {
    problems.push(`expected ${expected.patients} patients, found ${check.figures.patients}`);
  }
  if (expected && expected.auditEvents !== check.figures.auditEvents) {
    problems.push(`expected ${expected.auditEvents} audit events, found ${check.figures.auditEvents}`);
  }
  return problems;
};
