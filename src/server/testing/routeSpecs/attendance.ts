import type { CaseFixture, RouteSpec, SessionFixture } from '../routeTable.js';
import { byId } from '../routeSpecSupport.js';

const sessionOf = (c: CaseFixture): SessionFixture => {
  if (!c.session) throw new Error('this case has no session fixture');
  return c.session;
};

/**
 * Authorization specs of the roll call and hours routes (see ROUTE_TABLE). A roll call follows the
 * session policy (`rollcall.record`: the session's leader, and front desk, supervisors and directors
 * of its site); a patient's hours and their week follow the patient policy (`attendance.read`).
 */
export const ATTENDANCE_ROUTE_SPECS: Readonly<Record<string, RouteSpec>> = {
  'GET /api/v1/sessions/:id/roll-call': {
    rule: { kind: 'session', action: 'rollcall.record' },
    needs: { session: true },
    success: { status: 200 },
    build: (_fx, c) => ({ params: { id: sessionOf(c).occurrenceKey } }),
  },
  // Today's 09:00 session has begun at the test clock; nobody is booked, so an empty held roll call is complete.
  'PUT /api/v1/sessions/:id/roll-call': {
    rule: { kind: 'session', action: 'rollcall.record' },
    needs: { session: true },
    success: { status: 200 },
    build: (_fx, c) => ({
      params: { id: sessionOf(c).occurrenceKey },
      body: { status: 'held', leaderId: sessionOf(c).clinicianId, entries: [] },
    }),
  },
  'GET /api/v1/patients/:id/weekly-hours': {
    rule: { kind: 'patient', action: 'attendance.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => ({ ...byId(c), query: { weeks: '4' } }),
  },
  'GET /api/v1/patients/:id/this-week': {
    rule: { kind: 'patient', action: 'attendance.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => ({ ...byId(c), query: { week: '2026-11-25' } }),
  },
  // Directors see the whole site; supervisors only their supervisees' patients (the report filters by the patient policy).
  'GET /api/v1/reports/compliance': {
    rule: { kind: 'roles', roles: ['program_director', 'clinical_supervisor'] },
    success: { status: 200 },
    build: (fx) => ({ params: {}, query: { siteId: fx.firstSiteId, week: '2026-11-16' } }),
  },
  'POST /api/v1/patients/:id/tapers': {
    rule: { kind: 'patient', action: 'episode.changeSegment' },
    needs: { patient: 'open-episode' },
    success: { status: 201 },
    build: async (fx, c) => ({
      ...byId(c),
      body: {
        startsOn: await fx.todayAt(c.patient?.siteId ?? fx.firstSiteId),
        weeks: 2,
        reason: 'Stepping down to OP next month; hours tapering with the plan.',
      },
    }),
  },
};
