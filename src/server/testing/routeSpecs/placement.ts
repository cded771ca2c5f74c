import { randomUUID } from 'node:crypto';
import { roleMayInquiry } from '../../../core/access/inquiryPolicy.js';
import { roleMay } from '../../../core/access/patientPolicy.js';
import { STAFF_ROLES } from '../../../core/access/roles.js';
import { mayDisclose } from '../../../core/consents/mayDisclose.js';
import { DEFAULT_RULE_TABLE } from '../../../core/placement/ruleTable.js';
import { referralPacketRequest } from '../../services/referrals.js';
import type { CaseFixture, InquiryFixture, RouteFixtures, RouteSpec } from '../routeTable.js';
import { byId, patientOf } from '../routeSpecSupport.js';

const inquiryOf = (c: CaseFixture): InquiryFixture => {
  if (!c.inquiry) throw new Error('this case has no inquiry fixture');
  return c.inquiry;
};
const byInquiry = (c: CaseFixture) => ({ params: { id: inquiryOf(c).id } });

type Owner = { patientId: string } | { inquiryId: string };

/**
 * A placement assessment written directly: a draft rated 0 on every dimension (what empty answers
 * suggest, so no rating needs a note), or a signed decision when `finalLevel` is given.
 */
const createAssessment = async (
  fx: RouteFixtures,
  owner: Owner,
  options: { episodeId?: string | null; finalLevel?: string } = {},
): Promise<string> => {
  const id = randomUUID();
  const nowIso = fx.server.clock.now().toISOString();
  const signed = options.finalLevel !== undefined;
  await fx.server.db.kysely
    .insertInto('placement_assessments')
    .values({
      id,
      inquiry_id: 'inquiryId' in owner ? owner.inquiryId : null,
      patient_id: 'patientId' in owner ? owner.patientId : null,
      episode_id: options.episodeId ?? null,
      kind: options.episodeId ? 'continuing_care' : 'initial',
      status: signed ? 'signed' : 'draft',
      answers: '{}',
      ratings: JSON.stringify({ d1: 0, d2: 0, d3: 0, d4: 0, d5: 0, d6: 0 }),
      rating_notes: '{}',
      flags: '{}',
      dsm5_criteria: 5,
      factors: '{}',
      measures: '{}',
      result: null,
      table_version: signed ? DEFAULT_RULE_TABLE.version : null,
      recommended_level: signed ? 'IOP' : null,
      decision: signed ? (options.finalLevel === 'IOP' ? 'accepted' : 'overridden') : null,
      final_level: options.finalLevel ?? null,
      override_reason:
        signed && options.finalLevel !== 'IOP' ? 'Daily structure needed after two lapses.' : null,
      drafted_by: fx.member('intake_coordinator').userId,
      signed_by: signed ? fx.member('clinical_supervisor').userId : null,
      signed_at: signed ? nowIso : null,
      applied_segment_id: null,
      created_at: nowIso,
      updated_at: nowIso,
      version: 1,
    })
    .execute();
  return id;
};

/**
 * A referral out whose packet was already refused for want of consent: sending it again is refused
 * the same way and changes nothing but the audit trail (the first refusal, draft → blocked, is
 * tested in placement.int.test.ts).
 */
const createBlockedReferral = async (fx: RouteFixtures, owner: Owner, about: string): Promise<string> => {
  const id = randomUUID();
  const nowIso = fx.server.clock.now().toISOString();
  const toOrganization = 'Harbor View Residential Treatment';
  const decision = mayDisclose(referralPacketRequest(about, toOrganization, 'RES'), [], '2026-11-24');
  await fx.server.db.kysely
    .insertInto('referrals_out')
    .values({
      id,
      inquiry_id: 'inquiryId' in owner ? owner.inquiryId : null,
      patient_id: 'patientId' in owner ? owner.patientId : null,
      assessment_id: null,
      to_organization: toOrganization,
      level: 'RES',
      status: 'blocked_no_consent',
      status_reason: decision.allowed ? null : decision.reason,
      created_by: fx.member('intake_coordinator').userId,
      created_at: nowIso,
      updated_at: nowIso,
      version: 1,
    })
    .execute();
  return id;
};

/** An active PHP program at a site, for a step-up the program can deliver. */
const createPhpProgram = async (fx: RouteFixtures, siteId: string): Promise<string> => {
  const id = randomUUID();
  const nowIso = fx.server.clock.now().toISOString();
  await fx.server.db.kysely
    .insertInto('programs')
    .values({
      id,
      site_id: siteId,
      name: `Fixture PHP ${id.slice(0, 6)}`,
      level_of_care: 'PHP',
      audience: 'adult',
      min_weekly_hours: 20,
      max_weekly_hours: null,
      typical_weeks_min: 2,
      typical_weeks_max: 4,
      active: 1,
      created_at: nowIso,
      updated_at: nowIso,
      version: 1,
    })
    .execute();
  return id;
};

