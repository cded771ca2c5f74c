import type { RouteSpec } from '../routeTable.js';

/** Authorization specs of the measures routes (see ROUTE_TABLE). */
export const MEASURE_ROUTE_SPECS: Readonly<Record<string, RouteSpec>> = {};
