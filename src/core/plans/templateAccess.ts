import type { Role, StaffRole } from '../access/roles.js';

/** Who edits the clinic's plan template library (administrators, directors, supervisors). */
export const PLAN_TEMPLATE_EDITORS: readonly StaffRole[] = [
  'admin',
  'program_director',
  'clinical_supervisor',
];

/** Staff who write plans, and so read the library; templates hold no patient data. */
export const PLAN_TEMPLATE_READERS: readonly StaffRole[] = [
  ...PLAN_TEMPLATE_EDITORS,
  'clinician',
  'case_manager',
];

export const mayEditPlanTemplates = (role: Role): boolean =>
  (PLAN_TEMPLATE_EDITORS as readonly Role[]).includes(role);
export const mayReadPlanTemplates = (role: Role): boolean =>
  (PLAN_TEMPLATE_READERS as readonly Role[]).includes(role);
