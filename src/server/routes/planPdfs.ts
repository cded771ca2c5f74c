import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { Problem } from '../../core/api/common.js';
import { PlanVersionParams as TreatmentPlanVersionParams } from '../../core/api/plans.js';
import { PlanVersionParams as RelapsePlanVersionParams } from '../../core/api/recovery.js';
import { contextOf } from '../context.js';
import type { AppDeps } from '../deps.js';
import { type PdfFile, relapsePlanPdf, treatmentPlanPdf } from '../services/planPdfs.js';
import type { FastifyTypebox } from '../types.js';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

const PdfBody = Type.String({
  format: 'binary',
  description: 'application/pdf, sent as an attachment named after the document and version',
});

const sendPdf = (reply: FastifyReply, file: PdfFile) =>
  reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .send(file.pdf);

/** PDF copies of plans, for the patient to keep and for the chart on paper (SPEC §8, §9). */
export const planPdfRoutes = (app: FastifyTypebox, deps: AppDeps): void => {
  app.get(
    '/api/v1/patients/:id/treatment-plan/versions/:versionId/pdf',
    {
      schema: {
        tags: ['treatment plans'],
        summary:
          'One version of the treatment plan as a PDF: header and confidentiality footer on every page (audited)',
        params: TreatmentPlanVersionParams,
        response: { 200: PdfBody, ...errors },
      },
    },
    async (request, reply) =>
      sendPdf(
        reply,
        await treatmentPlanPdf(deps, contextOf(request), request.params.id, request.params.versionId),
      ),
  );

  app.get(
    '/api/v1/patients/:id/relapse-prevention-plan/versions/:versionNumber/pdf',
    {
      schema: {
        tags: ['recovery'],
        summary:
          'One version of the relapse prevention plan as a PDF: header and confidentiality footer on every page (audited)',
        params: RelapsePlanVersionParams,
        response: { 200: PdfBody, ...errors },
      },
    },
    async (request, reply) =>
      sendPdf(
        reply,
        await relapsePlanPdf(deps, contextOf(request), request.params.id, request.params.versionNumber),
      ),
  );
};
