import { Problem, IdParams } from '../../core/api/common.js';
import {
  CaseManagement,
  CaseNeed,
  CommunityReferral,
  CreateCaseTaskBody,
  CreateNeedBody,
  CreateReferralBody,
  NeedParams,
  ReferralParams,
  UpdateNeedBody,
  UpdateReferralBody,
} from '../../core/api/caseManagement.js';
import { contextOf } from '../context.js';
import type { AppDeps } from '../deps.js';
import { createCaseTask, getCaseManagement } from '../services/caseManagement.js';
import { createNeed, updateNeed } from '../services/caseNeeds.js';
import { createReferral, updateReferral } from '../services/communityReferrals.js';
import type { FastifyTypebox } from '../types.js';

const errors = { 400: Problem, 403: Problem, 404: Problem, 409: Problem };
const tags = ['case management'];

/** Case management of one patient (SPEC §9): needs, referrals to outside organisations, their tasks. */
export const caseManagementRoutes = (app: FastifyTypebox, deps: AppDeps): void => {
  app.get(
    '/api/v1/patients/:id/case-management',
    {
      schema: {
        tags,
        summary: 'Needs by domain, referrals to outside organisations and the tasks about them',
        params: IdParams,
        response: { 200: CaseManagement, ...errors },
      },
    },
    (request) => getCaseManagement(deps, contextOf(request), request.params.id),
  );

  app.post(
    '/api/v1/patients/:id/case-needs',
    {
      schema: {
        tags,
        summary: 'Record a need (one open need per domain)',
        params: IdParams,
        body: CreateNeedBody,
        response: { 201: CaseNeed, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createNeed(deps, contextOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/v1/patients/:id/case-needs/:needId',
    {
      schema: {
        tags,
        summary: "Change a need's status, priority or note (optimistic: send the version you read)",
        params: NeedParams,
        body: UpdateNeedBody,
        response: { 200: CaseNeed, ...errors },
      },
    },
    (request) => updateNeed(deps, contextOf(request), request.params.id, request.params.needId, request.body),
  );

  app.post(
    '/api/v1/patients/:id/community-referrals',
    {
      schema: {
        tags,
        summary: 'Refer the patient to an outside organisation (planned or already sent)',
        params: IdParams,
        body: CreateReferralBody,
        response: { 201: CommunityReferral, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createReferral(deps, contextOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/v1/patients/:id/community-referrals/:referralId',
    {
      schema: {
        tags,
        summary: "Move a referral on (sent, accepted, completed …) or correct its organisation's details",
        params: ReferralParams,
        body: UpdateReferralBody,
        response: { 200: CommunityReferral, ...errors },
      },
    },
    (request) =>
      updateReferral(deps, contextOf(request), request.params.id, request.params.referralId, request.body),
  );

  app.post(
    '/api/v1/patients/:id/case-tasks',
    {
      schema: {
        tags,
        summary:
          "A task about a need or referral, with an owner and a due date; it shows in the owner's worklist",
        params: IdParams,
        body: CreateCaseTaskBody,
        response: { 201: CaseManagement, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createCaseTask(deps, contextOf(request), request.params.id, request.body)),
  );
};
