import { randomUUID } from 'node:crypto';
import { roleMay } from '../../../core/access/patientPolicy.js';
import { STAFF_ROLES } from '../../../core/access/roles.js';
import type { PlanContent } from '../../../core/api/plans.js';
import { DEFAULT_PLAN_TEMPLATES } from '../../../core/plans/defaultTemplates.js';
import { DEMO_PASSWORD } from '../../../db/seed/demo.js';
import { PLAN_TEMPLATE_EDITORS, PLAN_TEMPLATE_READERS } from '../../../core/plans/templateAccess.js';
import type { PatientFixture, RouteFixtures, RouteSpec } from '../routeTable.js';
import { byId, patientOf } from '../routeSpecSupport.js';

/** A plan ready to sign: one problem → goal → objective → intervention, the demo clinician responsible. */
export const completePlanContent = (responsibleUserId: string, targetDate: string): PlanContent => ({
  problems: [
    {
      id: randomUUID(),
      statement: 'Drinks most evenings after work; two lapses after outpatient care.',
      dimensions: ['d5'],
      diagnosisIds: [],
      goals: [
        {
          id: randomUUID(),
          statement: 'I want to stop drinking so I can keep my job.',
          objectives: [
            {
              id: randomUUID(),
              statement: 'Names 5 triggers and a coping response for each in a written plan.',
              targetDate,
              interventions: [
                {
                  id: randomUUID(),
                  description: 'Relapse prevention group',
                  modality: 'group',
                  frequency: '3 times a week',
                  responsibleUserId,
                },
              ],
            },
          ],
        },
      ],
    },
  ],
});

const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/**
 * A version of a patient's plan written directly: a complete draft, or a signed one (whose
 * co-signature, when `cosignerUserId` is given, is still awaited).
 */
export const createPlanVersion = async (
  fx: RouteFixtures,
  patient: PatientFixture,
  options: { status: 'draft' | 'signed'; cosignerUserId?: string; authorUserId?: string },
): Promise<string> => {
  const db = fx.server.db.kysely;
  if (!patient.episodeId) throw new Error('a plan needs an open episode');
  const nowIso = fx.server.clock.now().toISOString();
  const author = options.authorUserId ?? fx.member('clinician').userId;
  const planId = randomUUID();
  await db
    .insertInto('treatment_plans')
    .values({
      id: planId,
      patient_id: patient.id,
      episode_id: patient.episodeId,
      created_by: author,
      created_at: nowIso,
    })
    .execute();
  const id = randomUUID();
  const content = completePlanContent(
    fx.member('clinician').userId,
    addDays(await fx.todayAt(patient.siteId), 30),
  );
  const signed = options.status === 'signed';
  await db
    .insertInto('treatment_plan_versions')
    .values({
      id,
      plan_id: planId,
      patient_id: patient.id,
      number: 1,
      kind: 'initial',
      status: options.status,
      content: JSON.stringify(content),
      progress: '[]',
      reviews_version_id: null,
      author_user_id: author,
      updated_by: author,
      signed_at: signed ? nowIso : null,
      signed_by: signed ? author : null,
      content_hash: signed ? 'ab'.repeat(32) : null,
      needs_cosignature: options.cosignerUserId ? 1 : 0,
      cosigner_user_id: options.cosignerUserId ?? null,
      cosigned_at: null,
      cosigned_by: null,
      patient_signed_at: null,
      created_at: nowIso,
      updated_at: nowIso,
      version: 1,
    })
    .execute();
  return id;
};

const createTemplate = async (fx: RouteFixtures): Promise<string> => {
  const id = randomUUID();
  const template = DEFAULT_PLAN_TEMPLATES[0];
  if (!template) throw new Error('no default template');
  await fx.server.db.kysely
    .insertInto('plan_templates')
    .values({
      id,
      key: `fixture-${id.slice(0, 8)}`,
      name: 'Fixture template',
      dimension: template.dimension,
      content: JSON.stringify(template.content),
      active: 1,
      updated_by: null,
      updated_at: fx.server.clock.now().toISOString(),
      version: 1,
    })
    .execute();
  return id;
};

const versionParams = (patient: PatientFixture, versionId: string) => ({ id: patient.id, versionId });

const planReaders = STAFF_ROLES.filter((role) => roleMay(role, 'plan.read'));

/**
 * Authorization specs of the treatment-plan routes (see ROUTE_TABLE). A patient's plan follows the
 * patient policy (plan.read, plan.write); signing also needs a valid licence, which every demo role
 * with plan.write holds. The due list is for roles that read plans (scoped to their caseloads); the
 * template library holds no patient data: writers of plans read it, leaders edit it.
 */
