/** Roles of SPEC §1. Staff roles sign in to the staff app; portal roles only to the portal. */
export const STAFF_ROLES = [
  'admin',
  'program_director',
  'clinical_supervisor',
  'clinician',
  'case_manager',
  'intake_coordinator',
  'front_desk',
  'biller',
] as const;
export const PORTAL_ROLES = ['patient', 'family_member'] as const;
export const ROLES = [...STAFF_ROLES, ...PORTAL_ROLES] as const;

export type StaffRole = (typeof STAFF_ROLES)[number];
export type PortalRole = (typeof PORTAL_ROLES)[number];
export type Role = (typeof ROLES)[number];

export const isStaffRole = (role: string): role is StaffRole =>
  (STAFF_ROLES as readonly string[]).includes(role);
export const isRole = (role: string): role is Role => (ROLES as readonly string[]).includes(role);

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  program_director: 'Program director',
  clinical_supervisor: 'Clinical supervisor',
  clinician: 'Clinician',
  case_manager: 'Case manager',
  intake_coordinator: 'Intake coordinator',
  front_desk: 'Front desk',
  biller: 'Biller',
  patient: 'Patient',
  family_member: 'Family member',
};
