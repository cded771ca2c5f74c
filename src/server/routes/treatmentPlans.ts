import { Type } from '@sinclair/typebox';
import { IdParams, Problem, Version } from '../../core/api/common.js';
import {
  CosignPlanBody,
  CreatePlanTemplateBody,
  CurrentObjectives,
  PatientSignatureBody,
  PlacementSuggestions,
  PlanDueList,
  PlanTemplate,
  PlanTemplateList,
  PlanVersion,
  PlanVersionParams,
  SaveDraftBody,
  SignPlanBody,
  StalePlanProblem,
  StartPlanBody,
  TreatmentPlanOverview,
  UpdatePlanTemplateBody,
} from '../../core/api/plans.js';
import { contextOf } from '../context.js';
import type { AppDeps } from '../deps.js';
import { createPlanTemplate, listPlanTemplates, updatePlanTemplate } from '../services/planTemplates.js';
import {
  cosignPlanVersion,
  patientSignPlanVersion,
  signPlanVersion,
} from '../services/treatmentPlanSigning.js';
import {
  discardDraft,
  getPlanVersion,
  getTreatmentPlan,
  listCurrentObjectives,
  placementSuggestions,
  saveDraft,
  startDraft,
} from '../services/treatmentPlans.js';
import { listDuePlans } from '../services/treatmentPlansDue.js';
import type { FastifyTypebox } from '../types.js';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: StalePlanProblem };
const TAGS = ['treatment plans'];
const base = '/api/v1/patients/:id/treatment-plan';

/** Treatment plans (SPEC §8): drafts, signatures, reviews, due dates and the template library. */
export const treatmentPlanRoutes = (app: FastifyTypebox, deps: AppDeps): void => {
  app.get(
    base,
    {
      schema: {
        tags: TAGS,
        summary: "The patient's current plan, the open draft, every version, and when the plan is next due",
        params: IdParams,
        response: { 200: TreatmentPlanOverview, ...errors },
      },
    },
    (request) => getTreatmentPlan(deps, contextOf(request), request.params.id),
  );

  app.get(
    `${base}/objectives`,
    {
      schema: {
        tags: TAGS,
        summary: "The current signed plan's objectives with their goal and problem, for a note to link",
        params: IdParams,
        response: { 200: CurrentObjectives, ...errors },
      },
    },
    (request) => listCurrentObjectives(deps, contextOf(request), request.params.id),
  );

  app.get(
    `${base}/placement-suggestions`,
    {
      schema: {
        tags: TAGS,
        summary: "Problems built from the latest signed placement's drivers and the template library",
        params: IdParams,
        response: { 200: PlacementSuggestions, ...errors },
      },
    },
    (request) => placementSuggestions(deps, contextOf(request), request.params.id),
  );

  app.post(
    `${base}/drafts`,
    {
      schema: {
        tags: TAGS,
        summary:
          'Start a draft: the first plan (empty or from the placement), or a review of the current version',
        params: IdParams,
        body: StartPlanBody,
        response: { 201: PlanVersion, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await startDraft(deps, contextOf(request), request.params.id, request.body)),
  );

  app.get(
    `${base}/versions/:versionId`,
    {
      schema: {
        tags: TAGS,
        summary: 'One version of the plan, with its signatures and, for a review, the notes per objective',
        params: PlanVersionParams,
        response: { 200: PlanVersion, ...errors },
      },
    },
    (request) => getPlanVersion(deps, contextOf(request), request.params.id, request.params.versionId),
  );

  app.put(
    `${base}/versions/:versionId`,
    {
      schema: {
        tags: TAGS,
        summary: 'Save a draft; a stale version gets 409 with the version now stored',
        params: PlanVersionParams,
        body: SaveDraftBody,
        response: { 200: PlanVersion, ...errors },
      },
    },
    (request) =>
      saveDraft(deps, contextOf(request), request.params.id, request.params.versionId, request.body),
  );

  app.post(
    `${base}/versions/:versionId/discard`,
    {
      schema: {
        tags: TAGS,
        summary: 'Discard a draft that was never signed',
        params: PlanVersionParams,
        body: Type.Object({ version: Version }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await discardDraft(
        deps,
        contextOf(request),
        request.params.id,
        request.params.versionId,
        request.body.version,
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    `${base}/versions/:versionId/sign`,
    {
      schema: {
        tags: TAGS,
        summary: "The clinician's signature, after re-entering the password or a code; locks the version",
        params: PlanVersionParams,
        body: SignPlanBody,
        response: { 200: PlanVersion, ...errors },
      },
    },
    (request) =>
      signPlanVersion(deps, contextOf(request), request.params.id, request.params.versionId, request.body),
  );

  app.post(
    `${base}/versions/:versionId/patient-signature`,
    {
      schema: {
        tags: TAGS,
        summary:
          "The patient's signature, in person on the clinic's device, witnessed by the signed-in staff member",
        params: PlanVersionParams,
        body: PatientSignatureBody,
        response: { 200: PlanVersion, ...errors },
      },
    },
    (request) =>
      patientSignPlanVersion(
        deps,
        contextOf(request),
        request.params.id,
        request.params.versionId,
        request.body,
      ),
  );

  app.post(
    `${base}/versions/:versionId/cosign`,
    {
      schema: {
        tags: TAGS,
        summary: "The supervisor's co-signature, when the author's credentials require one",
        params: PlanVersionParams,
        body: CosignPlanBody,
        response: { 200: PlanVersion, ...errors },
      },
    },
    (request) =>
      cosignPlanVersion(deps, contextOf(request), request.params.id, request.params.versionId, request.body),
  );

  app.get(
    '/api/v1/treatment-plans/due',
    {
      schema: {
        tags: TAGS,
        summary: "Plans due within a week or overdue on the caller's caseload and their supervisees'",
        response: { 200: PlanDueList, ...errors },
      },
    },
    (request) => listDuePlans(deps, contextOf(request)),
  );

  app.get(
    '/api/v1/plan-templates',
    {
      schema: {
        tags: TAGS,
        summary: "The clinic's library of plan templates (problem → goals → objectives → interventions)",
        response: { 200: PlanTemplateList, ...errors },
      },
    },
    (request) => listPlanTemplates(deps, contextOf(request)),
  );

  app.post(
    '/api/v1/plan-templates',
    {
      schema: {
        tags: TAGS,
        summary: 'Add a template to the library (administrators, directors, supervisors)',
        body: CreatePlanTemplateBody,
        response: { 201: PlanTemplate, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createPlanTemplate(deps, contextOf(request), request.body)),
  );

  app.put(
    '/api/v1/plan-templates/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Change or retire a template (administrators, directors, supervisors)',
        params: IdParams,
        body: UpdatePlanTemplateBody,
        response: { 200: PlanTemplate, ...errors },
      },
    },
    (request) => updatePlanTemplate(deps, contextOf(request), request.params.id, request.body),
  );
};
