import cliProgress from 'cli-progress';
import { systemClock } from '../../core/runtime.js';
import { checkpointAuditChain, sealAuditChain } from '../../db/audit.js';
import { isDatabaseEmpty, seedDemo } from '../../db/seed/demo.js';
import { argon2Hasher } from '../../server/auth/passwords.js';
import {
  CliError,
  type CliIo,
  type Command,
  describeDatabase,
  formatCount,
  formatSeconds,
  formatTable,
  HELP_OPTION,
  loadCliConfig,
  parseCommandArgs,
  withDatabase,
} from '../support.js';

// MRNs have six digits (MRN-000001 … MRN-999999).
const MAX_PATIENTS = 999_999;

interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/** A bar on a terminal; in logs and CI, one line per tenth done. */
const progressReporter = (io: CliIo): Progress => {
  if (io.interactive) {
    const bar = new cliProgress.SingleBar(
      { format: '  {bar} {percentage}% | {value}/{total} patients | {duration_formatted}', hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update: (done, total) => {
        if (!started) {
          bar.start(total, done);
          started = true;
        } else {
          bar.update(done);
        }
      },
      stop: () => {
        if (started) bar.stop();
      },
    };
  }
  const startedAt = performance.now();
  let lastTenth = 0;
  return {
    update: (done, total) => {
      const tenth = total === 0 ? 10 : Math.floor((done * 10) / total);
      if (tenth <= lastTenth) return;
      lastTenth = tenth;
      io.out(
        `  ${String(tenth * 10).padStart(3)}%  ${formatCount(done)} of ${formatCount(total)} patients  (${formatSeconds(performance.now() - startedAt)})`,
      );
    },
    stop: () => undefined,
  };
};

export const seedDemoCommand: Command = {
  help: `Usage: openiop seed-demo [--size clinic|operator] [--patients N]

Fills an EMPTY database with invented people only:
  --size clinic     (default) "Riverbend Recovery (demo)": two sites in two time zones, IOP and PHP
                    programs with morning and evening tracks, one user per staff role plus a
                    supervised counselor in training, ~40 patients in intake, in care and discharged,
                    open alerts and tasks.
  --size operator   bench data for a multi-site operator: ten sites, the same staff, and
                    --patients N patients (default 100,000) with episodes, caseloads and alerts.

Refuses a database that already holds an organization. Seals the audit chain when done and prints
the demo sign-ins (email, role, password, TOTP secret). Get a user's current TOTP code with:
  npm run cli -- totp-code --email <email>`,
  async run(args, io) {
    const { values } = parseCommandArgs('seed-demo', {
      args,
      options: { ...HELP_OPTION, size: { type: 'string', default: 'clinic' }, patients: { type: 'string' } },
    });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    const size = values.size;
    if (size !== 'clinic' && size !== 'operator')
      throw new CliError(`--size must be clinic or operator (got "${size}")`, 2);
    let patients: number | undefined;
    if (values.patients !== undefined) {
      if (size !== 'operator') throw new CliError('--patients applies to --size operator only', 2);
      patients = Number(values.patients.replaceAll('_', ''));
      if (!Number.isInteger(patients) || patients < 1 || patients > MAX_PATIENTS) {
        throw new CliError(`--patients must be a whole number from 1 to ${formatCount(MAX_PATIENTS)}`, 2);
      }
    }
    const config = loadCliConfig(io.env);
    return withDatabase(config, async (db) => {
      const where = describeDatabase(config.databaseUrl);
      if (!(await isDatabaseEmpty(db))) {
        throw new CliError(`${where} already holds an organization: seed-demo only fills an empty database`);
      }
      io.out(
        size === 'clinic'
          ? `Seeding the demo clinic into ${where}…`
          : `Seeding operator bench data (${formatCount(patients ?? 100_000)} patients) into ${where}…`,
      );
      const progress = progressReporter(io);
      const startedAt = performance.now();
      let summary;
      try {
        summary = await seedDemo(db, {
          size,
          hasher: argon2Hasher,
          clock: systemClock,
          onProgress: (done, total) => progress.update(done, total),
          ...(patients === undefined ? {} : { patients }),
        });
      } finally {
        progress.stop();
      }
      const seededMs = performance.now() - startedAt;
      const sealed = await sealAuditChain(db);
      const checkpoint = await checkpointAuditChain(db, systemClock.now());

      io.out(
        `Seeded ${summary.organization}: ${summary.sites.length} sites, ${formatCount(summary.patients)} patients, ` +
          `${summary.users.length} staff users in ${formatSeconds(seededMs)}.`,
      );
      io.out(
        `Audit chain sealed: ${formatCount(sealed)} event(s)` +
          (checkpoint ? `, checkpoint at chain position ${formatCount(checkpoint.chainPos)}.` : '.'),
      );
      io.out();
      io.out('Demo sign-ins (synthetic data only; staff sign in with password + 6-digit TOTP code):');
      for (const line of formatTable(
        ['email', 'role', 'password', 'TOTP secret'],
        summary.users.map((u) => [u.email, u.role, u.password, u.totpSecret]),
      )) {
        io.out(`  ${line}`);
      }
      io.out();
      io.out('Current TOTP code of a user (or add the secret to an authenticator app):');
      io.out('  npm run cli -- totp-code --email <email>');
      return 0;
    });
  },
};
