import type { Role, StaffRole } from '../access/roles.js';

/**
 * Who reads the late-notes report (SPEC §7, §13): the staff who write notes. The server scopes
 * what each sees — their own, their supervisees', or a director's sites.
 */
export const LATE_NOTE_REPORT_ROLES: readonly StaffRole[] = [
  'program_director',
  'clinical_supervisor',
  'clinician',
  'case_manager',
];

export const maySeeLateNotes = (role: Role): boolean =>
  (LATE_NOTE_REPORT_ROLES as readonly Role[]).includes(role);
