import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyTotp } from '../core/auth/totp.js';
import { fixedClock } from '../core/runtime.js';
import { checkpointAuditChain, sealAuditChain, verifyAuditChain } from '../db/audit.js';
import { createDb, type Db } from '../db/createDb.js';
import { migrateToLatest } from '../db/migrate.js';
import { demoTotpSecret, seedDemo } from '../db/seed/demo.js';
import { freshDatabaseUrl, TEST_DIALECTS, type TestDatabase } from '../db/testing/testDatabases.js';
import { argon2Hasher, type PasswordHasher } from '../server/auth/passwords.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = join(ROOT, 'src/cli/main.ts');
const LAUNCHER = join(ROOT, 'bin/openiop.mjs');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  output: string;
}

const run = (
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<Run> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr, output: `${stdout}${stderr}` }));
  });

/** Runs the real CLI in a child process, as an operator would, with extra environment variables. */
const cliWithEnv = (extra: NodeJS.ProcessEnv, databaseUrl: string, ...args: string[]): Promise<Run> =>
  run(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, SEED_DEMO: 'false', LOG_LEVEL: 'silent', ...extra },
  });

const cli = (databaseUrl: string, ...args: string[]): Promise<Run> => cliWithEnv({}, databaseUrl, ...args);

const rows = (file: string, query: string): unknown[] => {
  const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return sqlite.prepare(query).all();
  } finally {
    sqlite.close();
  }
};

const write = (file: string, ...statements: string[]): void => {
  const sqlite = new SQLite(file, { fileMustExist: true });
  try {
    for (const statement of statements) sqlite.exec(statement);
  } finally {
    sqlite.close();
  }
};

const maxChainPos = (file: string): number => {
  const [row] = rows(file, 'select max(chain_pos) as pos from audit_events') as { pos: number }[];
  return Number(row?.pos);
};

// What someone with write access to the file could do: remove the append-only triggers first.
const DROP_AUDIT_TRIGGERS = ['drop trigger audit_events_seal_only', 'drop trigger audit_events_no_delete'];

