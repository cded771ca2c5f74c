import { readFileSync } from 'node:fs';
import { CliError, type CliIo, type Command, processIo } from './support.js';

interface CommandEntry {
  name: string;
  /** One line for `openiop --help`. */
  summary: string;
  /** Loaded on use, so `--help` and `serve` do not pay for every command's dependencies. */
  load(): Promise<Command>;
}

const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'serve',
    summary: 'Run the web server (staff app, patient portal, API)',
    load: async () => (await import('./commands/serve.js')).serveCommand,
  },
  {
    name: 'migrate',
    summary: 'Bring the database schema up to date',
    load: async () => (await import('./commands/migrate.js')).migrateCommand,
  },
  {
    name: 'seed-demo',
    summary: 'Fill an empty database with the synthetic demo clinic (or bench data)',
    load: async () => (await import('./commands/seedDemo.js')).seedDemoCommand,
  },
  {
    name: 'create-user',
    summary: 'Create a user (e.g. the first administrator)',
    load: async () => (await import('./commands/createUser.js')).createUserCommand,
  },
  {
    name: 'totp-code',
    summary: "Print a user's current 6-digit sign-in code",
    load: async () => (await import('./commands/totpCode.js')).totpCodeCommand,
  },
  {
    name: 'backup',
    summary: 'Copy the SQLite database to a file and verify the copy',
    load: async () => (await import('./commands/backup.js')).backupCommand,
  },
  {
    name: 'restore',
    summary: 'Replace the SQLite database with a verified backup (server stopped)',
    load: async () => (await import('./commands/restore.js')).restoreCommand,
  },
  {
    name: 'schedule',
    summary: "Assign a week's patients to sessions from a JSON file (no database)",
    load: async () => (await import('./commands/schedule.js')).scheduleCommand,
  },
  {
    name: 'audit',
    summary: 'Verify or seal the tamper-evident audit log',
    load: async () => (await import('./commands/audit.js')).auditCommand,
  },
];

const usage = (): string =>
  [
    'Usage: openiop <command> [options]      (from a checkout: npm run cli -- <command> [options])',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`),
    '',
    'Run "openiop <command> --help" for a command\'s options.',
    'Configuration comes from environment variables; DATABASE_URL defaults to ./data/openiop.sqlite',
    '(postgres://… selects PostgreSQL).',
  ].join('\n');

const version = (): string => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? 'unknown';
};

/** Database drivers and the OS report expected failures (refused connection, locked file) with a code. */
const hasCode = (error: unknown): error is Error & { code: string } =>
  error instanceof Error && typeof (error as { code?: unknown }).code === 'string';

const runCli = async (argv: readonly string[], io: CliIo): Promise<number> => {
  const [name, ...args] = argv;
  if (name === undefined) {
    io.err(usage());
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = args[0] === undefined ? undefined : COMMANDS.find((c) => c.name === args[0]);
    io.out(topic ? (await topic.load()).help : usage());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    io.out(version());
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.err(`openiop: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    const command = await entry.load();
    return await command.run([...args], io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`openiop ${name}: ${error.message}`);
      return error.exitCode;
    }
    if (hasCode(error)) {
      io.err(`openiop ${name}: ${error.message} (${error.code})`);
      return 1;
    }
    io.err(`openiop ${name}: unexpected error`);
    io.err(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  }
};

const code = await runCli(process.argv.slice(2), processIo());
// `serve` returns only after a signal and a clean close; exit then even if a library left a timer behind.
if (process.argv[2] === 'serve') process.exit(code);
process.exitCode = code;
