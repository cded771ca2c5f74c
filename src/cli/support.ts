import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { Db } from '../db/createDb.js';
import { createDb } from '../db/createDb.js';
import { migrateToLatest } from '../db/migrate.js';
import { type Config, ConfigError, loadConfig } from '../server/config.js';

/**
 * An expected failure: printed as one line, no stack trace. Exit code 1 for a refused or failed
 * operation, 2 for bad usage or configuration.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Where a command writes. The real streams in production; tests spawn the real process. */
export interface CliIo {
  out(line?: string): void;
  err(line?: string): void;
  /** True when stdout is a terminal: progress bars instead of periodic lines. */
  interactive: boolean;
  env: NodeJS.ProcessEnv;
}

export interface Command {
  /** The full `openiop <command> --help` text. */
  help: string;
  run(args: string[], io: CliIo): Promise<number>;
}

export const processIo = (): CliIo => ({
  out: (line = '') => process.stdout.write(`${line}\n`),
  err: (line = '') => process.stderr.write(`${line}\n`),
  interactive: Boolean(process.stdout.isTTY),
  env: process.env,
});

/** `parseArgs` with usage errors turned into a one-line message and exit code 2. */
export const parseCommandArgs = <const T extends ParseArgsConfig>(
  command: string,
  config: T,
): ReturnType<typeof parseArgs<T>> => {
  try {
    return parseArgs(config);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(`${message.split('\n')[0] ?? message} (see: openiop ${command} --help)`, 2);
  }
};

export const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

export const loadCliConfig = (env: NodeJS.ProcessEnv): Readonly<Config> => {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(`configuration error: ${error.message}`, 2);
    throw error;
  }
};

/** Opens the configured database, brings its schema up to date, runs `work`, and always closes it. */
export const withDatabase = async <T>(
  config: Readonly<Config>,
  work: (db: Db, applied: string[]) => Promise<T>,
): Promise<T> => {
  const db = createDb({ databaseUrl: config.databaseUrl, sqliteSynchronous: config.sqliteSynchronous });
  try {
    const applied = await migrateToLatest(db);
    return await work(db, applied);
  } finally {
    await db.close();
  }
};

/** Left-aligned columns separated by two spaces. */
export const formatTable = (header: string[], rows: string[][]): string[] => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
};

export const formatCount = (n: number): string => n.toLocaleString('en-US');

export const formatSeconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** A database URL safe to print: PostgreSQL passwords are masked. */
export const describeDatabase = (databaseUrl: string): string => {
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) return databaseUrl;
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://…';
  }
};
