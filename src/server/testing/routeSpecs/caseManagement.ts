import { randomUUID } from 'node:crypto';
import type { RouteFixtures, RouteSpec } from '../routeTable.js';
import { byId, patientOf } from '../routeSpecSupport.js';

/** An identified housing need of the patient. */
export const createNeed = async (fx: RouteFixtures, patientId: string): Promise<string> => {
  const id = randomUUID();
  const nowIso = fx.server.clock.now().toISOString();
  await fx.server.db.kysely
    .insertInto('case_needs')
    .values({
      id,
      patient_id: patientId,
      domain: 'housing',
      status: 'identified',
      priority: 'high',
      note: 'Staying on a friend’s couch until the end of the month.',
      identified_on: '2026-11-20',
      status_changed_at: nowIso,
      created_by: fx.member('program_director').userId,
      created_at: nowIso,
      updated_at: nowIso,
      version: 1,
    })
    .execute();
  return id;
};

/** A planned referral to a (synthetic) housing organisation. */
const createReferral = async (fx: RouteFixtures, patientId: string): Promise<string> => {
  const id = randomUUID();
  const nowIso = fx.server.clock.now().toISOString();
  await fx.server.db.kysely
    .insertInto('community_referrals')
    .values({
      id,
      patient_id: patientId,
      need_id: null,
      organisation: 'Harbor Street Housing Coalition',
      contact_name: null,
      phone: null,
      domain: 'housing',
      status: 'planned',
      referred_on: '2026-11-20',
      sent_on: null,
      closed_on: null,
      outcome_note: null,
      created_by: fx.member('program_director').userId,
      created_at: nowIso,
      updated_at: nowIso,
      version: 1,
    })
    .execute();
  return id;
};

/** Authorization specs of the case management routes (see ROUTE_TABLE). */
export const CASE_MANAGEMENT_ROUTE_SPECS: Readonly<Record<string, RouteSpec>> = {
  'GET /api/v1/patients/:id/case-management': {
    rule: { kind: 'patient', action: 'case.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => byId(c),
  },
  'POST /api/v1/patients/:id/case-needs': {
    rule: { kind: 'patient', action: 'case.write' },
    needs: { patient: 'any' },
    success: { status: 201 },
    build: (_fx, c) => ({ ...byId(c), body: { domain: 'transport', priority: 'medium', note: 'No car.' } }),
  },
  'PATCH /api/v1/patients/:id/case-needs/:needId': {
    rule: { kind: 'patient', action: 'case.write' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: async (fx, c) => ({
      params: { id: patientOf(c).id, needId: await createNeed(fx, patientOf(c).id) },
      body: { version: 1, status: 'in_progress' },
    }),
  },
  'POST /api/v1/patients/:id/community-referrals': {
    rule: { kind: 'patient', action: 'case.write' },
    needs: { patient: 'any' },
    success: { status: 201 },
    build: (_fx, c) => ({
      ...byId(c),
      body: { organisation: 'Northside Food Bank', domain: 'food', phone: '860 555 0110' },
    }),
  },
  'PATCH /api/v1/patients/:id/community-referrals/:referralId': {
    rule: { kind: 'patient', action: 'case.write' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: async (fx, c) => ({
      params: { id: patientOf(c).id, referralId: await createReferral(fx, patientOf(c).id) },
      body: { version: 1, status: 'sent' },
    }),
  },
  'POST /api/v1/patients/:id/case-tasks': {
    rule: { kind: 'patient', action: 'case.write' },
    needs: { patient: 'any' },
    success: { status: 201 },
    build: async (fx, c) => ({
      ...byId(c),
      body: {
        sourceType: 'case_need',
        sourceId: await createNeed(fx, patientOf(c).id),
        title: 'Call the shelter about a bed',
        dueAt: new Date(fx.server.clock.now().getTime() + 2 * 86_400_000).toISOString(),
      },
    }),
  },
};
