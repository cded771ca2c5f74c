import type { StaffRole } from '../../../core/access/roles.js';
import { TODAY_ROLES } from '../../../core/access/today.js';
import type { RouteSpec } from '../routeTable.js';
import { byId } from '../routeSpecSupport.js';

/**
 * Authorization specs of the home routes (see ROUTE_TABLE). "Today" is the clinical staff's own
 * worklist; the chart timeline opens with `episode.read` and then leaves out the kinds the role
 * may not read (tested in home.int.test.ts).
 */
export const HOME_ROUTE_SPECS: Readonly<Record<string, RouteSpec>> = {
  'GET /api/v1/home/today': {
    rule: { kind: 'roles', roles: TODAY_ROLES as readonly StaffRole[] },
    success: { status: 200 },
    build: () => ({ params: {} }),
  },
  'GET /api/v1/patients/:id/timeline': {
    rule: { kind: 'patient', action: 'episode.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => ({ ...byId(c), query: { types: 'note,measure,admission', limit: '20' } }),
  },
};
