import { Type } from '@sinclair/typebox';
import { IdParams, Problem } from '../../core/api/common.js';
import {
  AdmitBody,
  ChangeSegmentBody,
  CreatePatientBody,
  DischargeBody,
  Episode,
  Patient,
  PatientList,
  PatientListQuery,
  UpdatePatientBody,
} from '../../core/api/patients.js';
import { contextOf } from '../context.js';
import type { AppDeps } from '../deps.js';
import { admitPatient, changeSegment, dischargePatient, listEpisodes } from '../services/episodes.js';
import { createPatient, getPatient, listPatients, updatePatient } from '../services/patients.js';
import type { FastifyTypebox } from '../types.js';

const EpisodeParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  episodeId: Type.String({ format: 'uuid' }),
});
const errors = { 400: Problem, 403: Problem, 404: Problem, 409: Problem };

export const patientRoutes = (app: FastifyTypebox, deps: AppDeps): void => {
  app.get(
    '/api/v1/patients',
    {
      schema: {
        tags: ['patients'],
        summary: 'Patients the caller may see, optionally searched by name, MRN or date of birth',
        querystring: PatientListQuery,
        response: { 200: PatientList },
      },
    },
    (request) => listPatients(deps, contextOf(request), request.query),
  );

  app.post(
    '/api/v1/patients',
    {
      schema: {
        tags: ['patients'],
        summary: 'Register a patient (status intake)',
        body: CreatePatientBody,
        response: { 201: Patient, ...errors },
      },
    },
    async (request, reply) => {
      const patient = await createPatient(deps, contextOf(request), request.body);
      return reply.status(201).send(patient);
    },
  );

  app.get(
    '/api/v1/patients/:id',
    {
      schema: {
        tags: ['patients'],
        summary: 'Chart header: demographics, current episode, alerts count',
        params: IdParams,
        response: { 200: Patient, ...errors },
      },
    },
    (request) => getPatient(deps, contextOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/patients/:id',
    {
      schema: {
        tags: ['patients'],
        summary: 'Edit demographics and contact preferences (send the version you read)',
        params: IdParams,
        body: UpdatePatientBody,
        response: { 200: Patient, ...errors },
      },
    },
    (request) => updatePatient(deps, contextOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/patients/:id/episodes',
    {
      schema: {
        tags: ['episodes'],
        summary: 'Episodes of care with their enrolment segments',
        params: IdParams,
        response: { 200: Type.Array(Episode), ...errors },
      },
    },
    (request) => listEpisodes(deps, contextOf(request), request.params.id),
  );

  app.post(
    '/api/v1/patients/:id/episodes',
    {
      schema: {
        tags: ['episodes'],
        summary: 'Admit: open an episode with its first enrolment segment',
        params: IdParams,
        body: AdmitBody,
        response: { 201: Episode, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await admitPatient(deps, contextOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/v1/patients/:id/episodes/:episodeId/segments',
    {
      schema: {
        tags: ['episodes'],
        summary: 'Step up, step down or move: close the current segment and open the next',
        params: EpisodeParams,
        body: ChangeSegmentBody,
        response: { 200: Episode, ...errors },
      },
    },
    (request) =>
      changeSegment(deps, contextOf(request), request.params.id, request.params.episodeId, request.body),
  );

  app.post(
    '/api/v1/patients/:id/episodes/:episodeId/discharge',
    {
      schema: {
        tags: ['episodes'],
        summary: 'Discharge: end the episode of care',
        params: EpisodeParams,
        body: DischargeBody,
        response: { 200: Episode, ...errors },
      },
    },
    (request) =>
      dischargePatient(deps, contextOf(request), request.params.id, request.params.episodeId, request.body),
  );
};
