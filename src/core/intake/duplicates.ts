/**
 * Before an inquiry becomes a patient, the product looks for the person's existing record: the same
 * name and date of birth, the same phone number, or the MRN they give. Matching is exact after
 * normalizing, so a match is strong evidence, not a guess.
 */
export const DUPLICATE_REASONS = ['name_dob', 'phone', 'mrn'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

export const DUPLICATE_REASON_LABELS: Record<DuplicateReason, string> = {
  name_dob: 'Same name and date of birth',
  phone: 'Same phone number',
  mrn: 'Same MRN',
};

/** Lower case, accents and punctuation dropped, inner spaces collapsed: "José  O'Neil" → "jose oneil". */
export const normalizeName = (name: string | null | undefined): string =>
  (name ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The digits that identify a phone line: punctuation dropped, and the North American country code
 * removed from 11-digit numbers, so "+1 (860) 555-0100" and "860.555.0100" match. Fewer than seven
 * digits identify nothing.
 */
export const normalizePhone = (phone: string | null | undefined): string | null => {
  let digits = (phone ?? '').replace(/\D/g, '');
  if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
  return digits.length >= 7 ? digits : null;
};

/** MRNs compare without case or surrounding spaces ("mrn-000042 " is MRN-000042). */
export const normalizeMrn = (mrn: string | null | undefined): string | null => {
  const value = (mrn ?? '').trim().toUpperCase();
  return value === '' ? null : value;
};

export interface PersonFacts {
  firstName: string | null;
  lastName: string | null;
  dateOfBirth: string | null;
  phone: string | null;
  /** For an inquiry: an MRN the person gave us; for a patient: their MRN. */
  mrn: string | null;
}

/** Why a patient record looks like the person of an inquiry; empty when it does not. */
export const duplicateReasons = (inquiry: PersonFacts, patient: PersonFacts): DuplicateReason[] => {
  const reasons: DuplicateReason[] = [];
  const first = normalizeName(inquiry.firstName);
  const last = normalizeName(inquiry.lastName);
  if (
    first !== '' &&
    last !== '' &&
    inquiry.dateOfBirth !== null &&
    inquiry.dateOfBirth === patient.dateOfBirth &&
    first === normalizeName(patient.firstName) &&
    last === normalizeName(patient.lastName)
  ) {
    reasons.push('name_dob');
  }
  const phone = normalizePhone(inquiry.phone);
  if (phone !== null && phone === normalizePhone(patient.phone)) reasons.push('phone');
  const mrn = normalizeMrn(inquiry.mrn);
  if (mrn !== null && mrn === normalizeMrn(patient.mrn)) reasons.push('mrn');
  return reasons;
};