const currentTableVersion = async (fx: RouteFixtures): Promise<string> => {
  const row = await fx.server.db.kysely
    .selectFrom('placement_rule_tables')
    .select('version')
    .orderBy('created_at', 'desc')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.version ?? DEFAULT_RULE_TABLE.version;
};

const RATINGS = { d1: 2, d2: 0, d3: 2, d4: 1, d5: 2, d6: 1 };

const NO_CONSENT = {
  status: 403,
  code: 'NO_CONSENT_ON_FILE',
  why: 'no consent on file: the referral packet may not be sent (SPEC §10)',
} as const;

/** Roles whose policy grant includes signing placements; every such demo user holds signing credentials. */
const signers = STAFF_ROLES.filter(
  (role) => roleMay(role, 'placement.sign') && roleMayInquiry(role, 'inquiry.write'),
);

/**
 * Authorization specs of the placement routes (see ROUTE_TABLE). Evaluation, questions and the rule
 * table hold no patient data: any staff member reads them, administrators edit the table. Assessments
 * and referrals follow the patient policy (placement.read / draft / sign, referral.write) or, on an
 * inquiry, the inquiry policy. Signing also needs signing credentials and an unexpired licence; every
 * demo role the policy lets sign (program director, clinical supervisor, the licensed clinician) holds
 * them. On an inquiry the role's grant of placement.sign is checked first, whoever the inquiry is.
 */