describe('openiop CLI on SQLite', () => {
  let dir: string;
  let dbFile: string;
  let backupFile: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'openiop-cli-'));
    dbFile = join(dir, 'openiop.sqlite');
    backupFile = join(dir, 'backup.sqlite');
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('prints usage and help, refuses unknown commands and bad configuration, and runs via the bin launcher', async () => {
    const [help, restoreHelp, unknown, badConfig, launched] = await Promise.all([
      cli(dbFile, '--help'),
      cli(dbFile, 'restore', '--help'),
      cli(dbFile, 'frobnicate'),
      cliWithEnv({ PORT: 'eighty' }, dbFile, 'migrate'),
      run(LAUNCHER, ['seed-demo', '--help'], { cwd: tmpdir() }),
    ]);
    expect(help.status).toBe(0);
    for (const name of [
      'serve',
      'migrate',
      'seed-demo',
      'create-user',
      'totp-code',
      'backup',
      'restore',
      'audit',
    ]) {
      expect(help.stdout).toContain(name);
    }
    expect(restoreHelp.stdout).toMatch(/STOP THE SERVER/);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    expect(badConfig.status).toBe(2);
    expect(badConfig.stderr.trim()).toBe(
      'openiop migrate: configuration error: PORT must be a whole number from 0 to 65535 (got "eighty")',
    );
    expect(launched.status, launched.output).toBe(0);
    expect(launched.stdout).toContain('Usage: openiop seed-demo');
  });

  it('migrates, then says the schema is already up to date', async () => {
    const first = await cli(dbFile, 'migrate');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('2026112401_foundation');
    const second = await cli(dbFile, 'migrate');
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('already up to date');
  });

  it('seeds the demo clinic once, printing the sign-ins, and refuses a second time', async () => {
    const seeded = await cli(dbFile, 'seed-demo');
    expect(seeded.status, seeded.output).toBe(0);
    expect(seeded.stdout).toContain('Seeded Riverbend Recovery (demo): 2 sites');
    expect(seeded.stdout).toContain('100%');
    for (const email of [
      'admin@demo.openiop.org',
      'clinical-supervisor@demo.openiop.org',
      'clinician2@demo.openiop.org',
    ]) {
      expect(seeded.stdout).toContain(email);
      expect(seeded.stdout).toContain(demoTotpSecret(email));
    }
    expect(seeded.stdout).toContain('demo-password-2026');
    expect(seeded.stdout).toContain('npm run cli -- totp-code --email <email>');

    const again = await cli(dbFile, 'seed-demo');
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already holds an organization: seed-demo only fills an empty database/);
    expect(again.stderr).not.toMatch(/\n\s+at /);
  });

  it('creates users, rejecting duplicates, unknown roles and short passwords', async () => {
    const user = ['--role', 'clinician', '--password', 'a long enough passphrase'];
    const [created, badRole, short] = await Promise.all([
      cli(
        dbFile,
        'create-user',
        '--email',
        'Nia.Okoro@Example.org',
        ...user,
        '--name',
        'Nia Okoro',
        '--site',
        'Riverbend — Sacramento',
      ),
      cli(
        dbFile,
        'create-user',
        '--email',
        'w@example.org',
        '--role',
        'wizard',
        '--password',
        'a long enough passphrase',
      ),
      cli(dbFile, 'create-user', '--email', 'w@example.org', '--role', 'admin', '--password', 'short'),
    ]);
    expect(created.status, created.output).toBe(0);
    expect(created.stdout).toMatch(/user id: +[0-9a-f-]{36}/);
    const secret = /TOTP secret: +([A-Z2-7]+)/.exec(created.stdout)?.[1];
    expect(secret).toBeDefined();
    const [row] = rows(dbFile, "select totp_secret from users where email = 'nia.okoro@example.org'") as {
      totp_secret: string;
    }[];
    expect(row?.totp_secret).toBe(secret);
    expect(rows(dbFile, "select * from audit_events where action = 'admin.user.create'")).toHaveLength(1);
    expect(badRole.status).toBe(2);
    expect(badRole.stderr).toContain('--role must be one of');
    expect(short.status).toBe(2);
    expect(short.stderr).toContain('at least 12 characters');

    const duplicate = await cli(dbFile, 'create-user', '--email', 'nia.okoro@example.org', ...user);
    expect(duplicate.status).toBe(1);
    expect(duplicate.stderr.trim()).toBe('openiop create-user: a user with that email already exists');
  });

  it('prints the current TOTP code, which sign-in accepts, and verifies the audit chain without sealing', async () => {
    const email = 'clinician@demo.openiop.org';
    const [code, verify] = await Promise.all([
      cli(dbFile, 'totp-code', '--email', email),
      cli(dbFile, 'audit', 'verify'),
    ]);
    expect(code.status).toBe(0);
    expect(code.stdout.trim()).toMatch(/^\d{6}$/);
    expect(code.stderr).toMatch(/valid for \d+ more second/);
    expect(verifyTotp(demoTotpSecret(email), code.stdout.trim(), new Date())).toBe(true);

    expect(verify.status, verify.output).toBe(0);
    expect(verify.stdout).toContain('Audit chain intact');
    // The create-user event stays unsealed: verification only reads.
    expect(verify.stdout).toContain('1 not yet sealed');
  });

  it('backs up with verification, refuses to overwrite, and restores into a new path', async () => {
    const backup = await cli(dbFile, 'backup', backupFile);
    expect(backup.status, backup.output).toBe(0);
    expect(backup.stdout).toMatch(/integrity: +ok/);
    expect(backup.stdout).toMatch(/audit chain: +intact/);
    expect(existsSync(backupFile)).toBe(true);
    expect(existsSync(`${backupFile}-wal`)).toBe(false);

    const restoredFile = join(dir, 'restored', 'openiop.sqlite');
    const junk = join(dir, 'junk.sqlite');
    writeFileSync(junk, 'not a database at all, just text'.repeat(200));
    const [again, restore, bad] = await Promise.all([
      cli(dbFile, 'backup', backupFile),
      cli(restoredFile, 'restore', backupFile),
      cli(join(dir, 'other.sqlite'), 'restore', junk),
    ]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists (use --force to overwrite it)');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('not a readable SQLite database');
    expect(existsSync(join(dir, 'other.sqlite'))).toBe(false);

    expect(restore.status, restore.output).toBe(0);
    expect(restore.stdout).toContain('verified again after reopening');
    const count = (file: string, table: string) =>
      (rows(file, `select count(*) as n from ${table}`) as { n: number }[])[0]?.n;
    for (const table of ['patients', 'audit_events', 'users', 'episodes', 'audit_checkpoints']) {
      expect(count(restoredFile, table)).toBe(count(dbFile, table));
    }
    const [verifyRestored, refused] = await Promise.all([
      cli(restoredFile, 'audit', 'verify'),
      cli(restoredFile, 'restore', backupFile),
    ]);
    expect(verifyRestored.status, verifyRestored.output).toBe(0);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('use --force to replace it');
  });

  it('enforces append-only audit tables in the database itself', () => {
    const file = join(dir, 'append-only.sqlite');
    copyFileSync(backupFile, file);
    expect(() => write(file, "update audit_events set action = 'x' where chain_pos = 1")).toThrow(
      /append-only/,
    );
    expect(() => write(file, 'update audit_events set hash = null where chain_pos = 1')).toThrow(
      /append-only/,
    );
    expect(() => write(file, 'delete from audit_events where chain_pos = 1')).toThrow(/append-only/);
    expect(() => write(file, 'delete from audit_patient_index')).toThrow(/append-only/);
    expect(() => write(file, 'delete from audit_checkpoints')).toThrow(/append-only/);
  });

  it('detects an altered row, a deleted middle row, and deleted newest rows (through the checkpoint)', async () => {
    const altered = join(dir, 'altered.sqlite');
    const missing = join(dir, 'missing.sqlite');
    const truncated = join(dir, 'truncated.sqlite');
    for (const file of [altered, missing, truncated]) copyFileSync(backupFile, file);
    write(
      altered,
      ...DROP_AUDIT_TRIGGERS,
      "update audit_events set action = 'patient.read' where chain_pos = 2",
    );
    write(missing, ...DROP_AUDIT_TRIGGERS, 'delete from audit_events where chain_pos = 2');
    const seal = await cli(truncated, 'audit', 'seal');
    expect(seal.status).toBe(0);
    const head = maxChainPos(truncated);
    expect(seal.stdout).toContain(`checkpoint at chain position ${head}`);
    write(truncated, ...DROP_AUDIT_TRIGGERS, `delete from audit_events where chain_pos >= ${head - 1}`);

    const [a, b, c] = await Promise.all([
      cli(altered, 'audit', 'verify'),
      cli(missing, 'audit', 'verify'),
      cli(truncated, 'audit', 'verify'),
    ]);
    expect(a.status).toBe(1);
    expect(a.stdout).toContain('row at chain position 2 was altered');
    expect(a.stderr).toContain('tampered');
    expect(b.status).toBe(1);
    expect(b.stdout).toContain('chain position 2 is missing');
    expect(c.status).toBe(1);
    expect(c.stdout).toContain(`checkpointed head at chain position ${head} is missing`);
  });

  it('sends PostgreSQL users to pg_dump without printing the password', async () => {
    const result = await cli('postgres://openiop:secret@127.0.0.1:1/openiop', 'backup', 'x.dump');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('backup of PostgreSQL uses pg_dump: pg_dump --format=custom');
    expect(result.stderr).not.toContain('secret');
  });
});

