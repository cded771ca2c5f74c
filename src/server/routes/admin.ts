import { Type } from '@sinclair/typebox';
import {
  ApiToken,
  CaseloadBody,
  CreateApiTokenBody,
  CreateUserBody,
  Program,
  ProgramBody,
  Site,
  SiteBody,
  StaffUser,
  Track,
  TrackBody,
  UpdateProgramBody,
  UpdateSiteBody,
  UpdateTrackBody,
  UpdateUserBody,
} from '../../core/api/admin.js';
import { IdParams, Problem } from '../../core/api/common.js';
import { contextOf } from '../context.js';
import type { AppDeps } from '../deps.js';
import {
  assignCaseload,
  createApiToken,
  createProgram,
  createSite,
  createTrack,
  createUser,
  listApiTokens,
  listSites,
  listUsers,
  revokeApiToken,
  updateProgram,
  updateSite,
  updateTrack,
  updateUser,
} from '../services/admin.js';
import { denyAndAudit } from '../services/access.js';
import { listPrograms } from '../services/programs.js';
import type { FastifyTypebox } from '../types.js';

const errors = { 400: Problem, 403: Problem, 404: Problem, 409: Problem };
const tags = ['admin'];

export const adminRoutes = (app: FastifyTypebox, deps: AppDeps): void => {
  app.get(
    '/api/v1/admin/users',
    { schema: { tags, summary: 'Staff users', response: { 200: Type.Array(StaffUser), 403: Problem } } },
    (request) => listUsers(deps, contextOf(request)),
  );
  app.post(
    '/api/v1/admin/users',
    {
      schema: {
        tags,
        summary: 'Create a user with role, sites and credentials',
        body: CreateUserBody,
        response: { 201: StaffUser, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createUser(deps, contextOf(request), request.body)),
  );
  app.patch(
    '/api/v1/admin/users/:id',
    {
      schema: {
        tags,
        summary: 'Change role, sites, credentials; unlock; reset password or MFA',
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: StaffUser, ...errors },
      },
    },
    (request) => updateUser(deps, contextOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/admin/sites',
    { schema: { tags, summary: 'Sites', response: { 200: Type.Array(Site) } } },
    (request) => listSites(deps, contextOf(request)),
  );
  app.post(
    '/api/v1/admin/sites',
    {
      schema: {
        tags,
        summary: 'Create a site with its IANA time zone',
        body: SiteBody,
        response: { 201: Site, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createSite(deps, contextOf(request), request.body)),
  );
  app.patch(
    '/api/v1/admin/sites/:id',
    {
      schema: {
        tags,
        summary: 'Edit a site',
        params: IdParams,
        body: UpdateSiteBody,
        response: { 200: Site, ...errors },
      },
    },
    (request) => updateSite(deps, contextOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/admin/programs',
    {
      schema: {
        tags,
        summary: 'All programs with tracks',
        response: { 200: Type.Array(Program), 403: Problem },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      if (ctx.actor.role !== 'admin') {
        return denyAndAudit(deps, ctx, 'admin.programs.list', 'Only administrators may do this.');
      }
      return listPrograms(deps.db, 'all');
    },
  );
  app.post(
    '/api/v1/admin/programs',
    {
      schema: { tags, summary: 'Create a program', body: ProgramBody, response: { 201: Program, ...errors } },
    },
    async (request, reply) =>
      reply.status(201).send(await createProgram(deps, contextOf(request), request.body)),
  );
  app.patch(
    '/api/v1/admin/programs/:id',
    {
      schema: {
        tags,
        summary: 'Edit a program',
        params: IdParams,
        body: UpdateProgramBody,
        response: { 200: Program, ...errors },
      },
    },
    (request) => updateProgram(deps, contextOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/admin/programs/:id/tracks',
    {
      schema: {
        tags,
        summary: 'Add a track with its weekly pattern',
        params: IdParams,
        body: TrackBody,
        response: { 201: Track, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createTrack(deps, contextOf(request), request.params.id, request.body)),
  );
  app.patch(
    '/api/v1/admin/tracks/:id',
    {
      schema: {
        tags,
        summary: 'Edit a track',
        params: IdParams,
        body: UpdateTrackBody,
        response: { 200: Track, ...errors },
      },
    },
    (request) => updateTrack(deps, contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/admin/caseloads',
    {
      schema: {
        tags,
        summary: "Assign a patient to a staff member's caseload",
        body: CaseloadBody,
        response: { 201: Type.Object({ id: Type.String() }), ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await assignCaseload(deps, contextOf(request), request.body)),
  );

  app.get(
    '/api/v1/admin/api-tokens',
    { schema: { tags, summary: 'API tokens', response: { 200: Type.Array(ApiToken), 403: Problem } } },
    (request) => listApiTokens(deps, contextOf(request)),
  );
  app.post(
    '/api/v1/admin/api-tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token for a user (shown once)',
        body: CreateApiTokenBody,
        response: { 201: Type.Object({ token: Type.String(), apiToken: ApiToken }), ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createApiToken(deps, contextOf(request), request.body)),
  );
  app.post(
    '/api/v1/admin/api-tokens/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke an API token',
        params: IdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await revokeApiToken(deps, contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
