import { IdParams, Problem } from '../../core/api/common.js';
import {
  CreateDiagnosisBody,
  Diagnosis,
  DiagnosisList,
  DiagnosisParams,
  OverdoseSafety,
  PaperworkChecklist,
  PaperworkParams,
  RecordOverdoseSafetyBody,
  RecordPaperworkBody,
  UpdateDiagnosisBody,
} from '../../core/api/admission.js';
import { contextOf } from '../context.js';
import type { AppDeps } from '../deps.js';
import { createDiagnosis, listDiagnoses, updateDiagnosisStatus } from '../services/diagnoses.js';
import { getOverdoseSafety, recordOverdoseSafety } from '../services/overdoseSafety.js';
import { getPaperwork, recordPaperwork } from '../services/paperwork.js';
import type { FastifyTypebox } from '../types.js';

const errors = { 400: Problem, 403: Problem, 404: Problem, 409: Problem };

/** Admission paperwork, diagnoses and overdose safety of one patient (SPEC §2). */
export const admissionRoutes = (app: FastifyTypebox, deps: AppDeps): void => {
  app.get(
    '/api/v1/patients/:id/paperwork',
    {
      schema: {
        tags: ['admission'],
        summary:
          'The admission paperwork checklist: every item, its status, and whether admission may go ahead',
        params: IdParams,
        response: { 200: PaperworkChecklist, ...errors },
      },
    },
    (request) => getPaperwork(deps, contextOf(request), request.params.id),
  );

  app.put(
    '/api/v1/patients/:id/paperwork/:item',
    {
      schema: {
        tags: ['admission'],
        summary: 'Record one checklist item: complete, waived (with a reason) or pending',
        params: PaperworkParams,
        body: RecordPaperworkBody,
        response: { 200: PaperworkChecklist, ...errors },
      },
    },
    (request) =>
      recordPaperwork(deps, contextOf(request), request.params.id, request.params.item, request.body),
  );

  app.get(
    '/api/v1/patients/:id/diagnoses',
    {
      schema: {
        tags: ['admission'],
        summary: 'Substance use disorder diagnoses, and whether the caller may diagnose this patient',
        params: IdParams,
        response: { 200: DiagnosisList, ...errors },
      },
    },
    (request) => listDiagnoses(deps, contextOf(request), request.params.id),
  );

  app.post(
    '/api/v1/patients/:id/diagnoses',
    {
      schema: {
        tags: ['admission'],
        summary:
          'Record a diagnosis (ICD-10-CM F10–F19, DSM-5 criteria and specifiers); needs diagnosing credentials',
        params: IdParams,
        body: CreateDiagnosisBody,
        response: { 201: Diagnosis, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createDiagnosis(deps, contextOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/v1/patients/:id/diagnoses/:diagnosisId',
    {
      schema: {
        tags: ['admission'],
        summary: 'Resolve a diagnosis, mark it entered in error or make it active again, with a reason',
        params: DiagnosisParams,
        body: UpdateDiagnosisBody,
        response: { 200: Diagnosis, ...errors },
      },
    },
    (request) =>
      updateDiagnosisStatus(
        deps,
        contextOf(request),
        request.params.id,
        request.params.diagnosisId,
        request.body,
      ),
  );

  app.get(
    '/api/v1/patients/:id/overdose-safety',
    {
      schema: {
        tags: ['admission'],
        summary: 'Overdose-risk education and naloxone status, and whether the chart should ask for them',
        params: IdParams,
        response: { 200: OverdoseSafety, ...errors },
      },
    },
    (request) => getOverdoseSafety(deps, contextOf(request), request.params.id),
  );

  app.put(
    '/api/v1/patients/:id/overdose-safety',
    {
      schema: {
        tags: ['admission'],
        summary: 'Record overdose-risk education and naloxone status (send the version you read, if any)',
        params: IdParams,
        body: RecordOverdoseSafetyBody,
        response: { 200: OverdoseSafety, ...errors },
      },
    },
    (request) => recordOverdoseSafety(deps, contextOf(request), request.params.id, request.body),
  );
};
