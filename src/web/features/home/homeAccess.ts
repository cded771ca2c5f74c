import { mayOpenToday } from '../../../core/access/today.js';
import type { Role } from '../../../core/access/roles.js';

/** Where a user lands after signing in. */
export const homePathFor = (role: Role): string => (mayOpenToday(role) ? '/today' : '/patients');
