import type { Actor } from './actor.js';
import type { Role } from './roles.js';

/**
 * Inquiries are people who asked about care and have no chart yet. What they told us is already
 * SUD information (SPEC §10), so they are seen only by the staff who act on them, at their sites.
 */
export const INQUIRY_ACTIONS = ['inquiry.read', 'inquiry.write', 'inquiry.convert'] as const;
export type InquiryAction = (typeof INQUIRY_ACTIONS)[number];

const INQUIRY_GRANTS: Partial<Record<Role, readonly InquiryAction[]>> = {
  intake_coordinator: ['inquiry.read', 'inquiry.write', 'inquiry.convert'],
  program_director: ['inquiry.read', 'inquiry.write', 'inquiry.convert'],
  clinical_supervisor: ['inquiry.read', 'inquiry.write', 'inquiry.convert'],
  // Clinicians assess the people intake schedules for them.
  clinician: ['inquiry.read', 'inquiry.write'],
};

export type InquiryAccessDecision = { allowed: true } | { allowed: false; reason: string };

export const roleMayInquiry = (role: Role, action: InquiryAction): boolean =>
  INQUIRY_GRANTS[role]?.includes(action) ?? false;

export const decideInquiryAccess = (
  actor: Actor,
  inquirySiteId: string,
  action: InquiryAction,
): InquiryAccessDecision => {
  if (!roleMayInquiry(actor.role, action)) {
    return { allowed: false, reason: `role ${actor.role} may not ${action}` };
  }
  if (!actor.siteIds.includes(inquirySiteId)) {
    return { allowed: false, reason: 'the inquiry belongs to a site the user does not work at' };
  }
  return { allowed: true };
};

/** Sites whose inquiries the actor may list: none for roles without `inquiry.read`. */
export const inquiryListSites = (actor: Actor): readonly string[] =>
  roleMayInquiry(actor.role, 'inquiry.read') ? actor.siteIds : [];
