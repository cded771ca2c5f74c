import { isValidTimeZone } from '../core/runtime.js';

/**
 * Configuration from environment variables, validated once at start-up and frozen.
 * Every setting is documented here and in the README.
 */
export interface Config {
  /** `postgres://user@host:5432/db` selects PostgreSQL; otherwise a SQLite file path. */
  databaseUrl: string;
  /** SQLite durability: NORMAL (default) survives process crashes; FULL also power loss, slower commits. */
  sqliteSynchronous: 'NORMAL' | 'FULL';
  /** HTTP port and bind address. */
  port: number;
  host: string;
  /** Seed the demo clinic when the database is empty. Defaults to on only for the default SQLite file. */
  seedDemo: boolean;
  /** Minutes of inactivity before a staff session ends (SPEC §15: 15). */
  idleTimeoutMinutes: number;
  /** Hard limit on a session's life, in hours. */
  sessionMaxHours: number;
  /** Send cookies with the Secure flag. Browsers accept Secure cookies on http://localhost. */
  secureCookies: boolean;
  /** Failed sign-ins before an account locks, and for how long. */
  lockoutThreshold: number;
  lockoutMinutes: number;
  /** Sign-in attempts per client IP per minute. */
  loginRatePerMinute: number;
  /** Public self-check: question and evaluation requests per client IP per 10 minutes. */
  selfCheckRatePer10Minutes: number;
  /** Public self-check: call-back requests per client IP per 10 minutes (each becomes an inquiry). */
  selfCheckCallbacksPer10Minutes: number;
  /** Minutes a break-the-glass grant lasts. */
  breakGlassMinutes: number;
  /** How often the audit chain is sealed and its head checkpointed, in milliseconds. */
  auditSealIntervalMs: number;
  auditCheckpointIntervalMs: number;
  /** Background jobs (escalations, reminders) poll interval in milliseconds; 0 disables the runner. */
  jobsPollMs: number;
  /** Fallback time zone for organization-level dates. */
  defaultTimeZone: string;
  /**
   * `SMTP_URL` (`smtps://user:pass@mail.example.org:465`): reminders by email go through it. Unset, every
   * reminder goes to the outbox table (Admin → Outbox), for development.
   */
  smtpUrl: string | null;
  /** `REMINDER_FROM`: the sender of reminder emails. Choose one that does not reveal SUD treatment. */
  reminderFrom: string;
  /** `SMS_INBOUND_SECRET`: the SMS gateway sends it in `x-sms-secret`; unset, the inbound webhook answers 404. */
  smsInboundSecret: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Directory of the built web app. */
  webRoot: string;
}

export const DEFAULT_DATABASE_URL = './data/openiop.sqlite';

export class ConfigError extends Error {}

const int = (env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
};

const bool = (env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false (got "${raw}")`);
};

const oneOf = <T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const match = allowed.find((a) => a.toLowerCase() === raw.toLowerCase());
  if (!match) throw new ConfigError(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
  return match;
};

const smtpUrlOf = (env: NodeJS.ProcessEnv): string | null => {
  const raw = env.SMTP_URL;
  if (raw === undefined || raw === '') return null;
  let protocol = '';
  try {
    protocol = new URL(raw).protocol;
  } catch {
    throw new ConfigError('SMTP_URL must be a URL such as smtps://user:password@mail.example.org:465');
  }
  if (protocol !== 'smtp:' && protocol !== 'smtps:')
    throw new ConfigError(`SMTP_URL must start with smtp:// or smtps:// (got "${protocol}")`);
  return raw;
};

// A guessable secret would let anyone opt patients out of their reminders.
const smsSecretOf = (env: NodeJS.ProcessEnv): string | null => {
  const raw = env.SMS_INBOUND_SECRET;
  if (raw === undefined || raw === '') return null;
  if (raw.length < 16) throw new ConfigError('SMS_INBOUND_SECRET must be at least 16 characters');
  return raw;
};

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Readonly<Config> => {
  const databaseUrl = env.DATABASE_URL && env.DATABASE_URL !== '' ? env.DATABASE_URL : DEFAULT_DATABASE_URL;
  const defaultTimeZone = env.DEFAULT_TIME_ZONE ?? 'America/New_York';
  if (!isValidTimeZone(defaultTimeZone))
    throw new ConfigError(`DEFAULT_TIME_ZONE "${defaultTimeZone}" is not an IANA time zone`);
  return Object.freeze({
    databaseUrl,
    sqliteSynchronous: oneOf(env, 'SQLITE_SYNCHRONOUS', ['NORMAL', 'FULL'] as const, 'NORMAL'),
    port: int(env, 'PORT', 3000, 0, 65535),
    host: env.HOST && env.HOST !== '' ? env.HOST : '127.0.0.1',
    seedDemo: bool(env, 'SEED_DEMO', databaseUrl === DEFAULT_DATABASE_URL),
    idleTimeoutMinutes: int(env, 'IDLE_TIMEOUT_MINUTES', 15, 1, 720),
    sessionMaxHours: int(env, 'SESSION_MAX_HOURS', 12, 1, 168),
    secureCookies: bool(env, 'SECURE_COOKIES', true),
    lockoutThreshold: int(env, 'LOCKOUT_THRESHOLD', 5, 1, 100),
    lockoutMinutes: int(env, 'LOCKOUT_MINUTES', 15, 1, 1440),
    loginRatePerMinute: int(env, 'LOGIN_RATE_PER_MINUTE', 20, 1, 100000),
    selfCheckRatePer10Minutes: int(env, 'SELF_CHECK_RATE_PER_10_MIN', 30, 1, 100000),
    selfCheckCallbacksPer10Minutes: int(env, 'SELF_CHECK_CALLBACKS_PER_10_MIN', 5, 1, 100000),
    breakGlassMinutes: int(env, 'BREAK_GLASS_MINUTES', 60, 5, 1440),
    auditSealIntervalMs: int(env, 'AUDIT_SEAL_INTERVAL_MS', 1000, 50, 3_600_000),
    auditCheckpointIntervalMs: int(env, 'AUDIT_CHECKPOINT_INTERVAL_MS', 60_000, 100, 86_400_000),
    jobsPollMs: int(env, 'JOBS_POLL_MS', 5000, 0, 3_600_000),
    defaultTimeZone,
    smtpUrl: smtpUrlOf(env),
    reminderFrom: env.REMINDER_FROM && env.REMINDER_FROM !== '' ? env.REMINDER_FROM : 'reminders@localhost',
    smsInboundSecret: smsSecretOf(env),
    logLevel: oneOf(
      env,
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      'info',
    ),
    webRoot: env.WEB_ROOT ?? 'dist/web',
  });
};
