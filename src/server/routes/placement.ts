import { Type } from '@sinclair/typebox';
import { IdParams, Problem } from '../../core/api/common.js';
import { Episode } from '../../core/api/patients.js';
import {
  ApplyAssessmentBody,
  AssessmentParams,
  CreateAssessmentBody,
  CreateReferralBody,
  EvaluateBody,
  OverrideReport,
  OverrideReportQuery,
  PlacementAssessment,
  PlacementQuestions,
  PlacementResultSchema,
  PutRuleTableBody,
  ReferralOut,
  ReferralParams,
  RuleTableSchema,
  SendReferralBody,
  SignAssessmentBody,
  UpdateAssessmentBody,
} from '../../core/api/placement.js';
import { contextOf } from '../context.js';
import type { AppDeps } from '../deps.js';
import {
  applyAssessment,
  createAssessment,
  getAssessment,
  listAssessments,
  overridesReport,
  signAssessment,
  type Subject,
  updateAssessment,
} from '../services/placementAssessments.js';
import {
  evaluatePlacement,
  getRuleTable,
  placementQuestions,
  putRuleTable,
} from '../services/placementRules.js';
import { createReferral, listReferrals, sendReferral } from '../services/referrals.js';
import type { FastifyTypebox } from '../types.js';

const errors = { 400: Problem, 403: Problem, 404: Problem, 409: Problem };

const OWNERS = [
  {
    path: 'patients',
    label: 'patient',
    subject: (id: string): Subject => ({ kind: 'patient', patientId: id }),
  },
  {
    path: 'inquiries',
    label: 'inquiry',
    subject: (id: string): Subject => ({ kind: 'inquiry', inquiryId: id }),
  },
] as const;

