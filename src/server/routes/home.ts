import { IdParams, Problem } from '../../core/api/common.js';
import { Today } from '../../core/api/home.js';
import { TimelinePage, TimelineQuery } from '../../core/api/timeline.js';
import { contextOf } from '../context.js';
import type { AppDeps } from '../deps.js';
import { getToday } from '../services/home/today.js';
import { getChartTimeline } from '../services/timeline/chartTimeline.js';
import type { FastifyTypebox } from '../types.js';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

/** Where clinicians start: the "Today" home and the chart timeline. */
export const homeRoutes = (app: FastifyTypebox, deps: AppDeps): void => {
  app.get(
    '/api/v1/home/today',
    {
      schema: {
        tags: ['home'],
        summary:
          'My sessions today with roll-call and note status, notes and plans due, open alerts and tasks; the co-signature queue and overdue work for supervisors',
        response: { 200: Today, ...errors },
      },
    },
    (request) => getToday(deps, contextOf(request)),
  );

  app.get(
    '/api/v1/patients/:id/timeline',
    {
      schema: {
        tags: ['patients'],
        summary:
          'The chart timeline, newest first, without bodies; kinds the caller may not read are left out and named',
        params: IdParams,
        querystring: TimelineQuery,
        response: { 200: TimelinePage, ...errors },
      },
    },
    (request) => getChartTimeline(deps, contextOf(request), request.params.id, request.query),
  );
};