export const TREATMENT_PLAN_ROUTE_SPECS: Readonly<Record<string, RouteSpec>> = {
  'GET /api/v1/patients/:id/treatment-plan': {
    rule: { kind: 'patient', action: 'plan.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => byId(c),
  },
  'GET /api/v1/patients/:id/treatment-plan/objectives': {
    rule: { kind: 'patient', action: 'plan.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => byId(c),
  },
  'GET /api/v1/patients/:id/treatment-plan/placement-suggestions': {
    rule: { kind: 'patient', action: 'plan.write' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => byId(c),
  },
  'POST /api/v1/patients/:id/treatment-plan/drafts': {
    rule: { kind: 'patient', action: 'plan.write' },
    needs: { patient: 'open-episode' },
    success: { status: 201 },
    build: (_fx, c) => ({ ...byId(c), body: { startFrom: 'blank' } }),
  },
  'GET /api/v1/patients/:id/treatment-plan/versions/:versionId': {
    rule: { kind: 'patient', action: 'plan.read' },
    needs: { patient: 'open-episode' },
    success: { status: 200 },
    build: async (fx, c) => ({
      params: versionParams(patientOf(c), await createPlanVersion(fx, patientOf(c), { status: 'signed' })),
    }),
  },
  'PUT /api/v1/patients/:id/treatment-plan/versions/:versionId': {
    rule: { kind: 'patient', action: 'plan.write' },
    needs: { patient: 'open-episode' },
    success: { status: 200 },
    build: async (fx, c) => ({
      params: versionParams(patientOf(c), await createPlanVersion(fx, patientOf(c), { status: 'draft' })),
      body: {
        version: 1,
        content: completePlanContent(
          fx.member('clinician').userId,
          addDays(await fx.todayAt(patientOf(c).siteId), 20),
        ),
      },
    }),
  },
  'POST /api/v1/patients/:id/treatment-plan/versions/:versionId/discard': {
    rule: { kind: 'patient', action: 'plan.write' },
    needs: { patient: 'open-episode' },
    success: { status: 204 },
    build: async (fx, c) => ({
      params: versionParams(patientOf(c), await createPlanVersion(fx, patientOf(c), { status: 'draft' })),
      body: { version: 1 },
    }),
  },
  'POST /api/v1/patients/:id/treatment-plan/versions/:versionId/sign': {
    rule: { kind: 'patient', action: 'plan.write' },
    needs: { patient: 'open-episode' },
    success: { status: 200 },
    build: async (fx, c) => ({
      params: versionParams(patientOf(c), await createPlanVersion(fx, patientOf(c), { status: 'draft' })),
      body: { version: 1, proof: { method: 'password', password: DEMO_PASSWORD } },
    }),
  },
  'POST /api/v1/patients/:id/treatment-plan/versions/:versionId/patient-signature': {
    rule: { kind: 'patient', action: 'plan.write' },
    needs: { patient: 'open-episode' },
    success: { status: 200 },
    build: async (fx, c) => {
      const patient = patientOf(c);
      const row = await fx.server.db.kysely
        .selectFrom('patients')
        .select(['first_name', 'last_name'])
        .where('id', '=', patient.id)
        .executeTakeFirstOrThrow();
      return {
        params: versionParams(patient, await createPlanVersion(fx, patient, { status: 'signed' })),
        body: { typedName: `${row.first_name} ${row.last_name}`, agreed: true },
      };
    },
  },
  // The caller is made the version's co-signer: whether they may co-sign is then the policy's and the licence's question.
  'POST /api/v1/patients/:id/treatment-plan/versions/:versionId/cosign': {
    rule: { kind: 'patient', action: 'plan.write' },
    needs: { patient: 'open-episode' },
    success: { status: 200 },
    build: async (fx, c) => ({
      params: versionParams(
        patientOf(c),
        await createPlanVersion(fx, patientOf(c), {
          status: 'signed',
          cosignerUserId: c.member.userId,
          authorUserId: fx.clinician2.userId,
        }),
      ),
      body: { proof: { method: 'password', password: DEMO_PASSWORD } },
    }),
  },
  'GET /api/v1/treatment-plans/due': {
    rule: { kind: 'roles', roles: planReaders },
    success: { status: 200 },
    build: () => ({ params: {} }),
  },
  'GET /api/v1/plan-templates': {
    rule: { kind: 'roles', roles: PLAN_TEMPLATE_READERS },
    success: { status: 200 },
    build: () => ({ params: {} }),
  },
  'POST /api/v1/plan-templates': {
    rule: { kind: 'roles', roles: PLAN_TEMPLATE_EDITORS },
    success: { status: 201 },
    build: () => ({
      params: {},
      body: { name: 'Tobacco use', dimension: 'd5', content: DEFAULT_PLAN_TEMPLATES[4]?.content },
    }),
  },
  'PUT /api/v1/plan-templates/:id': {
    rule: { kind: 'roles', roles: PLAN_TEMPLATE_EDITORS },
    success: { status: 200 },
    build: async (fx) => ({
      params: { id: await createTemplate(fx) },
      body: {
        version: 1,
        name: 'Withdrawal (edited)',
        dimension: 'd1',
        content: DEFAULT_PLAN_TEMPLATES[0]?.content,
        active: true,
      },
    }),
  },
};
