import { randomUUID } from 'node:crypto';
import type { RouteFixtures, RouteSpec } from '../routeTable.js';
import { byId, patientOf } from '../routeSpecSupport.js';

/** An active alcohol use disorder diagnosis of the patient, recorded by the program director. */
const createDiagnosis = async (fx: RouteFixtures, patientId: string): Promise<string> => {
  const id = randomUUID();
  const nowIso = fx.server.clock.now().toISOString();
  await fx.server.db.kysely
    .insertInto('diagnoses')
    .values({
      id,
      patient_id: patientId,
      icd10_code: 'F10.20',
      substance: 'alcohol',
      dsm5_criteria: 5,
      severity: 'moderate',
      specifiers: '[]',
      diagnosed_on: '2026-11-02',
      diagnosed_by: fx.member('program_director').userId,
      status: 'active',
      status_reason: null,
      created_at: nowIso,
      updated_at: nowIso,
      version: 1,
    })
    .execute();
  return id;
};

/**
 * Authorization specs of the admission routes: paperwork checklist, diagnoses and overdose safety
 * (see ROUTE_TABLE). Writing a diagnosis also needs diagnosing credentials and an unexpired licence;
 * every demo role the policy lets write diagnoses (program director, clinical supervisor, the licensed
 * clinician) holds them, so the allowed answer is the same for each.
 */
export const ADMISSION_ROUTE_SPECS: Readonly<Record<string, RouteSpec>> = {
  'GET /api/v1/patients/:id/paperwork': {
    rule: { kind: 'patient', action: 'paperwork.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => byId(c),
  },
  'PUT /api/v1/patients/:id/paperwork/:item': {
    rule: { kind: 'patient', action: 'paperwork.write' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => ({
      params: { id: patientOf(c).id, item: 'program_agreement' },
      body: {
        status: 'waived',
        waivedReason: 'Patient reads the agreement with an interpreter on Thursday.',
      },
    }),
  },
  'GET /api/v1/patients/:id/diagnoses': {
    rule: { kind: 'patient', action: 'diagnosis.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => byId(c),
  },
  'POST /api/v1/patients/:id/diagnoses': {
    rule: { kind: 'patient', action: 'diagnosis.write' },
    needs: { patient: 'any' },
    success: { status: 201 },
    build: async (fx, c) => ({
      ...byId(c),
      body: {
        substance: 'opioid',
        icd10Code: 'F11.20',
        dsm5Criteria: 7,
        specifiers: ['on_maintenance_therapy'],
        diagnosedOn: await fx.todayAt(patientOf(c).siteId),
      },
    }),
  },
  'PATCH /api/v1/patients/:id/diagnoses/:diagnosisId': {
    rule: { kind: 'patient', action: 'diagnosis.write' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: async (fx, c) => ({
      params: { id: patientOf(c).id, diagnosisId: await createDiagnosis(fx, patientOf(c).id) },
      body: {
        version: 1,
        status: 'resolved',
        reason: 'No criteria met for over a year; closed at the annual review.',
      },
    }),
  },
  'GET /api/v1/patients/:id/overdose-safety': {
    rule: { kind: 'patient', action: 'diagnosis.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => byId(c),
  },
  'PUT /api/v1/patients/:id/overdose-safety': {
    rule: { kind: 'patient', action: 'safety.document' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: async (fx, c) => ({
      ...byId(c),
      body: { naloxoneStatus: 'has_kit', educationGivenOn: await fx.todayAt(patientOf(c).siteId) },
    }),
  },
};
