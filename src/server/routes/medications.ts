import { Type } from '@sinclair/typebox';
import { IdParams, Problem } from '../../core/api/common.js';
import {
  CreateMedicationBody,
  Medication,
  MedicationList,
  MedicationParams,
  RemoveMedicationBody,
  StopMedicationBody,
  UpdateMedicationBody,
} from '../../core/api/medications.js';
import { contextOf } from '../context.js';
import type { AppDeps } from '../deps.js';
import {
  createMedication,
  listMedications,
  removeMedication,
  stopMedication,
  updateMedication,
} from '../services/medications.js';
import type { FastifyTypebox } from '../types.js';

const errors = { 400: Problem, 403: Problem, 404: Problem, 409: Problem };
const tags = ['medications'];

/** A patient's medications, MAT included (SPEC §9). */
export const medicationRoutes = (app: FastifyTypebox, deps: AppDeps): void => {
  app.get(
    '/api/v1/patients/:id/medications',
    {
      schema: {
        tags,
        summary: 'Medications, newest start first (entries removed as entered in error are not listed)',
        params: IdParams,
        response: { 200: MedicationList, ...errors },
      },
    },
    (request) => listMedications(deps, contextOf(request), request.params.id),
  );

  app.post(
    '/api/v1/patients/:id/medications',
    {
      schema: {
        tags,
        summary: 'Record a medication; methadone from an opioid treatment program names the program',
        params: IdParams,
        body: CreateMedicationBody,
        response: { 201: Medication, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createMedication(deps, contextOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/v1/patients/:id/medications/:medicationId',
    {
      schema: {
        tags,
        summary: 'Edit a medication (every field; a stale version gets 409 with the current one)',
        params: MedicationParams,
        body: UpdateMedicationBody,
        response: { 200: Medication, ...errors },
      },
    },
    (request) =>
      updateMedication(
        deps,
        contextOf(request),
        request.params.id,
        request.params.medicationId,
        request.body,
      ),
  );

  app.post(
    '/api/v1/patients/:id/medications/:medicationId/stop',
    {
      schema: {
        tags,
        summary: 'Stop a medication on a date, with a reason',
        params: MedicationParams,
        body: StopMedicationBody,
        response: { 200: Medication, ...errors },
      },
    },
    (request) =>
      stopMedication(deps, contextOf(request), request.params.id, request.params.medicationId, request.body),
  );

  app.post(
    '/api/v1/patients/:id/medications/:medicationId/entered-in-error',
    {
      schema: {
        tags,
        summary: 'Remove a medication entered in error, with a reason (kept and audited, no longer listed)',
        params: MedicationParams,
        body: RemoveMedicationBody,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeMedication(
        deps,
        contextOf(request),
        request.params.id,
        request.params.medicationId,
        request.body,
      );
      return reply.status(204).send(null);
    },
  );
};
