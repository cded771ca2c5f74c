import type { AppDeps } from '../deps.js';
import type { FastifyTypebox } from '../types.js';

/** Rooms, session series, memberships, closures and calendars (SPEC §5). */
export const scheduleRoutes = (_app: FastifyTypebox, _deps: AppDeps): void => {};
