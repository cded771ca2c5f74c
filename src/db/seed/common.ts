import type { Transaction } from 'kysely';
import type { Role } from '../../core/access/roles.js';
import type { Clock } from '../../core/runtime.js';
import type { Database } from '../schema.js';

/** What the seed needs of a password hasher; the server's Argon2id `PasswordHasher` fits. */
export interface PasswordHashing {
  hash(password: string): Promise<string>;
}

export interface DemoOptions {
  /** `clinic`: one organization, two sites, ~40 patients. `operator`: ten sites and bench-scale data. */
  size: 'clinic' | 'operator';
  hasher: PasswordHashing;
  clock: Clock;
  /** Called as patients are written: `done` of `total`. */
  onProgress?: (done: number, total: number) => void;
  /** Operator size only: how many patients (default 100,000). */
  patients?: number;
}

export interface DemoUser {
  email: string;
  role: Role;
  displayName: string;
  password: string;
  totpSecret: string;
}

export interface DemoSummary {
  organization: string;
  sites: { id: string; name: string; timeZone: string }[];
  users: DemoUser[];
  patients: number;
}

/**
 * Reserves `count` medical record numbers from the `mrn` counter and returns the first. The caller
 * formats them with `formatMrn`; the counter row is created on first use.
 */
export const reserveMrns = async (trx: Transaction<Database>, count: number): Promise<number> => {
  const row = await trx.selectFrom('counters').select('value').where('name', '=', 'mrn').executeTakeFirst();
  if (row) {
    const current = Number(row.value);
    await trx
      .updateTable('counters')
      .set({ value: current + count })
      .where('name', '=', 'mrn')
      .execute();
    return current + 1;
  }
  await trx.insertInto('counters').values({ name: 'mrn', value: count }).execute();
  return 1;
};

/**
 * An instant on a calendar date for rows "created that day": mid-morning on the US east coast,
 * early morning on the west coast, and never later than now.
 */
export const instantOn = (date: string, now: Date, minuteOffset = 0): string => {
  const at = Date.parse(`${date}T15:00:00.000Z`) + minuteOffset * 60_000;
  return new Date(Math.min(at, now.getTime())).toISOString();
};
