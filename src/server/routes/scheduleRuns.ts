import { IdParams, Problem } from '../../core/api/common.js';
import { OccurrenceParams, ScheduleProblem } from '../../core/api/schedule.js';
import {
  AppliedRun,
  ApplyRunBody,
  Availability,
  BookOccurrenceBody,
  CreateRunBody,
  OccurrenceBooking,
  PutAvailabilityBody,
  ScheduleRun,
} from '../../core/api/scheduleRuns.js';
import { contextOf } from '../context.js';
import type { AppDeps } from '../deps.js';
import { getAvailability, putAvailability } from '../services/patientAvailability.js';
import { applyRun, createRun, getRun, type SolvingRuns, storeOutcome } from '../services/scheduleRuns.js';
import { bookOccurrence } from '../services/scheduleRunsBookings.js';
import type { FastifyTypebox } from '../types.js';

const errors = { 400: ScheduleProblem, 403: Problem, 404: Problem, 409: ScheduleProblem };
const tags = ['schedule'];

/** The weekly scheduler: runs, their diff and apply; patients' availability; bookings of one session (SPEC §5). */
export const scheduleRunRoutes = (app: FastifyTypebox, deps: AppDeps): void => {
  // Runs solve after the request has answered; their outcome is stored when next read. Closing the
  // app waits for them and stores what they found, so no result is lost and no write outlives the database.
  const solving: SolvingRuns = new Map();
  const tasks = new Set<Promise<void>>();
  app.addHook('onClose', async () => {
    await Promise.allSettled([...tasks]);
    for (const [id, outcome] of solving) if (outcome !== null) await storeOutcome(deps, id, outcome);
  });

  app.post(
    '/api/v1/schedule-runs',
    {
      schema: {
        tags,
        summary:
          'Run the scheduler for a site (or one track) and a week starting on a Monday: answers 202 at once; poll the run until it is `done` (or `failed`). Session managers of the site (not administrators)',
        body: CreateRunBody,
        response: { 202: ScheduleRun, ...errors },
      },
    },
    async (request, reply) => {
      const { run, solve } = await createRun(deps, contextOf(request), request.body);
      if (solve) {
        solving.set(run.id, null);
        const task = solve().then((outcome) => {
          solving.set(run.id, outcome);
        });
        tasks.add(task);
        void task.finally(() => tasks.delete(task));
      }
      return reply.status(202).send(run);
    },
  );

  app.get(
    '/api/v1/schedule-runs/:id',
    {
      schema: {
        tags,
        summary:
          'A scheduler run: status, score, the diff against the current schedule (per patient: sessions added and removed) and who could not be placed and why (audited)',
        params: IdParams,
        response: { 200: ScheduleRun, ...errors },
      },
    },
    (request) => getRun(deps, contextOf(request), request.params.id, solving),
  );

  app.post(
    '/api/v1/schedule-runs/:id/apply',
    {
      schema: {
        tags,
        summary:
          'Write a finished run’s diff as bookings in one transaction; refused (409) when applied already (reason RUN_NOT_APPLICABLE) or when the week’s schedule changed since the run (reason SCHEDULE_CHANGED)',
        params: IdParams,
        body: ApplyRunBody,
        response: { 200: AppliedRun, ...errors },
      },
    },
    (request) => applyRun(deps, contextOf(request), request.params.id, request.body, solving),
  );

  app.get(
    '/api/v1/patients/:id/availability',
    {
      schema: {
        tags,
        summary:
          'When the patient can attend (weekly windows, site time); none recorded: the site’s programme hours (audited)',
        params: IdParams,
        response: { 200: Availability, ...errors },
      },
    },
    (request) => getAvailability(deps, contextOf(request), request.params.id),
  );

  app.put(
    '/api/v1/patients/:id/availability',
    {
      schema: {
        tags,
        summary: 'Replace the patient’s availability windows; `version` guards against lost updates',
        params: IdParams,
        body: PutAvailabilityBody,
        response: { 200: Availability, ...errors },
      },
    },
    (request) => putAvailability(deps, contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/series/:id/occurrences/:date/bookings',
    {
      schema: {
        tags,
        summary:
          'Book a patient into the session scheduled on `date` (`add`) or take them out of it (`skip`); `pinned` seats are kept by later scheduler runs. Refused (409, SESSION_FULL) when the session is full',
        params: OccurrenceParams,
        body: BookOccurrenceBody,
        response: { 201: OccurrenceBooking, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await bookOccurrence(
            deps,
            contextOf(request),
            request.params.id,
            request.params.date,
            request.body,
          ),
        ),
  );
};
