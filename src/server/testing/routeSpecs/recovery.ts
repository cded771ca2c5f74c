import { randomUUID } from 'node:crypto';
import { panelByCode } from '../../../core/screens/panels.js';
import type { RouteFixtures, RouteSpec } from '../routeTable.js';
import { byId, patientOf } from '../routeSpecSupport.js';

const TWELVE = panelByCode('urine_cup_12')?.analytes ?? [];
const allNegative = () => TWELVE.map((analyte) => ({ analyte, result: 'negative' }));

/** An active sertraline prescription of the patient, recorded by the program director ten days ago. */
const createMedication = async (fx: RouteFixtures, patientId: string, siteId: string): Promise<string> => {
  const id = randomUUID();
  const nowIso = fx.server.clock.now().toISOString();
  const today = await fx.todayAt(siteId);
  await fx.server.db.kysely
    .insertInto('medications')
    .values({
      id,
      patient_id: patientId,
      name: 'Sertraline 50 mg',
      dose: '50 mg',
      route: 'oral',
      frequency: 'Once daily',
      prescriber_name: null,
      prescriber_organization: null,
      started_on: today,
      stopped_on: null,
      stop_reason: null,
      stopped_by: null,
      mat_type: null,
      otp_name: null,
      notes: null,
      removed_at: null,
      removed_by: null,
      removed_reason: null,
      recorded_by: fx.member('program_director').userId,
      created_at: nowIso,
      updated_at: nowIso,
      version: 1,
    })
    .execute();
  return id;
};

/** An all-negative 12-panel cup of the patient collected today, recorded by the program director. */
const createScreen = async (fx: RouteFixtures, patientId: string, siteId: string): Promise<string> => {
  const id = randomUUID();
  await fx.server.db.kysely
    .insertInto('drug_screens')
    .values({
      id,
      patient_id: patientId,
      original_id: id,
      corrects_id: null,
      correction_reason: null,
      collected_on: await fx.todayAt(siteId),
      specimen: 'urine',
      panel: 'urine_cup_12',
      method: 'presumptive',
      refused: 0,
      results: JSON.stringify(allNegative()),
      confirms_id: null,
      notes: null,
      interpretation: JSON.stringify({
        specimenRefused: false,
        unexpectedPositives: [],
        explainedPositives: [],
        expectedNegatives: [],
        notTested: [],
        specimenIssues: [],
        needsReview: false,
      }),
      needs_review: 0,
      recorded_by: fx.member('program_director').userId,
      recorded_at: fx.server.clock.now().toISOString(),
    })
    .execute();
  return id;
};

/** Authorization specs of medications and drug screens (see ROUTE_TABLE). */
export const RECOVERY_ROUTE_SPECS: Readonly<Record<string, RouteSpec>> = {
  'GET /api/v1/patients/:id/medications': {
    rule: { kind: 'patient', action: 'medication.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => byId(c),
  },
  'POST /api/v1/patients/:id/medications': {
    rule: { kind: 'patient', action: 'medication.write' },
    needs: { patient: 'any' },
    success: { status: 201 },
    build: async (fx, c) => ({
      ...byId(c),
      body: {
        name: 'Suboxone 8 mg/2 mg film',
        dose: '8 mg/2 mg',
        route: 'sublingual',
        frequency: 'One film daily',
        prescriberName: 'Dr. Imani Brooks',
        startedOn: await fx.todayAt(patientOf(c).siteId),
        matType: 'buprenorphine',
      },
    }),
  },
  'PATCH /api/v1/patients/:id/medications/:medicationId': {
    rule: { kind: 'patient', action: 'medication.write' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: async (fx, c) => {
      const p = patientOf(c);
      return {
        params: { id: p.id, medicationId: await createMedication(fx, p.id, p.siteId) },
        body: {
          version: 1,
          name: 'Sertraline 100 mg',
          dose: '100 mg',
          startedOn: await fx.todayAt(p.siteId),
        },
      };
    },
  },
  'POST /api/v1/patients/:id/medications/:medicationId/stop': {
    rule: { kind: 'patient', action: 'medication.write' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: async (fx, c) => {
      const p = patientOf(c);
      return {
        params: { id: p.id, medicationId: await createMedication(fx, p.id, p.siteId) },
        body: {
          version: 1,
          stoppedOn: await fx.todayAt(p.siteId),
          reason: 'Side effects; prescriber stopped it.',
        },
      };
    },
  },
  'POST /api/v1/patients/:id/medications/:medicationId/entered-in-error': {
    rule: { kind: 'patient', action: 'medication.write' },
    needs: { patient: 'any' },
    success: { status: 204 },
    build: async (fx, c) => {
      const p = patientOf(c);
      return {
        params: { id: p.id, medicationId: await createMedication(fx, p.id, p.siteId) },
        body: { version: 1, reason: 'Recorded in the wrong chart.' },
      };
    },
  },
  'GET /api/v1/patients/:id/drug-screens': {
    rule: { kind: 'patient', action: 'screen.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => byId(c),
  },
  'POST /api/v1/patients/:id/drug-screens': {
    rule: { kind: 'patient', action: 'screen.write' },
    needs: { patient: 'any' },
    success: { status: 201 },
    build: async (fx, c) => ({
      ...byId(c),
      body: {
        collectedOn: await fx.todayAt(patientOf(c).siteId),
        specimen: 'urine',
        panel: 'urine_cup_12',
        method: 'presumptive',
        results: allNegative(),
      },
    }),
  },
  'POST /api/v1/patients/:id/drug-screens/:screenId/corrections': {
    rule: { kind: 'patient', action: 'screen.write' },
    needs: { patient: 'any' },
    success: { status: 201 },
    build: async (fx, c) => {
      const p = patientOf(c);
      return {
        params: { id: p.id, screenId: await createScreen(fx, p.id, p.siteId) },
        body: {
          collectedOn: await fx.todayAt(p.siteId),
          specimen: 'urine',
          panel: 'urine_cup_12',
          method: 'presumptive',
          results: allNegative().map((r) => (r.analyte === 'THC' ? { ...r, result: 'dilute' } : r)),
          reason: 'The cup was read before the full five minutes.',
        },
      };
    },
  },
};
