import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createDb, sqlitePathOf } from '../../db/createDb.js';
import { verifyAuditChain } from '../../db/audit.js';
import {
  assertNotInUse,
  checkProblems,
  checkSqliteFile,
  copyDatabaseFile,
  describeCheck,
  type FileCheck,
  figuresOf,
  integrityOf,
} from '../sqliteFiles.js';
import {
  CliError,
  type Command,
  formatSeconds,
  HELP_OPTION,
  loadCliConfig,
  parseCommandArgs,
} from '../support.js';

export const restoreCommand: Command = {
  help: `Usage: openiop restore <file> [--force]

Restores a backup made with "openiop backup" to the SQLite file at DATABASE_URL. STOP THE SERVER
FIRST: restoring under a running server would lose or corrupt data (restore refuses a database
another process has open).

Steps: verify <file> (read-only: integrity_check and the audit hash chain), then copy it over the
database (stale -wal/-shm files are removed), reopen the restored database and verify it again.
The schema is not migrated here; "openiop migrate" or the next server start does that.

  --force   replace an existing database (without it, restore only fills a path that is empty)

PostgreSQL: use pg_restore with a pg_dump --format=custom file.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('restore', {
      args,
      options: { ...HELP_OPTION, force: { type: 'boolean', default: false } },
      allowPositionals: true,
    });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    const [file, ...extra] = positionals;
    if (!file) throw new CliError('which file? usage: openiop restore <file> [--force]', 2);
    if (extra.length > 0) throw new CliError(`unexpected argument "${extra[0] ?? ''}"`, 2);
    const config = loadCliConfig(io.env);
    if (/^postgres(ql)?:\/\//.test(config.databaseUrl)) {
      throw new CliError(
        'restore of PostgreSQL uses pg_restore: pg_restore --clean --if-exists --dbname=<database> <file>',
      );
    }
    const source = resolve(file);
    const targetPath = sqlitePathOf(config.databaseUrl);
    if (targetPath === ':memory:') throw new CliError('cannot restore into an in-memory database');
    const target = resolve(targetPath);
    if (source === target) throw new CliError('the backup file is the database itself');
    if (!existsSync(source)) throw new CliError(`${file} does not exist`);

    const startedAt = performance.now();
    const before: FileCheck = await checkSqliteFile(source);
    const problems = checkProblems(before);
    if (problems.length > 0)
      throw new CliError(`${file} failed verification, nothing restored: ${problems.join('; ')}`);
    io.out(`Verified ${source}:`);
    for (const line of describeCheck(before)) io.out(line);

    if (existsSync(target)) {
      if (!values.force)
        throw new CliError(`${target} already exists: stop the server, then use --force to replace it`);
      assertNotInUse(target);
    }
    mkdirSync(dirname(target), { recursive: true });
    const incoming = `${target}.restore-${process.pid}`;
    rmSync(incoming, { force: true });
    try {
      await copyDatabaseFile(source, incoming);
      // A -wal left beside the old file would be replayed into the restored one: remove both sidecars first.
      for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${target}${suffix}`, { force: true });
      renameSync(incoming, target);
    } finally {
      rmSync(incoming, { force: true });
    }

    const db = createDb({ databaseUrl: target, sqliteSynchronous: config.sqliteSynchronous });
    try {
      const sqlite = db.sqlite;
      if (!sqlite) throw new CliError('restore needs a SQLite database');
      const integrity = integrityOf(sqlite);
      const figures = figuresOf(sqlite);
      const audit = await verifyAuditChain(db);
      const after: FileCheck = { bytes: before.bytes, integrity, figures, audit };
      const afterProblems = checkProblems(after, before.figures);
      if (afterProblems.length > 0) {
        throw new CliError(`the restored database failed verification: ${afterProblems.join('; ')}`);
      }
      io.out(
        `Restored to ${target} in ${formatSeconds(performance.now() - startedAt)}; verified again after reopening:`,
      );
      for (const line of describeCheck(after).slice(1)) io.out(line);
      return 0;
    } finally {
      await db.close();
    }
  },
};
