import type { RouteSpec } from '../routeTable.js';
import { byId } from '../routeSpecSupport.js';

/**
 * Authorization specs of the reminder routes (see ROUTE_TABLE). The SMS webhook has no session and
 * exists only when `SMS_INBOUND_SECRET` is set, which the test server leaves unset: it answers 404.
 */
export const REMINDER_ROUTE_SPECS: Readonly<Record<string, RouteSpec>> = {
  'POST /api/v1/sms/inbound': {
    rule: { kind: 'public' },
    success: { status: 404, code: 'NOT_FOUND', why: 'the webhook is off without SMS_INBOUND_SECRET' },
    build: () => ({ params: {}, body: { from: '+18605550199', body: 'STOP' } }),
  },
  'GET /api/v1/outbox': {
    rule: { kind: 'roles', roles: ['admin'] },
    success: { status: 200 },
    build: () => ({ params: {}, query: { limit: '20' } }),
  },
  'GET /api/v1/patients/:id/reminders': {
    rule: { kind: 'patient', action: 'schedule.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => byId(c),
  },
};
