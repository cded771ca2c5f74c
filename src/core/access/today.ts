import type { Role } from './roles.js';

/** Roles whose day is sessions, notes and plans: they land on "Today"; the others have their own pages. */
export const TODAY_ROLES: readonly Role[] = [
  'clinician',
  'case_manager',
  'clinical_supervisor',
  'program_director',
];

/** Roles that also see the supervisor home: co-signatures and overdue work by clinician. */
export const SUPERVISING_ROLES: readonly Role[] = ['clinical_supervisor', 'program_director'];

export const mayOpenToday = (role: Role): boolean => TODAY_ROLES.includes(role);
