import { randomUUID } from 'node:crypto';
import { isStaffRole } from '../../core/access/roles.js';
import type { LoginBody, LoginResult, Me } from '../../core/api/auth.js';
import { generateTotpSecret, otpauthUri, verifyTotp } from '../../core/auth/totp.js';
import { DomainError } from '../../core/errors/domainError.js';
import { recordAudit } from '../../db/audit.js';
import { newToken, tokenHash } from '../auth/tokens.js';
import { forgetSession } from '../auth/sessionCache.js';
import type { AppDeps } from '../deps.js';

/** Per-IP sign-in attempts in the last minute; in memory, so it resets on restart (lockout does not). */
export class LoginRateLimiter {
  private readonly attempts = new Map<string, number[]>();
  constructor(private readonly perMinute: number) {}

  hit(key: string, now: number): boolean {
    const recent = (this.attempts.get(key) ?? []).filter((t) => now - t < 60_000);
    recent.push(now);
    this.attempts.set(key, recent);
    if (this.attempts.size > 10_000) {
      for (const [k, times] of this.attempts)
        if (times.every((t) => now - t >= 60_000)) this.attempts.delete(k);
    }
    return recent.length <= this.perMinute;
  }
}

export interface SignedIn {
  result: LoginResult;
  sessionToken?: string;
}

const ENROLMENT_MINUTES = 10;

const startSession = async (
  deps: AppDeps,
  userId: string,
  ip: string,
  userAgent: string | null,
): Promise<{ token: string }> => {
  const now = deps.clock.now();
  const token = newToken();
  await deps.db.kysely
    .insertInto('auth_sessions')
    .values({
      id: tokenHash(token),
      user_id: userId,
      csrf_token: newToken(),
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + deps.config.sessionMaxHours * 3_600_000).toISOString(),
      ip,
      user_agent: userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token };
};

export const meFor = async (deps: AppDeps, sessionToken: string): Promise<Me> => {
  const session = await deps.db.kysely
    .selectFrom('auth_sessions')
    .innerJoin('users', 'users.id', 'auth_sessions.user_id')
    .select(['users.id', 'users.email', 'users.display_name', 'users.role', 'auth_sessions.csrf_token'])
    .where('auth_sessions.id', '=', tokenHash(sessionToken))
    .executeTakeFirstOrThrow();
  const sites = await deps.db.kysely
    .selectFrom('user_sites')
    .select('site_id')
    .where('user_id', '=', session.id)
    .execute();
  return {
    id: session.id,
    email: session.email,
    displayName: session.display_name,
    role: session.role as Me['role'],
    siteIds: sites.map((s) => s.site_id),
    csrfToken: session.csrf_token,
    idleTimeoutMinutes: deps.config.idleTimeoutMinutes,
  };
};

const INVALID = 'The email or password is not correct.';

