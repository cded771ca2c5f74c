import { randomUUID } from 'node:crypto';
import type { RouteFixtures, RouteSpec } from '../routeTable.js';
import { byId, patientOf } from '../routeSpecSupport.js';

/** A support contact of the patient, added by the program director. */
export const createSupportContact = async (
  fx: RouteFixtures,
  patientId: string,
  options: { archived?: boolean } = {},
): Promise<string> => {
  const id = randomUUID();
  const nowIso = fx.server.clock.now().toISOString();
  const director = fx.member('program_director').userId;
  await fx.server.db.kysely
    .insertInto('support_contacts')
    .values({
      id,
      patient_id: patientId,
      name: 'Robin Okafor',
      relationship: 'sibling',
      relationship_detail: null,
      phone: '+18605550142',
      email: null,
      emergency_contact: 1,
      in_relapse_plan: 1,
      family_session_participant: 1,
      notes: null,
      archived_at: options.archived ? nowIso : null,
      archived_by: options.archived ? director : null,
      created_by: director,
      created_at: nowIso,
      updated_at: nowIso,
      version: 1,
    })
    .execute();
  return id;
};

/**
 * A weekly family series at the patient's site with the patient as a member since ten days ago, led
 * by the bystander clinician: leading it relates nobody the cases act as to the patient.
 */
export const createFamilySeries = async (
  fx: RouteFixtures,
  patientId: string,
  siteId: string,
): Promise<string> => {
  const id = randomUUID();
  const nowIso = fx.server.clock.now().toISOString();
  const director = fx.member('program_director').userId;
  const today = await fx.todayAt(siteId);
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 10);
  const joinedOn = d.toISOString().slice(0, 10);
  await fx.server.db.kysely
    .insertInto('session_series')
    .values({
      id,
      site_id: siteId,
      program_id: await fx.programAt(siteId),
      track_id: null,
      kind: 'family',
      title: 'Family session',
      clinician_id: fx.bystanderId,
      room_id: null,
      telehealth_url: null,
      capacity: 1,
      enrolment: 'rolling',
      audience: 'adult',
      gender: null,
      weekdays: '4',
      start_time: '17:00',
      duration_minutes: 60,
      every_weeks: 1,
      starts_on: joinedOn,
      ends_on: null,
      archived_at: null,
      created_by: director,
      created_at: nowIso,
      updated_at: nowIso,
      version: 1,
    })
    .execute();
  await fx.server.db.kysely
    .insertInto('series_memberships')
    .values({
      id: randomUUID(),
      series_id: id,
      patient_id: patientId,
      joined_on: joinedOn,
      left_on: null,
      pinned: 0,
      recorded_at: nowIso,
      created_by: director,
      ended_by: null,
      updated_at: nowIso,
      version: 1,
    })
    .execute();
  return id;
};

/** A relapse prevention plan with one version, version 1 of the plan row. */
export const createRelapsePlan = async (fx: RouteFixtures, patientId: string): Promise<void> => {
  const planId = randomUUID();
  const nowIso = fx.server.clock.now().toISOString();
  const director = fx.member('program_director').userId;
  const db = fx.server.db.kysely;
  await db
    .insertInto('relapse_prevention_plans')
    .values({
      id: planId,
      patient_id: patientId,
      current_version: 1,
      patient_visible: 0,
      created_by: director,
      created_at: nowIso,
      updated_at: nowIso,
      version: 1,
    })
    .execute();
  await db
    .insertInto('relapse_prevention_plan_versions')
    .values({
      id: randomUUID(),
      plan_id: planId,
      patient_id: patientId,
      version_number: 1,
      content: JSON.stringify({
        triggers: ['Payday'],
        crisisLines: [{ name: '988 Lifeline', number: '988' }],
      }),
      saved_by: director,
      saved_at: nowIso,
    })
    .execute();
};

const planContent = {
  triggers: ['Payday', 'Driving past the old bar'],
  warningSigns: ['Skipping meetings'],
  copingStrategies: ['Call my sponsor'],
  supportContactIds: [],
  otherSupports: [],
  crisisSteps: ['Leave and call someone'],
  crisisLines: [{ name: '988 Suicide & Crisis Lifeline', number: '988' }],
  reasonsForRecovery: ['My kids'],
};

