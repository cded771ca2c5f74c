import { Type } from '@sinclair/typebox';
import { IdParams, Problem } from '../../core/api/common.js';
import {
  CapacityQuery,
  ConvertBody,
  ConvertResult,
  Coverage,
  CoverageParams,
  CreateCoverageBody,
  CreateInquiryBody,
  DuplicateCandidate,
  DuplicateProblem,
  DuplicatesQuery,
  ImportBody,
  ImportQuery,
  ImportResult,
  Inquiry,
  InquiryBoard,
  InquiryBoardQuery,
  MoveStageBody,
  TrackCapacity,
  UpdateCoverageBody,
  UpdateInquiryBody,
  VersionBody,
  Waitlist,
  WaitlistBody,
  WaitlistQuery,
} from '../../core/api/intake.js';
import { contextOf } from '../context.js';
import type { AppDeps } from '../deps.js';
import {
  type CoverageOwner,
  createCoverage,
  listCoverage,
  removeCoverage,
  updateCoverage,
} from '../services/coverages.js';
import { convertInquiry, listDuplicates } from '../services/inquiryConversion.js';
import {
  createInquiry,
  getInquiry,
  listInquiryBoard,
  moveInquiryStage,
  removeFromWaitlist,
  updateInquiry,
  waitlistInquiry,
} from '../services/inquiries.js';
import { listTrackCapacity, listWaitlist } from '../services/intakeWaitlist.js';
import { importReferrals } from '../services/referralImport.js';
import type { FastifyTypebox } from '../types.js';

const errors = { 400: Problem, 403: Problem, 404: Problem, 409: Problem };
const tags = ['intake'];