export const login = async (
  deps: AppDeps,
  limiter: LoginRateLimiter,
  body: LoginBody,
  ip: string,
  userAgent: string | null,
): Promise<SignedIn> => {
  const now = deps.clock.now();
  if (!limiter.hit(ip, now.getTime())) {
    throw new DomainError(
      'RATE_LIMITED',
      'Too many sign-in attempts from this address. Wait a minute and try again.',
    );
  }
  const email = body.email.trim().toLowerCase();
  const user = await deps.db.kysely
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email)
    .executeTakeFirst();
  const audit = (action: string, userId: string | null, detail?: Record<string, unknown>) =>
    recordAudit(
      deps.db.kysely,
      {
        actorUserId: userId,
        actorRole: user?.role ?? null,
        action,
        patientIds: [],
        ip,
        detail: detail ?? null,
      },
      now,
    );

  if (!user || user.active !== 1) {
    // Same cost as a real check, so response time does not reveal which emails exist.
    await deps.hasher.verify(
      '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0000000000000000000000000000000000000000000',
      body.password,
    );
    await audit('auth.login_failed', null, { reason: 'unknown_user' });
    throw new DomainError('INVALID_CREDENTIALS', INVALID);
  }
  if (user.locked_until && user.locked_until > now.toISOString()) {
    await audit('auth.login_locked', user.id);
    throw new DomainError(
      'ACCOUNT_LOCKED',
      `This account is locked after repeated failed sign-ins until ${user.locked_until}. An administrator can unlock it.`,
    );
  }
  const passwordOk = await deps.hasher.verify(user.password_hash, body.password);
  const totpNeeded = user.totp_secret !== null && user.totp_enrolled_at !== null;
  const totpOk =
    !totpNeeded || (body.totp !== undefined && verifyTotp(user.totp_secret ?? '', body.totp, now));

  if (!passwordOk || (totpNeeded && body.totp !== undefined && !totpOk)) {
    const failed = user.failed_logins + 1;
    const lock = failed >= deps.config.lockoutThreshold;
    await deps.db.kysely
      .updateTable('users')
      .set({
        failed_logins: lock ? 0 : failed,
        locked_until: lock
          ? new Date(now.getTime() + deps.config.lockoutMinutes * 60_000).toISOString()
          : user.locked_until,
      })
      .where('id', '=', user.id)
      .execute();
    await audit('auth.login_failed', user.id, { reason: passwordOk ? 'totp' : 'password', locked: lock });
    if (passwordOk)
      throw new DomainError(
        'INVALID_TOTP',
        'The 6-digit code is not correct. Check the time on your device and try the current code.',
      );
    throw new DomainError('INVALID_CREDENTIALS', INVALID);
  }
  if (totpNeeded && body.totp === undefined) {
    throw new DomainError('MFA_REQUIRED', 'Enter the 6-digit code from your authenticator app.');
  }
  if (!totpNeeded && isStaffRole(user.role)) {
    const secret = generateTotpSecret();
    const enrolmentId = randomUUID();
    await deps.db.kysely.deleteFrom('mfa_enrolments').where('user_id', '=', user.id).execute();
    await deps.db.kysely
      .insertInto('mfa_enrolments')
      .values({
        id: enrolmentId,
        user_id: user.id,
        secret,
        expires_at: new Date(now.getTime() + ENROLMENT_MINUTES * 60_000).toISOString(),
      })
      .execute();
    await audit('auth.mfa_enrolment_started', user.id);
    return {
      result: {
        status: 'mfa_enrolment_required',
        enrolmentId,
        secret,
        otpauthUri: otpauthUri(secret, user.email),
      },
    };
  }
  await deps.db.kysely
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null, last_login_at: now.toISOString() })
    .where('id', '=', user.id)
    .execute();
  const { token } = await startSession(deps, user.id, ip, userAgent);
  await audit('auth.login', user.id);
  return { result: { status: 'signed_in', me: await meFor(deps, token) }, sessionToken: token };
};

export const completeMfaEnrolment = async (
  deps: AppDeps,
  enrolmentId: string,
  code: string,
  ip: string,
  userAgent: string | null,
): Promise<SignedIn> => {
  const now = deps.clock.now();
  const enrolment = await deps.db.kysely
    .selectFrom('mfa_enrolments')
    .selectAll()
    .where('id', '=', enrolmentId)
    .executeTakeFirst();
  if (!enrolment || enrolment.expires_at <= now.toISOString()) {
    throw new DomainError('UNAUTHENTICATED', 'The enrolment expired. Sign in again to get a new code.');
  }
  if (!verifyTotp(enrolment.secret, code, now)) {
    throw new DomainError(
      'INVALID_TOTP',
      'The 6-digit code is not correct. Check the time on your device and try the current code.',
    );
  }
  await deps.db.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        totp_secret: enrolment.secret,
        totp_enrolled_at: now.toISOString(),
        failed_logins: 0,
        last_login_at: now.toISOString(),
      })
      .where('id', '=', enrolment.user_id)
      .execute();
    await trx.deleteFrom('mfa_enrolments').where('user_id', '=', enrolment.user_id).execute();
    await recordAudit(
      trx,
      { actorUserId: enrolment.user_id, actorRole: null, action: 'auth.mfa_enrolled', patientIds: [], ip },
      now,
    );
  });
  const { token } = await startSession(deps, enrolment.user_id, ip, userAgent);
  return { result: { status: 'signed_in', me: await meFor(deps, token) }, sessionToken: token };
};

export const logout = async (
  deps: AppDeps,
  sessionId: string | null,
  userId: string | null,
  ip: string,
): Promise<void> => {
  if (!sessionId) return;
  await deps.db.kysely.deleteFrom('auth_sessions').where('id', '=', sessionId).execute();
  forgetSession(deps.db, sessionId);
  await recordAudit(
    deps.db.kysely,
    { actorUserId: userId, actorRole: null, action: 'auth.logout', patientIds: [], ip },
    deps.clock.now(),
  );
};
