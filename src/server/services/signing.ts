import { createHash, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { SignatureProof, SignatureView } from '../../core/api/signing.js';
import { verifyTotp } from '../../core/auth/totp.js';
import { DomainError } from '../../core/errors/domainError.js';
import { canonicalJson } from '../../core/signing/canonicalJson.js';
import { credentialLine } from '../../core/signing/clinicalSigning.js';
import { recordAudit } from '../../db/audit.js';
import type { Database, SignaturesTable } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor } from './access.js';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Wrong passwords or codes while signing, per user, in memory. The session is already signed in, so
 * a few slips are not a break-in; a run of them is refused for a while (and each one is audited).
 * Kept per app so that test servers do not share counts.
 */
const REAUTH_FAILURES_PER_WINDOW = 5;
const REAUTH_WINDOW_MS = 10 * 60_000;

class ReauthLimiter {
  private readonly failures = new Map<string, number[]>();
  private recent(userId: string, now: number): number[] {
    return (this.failures.get(userId) ?? []).filter((t) => now - t < REAUTH_WINDOW_MS);
  }
  /** No more tries, right or wrong, until the window has passed. */
  blocked(userId: string, now: number): boolean {
    return this.recent(userId, now).length >= REAUTH_FAILURES_PER_WINDOW;
  }
  fail(userId: string, now: number): void {
    this.failures.set(userId, [...this.recent(userId, now), now]);
  }
}

const limiters = new WeakMap<AppDeps, ReauthLimiter>();
const reauthLimiterOf = (deps: AppDeps): ReauthLimiter => {
  let limiter = limiters.get(deps);
  if (!limiter) {
    limiter = new ReauthLimiter();
    limiters.set(deps, limiter);
  }
  return limiter;
};

/** SHA-256 over the canonical JSON of what is signed: recomputable from the stored content. */
export const contentHash = (content: unknown): string =>
  createHash('sha256').update(canonicalJson(content)).digest('hex');

export interface VerifiedSigner {
  userId: string;
  name: string;
  credential: string | null;
  method: 'password' | 'totp';
}

/**
 * Re-authenticates the signer (SPEC §7). A wrong password or code is audited and signs nothing;
 * repeated ones are refused for a while.
 */
export const verifySigner = async (
  deps: AppDeps,
  ctx: RequestContext,
  proof: SignatureProof,
): Promise<VerifiedSigner> => {
  const now = deps.clock.now();
  const user = await deps.db.kysely
    .selectFrom('users as u')
    .leftJoin('credentials as c', 'c.user_id', 'u.id')
    .select([
      'u.id',
      'u.display_name',
      'u.password_hash',
      'u.totp_secret',
      'u.totp_enrolled_at',
      'u.locked_until',
      'c.licence_type',
      'c.licence_number',
      'c.licence_state',
      'c.licence_expires_on',
    ])
    .where('u.id', '=', ctx.actor.userId)
    .executeTakeFirstOrThrow();
  if (user.locked_until && user.locked_until > now.toISOString())
    throw new DomainError(
      'ACCOUNT_LOCKED',
      `Your account is locked after repeated failed attempts until ${user.locked_until}.`,
    );
  const limiter = reauthLimiterOf(deps);
  if (limiter.blocked(user.id, now.getTime())) {
    await recordAudit(
      deps.db.kysely,
      {
        ...auditFor(ctx),
        action: 'signature.reauth_refused',
        patientIds: [],
        detail: { method: proof.method },
      },
      now,
    );
    throw new DomainError(
      'RATE_LIMITED',
      'Too many wrong passwords or codes while signing. Wait ten minutes and try again; your text is kept.',
    );
  }
  const ok =
    proof.method === 'password'
      ? await deps.hasher.verify(user.password_hash, proof.password)
      : user.totp_secret !== null &&
        user.totp_enrolled_at !== null &&
        verifyTotp(user.totp_secret, proof.code, now);
  if (!ok) {
    limiter.fail(user.id, now.getTime());
    await recordAudit(
      deps.db.kysely,
      {
        ...auditFor(ctx),
        action: 'signature.reauth_failed',
        patientIds: [],
        detail: { method: proof.method },
      },
      now,
    );
    throw new DomainError(
      'INVALID_CREDENTIALS',
      proof.method === 'password'
        ? 'That password is not correct, so nothing was signed. Your text is kept.'
        : 'That code is not correct, so nothing was signed. Check the time on your device and try the current code.',
      {
        fields: [
          { field: proof.method === 'password' ? '/proof/password' : '/proof/code', message: 'not correct' },
        ],
      },
    );
  }
  return {
    userId: user.id,
    name: user.display_name,
    credential: credentialLine({
      type: user.licence_type,
      number: user.licence_number,
      state: user.licence_state,
      expiresOn: user.licence_expires_on,
    }),
    method: proof.method,
  };
};

/** The signer's part of a signature record, as re-authentication established it. */
export const signedBy = (signer: VerifiedSigner) => ({
  userId: signer.userId,
  signerName: signer.name,
  credential: signer.credential,
  method: signer.method,
});

export interface NewSignature {
  patientId: string;
  subjectType: string;
  subjectId: string;
  purpose: SignaturesTable['purpose'];
  userId: string | null;
  signerName: string;
  credential: string | null;
  method: SignaturesTable['method'];
  contentHash: string;
}

/** Writes the append-only signature record; a second signature for the same purpose is refused. */
export const recordSignature = async (trx: Executor, signature: NewSignature, at: Date): Promise<void> => {
  const existing = await trx
    .selectFrom('signatures')
    .select('id')
    .where('subject_type', '=', signature.subjectType)
    .where('subject_id', '=', signature.subjectId)
    .where('purpose', '=', signature.purpose)
    .executeTakeFirst();
  if (existing)
    throw new DomainError('CONFLICT', `This document already has its ${signature.purpose} signature.`);
  await trx
    .insertInto('signatures')
    .values({
      id: randomUUID(),
      patient_id: signature.patientId,
      subject_type: signature.subjectType,
      subject_id: signature.subjectId,
      purpose: signature.purpose,
      user_id: signature.userId,
      signer_name: signature.signerName,
      credential: signature.credential,
      method: signature.method,
      content_hash: signature.contentHash,
      signed_at: at.toISOString(),
    })
    .execute();
};

/** Signatures of many documents of one type, keyed by document id, oldest first. */
export const signaturesOf = async (
  db: Executor,
  subjectType: string,
  subjectIds: readonly string[],
): Promise<Map<string, SignatureView[]>> => {
  const bySubject = new Map<string, SignatureView[]>();
  if (subjectIds.length === 0) return bySubject;
  const rows = await db
    .selectFrom('signatures')
    .selectAll()
    .where('subject_type', '=', subjectType)
    .where('subject_id', 'in', [...subjectIds])
    .orderBy('signed_at')
    .execute();
  for (const row of rows) {
    const list = bySubject.get(row.subject_id) ?? [];
    list.push({
      purpose: row.purpose,
      signerName: row.signer_name,
      credential: row.credential,
      method: row.method,
      contentHash: row.content_hash,
      signedAt: row.signed_at,
    });
    bySubject.set(row.subject_id, list);
  }
  return bySubject;
};
