import { IdParams, Problem } from '../../core/api/common.js';
import {
  AttendanceTaper,
  ComplianceReport,
  ComplianceReportQuery,
  CreateTaperBody,
  OccurrenceKeyParams,
  RollCallView,
  SavedRollCall,
  SaveRollCallBody,
  WeeklyHours,
  WeeklyHoursQuery,
} from '../../core/api/attendance.js';
import { PatientThisWeek, ThisWeekQuery } from '../../core/api/thisWeek.js';
import { contextOf } from '../context.js';
import type { AppDeps } from '../deps.js';
import { createTaper, getComplianceReport } from '../services/attendanceReports.js';
import { getRollCall, saveRollCall } from '../services/rollCall.js';
import { getThisWeek } from '../services/thisWeek.js';
import { getWeeklyHours } from '../services/weeklyHours.js';
import type { FastifyTypebox } from '../types.js';

const errors = { 400: Problem, 403: Problem, 404: Problem, 409: Problem };

/** Roll call, weekly hours, the patient's week and the compliance report (SPEC §6). */
export const attendanceRoutes = (app: FastifyTypebox, deps: AppDeps): void => {
  app.get(
    '/api/v1/sessions/:id/roll-call',
    {
      schema: {
        tags: ['attendance'],
        summary: 'The roll-call form of one session: the occurrence, who is booked, and what was recorded',
        params: OccurrenceKeyParams,
        response: { 200: RollCallView, ...errors },
      },
    },
    (request) => getRollCall(deps, contextOf(request), request.params.id),
  );

  app.put(
    '/api/v1/sessions/:id/roll-call',
    {
      schema: {
        tags: ['attendance'],
        summary:
          'Save the roll call (first save without a version, then the version read): minutes attended per patient; raises missed-session and weekly-minimum alerts',
        params: OccurrenceKeyParams,
        body: SaveRollCallBody,
        response: { 200: SavedRollCall, ...errors },
      },
    },
    (request) => saveRollCall(deps, contextOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/patients/:id/weekly-hours',
    {
      schema: {
        tags: ['attendance'],
        summary:
          'Minutes attended per site-local week against the level’s range, and this week’s sessions still to come',
        params: IdParams,
        querystring: WeeklyHoursQuery,
        response: { 200: WeeklyHours, ...errors },
      },
    },
    (request) => getWeeklyHours(deps, contextOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/v1/patients/:id/this-week',
    {
      schema: {
        tags: ['attendance'],
        summary:
          'The patient’s week as the patient may see it: sessions by day (titled by their contact preferences), hours attended and still scheduled against the minimum, and a plain sentence',
        params: IdParams,
        querystring: ThisWeekQuery,
        response: { 200: PatientThisWeek, ...errors },
      },
    },
    (request) => getThisWeek(deps, contextOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/v1/reports/compliance',
    {
      schema: {
        tags: ['attendance'],
        summary:
          'Weekly hours against each level’s range by track for one site-local week (program directors and clinical supervisors of the site)',
        querystring: ComplianceReportQuery,
        response: { 200: ComplianceReport, ...errors },
      },
    },
    (request) => getComplianceReport(deps, contextOf(request), request.query),
  );

  app.post(
    '/api/v1/patients/:id/tapers',
    {
      schema: {
        tags: ['attendance'],
        summary:
          'Start a step-down taper: 1–2 weeks below the minimum before moving to OP, without deficit alerts',
        params: IdParams,
        body: CreateTaperBody,
        response: { 201: AttendanceTaper, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createTaper(deps, contextOf(request), request.params.id, request.body)),
  );
};
