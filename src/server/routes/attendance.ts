import type { AppDeps } from '../deps.js';
import type { FastifyTypebox } from '../types.js';

/** Roll call, weekly hours and the compliance report (SPEC §6). */
export const attendanceRoutes = (_app: FastifyTypebox, _deps: AppDeps): void => {};
