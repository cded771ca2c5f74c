import { isStaffRole } from '../../core/access/roles.js';
import { totpCode } from '../../core/auth/totp.js';
import { systemClock } from '../../core/runtime.js';
import {
  CliError,
  type Command,
  HELP_OPTION,
  loadCliConfig,
  parseCommandArgs,
  withDatabase,
} from '../support.js';

const STEP_SECONDS = 30;

export const totpCodeCommand: Command = {
  help: `Usage: openiop totp-code --email <email>

Prints the current TOTP code of a user (the second factor staff enter at sign-in), then how many
seconds it stays valid. For the demo clinic and for scripted checks: anyone who can run this
command can read the database, so it reveals nothing they could not already get.

The code alone is on stdout; the validity note goes to stderr:
  code=$(npm run --silent cli -- totp-code --email clinician@demo.openiop.org)`,
  async run(args, io) {
    const { values } = parseCommandArgs('totp-code', {
      args,
      options: { ...HELP_OPTION, email: { type: 'string' } },
    });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    if (!values.email) throw new CliError('--email is required', 2);
    const email = values.email.trim().toLowerCase();
    const config = loadCliConfig(io.env);
    return withDatabase(config, async (db) => {
      const user = await db.kysely
        .selectFrom('users')
        .select(['role', 'totp_secret', 'active'])
        .where('email', '=', email)
        .executeTakeFirst();
      if (!user) throw new CliError(`no user with the email ${email}`);
      if (!user.totp_secret) {
        throw new CliError(
          isStaffRole(user.role)
            ? `${email} has not enrolled TOTP yet (staff enrol at their first sign-in)`
            : `${email} is a ${user.role} account: TOTP is for staff sign-in`,
        );
      }
      const now = systemClock.now();
      const secondsLeft = STEP_SECONDS - (Math.floor(now.getTime() / 1000) % STEP_SECONDS);
      io.out(totpCode(user.totp_secret, now));
      io.err(
        `valid for ${secondsLeft} more second(s)${user.active === 1 ? '' : ' (this account is deactivated)'}`,
      );
      return 0;
    });
  },
};
