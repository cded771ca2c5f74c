import { createHash, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { StaffRole } from '../../core/access/roles.js';
import type { CredentialsTable, Database } from '../schema.js';
import { addDays } from './random.js';
import type { SeededStructure } from './structure.js';

export const DEMO_PASSWORD = 'demo-password-2026';
export const DEMO_EMAIL_DOMAIN = 'demo.openiop.org';

export type StaffKey = StaffRole | 'clinician2';

type CredentialSpec = Omit<
  CredentialsTable,
  'user_id' | 'supervisor_id' | 'licence_expires_on' | 'updated_at' | 'version'
> & {
  /** Days from today until the licence expires; null when there is no licence. */
  expiresInDays: number | null;
  supervisedBy: StaffKey | null;
};

interface StaffSpec {
  key: StaffKey;
  role: StaffRole;
  displayName: string;
  /** Front-office roles work at the first site only; clinical and leadership roles at every site. */
  firstSiteOnly: boolean;
  credentials: CredentialSpec;
}

const NO_LICENCE: CredentialSpec = {
  licence_type: null,
  licence_number: null,
  licence_state: null,
  npi: null,
  may_diagnose: 0,
  may_sign_placements: 0,
  needs_cosignature: 0,
  expiresInDays: null,
  supervisedBy: null,
};

/**
 * A 10-digit NPI whose last digit is the Luhn check over the "80840" prefix, as real NPIs have.
 * The base numbers are invented.
 */
export const syntheticNpi = (base9: string): string => {
  const digits = `80840${base9}`.split('').map(Number);
  let sum = 0;
  for (let i = digits.length - 1, double = true; i >= 0; i -= 1, double = !double) {
    const digit = digits[i] ?? 0;
    const value = double ? digit * 2 : digit;
    sum += value > 9 ? value - 9 : value;
  }
  return `${base9}${(10 - (sum % 10)) % 10}`;
};

export const STAFF: readonly StaffSpec[] = [
  { key: 'admin', role: 'admin', displayName: 'Jordan Avery', firstSiteOnly: false, credentials: NO_LICENCE },
  {
    key: 'program_director',
    role: 'program_director',
    displayName: 'Dr. Priya Natarajan, PsyD',
    firstSiteOnly: false,
    credentials: {
      ...NO_LICENCE,
      licence_type: 'Licensed psychologist',
      licence_number: 'PSY.0004821',
      licence_state: 'CT',
      npi: syntheticNpi('190447382'),
      may_diagnose: 1,
      may_sign_placements: 1,
      expiresInDays: 640,
    },
  },
  {
    key: 'clinical_supervisor',
    role: 'clinical_supervisor',
    displayName: 'Dana Whitfield, LCSW',
    firstSiteOnly: false,
    credentials: {
      ...NO_LICENCE,
      licence_type: 'LCSW',
      licence_number: 'LCSW.0031907',
      licence_state: 'CT',
      npi: syntheticNpi('162983015'),
      may_diagnose: 1,
      may_sign_placements: 1,
      expiresInDays: 540,
    },
  },
  {
    key: 'clinician',
    role: 'clinician',
    displayName: 'Marcus Bell, LADC',
    firstSiteOnly: false,
    credentials: {
      ...NO_LICENCE,
      licence_type: 'LADC',
      licence_number: 'LADC.0012655',
      licence_state: 'CT',
      npi: syntheticNpi('137720594'),
      // A licensed addiction counselor diagnoses substance use disorders; the counselor in training does not.
      may_diagnose: 1,
      // … and rates and signs placements (SPEC §3); the counselor in training drafts them.
      may_sign_placements: 1,
      expiresInDays: 410,
      supervisedBy: 'clinical_supervisor',
    },
  },
  {
    key: 'clinician2',
    role: 'clinician',
    displayName: 'Sofia Reyes',
    firstSiteOnly: false,
    credentials: {
      ...NO_LICENCE,
      licence_type: 'Counselor in training',
      licence_number: 'CIT.0020417',
      licence_state: 'CT',
      needs_cosignature: 1,
      expiresInDays: 300,
      supervisedBy: 'clinical_supervisor',
    },
  },
  {
    key: 'case_manager',
    role: 'case_manager',
    displayName: 'Tamika Brooks',
    firstSiteOnly: false,
    credentials: NO_LICENCE,
  },
  {
    key: 'intake_coordinator',
    role: 'intake_coordinator',
    displayName: 'Evan Park',
    firstSiteOnly: true,
    credentials: NO_LICENCE,
  },
  {
    key: 'front_desk',
    role: 'front_desk',
    displayName: 'Lucy Moreno',
    firstSiteOnly: true,
    credentials: NO_LICENCE,
  },
  {
    key: 'biller',
    role: 'biller',
    displayName: 'Grant Okafor',
    firstSiteOnly: true,
    credentials: NO_LICENCE,
  },
];

export const demoEmail = (key: StaffKey): string => `${key.replaceAll('_', '-')}@${DEMO_EMAIL_DOMAIN}`;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding, as authenticator apps expect. */
export const base32 = (bytes: Uint8Array): string => {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
};

/**
 * The demo TOTP secret of an email: 20 bytes of sha256("openiop-demo:" + email). Deterministic so
 * a re-seeded demo keeps working in an authenticator app; documentation points to
 * `openiop totp-code` rather than printing secrets.
 */
export const demoTotpSecret = (email: string): string =>
  base32(createHash('sha256').update(`openiop-demo:${email}`).digest().subarray(0, 20));

export interface SeededStaffMember {
  id: string;
  key: StaffKey;
  role: StaffRole;
  email: string;
  displayName: string;
  totpSecret: string;
}

export type SeededStaff = Record<StaffKey, SeededStaffMember>;

/**
 * Creates one user per staff role plus a second, supervised clinician, with credentials, site
 * memberships and enrolled TOTP. All share one password hash: hashing once keeps seeding fast, and
 * they share the password anyway.
 */
export const createStaff = async (
  trx: Transaction<Database>,
  structure: SeededStructure,
  passwordHash: string,
  nowIso: string,
  today: string,
): Promise<SeededStaff> => {
  const members = STAFF.map((spec): SeededStaffMember => {
    const email = demoEmail(spec.key);
    return {
      id: randomUUID(),
      key: spec.key,
      role: spec.role,
      email,
      displayName: spec.displayName,
      totpSecret: demoTotpSecret(email),
    };
  });
  const staff = Object.fromEntries(members.map((m) => [m.key, m])) as SeededStaff;

  await trx
    .insertInto('users')
    .values(
      members.map((m) => ({
        id: m.id,
        email: m.email,
        display_name: m.displayName,
        role: m.role,
        password_hash: passwordHash,
        totp_secret: m.totpSecret,
        totp_enrolled_at: nowIso,
        active: 1,
        failed_logins: 0,
        locked_until: null,
        last_login_at: null,
        created_at: nowIso,
        updated_at: nowIso,
        version: 1,
      })),
    )
    .execute();

  const firstSite = structure.sites[0];
  if (!firstSite) throw new Error('the demo needs at least one site');
  await trx
    .insertInto('user_sites')
    .values(
      STAFF.flatMap((spec) =>
        (spec.firstSiteOnly ? [firstSite] : structure.sites).map((s) => ({
          user_id: staff[spec.key].id,
          site_id: s.id,
        })),
      ),
    )
    .execute();

  await trx
    .insertInto('credentials')
    .values(
      STAFF.map(({ key, credentials: { expiresInDays, supervisedBy, ...flags } }) => ({
        ...flags,
        user_id: staff[key].id,
        licence_expires_on: expiresInDays === null ? null : addDays(today, expiresInDays),
        supervisor_id: supervisedBy === null ? null : staff[supervisedBy].id,
        updated_at: nowIso,
        version: 1,
      })),
    )
    .execute();

  // Alerts resolve to the primary clinician, then their supervisor, then the site's on-call person.
  await trx
    .updateTable('sites')
    .set({ on_call_user_id: staff.clinical_supervisor.id })
    .where('organization_id', '=', structure.organizationId)
    .execute();
  return staff;
};
