import { Type } from '@sinclair/typebox';
import { AcknowledgeAlertBody, Alert, AlertListQuery, ResolveAlertBody } from '../../core/api/alerts.js';
import { IdParams, Problem } from '../../core/api/common.js';
import { contextOf } from '../context.js';
import type { AppDeps } from '../deps.js';
import { acknowledgeAlert, listMyAlerts, listPatientAlerts, resolveAlert } from '../services/alerts.js';
import type { FastifyTypebox } from '../types.js';

const errors = { 400: Problem, 403: Problem, 404: Problem, 409: Problem };

export const alertRoutes = (app: FastifyTypebox, deps: AppDeps): void => {
  app.get(
    '/api/v1/alerts',
    {
      schema: {
        tags: ['alerts'],
        summary: 'My inbox: alerts I hold, most severe and newest first (default: not yet resolved)',
        querystring: AlertListQuery,
        response: { 200: Type.Array(Alert), ...errors },
      },
    },
    (request) => listMyAlerts(deps, contextOf(request), request.query),
  );

  app.get(
    '/api/v1/patients/:id/alerts',
    {
      schema: {
        tags: ['alerts'],
        summary: "A patient's alerts, for the chart",
        params: IdParams,
        querystring: AlertListQuery,
        response: { 200: Type.Array(Alert), ...errors },
      },
    },
    (request) => listPatientAlerts(deps, contextOf(request), request.params.id, request.query),
  );

  app.post(
    '/api/v1/alerts/:id/acknowledge',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Acknowledge an alert: I have it (stops escalation)',
        params: IdParams,
        body: AcknowledgeAlertBody,
        response: { 200: Alert, ...errors },
      },
    },
    (request) => acknowledgeAlert(deps, contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/alerts/:id/resolve',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Resolve an alert with a note of what was done (safety alerts: clinical roles only)',
        params: IdParams,
        body: ResolveAlertBody,
        response: { 200: Alert, ...errors },
      },
    },
    (request) => resolveAlert(deps, contextOf(request), request.params.id, request.body),
  );
};
