import type { RouteSpec } from '../routeTable.js';

/** Authorization specs of the intake routes (see ROUTE_TABLE). */
export const INTAKE_ROUTE_SPECS: Readonly<Record<string, RouteSpec>> = {};