/**
 * Authorization specs of the recovery supports routes (see ROUTE_TABLE): support contacts, the
 * family series they take part in, and the relapse prevention plan.
 */
export const RECOVERY_SUPPORT_ROUTE_SPECS: Readonly<Record<string, RouteSpec>> = {
  'GET /api/v1/patients/:id/support-contacts': {
    rule: { kind: 'patient', action: 'recovery.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => ({ ...byId(c), query: { includeArchived: 'true' } }),
  },
  'POST /api/v1/patients/:id/support-contacts': {
    rule: { kind: 'patient', action: 'recovery.write' },
    needs: { patient: 'any' },
    success: { status: 201 },
    build: (_fx, c) => ({
      ...byId(c),
      body: { name: 'Jordan Blake', relationship: 'sponsor', phone: '(860) 555-0177', inRelapsePlan: true },
    }),
  },
  'PATCH /api/v1/patients/:id/support-contacts/:contactId': {
    rule: { kind: 'patient', action: 'recovery.write' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: async (fx, c) => ({
      params: { id: patientOf(c).id, contactId: await createSupportContact(fx, patientOf(c).id) },
      body: { version: 1, phone: '860-555-0188' },
    }),
  },
  'POST /api/v1/patients/:id/support-contacts/:contactId/archive': {
    rule: { kind: 'patient', action: 'recovery.write' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: async (fx, c) => ({
      params: { id: patientOf(c).id, contactId: await createSupportContact(fx, patientOf(c).id) },
      body: { version: 1 },
    }),
  },
  'POST /api/v1/patients/:id/support-contacts/:contactId/restore': {
    rule: { kind: 'patient', action: 'recovery.write' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: async (fx, c) => ({
      params: {
        id: patientOf(c).id,
        contactId: await createSupportContact(fx, patientOf(c).id, { archived: true }),
      },
      body: { version: 1 },
    }),
  },
  'GET /api/v1/patients/:id/family-sessions': {
    rule: { kind: 'patient', action: 'recovery.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => byId(c),
  },
  'PUT /api/v1/patients/:id/family-sessions/:seriesId/contacts/:contactId': {
    rule: { kind: 'patient', action: 'recovery.write' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: async (fx, c) => {
      const patient = patientOf(c);
      return {
        params: {
          id: patient.id,
          seriesId: await createFamilySeries(fx, patient.id, patient.siteId),
          contactId: await createSupportContact(fx, patient.id),
        },
      };
    },
  },
  'DELETE /api/v1/patients/:id/family-sessions/:seriesId/contacts/:contactId': {
    rule: { kind: 'patient', action: 'recovery.write' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: async (fx, c) => {
      const patient = patientOf(c);
      const seriesId = await createFamilySeries(fx, patient.id, patient.siteId);
      const contactId = await createSupportContact(fx, patient.id);
      await fx.server.db.kysely
        .insertInto('family_session_contacts')
        .values({
          series_id: seriesId,
          contact_id: contactId,
          patient_id: patient.id,
          added_by: fx.member('program_director').userId,
          added_at: fx.server.clock.now().toISOString(),
        })
        .execute();
      return { params: { id: patient.id, seriesId, contactId } };
    },
  },
  'GET /api/v1/patients/:id/relapse-prevention-plan': {
    rule: { kind: 'patient', action: 'recovery.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => byId(c),
  },
  'PUT /api/v1/patients/:id/relapse-prevention-plan': {
    rule: { kind: 'patient', action: 'recovery.write' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => ({ ...byId(c), body: { version: 0, patientVisible: true, content: planContent } }),
  },
  'GET /api/v1/patients/:id/relapse-prevention-plan/versions/:versionNumber': {
    rule: { kind: 'patient', action: 'recovery.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: async (fx, c) => {
      await createRelapsePlan(fx, patientOf(c).id);
      return { params: { id: patientOf(c).id, versionNumber: '1' } };
    },
  },
};
