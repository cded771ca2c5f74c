import { Type } from '@sinclair/typebox';
import { IdParams, Problem } from '../../core/api/common.js';
import {
  ContactParams,
  CreateSupportContactBody,
  FamilySeries,
  FamilySessionContactParams,
  PlanVersion,
  PlanVersionParams,
  RelapsePreventionPlan,
  SavePlanBody,
  SupportContact,
  SupportContactListQuery,
  UpdateSupportContactBody,
  VersionBody,
} from '../../core/api/recovery.js';
import { contextOf } from '../context.js';
import type { AppDeps } from '../deps.js';
import { listFamilySessions, setFamilySessionContact } from '../services/familySessions.js';
import { getRelapsePlan, getRelapsePlanVersion, saveRelapsePlan } from '../services/relapsePlans.js';
import {
  createSupportContact,
  listSupportContacts,
  setContactArchived,
  updateSupportContact,
} from '../services/supportContacts.js';
import type { FastifyTypebox } from '../types.js';

const errors = { 400: Problem, 403: Problem, 404: Problem, 409: Problem };
const tags = ['recovery'];

/** Recovery supports of one patient (SPEC §9): support contacts, family sessions, relapse prevention plan. */
export const recoveryRoutes = (app: FastifyTypebox, deps: AppDeps): void => {
  app.get(
    '/api/v1/patients/:id/support-contacts',
    {
      schema: {
        tags,
        summary: 'Family and support contacts (active ones unless includeArchived); not consents',
        params: IdParams,
        querystring: SupportContactListQuery,
        response: { 200: Type.Array(SupportContact), ...errors },
      },
    },
    (request) => listSupportContacts(deps, contextOf(request), request.params.id, request.query),
  );

  app.post(
    '/api/v1/patients/:id/support-contacts',
    {
      schema: {
        tags,
        summary: 'Add a family or support contact; the phone is stored as E.164',
        params: IdParams,
        body: CreateSupportContactBody,
        response: { 201: SupportContact, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createSupportContact(deps, contextOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/v1/patients/:id/support-contacts/:contactId',
    {
      schema: {
        tags,
        summary: 'Change a contact (optimistic: send the version you read)',
        params: ContactParams,
        body: UpdateSupportContactBody,
        response: { 200: SupportContact, ...errors },
      },
    },
    (request) =>
      updateSupportContact(
        deps,
        contextOf(request),
        request.params.id,
        request.params.contactId,
        request.body,
      ),
  );

  app.post(
    '/api/v1/patients/:id/support-contacts/:contactId/archive',
    {
      schema: {
        tags,
        summary: 'Archive a contact (kept for history; restore undoes it)',
        params: ContactParams,
        body: VersionBody,
        response: { 200: SupportContact, ...errors },
      },
    },
    (request) =>
      setContactArchived(
        deps,
        contextOf(request),
        request.params.id,
        request.params.contactId,
        request.body.version,
        true,
      ),
  );

  app.post(
    '/api/v1/patients/:id/support-contacts/:contactId/restore',
    {
      schema: {
        tags,
        summary: 'Bring an archived contact back',
        params: ContactParams,
        body: VersionBody,
        response: { 200: SupportContact, ...errors },
      },
    },
    (request) =>
      setContactArchived(
        deps,
        contextOf(request),
        request.params.id,
        request.params.contactId,
        request.body.version,
        false,
      ),
  );

  app.get(
    '/api/v1/patients/:id/family-sessions',
    {
      schema: {
        tags,
        summary: "The patient's family series and the contacts who take part in each",
        params: IdParams,
        response: { 200: Type.Array(FamilySeries), ...errors },
      },
    },
    (request) => listFamilySessions(deps, contextOf(request), request.params.id),
  );

  app.put(
    '/api/v1/patients/:id/family-sessions/:seriesId/contacts/:contactId',
    {
      schema: {
        tags,
        summary: 'A contact takes part in one of the patient’s family series (idempotent)',
        params: FamilySessionContactParams,
        response: { 200: FamilySeries, ...errors },
      },
    },
    (request) =>
      setFamilySessionContact(
        deps,
        contextOf(request),
        request.params.id,
        request.params.seriesId,
        request.params.contactId,
        true,
      ),
  );

  app.delete(
    '/api/v1/patients/:id/family-sessions/:seriesId/contacts/:contactId',
    {
      schema: {
        tags,
        summary: 'A contact no longer takes part in the family series (idempotent)',
        params: FamilySessionContactParams,
        response: { 200: FamilySeries, ...errors },
      },
    },
    (request) =>
      setFamilySessionContact(
        deps,
        contextOf(request),
        request.params.id,
        request.params.seriesId,
        request.params.contactId,
        false,
      ),
  );

  app.get(
    '/api/v1/patients/:id/relapse-prevention-plan',
    {
      schema: {
        tags,
        summary: 'The relapse prevention plan: current version, version history and the patient-visible flag',
        params: IdParams,
        response: { 200: RelapsePreventionPlan, ...errors },
      },
    },
    (request) => getRelapsePlan(deps, contextOf(request), request.params.id),
  );

  app.put(
    '/api/v1/patients/:id/relapse-prevention-plan',
    {
      schema: {
        tags,
        summary:
          'Save the plan: a changed plan becomes a new version; a save from an older version is refused (409)',
        params: IdParams,
        body: SavePlanBody,
        response: { 200: RelapsePreventionPlan, ...errors },
      },
    },
    (request) => saveRelapsePlan(deps, contextOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/patients/:id/relapse-prevention-plan/versions/:versionNumber',
    {
      schema: {
        tags,
        summary: 'One version of the plan, read-only, with what changed from the one before',
        params: PlanVersionParams,
        response: { 200: PlanVersion, ...errors },
      },
    },
    (request) =>
      getRelapsePlanVersion(deps, contextOf(request), request.params.id, request.params.versionNumber),
  );
};
