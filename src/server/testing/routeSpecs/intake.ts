import { randomUUID } from 'node:crypto';
import { roleMayInquiry } from '../../../core/access/inquiryPolicy.js';
import { STAFF_ROLES } from '../../../core/access/roles.js';
import type { CaseFixture, InquiryFixture, RouteFixtures, RouteSpec } from '../routeTable.js';
import { byId, patientOf, uniqueName } from '../routeSpecSupport.js';

const readers = STAFF_ROLES.filter((role) => roleMayInquiry(role, 'inquiry.read'));
const writers = STAFF_ROLES.filter((role) => roleMayInquiry(role, 'inquiry.write'));

const inquiryOf = (c: CaseFixture): InquiryFixture => {
  if (!c.inquiry) throw new Error('this case has no inquiry fixture');
  return c.inquiry;
};
const byInquiry = (c: CaseFixture) => ({ params: { id: inquiryOf(c).id } });

/** A coverage entry on an inquiry or a patient, written directly for a case to edit or remove. */
const createCoverage = async (
  fx: RouteFixtures,
  owner: { inquiryId: string } | { patientId: string },
): Promise<string> => {
  const id = randomUUID();
  const now = fx.server.clock.now().toISOString();
  await fx.server.db.kysely
    .insertInto('coverages')
    .values({
      id,
      inquiry_id: 'inquiryId' in owner ? owner.inquiryId : null,
      patient_id: 'patientId' in owner ? owner.patientId : null,
      payer_name: 'Medicaid (state plan)',
      member_id: 'M00012345',
      authorization_number: null,
      authorized_units: 20,
      unit_kind: 'days',
      starts_on: null,
      ends_on: null,
      verified: 0,
      created_by: fx.member('intake_coordinator').userId,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  return id;
};

const REFERRAL_CSV =
  'first_name,last_name,phone,referrer_organization,priority_population\r\n' +
  'Robin,Example,860-555-0142,County Drug Court,pregnant\r\n';

/** Authorization specs of the intake routes (see ROUTE_TABLE). */
export const INTAKE_ROUTE_SPECS: Readonly<Record<string, RouteSpec>> = {
  'GET /api/v1/inquiries': {
    rule: { kind: 'roles', roles: readers },
    success: { status: 200 },
    build: () => ({ params: {}, query: { limit: '5' } }),
  },
  'POST /api/v1/inquiries': {
    rule: { kind: 'roles', roles: writers },
    success: { status: 201 },
    build: (_fx, c) => ({
      params: {},
      body: { siteId: c.siteId, firstName: 'Robin', lastName: uniqueName('Caller'), phone: '860-555-0142' },
    }),
  },
  'POST /api/v1/inquiries/import': {
    rule: { kind: 'roles', roles: writers },
    success: { status: 200 },
    build: (_fx, c) => ({
      params: {},
      query: { dryRun: 'true' },
      body: { siteId: c.siteId, csv: REFERRAL_CSV },
    }),
  },
  'GET /api/v1/inquiries/:id': {
    rule: { kind: 'inquiry', action: 'inquiry.read' },
    needs: { inquiry: true },
    success: { status: 200 },
    build: (_fx, c) => byInquiry(c),
  },
  'PATCH /api/v1/inquiries/:id': {
    rule: { kind: 'inquiry', action: 'inquiry.write' },
    needs: { inquiry: true },
    success: { status: 200 },
    build: (_fx, c) => ({
      ...byInquiry(c),
      body: { version: inquiryOf(c).version, contactWindow: 'Weekdays after 5 pm' },
    }),
  },
  'POST /api/v1/inquiries/:id/stage': {
    rule: { kind: 'inquiry', action: 'inquiry.write' },
    needs: { inquiry: true },
    success: { status: 200 },
    build: (_fx, c) => ({ ...byInquiry(c), body: { version: inquiryOf(c).version, to: 'screened' } }),
  },
  'POST /api/v1/inquiries/:id/waitlist': {
    rule: { kind: 'inquiry', action: 'inquiry.write' },
    needs: { inquiry: true },
    success: { status: 200 },
    build: (_fx, c) => ({ ...byInquiry(c), body: { version: inquiryOf(c).version } }),
  },
  'POST /api/v1/inquiries/:id/waitlist/remove': {
    rule: { kind: 'inquiry', action: 'inquiry.write' },
    needs: { inquiry: true },
    success: { status: 200 },
    build: async (fx, c) => {
      const inquiry = inquiryOf(c);
      await fx.server.db.kysely
        .updateTable('inquiries')
        .set({ waitlisted_at: fx.server.clock.now().toISOString() })
        .where('id', '=', inquiry.id)
        .execute();
      return { ...byInquiry(c), body: { version: inquiry.version } };
    },
  },
  'GET /api/v1/inquiries/:id/duplicates': {
    rule: { kind: 'inquiry', action: 'inquiry.convert' },
    needs: { inquiry: true },
    success: { status: 200 },
    build: (_fx, c) => byInquiry(c),
  },
  'POST /api/v1/inquiries/:id/convert': {
    rule: { kind: 'inquiry', action: 'inquiry.convert' },
    needs: { inquiry: true },
    success: { status: 201 },
    // Fixture inquiries share a phone number, so earlier conversions are candidates: create anyway.
    build: (_fx, c) => ({ ...byInquiry(c), body: { version: inquiryOf(c).version, createAnyway: true } }),
  },
  'GET /api/v1/intake/waitlist': {
    rule: { kind: 'roles', roles: readers },
    success: { status: 200 },
    build: () => ({ params: {}, query: { limit: '10' } }),
  },
  'GET /api/v1/intake/capacity': {
    rule: { kind: 'roles', roles: readers },
    success: { status: 200 },
    build: () => ({ params: {} }),
  },

  'GET /api/v1/inquiries/:id/coverage': {
    rule: { kind: 'inquiry', action: 'inquiry.read' },
    needs: { inquiry: true },
    success: { status: 200 },
    build: (_fx, c) => byInquiry(c),
  },
  'POST /api/v1/inquiries/:id/coverage': {
    rule: { kind: 'inquiry', action: 'inquiry.write' },
    needs: { inquiry: true },
    success: { status: 201 },
    build: (_fx, c) => ({
      ...byInquiry(c),
      body: {
        payerName: 'Commercial plan',
        memberId: 'XJ4410021',
        authorizedUnits: 12,
        unitKind: 'sessions',
      },
    }),
  },
  'PATCH /api/v1/inquiries/:id/coverage/:coverageId': {
    rule: { kind: 'inquiry', action: 'inquiry.write' },
    needs: { inquiry: true },
    success: { status: 200 },
    build: async (fx, c) => ({
      params: { id: inquiryOf(c).id, coverageId: await createCoverage(fx, { inquiryId: inquiryOf(c).id }) },
      body: { version: 1, authorizationNumber: 'PA-2026-0042' },
    }),
  },
  'POST /api/v1/inquiries/:id/coverage/:coverageId/remove': {
    rule: { kind: 'inquiry', action: 'inquiry.write' },
    needs: { inquiry: true },
    success: { status: 204 },
    build: async (fx, c) => ({
      params: { id: inquiryOf(c).id, coverageId: await createCoverage(fx, { inquiryId: inquiryOf(c).id }) },
      body: { version: 1 },
    }),
  },

  'GET /api/v1/patients/:id/coverage': {
    rule: { kind: 'patient', action: 'coverage.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => byId(c),
  },
  'POST /api/v1/patients/:id/coverage': {
    rule: { kind: 'patient', action: 'coverage.write' },
    needs: { patient: 'any' },
    success: { status: 201 },
    build: (_fx, c) => ({
      ...byId(c),
      body: { payerName: 'Medicare', memberId: '1EG4TE5MK72', startsOn: '2026-11-01', endsOn: '2027-01-31' },
    }),
  },
  'PATCH /api/v1/patients/:id/coverage/:coverageId': {
    rule: { kind: 'patient', action: 'coverage.write' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: async (fx, c) => ({
      params: { id: patientOf(c).id, coverageId: await createCoverage(fx, { patientId: patientOf(c).id }) },
      body: { version: 1, verified: true },
    }),
  },
  'POST /api/v1/patients/:id/coverage/:coverageId/remove': {
    rule: { kind: 'patient', action: 'coverage.write' },
    needs: { patient: 'any' },
    success: { status: 204 },
    build: async (fx, c) => ({
      params: { id: patientOf(c).id, coverageId: await createCoverage(fx, { patientId: patientOf(c).id }) },
      body: { version: 1 },
    }),
  },
};
