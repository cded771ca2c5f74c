import { Type } from '@sinclair/typebox';
import { IdParams, Problem } from '../../core/api/common.js';
import {
  AdministerMeasureBody,
  AdministeredMeasure,
  CreateSafetyAssessmentBody,
  Instrument,
  InstrumentCodeParams,
  MeasureListQuery,
  MeasureResponse,
  MeasureSchedule,
  MeasuresDue,
  MeasureTrend,
  SafetyAssessment,
  ScoreBody,
  ScoreResult,
  TrendQuery,
  UpdateMeasureScheduleBody,
} from '../../core/api/measures.js';
import { contextOf } from '../context.js';
import type { AppDeps } from '../deps.js';
import { getMeasuresDue, getProgramSchedule, updateProgramSchedule } from '../services/measureSchedules.js';
import {
  administerMeasure,
  getMeasureTrend,
  listInstruments,
  listMeasures,
  scoreAnswers,
} from '../services/measures.js';
import { createSafetyAssessment, listSafetyAssessments } from '../services/safetyAssessments.js';
import type { FastifyTypebox } from '../types.js';

const errors = { 400: Problem, 403: Problem, 404: Problem, 409: Problem };

/** Measurement-based care (SPEC §4): instruments, a patient's measures, schedules and safety assessments. */
export const measureRoutes = (app: FastifyTypebox, deps: AppDeps): void => {
  app.get(
    '/api/v1/instruments',
    {
      schema: {
        tags: ['measures'],
        summary: 'Built-in instruments with their items, answer options, bands and flags',
        response: { 200: Type.Array(Instrument) },
      },
    },
    () => listInstruments(),
  );

  app.post(
    '/api/v1/instruments/:code/score',
    {
      schema: {
        tags: ['measures'],
        summary: 'Score answers without storing them (each answer is the option’s published point value)',
        params: InstrumentCodeParams,
        body: ScoreBody,
        response: { 200: ScoreResult, ...errors },
      },
    },
    (request) => scoreAnswers(request.params.code, request.body),
  );

  app.get(
    '/api/v1/patients/:id/measures',
    {
      schema: {
        tags: ['measures'],
        summary: 'Measures given to the patient, newest first, item by item',
        params: IdParams,
        querystring: MeasureListQuery,
        response: { 200: Type.Array(MeasureResponse), ...errors },
      },
    },
    (request) => listMeasures(deps, contextOf(request), request.params.id, request.query),
  );

  app.post(
    '/api/v1/patients/:id/measures',
    {
      schema: {
        tags: ['measures'],
        summary:
          'Give a measure: stored item by item with its score; a suicide-risk answer raises an urgent alert, a reliable worsening a review alert',
        params: IdParams,
        body: AdministerMeasureBody,
        response: { 201: AdministeredMeasure, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await administerMeasure(deps, contextOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/v1/patients/:id/measures/trend',
    {
      schema: {
        tags: ['measures'],
        summary: 'One instrument’s totals over time, with the band ranges to shade',
        params: IdParams,
        querystring: TrendQuery,
        response: { 200: MeasureTrend, ...errors },
      },
    },
    (request) => getMeasureTrend(deps, contextOf(request), request.params.id, request.query.instrument),
  );

  app.get(
    '/api/v1/patients/:id/measures/due',
    {
      schema: {
        tags: ['measures'],
        summary: 'Measures due or overdue under the schedule of the patient’s current program',
        params: IdParams,
        response: { 200: MeasuresDue, ...errors },
      },
    },
    (request) => getMeasuresDue(deps, contextOf(request), request.params.id),
  );

  app.get(
    '/api/v1/programs/:id/measure-schedule',
    {
      schema: {
        tags: ['measures'],
        summary:
          'Which measures a program gives, at admission and how often (administrators, program directors)',
        params: IdParams,
        response: { 200: MeasureSchedule, ...errors },
      },
    },
    (request) => getProgramSchedule(deps, contextOf(request), request.params.id),
  );

  app.put(
    '/api/v1/programs/:id/measure-schedule',
    {
      schema: {
        tags: ['measures'],
        summary: 'Replace a program’s measure schedule (send the revision you read)',
        params: IdParams,
        body: UpdateMeasureScheduleBody,
        response: { 200: MeasureSchedule, ...errors },
      },
    },
    (request) => updateProgramSchedule(deps, contextOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/patients/:id/safety-assessments',
    {
      schema: {
        tags: ['measures'],
        summary: 'Suicide-risk assessments, safety plans and emergency actions documented, newest first',
        params: IdParams,
        response: { 200: Type.Array(SafetyAssessment), ...errors },
      },
    },
    (request) => listSafetyAssessments(deps, contextOf(request), request.params.id),
  );

  app.post(
    '/api/v1/patients/:id/safety-assessments',
    {
      schema: {
        tags: ['measures'],
        summary:
          'Document a suicide-risk assessment with a safety plan, or the emergency action taken; closes the linked safety alert',
        params: IdParams,
        body: CreateSafetyAssessmentBody,
        response: { 201: SafetyAssessment, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createSafetyAssessment(deps, contextOf(request), request.params.id, request.body)),
  );
};
