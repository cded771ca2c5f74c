import type { Db } from '../createDb.js';
import { calendarDateIn } from '../../core/runtime.js';
import { seedClinicPatients } from './clinic.js';
import type { DemoOptions, DemoSummary } from './common.js';
import { seedClinicInquiries } from './inquiries.js';
import { seedMeasures } from './measures.js';
import { seedOperatorPatients } from './operator.js';
import { seedTreatmentPlans } from './plans.js';
import { seedRecovery } from './recovery.js';
import { seedRecoverySupports } from './recoverySupports.js';
import { seedSchedule } from './schedule.js';
import { DEMO_PASSWORD, STAFF, type SeededStaff, createStaff } from './staff.js';
import {
  CLINIC_SITES,
  OPERATOR_SITES,
  ORGANIZATION_NAME,
  type SeededStructure,
  createStructure,
} from './structure.js';

export type { DemoOptions, DemoSummary, DemoUser, PasswordHashing } from './common.js';
export { DEMO_PASSWORD, demoEmail, demoTotpSecret } from './staff.js';

/** True until an organization exists: the demo seed and first-run set-up only fill an empty database. */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const row = await db.kysely.selectFrom('organizations').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/**
 * Fills an empty database with a synthetic clinic: the demo (`clinic`) or bench-scale data for a
 * multi-site operator (`operator`). Every person in it is invented. Patient data is written with
 * `demo.seed` audit events in the same transactions; sealing the chain is left to the caller.
 */
export async function seedDemo(db: Db, options: DemoOptions): Promise<DemoSummary> {
  if (!(await isDatabaseEmpty(db)))
    throw new Error('the database is not empty: the demo seed only fills an empty database');
  const now = options.clock.now();
  const nowIso = now.toISOString();
  const onProgress = options.onProgress ?? (() => undefined);
  const siteSpecs = options.size === 'clinic' ? CLINIC_SITES : OPERATOR_SITES;
  const firstSite = siteSpecs[0];
  if (!firstSite) throw new Error('no sites to seed');
  const today = calendarDateIn(now, firstSite.timeZone);
  // One hash for every demo user: argon2id is deliberately slow, and they share the password anyway.
  const passwordHash = await options.hasher.hash(DEMO_PASSWORD);

  const { structure, staff } = await db.kysely.transaction().execute(async (trx) => {
    const created: SeededStructure = await createStructure(trx, siteSpecs, nowIso);
    const members: SeededStaff = await createStaff(trx, created, passwordHash, nowIso, today);
    return { structure: created, staff: members };
  });

  const patients =
    options.size === 'clinic'
      ? await seedClinicPatients(db.kysely, structure, staff, now, onProgress)
      : await seedOperatorPatients(db, structure, staff, options.patients ?? 100_000, now, onProgress);
  if (options.size === 'clinic') await seedClinicInquiries(db.kysely, now);
  if (options.size === 'clinic') await seedSchedule(db.kysely, structure, staff, now);
  if (options.size === 'clinic') await seedTreatmentPlans(db.kysely, staff, now);
  if (options.size === 'clinic') await seedRecoverySupports(db.kysely, now);
  await seedMeasures(db.kysely, structure, now, { history: options.size === 'clinic' });
  if (options.size === 'clinic') await seedRecovery(db.kysely, now);

  return {
    organization: ORGANIZATION_NAME,
    sites: structure.sites.map((s) => ({ id: s.id, name: s.spec.name, timeZone: s.spec.timeZone })),
    users: STAFF.map((spec) => {
      const member = staff[spec.key];
      return {
        email: member.email,
        role: member.role,
        displayName: member.displayName,
        password: DEMO_PASSWORD,
        totpSecret: member.totpSecret,
      };
    }),
    patients,
  };
}
