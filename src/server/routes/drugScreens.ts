import { IdParams, Problem } from '../../core/api/common.js';
import {
  CorrectDrugScreenBody,
  DrugScreenList,
  DrugScreenParams,
  RecordDrugScreenBody,
  RecordedDrugScreen,
} from '../../core/api/drugScreens.js';
import { contextOf } from '../context.js';
import type { AppDeps } from '../deps.js';
import { correctDrugScreen, listDrugScreens, recordDrugScreen } from '../services/drugScreens.js';
import type { FastifyTypebox } from '../types.js';

const errors = { 400: Problem, 403: Problem, 404: Problem, 409: Problem };
const tags = ['drug screens'];

/** Drug screens (SPEC §9): recorded, read against the medications, corrected by superseding. */
export const drugScreenRoutes = (app: FastifyTypebox, deps: AppDeps): void => {
  app.get(
    '/api/v1/patients/:id/drug-screens',
    {
      schema: {
        tags,
        summary: 'Drug screens, newest collection first: the current result of each, with its corrections',
        params: IdParams,
        response: { 200: DrugScreenList, ...errors },
      },
    },
    (request) => listDrugScreens(deps, contextOf(request), request.params.id),
  );

  app.post(
    '/api/v1/patients/:id/drug-screens',
    {
      schema: {
        tags,
        summary:
          'Record a drug screen; unexpected positives and expected negatives raise high alerts, a refused, dilute or invalid specimen a normal one',
        params: IdParams,
        body: RecordDrugScreenBody,
        response: { 201: RecordedDrugScreen, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await recordDrugScreen(deps, contextOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/v1/patients/:id/drug-screens/:screenId/corrections',
    {
      schema: {
        tags,
        summary:
          'Correct a recorded screen: a new version supersedes the current one (409 when it was already corrected)',
        params: DrugScreenParams,
        body: CorrectDrugScreenBody,
        response: { 201: RecordedDrugScreen, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await correctDrugScreen(
            deps,
            contextOf(request),
            request.params.id,
            request.params.screenId,
            request.body,
          ),
        ),
  );
};