/** The intake pipeline (SPEC §2): inquiries, waitlist, capacity, conversion, coverage, referral import. */
export const intakeRoutes = (app: FastifyTypebox, deps: AppDeps): void => {
  app.get(
    '/api/v1/inquiries',
    {
      schema: {
        tags,
        summary: 'The intake board: inquiries of one stage (default: every open one), with counts per stage',
        querystring: InquiryBoardQuery,
        response: { 200: InquiryBoard, ...errors },
      },
    },
    (request) => listInquiryBoard(deps, contextOf(request), request.query),
  );

  app.post(
    '/api/v1/inquiries',
    {
      schema: {
        tags,
        summary: 'Record an inquiry taken by phone or a referral (stage new)',
        body: CreateInquiryBody,
        response: { 201: Inquiry, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createInquiry(deps, contextOf(request), request.body)),
  );

  app.post(
    '/api/v1/inquiries/import',
    {
      schema: {
        tags,
        summary:
          'Import referrals from CSV: preview (dryRun, the default) or write every row, all or nothing',
        querystring: ImportQuery,
        body: ImportBody,
        response: { 200: ImportResult, 201: ImportResult, ...errors },
      },
    },
    async (request, reply) => {
      const dryRun = request.query.dryRun !== false;
      const result = await importReferrals(deps, contextOf(request), request.body, dryRun);
      return reply.status(dryRun ? 200 : 201).send(result);
    },
  );

  app.get(
    '/api/v1/inquiries/:id',
    {
      schema: {
        tags,
        summary: 'One inquiry with everything gathered so far',
        params: IdParams,
        response: { 200: Inquiry, ...errors },
      },
    },
    (request) => getInquiry(deps, contextOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/inquiries/:id',
    {
      schema: {
        tags,
        summary: 'Edit an inquiry (send the version you read)',
        params: IdParams,
        body: UpdateInquiryBody,
        response: { 200: Inquiry, ...errors },
      },
    },
    (request) => updateInquiry(deps, contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/inquiries/:id/stage',
    {
      schema: {
        tags,
        summary: 'Move an inquiry to another stage (closing needs a reason, scheduling a time)',
        params: IdParams,
        body: MoveStageBody,
        response: { 200: Inquiry, ...errors },
      },
    },
    (request) => moveInquiryStage(deps, contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/inquiries/:id/waitlist',
    {
      schema: {
        tags,
        summary: 'Put an inquiry on the waitlist, optionally for a track',
        params: IdParams,
        body: WaitlistBody,
        response: { 200: Inquiry, ...errors },
      },
    },
    (request) => waitlistInquiry(deps, contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/inquiries/:id/waitlist/remove',
    {
      schema: {
        tags,
        summary: 'Take an inquiry off the waitlist',
        params: IdParams,
        body: VersionBody,
        response: { 200: Inquiry, ...errors },
      },
    },
    (request) => removeFromWaitlist(deps, contextOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/inquiries/:id/duplicates',
    {
      schema: {
        tags,
        summary: 'Patient records that may be this person (same name and birth date, phone or MRN)',
        params: IdParams,
        querystring: DuplicatesQuery,
        response: { 200: Type.Array(DuplicateCandidate), ...errors },
      },
    },
    (request) => listDuplicates(deps, contextOf(request), request.params.id, request.query),
  );

  app.post(
    '/api/v1/inquiries/:id/convert',
    {
      schema: {
        tags,
        summary:
          'Create the patient record (status intake) or link the existing one; 409 lists possible duplicates',
        params: IdParams,
        body: ConvertBody,
        response: { 200: ConvertResult, 201: ConvertResult, ...errors, 409: DuplicateProblem },
      },
    },
    async (request, reply) => {
      const result = await convertInquiry(deps, contextOf(request), request.params.id, request.body);
      return reply.status(result.created ? 201 : 200).send(result);
    },
  );

  app.get(
    '/api/v1/intake/waitlist',
    {
      schema: {
        tags,
        summary: 'Everyone waiting for a place: priority deadlines first, then the longest wait',
        querystring: WaitlistQuery,
        response: { 200: Waitlist, ...errors },
      },
    },
    (request) => listWaitlist(deps, contextOf(request), request.query),
  );

  app.get(
    '/api/v1/intake/capacity',
    {
      schema: {
        tags,
        summary: 'Per track: places (when the clinic set them), patients enrolled and people waiting',
        querystring: CapacityQuery,
        response: { 200: Type.Array(TrackCapacity), ...errors },
      },
    },
    (request) => listTrackCapacity(deps, contextOf(request), request.query),
  );

  coverageRoutes(app, deps, 'inquiries', (id) => ({ kind: 'inquiry', id }));
  coverageRoutes(app, deps, 'patients', (id) => ({ kind: 'patient', id }));
};

/** The same coverage endpoints on an inquiry (before the chart) and on a patient. */
const coverageRoutes = (
  app: FastifyTypebox,
  deps: AppDeps,
  resource: 'inquiries' | 'patients',
  ownerOf: (id: string) => CoverageOwner,
): void => {
  const base = `/api/v1/${resource}/:id/coverage`;
  const whose = resource === 'inquiries' ? 'an inquiry' : 'a patient';
  const coverageTags = ['coverage'];
  app.get(
    base,
    {
      schema: {
        tags: coverageTags,
        summary: `Coverage entries of ${whose}`,
        params: IdParams,
        response: { 200: Type.Array(Coverage), ...errors },
      },
    },
    (request) => listCoverage(deps, contextOf(request), ownerOf(request.params.id)),
  );
  app.post(
    base,
    {
      schema: {
        tags: coverageTags,
        summary: `Add coverage to ${whose}: payer, member id, authorization, units, dates`,
        params: IdParams,
        body: CreateCoverageBody,
        response: { 201: Coverage, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createCoverage(deps, contextOf(request), ownerOf(request.params.id), request.body)),
  );
  app.patch(
    `${base}/:coverageId`,
    {
      schema: {
        tags: coverageTags,
        summary: `Edit a coverage entry of ${whose} (send the version you read)`,
        params: CoverageParams,
        body: UpdateCoverageBody,
        response: { 200: Coverage, ...errors },
      },
    },
    (request) =>
      updateCoverage(
        deps,
        contextOf(request),
        ownerOf(request.params.id),
        request.params.coverageId,
        request.body,
      ),
  );
  app.post(
    `${base}/:coverageId/remove`,
    {
      schema: {
        tags: coverageTags,
        summary: `Remove a coverage entry of ${whose}`,
        params: CoverageParams,
        body: VersionBody,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeCoverage(
        deps,
        contextOf(request),
        ownerOf(request.params.id),
        request.params.coverageId,
        request.body,
      );
      return reply.status(204).send(null);
    },
  );
};
