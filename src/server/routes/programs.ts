import { Type } from '@sinclair/typebox';
import { Program, Site } from '../../core/api/admin.js';
import type { Role } from '../../core/access/roles.js';
import { RoleSchema } from '../../core/api/auth.js';
import { contextOf } from '../context.js';
import type { AppDeps } from '../deps.js';
import { listSites } from '../services/admin.js';
import { listPrograms } from '../services/programs.js';
import type { FastifyTypebox } from '../types.js';

const StaffOption = Type.Object({ id: Type.String(), displayName: Type.String(), role: RoleSchema });

/** Pick lists for forms: programs of the caller's sites, and staff by role. No patient data. */
export const programRoutes = (app: FastifyTypebox, deps: AppDeps): void => {
  app.get(
    '/api/v1/programs',
    {
      schema: {
        tags: ['programs'],
        summary: "Programs and tracks at the caller's sites",
        response: { 200: Type.Array(Program) },
      },
    },
    (request) => {
      const { actor } = contextOf(request);
      return listPrograms(deps.db, actor.role === 'admin' ? 'all' : actor.siteIds);
    },
  );
  app.get(
    '/api/v1/sites',
    {
      schema: {
        tags: ['programs'],
        summary: 'Sites the caller works at, with their time zones (all sites for admins)',
        response: { 200: Type.Array(Site) },
      },
    },
    (request) => listSites(deps, contextOf(request)),
  );
  app.get(
    '/api/v1/staff',
    {
      schema: {
        tags: ['programs'],
        summary: "Active staff at the caller's sites, optionally by role",
        querystring: Type.Object({ role: Type.Optional(RoleSchema) }, { additionalProperties: false }),
        response: { 200: Type.Array(StaffOption) },
      },
    },
    async (request) => {
      const { actor } = contextOf(request);
      let query = deps.db.kysely
        .selectFrom('users')
        .select(['users.id', 'users.display_name', 'users.role'])
        .where('users.active', '=', 1)
        .where('users.role', 'not in', ['patient', 'family_member'])
        .orderBy('users.display_name');
      if (request.query.role) query = query.where('users.role', '=', request.query.role);
      if (actor.role !== 'admin') {
        query = query.where((eb) =>
          eb.exists(
            eb
              .selectFrom('user_sites')
              .select('user_sites.user_id')
              .whereRef('user_sites.user_id', '=', 'users.id')
              .where('user_sites.site_id', 'in', actor.siteIds.length > 0 ? [...actor.siteIds] : ['']),
          ),
        );
      }
      const rows = await query.execute();
      return rows.map((r) => ({ id: r.id, displayName: r.display_name, role: r.role as Role }));
    },
  );
};
