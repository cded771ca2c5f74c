import { sql } from 'kysely';
import { Type } from '@sinclair/typebox';
import type { AppDeps } from '../deps.js';
import type { FastifyTypebox } from '../types.js';

export const healthRoutes = (app: FastifyTypebox, deps: AppDeps): void => {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['operations'],
        summary: 'Liveness and database reachability',
        response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.String() }) },
      },
    },
    async () => {
      await sql`select 1`.execute(deps.db.kysely);
      return { status: 'ok' as const, database: deps.db.dialect };
    },
  );
};
