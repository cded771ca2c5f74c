/**
 * The single gate every disclosure path must pass (42 CFR Part 2, SPEC §10): exports, prints that leave
 * the program, referral packets, family portal access. Until consents exist in the product it refuses
 * everything with the reason, so no path can disclose by accident.
 */
export interface DisclosureRequest {
  patientId: string;
  recipient: string;
  purpose: string;
  information: string;
}

export type DisclosureDecision =
  { allowed: true; consentId: string } | { allowed: false; code: 'NO_CONSENT_ON_FILE'; reason: string };

/** Consents the patient has signed; empty until the consents module lands. */
export interface ConsentRecord {
  id: string;
  recipients: readonly string[];
  purposes: readonly string[];
  expiresOn: string | null;
  revokedAt: string | null;
}

export const mayDisclose = (
  request: DisclosureRequest,
  consents: readonly ConsentRecord[],
  today: string,
): DisclosureDecision => {
  const match = consents.find(
    (c) =>
      c.revokedAt === null &&
      (c.expiresOn === null || c.expiresOn >= today) &&
      c.recipients.includes(request.recipient) &&
      c.purposes.includes(request.purpose),
  );
  if (!match) {
    return {
      allowed: false,
      code: 'NO_CONSENT_ON_FILE',
      reason: `No consent on file allows disclosing ${request.information} to ${request.recipient} for ${request.purpose}.`,
    };
  }
  return { allowed: true, consentId: match.id };
};
