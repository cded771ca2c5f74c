import type { Role } from '../../../core/access/roles.js';

/** Who runs and applies the scheduler: the session managers who book patients (not administrators). */
export const SCHEDULER_ROLES: readonly Role[] = ['program_director', 'clinical_supervisor', 'front_desk'];

export const mayRunScheduler = (role: Role): boolean => SCHEDULER_ROLES.includes(role);
