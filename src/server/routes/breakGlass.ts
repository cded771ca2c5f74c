import { Type } from '@sinclair/typebox';
import {
  AuditEventList,
  BreakGlassBody,
  BreakGlassGrant,
  BreakGlassLookupBody,
  PatientStub,
} from '../../core/api/audit.js';
import { IdParams, Problem } from '../../core/api/common.js';
import { contextOf } from '../context.js';
import type { AppDeps } from '../deps.js';
import { breakTheGlass, listBreakGlassGrants, lookupForBreakGlass } from '../services/breakGlass.js';
import { patientAuditTrail } from '../services/patientAudit.js';
import type { FastifyTypebox } from '../types.js';

export const breakGlassRoutes = (app: FastifyTypebox, deps: AppDeps): void => {
  app.post(
    '/api/v1/break-glass/lookup',
    {
      schema: {
        tags: ['break-the-glass'],
        summary:
          'Find a patient outside your caseload by exact MRN, or full name and date of birth: returns a minimal stub',
        body: BreakGlassLookupBody,
        response: { 200: PatientStub, 403: Problem, 404: Problem },
      },
    },
    (request) => lookupForBreakGlass(deps, contextOf(request), request.body),
  );
  app.post(
    '/api/v1/break-glass',
    {
      schema: {
        tags: ['break-the-glass'],
        summary:
          'Gain time-limited access to a patient with a typed reason (audited, reported to supervisors)',
        body: BreakGlassBody,
        response: { 201: BreakGlassGrant, 400: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await breakTheGlass(deps, contextOf(request), request.body)),
  );
  app.get(
    '/api/v1/break-glass',
    {
      schema: {
        tags: ['break-the-glass'],
        summary: 'Recent break-the-glass grants (supervisors, directors, admins)',
        response: { 200: Type.Array(BreakGlassGrant), 403: Problem },
      },
    },
    (request) => listBreakGlassGrants(deps, contextOf(request)),
  );
  app.get(
    '/api/v1/patients/:id/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Who looked at this patient',
        params: IdParams,
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: AuditEventList, 403: Problem, 404: Problem },
      },
    },
    (request) =>
      patientAuditTrail(
        deps,
        contextOf(request),
        request.params.id,
        request.query.limit ?? 100,
        request.query.offset ?? 0,
      ),
  );
};
