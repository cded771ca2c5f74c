/** Family and support contacts (SPEC §9 "Family"). A contact is a phone-book entry, never a consent. */

export const RELATIONSHIPS = ['parent', 'partner', 'child', 'sibling', 'friend', 'sponsor', 'other'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

export const RELATIONSHIP_LABELS: Record<Relationship, string> = {
  parent: 'Parent',
  partner: 'Partner / spouse',
  child: 'Child',
  sibling: 'Sibling',
  friend: 'Friend',
  sponsor: 'Sponsor',
  other: 'Other',
};

/** "Other" needs words; any relationship may carry a detail ("mother", "AA sponsor"). */
export const relationshipLabel = (relationship: Relationship, detail: string | null): string => {
  if (relationship === 'other') return detail ?? 'Other';
  return detail ? `${RELATIONSHIP_LABELS[relationship]} (${detail})` : RELATIONSHIP_LABELS[relationship];
};

/**
 * Said wherever contacts are shown (SPEC §10, 42 CFR Part 2): writing someone down here does not let
 * the clinic tell them anything, nor give them portal access.
 */
export const CONTACTS_ARE_NOT_CONSENT =
  'A contact is not a consent. Telling a contact anything about the patient’s treatment, or giving them portal access, needs the patient’s written consent (42 CFR Part 2).';
