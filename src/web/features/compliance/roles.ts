import type { Role } from '../../../core/access/roles.js';

/** Who reads the weekly hours compliance report: program directors and clinical supervisors of the site. */
export const COMPLIANCE_REPORT_ROLES: readonly Role[] = ['program_director', 'clinical_supervisor'];

export const maySeeComplianceReport = (role: Role): boolean => COMPLIANCE_REPORT_ROLES.includes(role);
