import { existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { sqlitePathOf } from '../../db/createDb.js';
import {
  checkProblems,
  checkSqliteFile,
  type DatabaseFigures,
  describeCheck,
  figuresOf,
  makeSelfContained,
} from '../sqliteFiles.js';
import {
  CliError,
  type Command,
  formatSeconds,
  HELP_OPTION,
  loadCliConfig,
  parseCommandArgs,
  withDatabase,
} from '../support.js';

const removeWithSidecars = (path: string): void => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
};

/** The database name of a PostgreSQL URL, for a command line that does not print the password. */
const postgresName = (databaseUrl: string): string => {
  try {
    return new URL(databaseUrl).pathname.replace(/^\//, '') || 'postgres';
  } catch {
    return '<database>';
  }
};

export const backupCommand: Command = {
  help: `Usage: openiop backup <file> [--force]

Copies the SQLite database at DATABASE_URL to <file> with SQLite's online backup (the server may
keep running), then verifies the copy before calling it a backup: opened read-only, PRAGMA
integrity_check must say ok, its patient and audit-event counts must equal the database's at the
moment of the copy, and its audit hash chain must verify. The file is written only if all pass.

  --force   overwrite <file> if it exists

PostgreSQL: use pg_dump --format=custom (and pg_restore to restore).`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('backup', {
      args,
      options: { ...HELP_OPTION, force: { type: 'boolean', default: false } },
      allowPositionals: true,
    });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    const [file, ...extra] = positionals;
    if (!file) throw new CliError('which file? usage: openiop backup <file> [--force]', 2);
    if (extra.length > 0) throw new CliError(`unexpected argument "${extra[0] ?? ''}"`, 2);
    const config = loadCliConfig(io.env);
    if (/^postgres(ql)?:\/\//.test(config.databaseUrl)) {
      const name = postgresName(config.databaseUrl);
      throw new CliError(
        `backup of PostgreSQL uses pg_dump: pg_dump --format=custom --file=${file} ${name} ` +
          `(restore with pg_restore --clean --if-exists --dbname=${name} ${file})`,
      );
    }
    const target = resolve(file);
    const source = sqlitePathOf(config.databaseUrl);
    if (source === ':memory:') throw new CliError('an in-memory database cannot be backed up');
    if (resolve(source) === target) throw new CliError('the backup file must not be the database itself');
    if (existsSync(target) && !values.force)
      throw new CliError(`${file} already exists (use --force to overwrite it)`);

    return withDatabase(config, async (db) => {
      const sqlite = db.sqlite;
      if (!sqlite) throw new CliError('backup needs a SQLite database');
      const partial = `${target}.partial-${process.pid}`;
      removeWithSidecars(partial);
      const startedAt = performance.now();
      let expected: DatabaseFigures;
      // One read transaction around counting and copying: both see the same snapshot even while
      // the server keeps writing, so the copy's counts must match exactly.
      sqlite.exec('BEGIN');
      try {
        expected = figuresOf(sqlite);
        await sqlite.backup(partial);
      } finally {
        sqlite.exec('COMMIT');
      }
      try {
        makeSelfContained(partial);
        const check = await checkSqliteFile(partial);
        const problems = checkProblems(check, expected);
        if (problems.length > 0)
          throw new CliError(`the copy failed verification, no backup written: ${problems.join('; ')}`);
        if (existsSync(target)) removeWithSidecars(target);
        renameSync(partial, target);
        io.out(
          `Backed up ${source} to ${target} in ${formatSeconds(performance.now() - startedAt)}; verified:`,
        );
        for (const line of describeCheck(check)) io.out(line);
        return 0;
      } finally {
        removeWithSidecars(partial);
      }
    });
  },
};