/** Real Argon2id once; every seeded database reuses the hash. */
const hasher: PasswordHasher = (() => {
  let hash: Promise<string> | null = null;
  return {
    hash: (password) => (hash ??= argon2Hasher.hash(password)),
    verify: (hashed, password) => argon2Hasher.verify(hashed, password),
  };
})();

describe.skipIf(!TEST_DIALECTS.includes('postgres'))('audit tamper evidence on PostgreSQL', () => {
  const databases: TestDatabase[] = [];
  const opened: Db[] = [];

  /** A sealed, checkpointed demo database. */
  const seeded = async (): Promise<Db> => {
    const testDb = await freshDatabaseUrl('postgres');
    databases.push(testDb);
    const db = createDb({ databaseUrl: testDb.url, poolSize: 2 });
    opened.push(db);
    await migrateToLatest(db);
    const clock = fixedClock(new Date('2026-11-24T15:30:00Z'));
    await seedDemo(db, { size: 'clinic', hasher, clock });
    await sealAuditChain(db);
    await checkpointAuditChain(db, clock.now());
    expect((await verifyAuditChain(db)).ok).toBe(true);
    return db;
  };
  // As a superuser with direct access would: switch the append-only triggers off.
  const disableTriggers = (db: Db) => sql`alter table audit_events disable trigger all`.execute(db.kysely);

  afterAll(async () => {
    for (const db of opened) await db.close();
    for (const testDb of databases) await testDb.drop();
  });

  it('rejects UPDATE, DELETE and TRUNCATE of audit rows while the triggers are on', async () => {
    const db = await seeded();
    await expect(
      sql`update audit_events set action = 'x' where chain_pos = 1`.execute(db.kysely),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events where chain_pos = 1`.execute(db.kysely)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`truncate audit_events`.execute(db.kysely)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_checkpoints`.execute(db.kysely)).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('detects an altered row', async () => {
    const db = await seeded();
    await disableTriggers(db);
    await sql`update audit_events set action = 'patient.read' where chain_pos = 2`.execute(db.kysely);
    const result = await verifyAuditChain(db);
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toContain('row at chain position 2 was altered');
  });

  it('detects a deleted row in the middle of the chain', async () => {
    const db = await seeded();
    await disableTriggers(db);
    await sql`delete from audit_events where chain_pos = 2`.execute(db.kysely);
    const result = await verifyAuditChain(db);
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toContain('chain position 2 is missing');
  });

  it('detects deletion of the newest rows through the checkpoint', async () => {
    const db = await seeded();
    const head = await db.kysely
      .selectFrom('audit_checkpoints')
      .select('chain_pos')
      .orderBy('chain_pos', 'desc')
      .executeTakeFirstOrThrow();
    await disableTriggers(db);
    await sql`delete from audit_events where chain_pos >= ${Number(head.chain_pos) - 1}`.execute(db.kysely);
    const result = await verifyAuditChain(db);
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toContain(
      `checkpointed head at chain position ${Number(head.chain_pos)} is missing`,
    );
  });
});
