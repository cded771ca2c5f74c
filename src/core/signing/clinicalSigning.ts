import type { Actor, CredentialScope } from '../access/actor.js';
import type { Role } from '../access/roles.js';

/** Roles whose members sign clinical documents (notes, plans); others may draft but not sign. */
export const CLINICAL_SIGNER_ROLES: readonly Role[] = [
  'clinician',
  'clinical_supervisor',
  'program_director',
  'case_manager',
];

export type ClinicalSignDecision =
  | { allowed: true; needsCosignature: boolean; cosignerUserId: string | null }
  | { allowed: false; code: 'FORBIDDEN' | 'CREDENTIAL_EXPIRED'; reason: string };

/**
 * SPEC §1 and §7: an expired licence cannot sign; an author whose credentials require supervision
 * (or who holds no licence) signs, and the document then waits for the supervisor's co-signature.
 * A licence is valid through its expiry date, judged by `today` at the patient's site.
 */
export const decideClinicalSignature = (
  role: Role,
  credentials: CredentialScope | null,
  today: string,
  /** Case management documentation is not licensed practice: no licence, no co-signature needed. */
  { licenceRequired = true }: { licenceRequired?: boolean } = {},
): ClinicalSignDecision => {
  if (!CLINICAL_SIGNER_ROLES.includes(role))
    return {
      allowed: false,
      code: 'FORBIDDEN',
      reason: `Your role (${role}) does not sign clinical documents.`,
    };
  if (credentials?.licenceExpiresOn && credentials.licenceExpiresOn < today)
    return {
      allowed: false,
      code: 'CREDENTIAL_EXPIRED',
      reason: `Your licence expired on ${credentials.licenceExpiresOn}, so you may not sign until it is renewed and updated by an administrator. Your draft is kept.`,
    };
  const unlicensed = !credentials?.licenceExpiresOn;
  const needsCosignature = (unlicensed && licenceRequired) || (credentials?.needsCosignature ?? false);
  if (!needsCosignature) return { allowed: true, needsCosignature: false, cosignerUserId: null };
  const supervisor = credentials?.supervisorId ?? null;
  if (!supervisor)
    return {
      allowed: false,
      code: 'FORBIDDEN',
      reason:
        'Your documents need a supervisor’s co-signature, but no supervising clinician is recorded for you. Ask an administrator to add one; your draft is kept.',
    };
  return { allowed: true, needsCosignature: true, cosignerUserId: supervisor };
};

export type CosignDecision =
  { allowed: true } | { allowed: false; code: 'FORBIDDEN' | 'CREDENTIAL_EXPIRED'; reason: string };

/** The author's recorded supervisor co-signs, with a licence of their own that has not expired. */
export const decideCosignature = (
  actor: Pick<Actor, 'userId' | 'role' | 'credentials'>,
  cosignerUserId: string | null,
  today: string,
): CosignDecision => {
  if (cosignerUserId === null || actor.userId !== cosignerUserId)
    return {
      allowed: false,
      code: 'FORBIDDEN',
      reason: 'Only the author’s supervising clinician co-signs this document.',
    };
  const expires = actor.credentials?.licenceExpiresOn ?? null;
  if (expires === null)
    return {
      allowed: false,
      code: 'FORBIDDEN',
      reason: 'Co-signing needs a licence on file. Ask an administrator to enter yours.',
    };
  if (expires < today)
    return {
      allowed: false,
      code: 'CREDENTIAL_EXPIRED',
      reason: `Your licence expired on ${expires}, so you may not co-sign until it is renewed.`,
    };
  return { allowed: true };
};

/** How a credential reads on a signature record, frozen at signing. */
export const credentialLine = (licence: {
  type: string | null;
  number: string | null;
  state: string | null;
  expiresOn: string | null;
}): string | null => {
  if (!licence.type && !licence.number) return null;
  const what = [licence.type, licence.number].filter(Boolean).join(' ');
  const where = licence.state ? ` (${licence.state})` : '';
  const until = licence.expiresOn ? `, valid through ${licence.expiresOn}` : '';
  return `${what}${where}${until}`;
};
