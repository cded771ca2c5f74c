import { BREAK_GLASS_ROLES, PATIENT_CREATOR_ROLES } from '../../core/access/patientPolicy.js';
import type { Role } from '../../core/access/roles.js';

/**
 * What the staff app offers each role. The server decides every request on its own; these only
 * keep the app from showing actions that would be refused.
 */
export const canBreakGlass = (role: Role): boolean => BREAK_GLASS_ROLES.includes(role);
export const canSeeBreakGlassReport = (role: Role): boolean =>
  role === 'clinical_supervisor' || role === 'program_director' || role === 'admin';
export const canCreatePatients = (role: Role): boolean => PATIENT_CREATOR_ROLES.includes(role);
export const isAdmin = (role: Role): boolean => role === 'admin';
/** Roles that may create tasks for others and pick an owner. */
export const canAssignTasks = (role: Role): boolean =>
  role === 'clinical_supervisor' || role === 'program_director' || role === 'admin';
