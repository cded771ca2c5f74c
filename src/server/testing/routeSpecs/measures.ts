import { DEFAULT_MEASURE_SCHEDULE, scheduleRevision } from '../../../core/measures/due.js';
import type { RouteSpec } from '../routeTable.js';
import { byId, patientOf } from '../routeSpecSupport.js';

/** A PHQ-9 with item 9 answered "several days": storing it raises the urgent safety alert too. */
const PHQ9_WITH_ITEM_9 = [1, 1, 0, 2, 0, 1, 0, 0, 1];

/**
 * Authorization specs of the measures routes (see ROUTE_TABLE). Instruments and scoring hold no
 * patient data and are open to every staff member; a patient's measures follow the patient policy;
 * program schedules belong to administrators and program directors.
 */
export const MEASURE_ROUTE_SPECS: Readonly<Record<string, RouteSpec>> = {
  'GET /api/v1/instruments': {
    rule: { kind: 'anyStaff' },
    success: { status: 200 },
    build: () => ({ params: {} }),
  },
  'POST /api/v1/instruments/:code/score': {
    rule: { kind: 'anyStaff' },
    success: { status: 200 },
    build: () => ({ params: { code: 'gad7' }, body: { answers: [1, 2, 1, 0, 3, 1, 2] } }),
  },
  'GET /api/v1/patients/:id/measures': {
    rule: { kind: 'patient', action: 'measure.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => ({ ...byId(c), query: { instrument: 'phq9' } }),
  },
  'POST /api/v1/patients/:id/measures': {
    rule: { kind: 'patient', action: 'measure.administer' },
    needs: { patient: 'any' },
    success: { status: 201 },
    build: (_fx, c) => ({ ...byId(c), body: { instrument: 'phq9', answers: PHQ9_WITH_ITEM_9 } }),
  },
  'GET /api/v1/patients/:id/measures/trend': {
    rule: { kind: 'patient', action: 'measure.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => ({ ...byId(c), query: { instrument: 'phq9' } }),
  },
  'GET /api/v1/patients/:id/measures/due': {
    rule: { kind: 'patient', action: 'measure.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => byId(c),
  },
  'GET /api/v1/programs/:id/measure-schedule': {
    rule: { kind: 'roles', roles: ['admin', 'program_director'] },
    success: { status: 200 },
    build: async (fx) => ({ params: { id: await fx.programAt(fx.firstSiteId) } }),
  },
  'PUT /api/v1/programs/:id/measure-schedule': {
    rule: { kind: 'roles', roles: ['admin', 'program_director'] },
    success: { status: 200 },
    // A new program has no schedule yet: its revision is that of the empty schedule.
    build: async (fx) => ({
      params: { id: await fx.createProgram(fx.firstSiteId) },
      body: { revision: scheduleRevision([]), entries: DEFAULT_MEASURE_SCHEDULE.map((e) => ({ ...e })) },
    }),
  },
  'GET /api/v1/patients/:id/safety-assessments': {
    rule: { kind: 'patient', action: 'measure.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => byId(c),
  },
  'POST /api/v1/patients/:id/safety-assessments': {
    rule: { kind: 'patient', action: 'safety.document' },
    needs: { patient: 'any' },
    success: { status: 201 },
    // Closes a safety alert held by someone else: documenting safety is not limited to the alert's holder.
    build: async (fx, c) => ({
      ...byId(c),
      body: {
        alertId: (await fx.createAlert(patientOf(c), fx.bystanderId, 'safety')).id,
        outcome: 'safety_plan',
        riskLevel: 'low',
        assessment: 'Passive thoughts last week, none today; no plan, intent or access to means.',
        safetyPlan: 'Warning signs, coping steps, people to call and 988 written with the patient.',
      },
    }),
  },
};
