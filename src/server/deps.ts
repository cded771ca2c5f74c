import type { Clock } from '../core/runtime.js';
import type { Db } from '../db/createDb.js';
import type { PasswordHasher } from './auth/passwords.js';
import type { Config } from './config.js';
import type { ReminderSenders } from './reminders/sender.js';

/** Everything the app needs from outside, built once in main.ts (or by a test). */
export interface AppDeps {
  db: Db;
  config: Readonly<Config>;
  clock: Clock;
  hasher: PasswordHasher;
  /** Where reminders go; omitted, they follow the configuration (SMTP when `SMTP_URL` is set, else the outbox). */
  reminderSenders?: ReminderSenders;
}
