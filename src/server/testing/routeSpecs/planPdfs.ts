import type { RouteSpec } from '../routeTable.js';
import { patientOf } from '../routeSpecSupport.js';
import { createRelapsePlan } from './recoverySupports.js';
import { createPlanVersion } from './treatmentPlans.js';

/**
 * Authorization specs of the PDF copies of plans (see ROUTE_TABLE): whoever may read the version on
 * screen may download it, under the same policy action.
 */
export const PLAN_PDF_ROUTE_SPECS: Readonly<Record<string, RouteSpec>> = {
  'GET /api/v1/patients/:id/treatment-plan/versions/:versionId/pdf': {
    rule: { kind: 'patient', action: 'plan.read' },
    needs: { patient: 'open-episode' },
    success: { status: 200 },
    build: async (fx, c) => ({
      params: {
        id: patientOf(c).id,
        versionId: await createPlanVersion(fx, patientOf(c), { status: 'signed' }),
      },
    }),
  },
  'GET /api/v1/patients/:id/relapse-prevention-plan/versions/:versionNumber/pdf': {
    rule: { kind: 'patient', action: 'recovery.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: async (fx, c) => {
      await createRelapsePlan(fx, patientOf(c).id);
      return { params: { id: patientOf(c).id, versionNumber: '1' } };
    },
  },
};
