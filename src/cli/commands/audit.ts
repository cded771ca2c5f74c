import { systemClock } from '../../core/runtime.js';
import { checkpointAuditChain, sealAuditChain, verifyAuditChain } from '../../db/audit.js';
import {
  CliError,
  type Command,
  describeDatabase,
  formatCount,
  formatSeconds,
  HELP_OPTION,
  loadCliConfig,
  parseCommandArgs,
  withDatabase,
} from '../support.js';

export const auditCommand: Command = {
  help: `Usage: openiop audit verify
       openiop audit seal

  verify   walks the whole audit hash chain: every link, every row hash and every checkpointed
           head. Reads only (it does not seal). Exit 0 when intact; exit 1 listing each problem
           (altered rows, missing rows, deleted newest rows) when not.
  seal     seals events not yet in the chain and checkpoints the chain head, as the server does
           every few seconds; for cron jobs or before a verification.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('audit', {
      args,
      options: HELP_OPTION,
      allowPositionals: true,
    });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    const [action, ...extra] = positionals;
    if (action !== 'verify' && action !== 'seal') {
      throw new CliError(
        action
          ? `unknown audit action "${action}": use verify or seal`
          : 'use: openiop audit verify | openiop audit seal',
        2,
      );
    }
    if (extra.length > 0) throw new CliError(`unexpected argument "${extra[0] ?? ''}"`, 2);
    const config = loadCliConfig(io.env);
    return withDatabase(config, async (db) => {
      const where = describeDatabase(config.databaseUrl);
      const startedAt = performance.now();
      if (action === 'seal') {
        const sealed = await sealAuditChain(db);
        const checkpoint = await checkpointAuditChain(db, systemClock.now());
        io.out(
          `${where}: sealed ${formatCount(sealed)} event(s); ` +
            (checkpoint
              ? `checkpoint at chain position ${formatCount(checkpoint.chainPos)}.`
              : 'the chain is empty, no checkpoint.'),
        );
        return 0;
      }
      const result = await verifyAuditChain(db);
      io.out(
        `${where}: ${formatCount(result.sealedRows)} sealed event(s), ${formatCount(result.unsealedRows)} not yet sealed, ` +
          `${formatCount(result.checkpoints)} checkpoint(s); checked in ${formatSeconds(performance.now() - startedAt)}.`,
      );
      if (result.ok) {
        io.out('Audit chain intact: every link, hash and checkpoint verified.');
        return 0;
      }
      io.out(`Audit chain FAILED verification (${result.problems.length} problem(s)):`);
      for (const problem of result.problems) io.out(`  - ${problem}`);
      io.err(
        'audit verify: the audit log has been tampered with or damaged; restore from a verified backup and investigate.',
      );
      return 1;
    });
  },
};