export const PLACEMENT_ROUTE_SPECS: Readonly<Record<string, RouteSpec>> = {
  'POST /api/v1/placement/evaluate': {
    rule: { kind: 'anyStaff' },
    success: { status: 200 },
    build: () => ({
      params: {},
      body: {
        ratings: RATINGS,
        flags: { needs24HourSupervision: false, imminentDanger: false },
        dsm5Criteria: 6,
        continuingCare: false,
        factors: { preferredSchedule: 'evening', homeSafe: true, supportPresent: true, coverage: 'verified' },
      },
    }),
  },
  'GET /api/v1/placement/questions': {
    rule: { kind: 'anyStaff' },
    success: { status: 200 },
    build: () => ({ params: {} }),
  },
  'GET /api/v1/placement/rule-table': {
    rule: { kind: 'anyStaff' },
    success: { status: 200 },
    build: () => ({ params: {} }),
  },
  'PUT /api/v1/placement/rule-table': {
    rule: { kind: 'roles', roles: ['admin'] },
    success: { status: 200 },
    build: async (fx) => ({
      params: {},
      body: { basedOn: await currentTableVersion(fx), rows: DEFAULT_RULE_TABLE.rows },
    }),
  },

  'GET /api/v1/patients/:id/placement-assessments': {
    rule: { kind: 'patient', action: 'placement.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => byId(c),
  },
  'POST /api/v1/patients/:id/placement-assessments': {
    rule: { kind: 'patient', action: 'placement.draft' },
    needs: { patient: 'any' },
    success: { status: 201 },
    build: (_fx, c) => ({
      ...byId(c),
      body: { answers: { 'd1.withdrawal_now': 'mild' }, factors: { preferredSchedule: 'evening' } },
    }),
  },
  'GET /api/v1/patients/:id/placement-assessments/:assessmentId': {
    rule: { kind: 'patient', action: 'placement.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: async (fx, c) => ({
      params: {
        id: patientOf(c).id,
        assessmentId: await createAssessment(fx, { patientId: patientOf(c).id }),
      },
    }),
  },
  'PATCH /api/v1/patients/:id/placement-assessments/:assessmentId': {
    rule: { kind: 'patient', action: 'placement.draft' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: async (fx, c) => ({
      params: {
        id: patientOf(c).id,
        assessmentId: await createAssessment(fx, { patientId: patientOf(c).id }),
      },
      body: {
        version: 1,
        answers: { 'd1.withdrawal_now': 'moderate', 'd6.use_at_home': true },
        flags: { needs24HourSupervision: false },
        dsm5Criteria: 4,
      },
    }),
  },
  'POST /api/v1/patients/:id/placement-assessments/:assessmentId/sign': {
    rule: { kind: 'patient', action: 'placement.sign' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: async (fx, c) => ({
      params: {
        id: patientOf(c).id,
        assessmentId: await createAssessment(fx, { patientId: patientOf(c).id }),
      },
      body: {
        version: 1,
        decision: 'overridden',
        finalLevel: 'IOP',
        overrideReason: 'Two lapses after OP care.',
      },
    }),
  },
  'POST /api/v1/patients/:id/placement-assessments/:assessmentId/apply': {
    rule: { kind: 'patient', action: 'episode.changeSegment' },
    needs: { patient: 'open-episode' },
    success: { status: 200 },
    build: async (fx, c) => {
      const patient = patientOf(c);
      return {
        params: {
          id: patient.id,
          assessmentId: await createAssessment(
            fx,
            { patientId: patient.id },
            { episodeId: patient.episodeId, finalLevel: 'PHP' },
          ),
        },
        body: {
          version: 1,
          programId: await createPhpProgram(fx, patient.siteId),
          startOn: await fx.todayAt(patient.siteId),
        },
      };
    },
  },
  'GET /api/v1/patients/:id/referrals': {
    rule: { kind: 'patient', action: 'placement.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => byId(c),
  },
  'POST /api/v1/patients/:id/referrals': {
    rule: { kind: 'patient', action: 'referral.write' },
    needs: { patient: 'any' },
    success: { status: 201 },
    build: (_fx, c) => ({
      ...byId(c),
      body: { toOrganization: 'Harbor View Residential Treatment', level: 'RES' },
    }),
  },
  'POST /api/v1/patients/:id/referrals/:referralId/send': {
    rule: { kind: 'patient', action: 'referral.write' },
    needs: { patient: 'any' },
    success: NO_CONSENT,
    build: async (fx, c) => {
      const patientId = patientOf(c).id;
      return {
        params: { id: patientId, referralId: await createBlockedReferral(fx, { patientId }, patientId) },
        body: { version: 1 },
      };
    },
  },

  'GET /api/v1/inquiries/:id/placement-assessments': {
    rule: { kind: 'inquiry', action: 'inquiry.read' },
    needs: { inquiry: true },
    success: { status: 200 },
    build: (_fx, c) => byInquiry(c),
  },
  'POST /api/v1/inquiries/:id/placement-assessments': {
    rule: { kind: 'inquiry', action: 'inquiry.write' },
    needs: { inquiry: true },
    success: { status: 201 },
    build: (_fx, c) => ({ ...byInquiry(c), body: { answers: { 'd4.sees_problem': 'unsure' } } }),
  },
  'GET /api/v1/inquiries/:id/placement-assessments/:assessmentId': {
    rule: { kind: 'inquiry', action: 'inquiry.read' },
    needs: { inquiry: true },
    success: { status: 200 },
    build: async (fx, c) => ({
      params: {
        id: inquiryOf(c).id,
        assessmentId: await createAssessment(fx, { inquiryId: inquiryOf(c).id }),
      },
    }),
  },
  'PATCH /api/v1/inquiries/:id/placement-assessments/:assessmentId': {
    rule: { kind: 'inquiry', action: 'inquiry.write' },
    needs: { inquiry: true },
    success: { status: 200 },
    build: async (fx, c) => ({
      params: {
        id: inquiryOf(c).id,
        assessmentId: await createAssessment(fx, { inquiryId: inquiryOf(c).id }),
      },
      body: { version: 1, factors: { coverage: 'unverified', homeSafe: true } },
    }),
  },
  // The role and credential check comes before the inquiry is looked up (see the comment above), so
  // the rule is by role: the demo's signers all work at the first site, where the inquiry is.
  'POST /api/v1/inquiries/:id/placement-assessments/:assessmentId/sign': {
    rule: { kind: 'roles', roles: signers },
    needs: { inquiry: true },
    success: { status: 200 },
    build: async (fx, c) => ({
      params: {
        id: inquiryOf(c).id,
        assessmentId: await createAssessment(fx, { inquiryId: inquiryOf(c).id }),
      },
      body: { version: 1, decision: 'accepted' },
    }),
  },
  'GET /api/v1/inquiries/:id/referrals': {
    rule: { kind: 'inquiry', action: 'inquiry.read' },
    needs: { inquiry: true },
    success: { status: 200 },
    build: (_fx, c) => byInquiry(c),
  },
  'POST /api/v1/inquiries/:id/referrals': {
    rule: { kind: 'inquiry', action: 'inquiry.write' },
    needs: { inquiry: true },
    success: { status: 201 },
    build: (_fx, c) => ({
      ...byInquiry(c),
      body: { toOrganization: 'Lakeside Hospital Detox Unit', level: 'INP' },
    }),
  },
  'POST /api/v1/inquiries/:id/referrals/:referralId/send': {
    rule: { kind: 'inquiry', action: 'inquiry.write' },
    needs: { inquiry: true },
    success: NO_CONSENT,
    build: async (fx, c) => {
      const inquiryId = inquiryOf(c).id;
      return {
        params: { id: inquiryId, referralId: await createBlockedReferral(fx, { inquiryId }, inquiryId) },
        body: { version: 1 },
      };
    },
  },

  'GET /api/v1/reports/placement-overrides': {
    rule: { kind: 'roles', roles: ['program_director', 'clinical_supervisor'] },
    success: { status: 200 },
    build: () => ({ params: {}, query: { limit: '50' } }),
  },
};
