import type { RouteSpec } from '../routeTable.js';

/** Authorization specs of the placement routes (see ROUTE_TABLE). */
export const PLACEMENT_ROUTE_SPECS: Readonly<Record<string, RouteSpec>> = {};
