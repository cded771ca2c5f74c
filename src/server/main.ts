import { systemClock } from '../core/runtime.js';
import { createDb } from '../db/createDb.js';
import { migrateToLatest } from '../db/migrate.js';
import { isDatabaseEmpty, seedDemo, type DemoSummary } from '../db/seed/demo.js';
import { buildApp } from './app.js';
import { startAuditSealer } from './auditSealer.js';
import { argon2Hasher } from './auth/passwords.js';
import type { Config } from './config.js';
import type { AppDeps } from './deps.js';
import { startBackgroundJobs } from './backgroundJobs.js';

const printDemoLogins = (url: string, summary: DemoSummary): void => {
  const lines = [
    '',
    `Demo clinic "${summary.organization}" seeded with ${summary.patients} synthetic patients.`,
    'Demo sign-ins (password for all: see below). Staff sign in with a 6-digit TOTP code:',
    '  get the current code with:  npm run cli -- totp-code --email <email>',
    '  or add the secret to an authenticator app.',
    '',
    ...summary.users.map(
      (u) =>
        `  ${u.email.padEnd(40)} ${u.role.padEnd(20)} password ${u.password}  TOTP secret ${u.totpSecret}`,
    ),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  void url;
};

/** The composition root: configuration in, a listening server out. */
export const startServer = async (
  config: Readonly<Config>,
): Promise<{ url: string; close(): Promise<void> }> => {
  const db = createDb({ databaseUrl: config.databaseUrl, sqliteSynchronous: config.sqliteSynchronous });
  await migrateToLatest(db);
  const deps: AppDeps = { db, config, clock: systemClock, hasher: argon2Hasher };

  let seeded: DemoSummary | null = null;
  if (config.seedDemo && (await isDatabaseEmpty(db))) {
    process.stdout.write('Seeding the demo clinic…\n');
    seeded = await seedDemo(db, { size: 'clinic', hasher: argon2Hasher, clock: systemClock });
  }

  const app = await buildApp(deps);
  const sealer = startAuditSealer(db, systemClock, {
    sealMs: config.auditSealIntervalMs,
    checkpointMs: config.auditCheckpointIntervalMs,
    onError: (error) => app.log.error({ err: error }, 'audit sealing failed'),
  });
  const jobs = await startBackgroundJobs(deps, (error) =>
    app.log.error({ err: error }, 'background job failed'),
  );

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  if (seeded) printDemoLogins(url, seeded);
  process.stdout.write(`OpenIOP is running at ${url}  (database: ${db.dialect})\n`);

  return {
    url,
    close: async () => {
      await app.close();
      await jobs.stop();
      await sealer.stop();
      await db.close();
    },
  };
};
