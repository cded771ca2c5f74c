import { Type } from '@sinclair/typebox';
import { IdParams, NonEmpty, Problem } from '../../core/api/common.js';
import { contextOf } from '../context.js';
import type { AppDeps } from '../deps.js';
import { requestDisclosure } from '../services/disclosures.js';
import type { FastifyTypebox } from '../types.js';

export const disclosureRoutes = (app: FastifyTypebox, deps: AppDeps): void => {
  app.post(
    '/api/v1/patients/:id/disclosures',
    {
      schema: {
        tags: ['consents'],
        summary: 'Disclose patient information outside the program (requires a Part 2 consent on file)',
        params: IdParams,
        body: Type.Object(
          { recipient: NonEmpty(200), purpose: NonEmpty(200), information: NonEmpty(500) },
          { additionalProperties: false },
        ),
        response: { 403: Problem, 404: Problem },
      },
    },
    (request) =>
      requestDisclosure(deps, contextOf(request), { patientId: request.params.id, ...request.body }),
  );
};
