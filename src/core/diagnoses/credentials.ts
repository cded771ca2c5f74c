import type { CredentialScope } from '../access/actor.js';

export type DiagnoseDecision =
  { allowed: true } | { allowed: false; code: 'FORBIDDEN' | 'CREDENTIAL_EXPIRED'; reason: string };

/**
 * SPEC §1–§2: diagnoses are made by staff whose credentials allow it, and the product enforces the
 * credentials: the "may diagnose" scope flag and a licence that has not expired. A licence is valid
 * through its expiry date, judged by `today` at the patient's site.
 */
export const mayDiagnose = (credentials: CredentialScope | null, today: string): DiagnoseDecision => {
  if (!credentials?.mayDiagnose)
    return {
      allowed: false,
      code: 'FORBIDDEN',
      reason:
        'Your credentials do not allow you to diagnose. A clinician whose licence allows diagnosis records it; an administrator updates credentials.',
    };
  if (credentials.licenceExpiresOn === null)
    return {
      allowed: false,
      code: 'FORBIDDEN',
      reason:
        'Your credentials allow diagnosis but record no licence expiry date. Ask an administrator to enter your licence.',
    };
  if (credentials.licenceExpiresOn < today)
    return {
      allowed: false,
      code: 'CREDENTIAL_EXPIRED',
      reason: `Your licence expired on ${credentials.licenceExpiresOn}, so you may not diagnose until it is renewed and updated by an administrator.`,
    };
  return { allowed: true };
};