/** Placement (SPEC §3): evaluation, the guided assessment, the rule table, referrals out, overrides. */
export const placementRoutes = (app: FastifyTypebox, deps: AppDeps): void => {
  app.post(
    '/api/v1/placement/evaluate',
    {
      schema: {
        tags: ['placement'],
        summary: 'Recommend a level of care from six ratings, flags and factors, without storing anything',
        body: EvaluateBody,
        response: { 200: PlacementResultSchema, 400: Problem },
      },
    },
    (request) => evaluatePlacement(deps.db, request.body),
  );

  app.get(
    '/api/v1/placement/questions',
    {
      schema: {
        tags: ['placement'],
        summary: 'The guided assessment: questions and rating anchors per dimension, and the rule table',
        response: { 200: PlacementQuestions },
      },
    },
    () => placementQuestions(deps),
  );

  app.get(
    '/api/v1/placement/rule-table',
    {
      schema: {
        tags: ['placement'],
        summary: 'The placement rule table in force, with its version',
        response: { 200: RuleTableSchema },
      },
    },
    () => getRuleTable(deps),
  );

  app.put(
    '/api/v1/placement/rule-table',
    {
      schema: {
        tags: ['placement'],
        summary: 'Add a version of the rule table (administrators; every row non-decreasing)',
        body: PutRuleTableBody,
        response: { 200: RuleTableSchema, ...errors },
      },
    },
    (request) => putRuleTable(deps, contextOf(request), request.body),
  );

  for (const owner of OWNERS) {
    const base = `/api/v1/${owner.path}/:id`;
    app.get(
      `${base}/placement-assessments`,
      {
        schema: {
          tags: ['placement'],
          summary: `The ${owner.label}'s placement assessments, newest first`,
          params: IdParams,
          response: { 200: Type.Array(PlacementAssessment), ...errors },
        },
      },
      (request) => listAssessments(deps, contextOf(request), owner.subject(request.params.id)),
    );

    app.post(
      `${base}/placement-assessments`,
      {
        schema: {
          tags: ['placement'],
          summary: `Start a placement assessment of the ${owner.label} (a draft; continuing care inside an open episode)`,
          params: IdParams,
          body: CreateAssessmentBody,
          response: { 201: PlacementAssessment, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await createAssessment(deps, contextOf(request), owner.subject(request.params.id), request.body),
          ),
    );

    app.get(
      `${base}/placement-assessments/:assessmentId`,
      {
        schema: {
          tags: ['placement'],
          summary: 'One placement assessment with the suggested rating of each dimension',
          params: AssessmentParams,
          response: { 200: PlacementAssessment, ...errors },
        },
      },
      (request) =>
        getAssessment(
          deps,
          contextOf(request),
          owner.subject(request.params.id),
          request.params.assessmentId,
        ),
    );

    app.patch(
      `${base}/placement-assessments/:assessmentId`,
      {
        schema: {
          tags: ['placement'],
          summary:
            'Edit a draft: answers, measures, ratings (a note where one differs from the suggestion), flags, factors',
          params: AssessmentParams,
          body: UpdateAssessmentBody,
          response: { 200: PlacementAssessment, ...errors },
        },
      },
      (request) =>
        updateAssessment(
          deps,
          contextOf(request),
          owner.subject(request.params.id),
          request.params.assessmentId,
          request.body,
        ),
    );

    app.post(
      `${base}/placement-assessments/:assessmentId/sign`,
      {
        schema: {
          tags: ['placement'],
          summary:
            'Sign the ratings and accept the recommendation or override it with a reason (credentialed clinicians)',
          params: AssessmentParams,
          body: SignAssessmentBody,
          response: { 200: PlacementAssessment, ...errors },
        },
      },
      (request) =>
        signAssessment(
          deps,
          contextOf(request),
          owner.subject(request.params.id),
          request.params.assessmentId,
          request.body,
        ),
    );

    app.get(
      `${base}/referrals`,
      {
        schema: {
          tags: ['placement'],
          summary: `Referrals out of the ${owner.label}, newest first`,
          params: IdParams,
          response: { 200: Type.Array(ReferralOut), ...errors },
        },
      },
      (request) => listReferrals(deps, contextOf(request), owner.subject(request.params.id)),
    );

    app.post(
      `${base}/referrals`,
      {
        schema: {
          tags: ['placement'],
          summary: 'Refer out to a level not offered here (a draft until the packet is sent)',
          params: IdParams,
          body: CreateReferralBody,
          response: { 201: ReferralOut, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await createReferral(deps, contextOf(request), owner.subject(request.params.id), request.body),
          ),
    );

    app.post(
      `${base}/referrals/:referralId/send`,
      {
        schema: {
          tags: ['placement'],
          summary:
            'Send the referral packet (needs a Part 2 consent on file: refused with NO_CONSENT_ON_FILE until then)',
          params: ReferralParams,
          body: SendReferralBody,
          response: { 200: ReferralOut, ...errors },
        },
      },
      (request) =>
        sendReferral(
          deps,
          contextOf(request),
          owner.subject(request.params.id),
          request.params.referralId,
          request.body,
        ),
    );
  }

  app.post(
    '/api/v1/patients/:id/placement-assessments/:assessmentId/apply',
    {
      schema: {
        tags: ['placement'],
        summary:
          'Apply a signed continuing-care decision: change the enrolment segment, the assessment linked',
        params: AssessmentParams,
        body: ApplyAssessmentBody,
        response: { 200: Type.Object({ assessment: PlacementAssessment, episode: Episode }), ...errors },
      },
    },
    (request) =>
      applyAssessment(deps, contextOf(request), request.params.id, request.params.assessmentId, request.body),
  );

  app.get(
    '/api/v1/reports/placement-overrides',
    {
      schema: {
        tags: ['placement', 'reports'],
        summary:
          'Overridden placement decisions with their reasons (program directors, clinical supervisors)',
        querystring: OverrideReportQuery,
        response: { 200: OverrideReport, ...errors },
      },
    },
    (request) => overridesReport(deps, contextOf(request), request.query),
  );
};
