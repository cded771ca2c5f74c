import { randomUUID } from 'node:crypto';
import { isRole, isStaffRole, ROLES } from '../../core/access/roles.js';
import { generateTotpSecret } from '../../core/auth/totp.js';
import { systemClock } from '../../core/runtime.js';
import { recordAudit } from '../../db/audit.js';
import { argon2Hasher } from '../../server/auth/passwords.js';
import {
  CliError,
  type Command,
  HELP_OPTION,
  loadCliConfig,
  parseCommandArgs,
  withDatabase,
} from '../support.js';

const MIN_PASSWORD = 12;
const MAX_PASSWORD = 256;
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** RFC 4648 base32; at least 16 characters (80 bits), as RFC 4226 asks of shared secrets. */
const BASE32_SECRET = /^[A-Z2-7]{16,}=*$/;

export const createUserCommand: Command = {
  help: `Usage: openiop create-user --email <email> --role <role> --password <password>
                           [--name "Display Name"] [--site <id or name> ...] [--totp-secret <base32>]

Creates a user with an Argon2id-hashed password. Staff roles are enrolled in TOTP at once, with the
given secret or a new one, which is printed: add it to an authenticator app, or read the current
code with "openiop totp-code --email <email>".

  --email        sign-in email (stored lower-case; must not exist yet)
  --role         one of: ${ROLES.join(', ')}
  --password     at least ${MIN_PASSWORD} characters (tip: read it from a variable, not shell history)
  --name         display name (default: the part of the email before @)
  --site         a site id or exact site name; repeat for several sites (sites must exist)
  --totp-secret  base32 TOTP secret to enrol instead of a generated one (staff roles only)`,
  async run(args, io) {
    const { values } = parseCommandArgs('create-user', {
      args,
      options: {
        ...HELP_OPTION,
        email: { type: 'string' },
        role: { type: 'string' },
        password: { type: 'string' },
        name: { type: 'string' },
        site: { type: 'string', multiple: true },
        'totp-secret': { type: 'string' },
      },
    });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    const email = values.email?.trim().toLowerCase() ?? '';
    if (!email) throw new CliError('--email is required', 2);
    if (!EMAIL_SHAPE.test(email) || email.length > 254)
      throw new CliError(`"${email}" is not an email address`, 2);
    const role = values.role?.trim() ?? '';
    if (!role) throw new CliError('--role is required', 2);
    if (!isRole(role)) throw new CliError(`--role must be one of: ${ROLES.join(', ')} (got "${role}")`, 2);
    const password = values.password ?? '';
    if (!password) throw new CliError('--password is required', 2);
    if (password.length < MIN_PASSWORD)
      throw new CliError(`--password must be at least ${MIN_PASSWORD} characters`, 2);
    if (password.length > MAX_PASSWORD)
      throw new CliError(`--password must be at most ${MAX_PASSWORD} characters`, 2);
    const displayName = values.name?.trim() || email.slice(0, email.indexOf('@'));
    if (displayName.length > 200) throw new CliError('--name must be at most 200 characters', 2);
    let totpSecret: string | null = null;
    if (values['totp-secret'] !== undefined) {
      if (!isStaffRole(role)) throw new CliError('--totp-secret applies to staff roles only', 2);
      totpSecret = values['totp-secret'].replace(/\s+/g, '').toUpperCase();
      if (!BASE32_SECRET.test(totpSecret)) {
        throw new CliError(
          '--totp-secret must be base32 (letters A–Z and digits 2–7), at least 16 characters',
          2,
        );
      }
    } else if (isStaffRole(role)) {
      totpSecret = generateTotpSecret();
    }

    const config = loadCliConfig(io.env);
    return withDatabase(config, async (db) => {
      const existing = await db.kysely
        .selectFrom('users')
        .select('id')
        .where('email', '=', email)
        .executeTakeFirst();
      if (existing) throw new CliError('a user with that email already exists');
      const sites = await db.kysely.selectFrom('sites').select(['id', 'name']).execute();
      const siteIds = new Set<string>();
      for (const wanted of values.site ?? []) {
        const match = sites.find((s) => s.id === wanted) ?? sites.find((s) => s.name === wanted);
        if (!match) {
          throw new CliError(
            sites.length === 0
              ? `no site "${wanted}": there are no sites yet (create the user without --site)`
              : `no site "${wanted}" (sites: ${sites.map((s) => `"${s.name}"`).join(', ')})`,
          );
        }
        siteIds.add(match.id);
      }

      const passwordHash = await argon2Hasher.hash(password);
      const now = systemClock.now();
      const nowIso = now.toISOString();
      const id = randomUUID();
      await db.kysely.transaction().execute(async (trx) => {
        await trx
          .insertInto('users')
          .values({
            id,
            email,
            display_name: displayName,
            role,
            password_hash: passwordHash,
            totp_secret: totpSecret,
            totp_enrolled_at: totpSecret ? nowIso : null,
            active: 1,
            failed_logins: 0,
            locked_until: null,
            last_login_at: null,
            created_at: nowIso,
            updated_at: nowIso,
            version: 1,
          })
          .execute();
        if (siteIds.size > 0) {
          await trx
            .insertInto('user_sites')
            .values([...siteIds].map((siteId) => ({ user_id: id, site_id: siteId })))
            .execute();
        }
        await recordAudit(
          trx,
          {
            actorUserId: null,
            actorRole: 'system',
            action: 'admin.user.create',
            patientIds: [],
            recordType: 'user',
            recordId: id,
            detail: { role, via: 'cli' },
          },
          now,
        );
      });

      io.out(`Created ${role} ${email} (${displayName}).`);
      io.out(`  user id:      ${id}`);
      io.out(
        `  sites:        ${
          siteIds.size === 0
            ? 'none'
            : sites
                .filter((s) => siteIds.has(s.id))
                .map((s) => s.name)
                .join(', ')
        }`,
      );
      if (totpSecret) {
        io.out(`  TOTP secret:  ${totpSecret}`);
        io.out(`  current code: openiop totp-code --email ${email}`);
      }
      if (siteIds.size === 0 && sites.length > 0 && role !== 'admin' && isStaffRole(role)) {
        io.err('note: no sites assigned; this user sees no patients until an administrator adds a site.');
      }
      return 0;
    });
  },
};
