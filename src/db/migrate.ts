import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './createDb.js';
import * as foundation from './migrations/2026112401_foundation.js';
import * as intake from './migrations/2026112402_intake.js';
import * as auditLocality from './migrations/2026112403_audit_locality.js';
import * as auditIndexOnSeal from './migrations/2026112404_audit_index_on_seal.js';
import * as schedule from './migrations/2026112405_schedule.js';
import * as scheduleRuns from './migrations/2026112406_schedule_runs.js';
import * as reminders from './migrations/2026112407_reminders.js';
import * as signatures from './migrations/2026112408_signatures.js';
import * as notes from './migrations/2026112409_notes.js';
import * as treatmentPlans from './migrations/2026112412_treatment_plans.js';
import * as screensMedications from './migrations/2026112410_screens_medications.js';
import * as recoverySupports from './migrations/2026112411_recovery_supports.js';

/** Migrations are listed here (not read from disk) so they run the same under tsx, tests and bundles. */
const MIGRATIONS: Record<string, Migration> = {
  '2026112401_foundation': foundation,
  '2026112402_intake': intake,
  '2026112403_audit_locality': auditLocality,
  '2026112404_audit_index_on_seal': auditIndexOnSeal,
  '2026112405_schedule': schedule,
  '2026112406_schedule_runs': scheduleRuns,
  '2026112407_reminders': reminders,
  '2026112408_signatures': signatures,
  '2026112409_notes': notes,
  '2026112412_treatment_plans': treatmentPlans,
  '2026112410_screens_medications': screensMedications,
  '2026112411_recovery_supports': recoverySupports,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(MIGRATIONS) };

export const migrateToLatest = async (db: Db): Promise<string[]> => {
  const migrator = new Migrator({ db: db.kysely, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
};
