import type { RouteSpec } from '../routeTable.js';

/** Authorization specs of the schedule routes (see ROUTE_TABLE). */
export const SCHEDULE_ROUTE_SPECS: Readonly<Record<string, RouteSpec>> = {};
