import type { RouteSpec } from '../routeTable.js';

/** Authorization specs of the roll call and hours routes (see ROUTE_TABLE). */
export const ATTENDANCE_ROUTE_SPECS: Readonly<Record<string, RouteSpec>> = {};
