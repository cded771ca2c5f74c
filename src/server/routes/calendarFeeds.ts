import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { CalendarFeed, CreatedCalendarFeed, FeedTokenParams } from '../../core/api/calendarFeeds.js';
import { IdParams, Problem } from '../../core/api/common.js';
import { DomainError } from '../../core/errors/domainError.js';
import { contextOf } from '../context.js';
import type { AppDeps } from '../deps.js';
import {
  createMyFeed,
  createPatientFeed,
  listMyFeeds,
  listPatientFeeds,
  readFeed,
  revokeFeed,
} from '../services/calendarFeeds.js';
import { PublicRateLimiter } from '../services/publicRateLimiter.js';
import type { FastifyTypebox } from '../types.js';

const errors = { 400: Problem, 403: Problem, 404: Problem, 409: Problem };
const tags = ['calendar feeds'];

/**
 * Polls per address per 10 minutes. Calendar apps poll every 15 minutes to a few hours; a clinic's
 * or a carrier's shared address serves many phones, and guessing a 256-bit token is hopeless anyway:
 * the limit is there to keep a flood from costing database work.
 */
const FEED_READS_PER_10_MINUTES = 120;
const TEN_MINUTES = 10 * 60_000;

/** Where the secret URL points: the address the caller reached the server at. */
const originOf = (request: FastifyRequest): string => `${request.protocol}://${request.host}`;

/** Calendar feeds (SPEC §5): a patient's (opt-in) or one's own, created, listed, revoked, and read by token. */
export const calendarFeedRoutes = (app: FastifyTypebox, deps: AppDeps): void => {
  const reads = new PublicRateLimiter({ limit: FEED_READS_PER_10_MINUTES, windowMs: TEN_MINUTES });

  const limited = (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void): void => {
    const decision = reads.hit(request.ip, deps.clock.now().getTime());
    if (decision.allowed) {
      done();
      return;
    }
    void reply.header('retry-after', String(decision.retryAfterSeconds));
    done(
      new DomainError(
        'RATE_LIMITED',
        `Too many calendar requests from this address. Try again in ${decision.retryAfterSeconds} seconds.`,
        { extra: { retryAfterSeconds: decision.retryAfterSeconds } },
      ),
    );
  };

  app.post(
    '/api/v1/patients/:id/calendar-feeds',
    {
      schema: {
        tags,
        summary:
          'Create a calendar feed of the patient’s sessions (the patient opted in). Answers the secret URL once; generic titles unless the patient lets us name the clinic',
        params: IdParams,
        response: { 201: CreatedCalendarFeed, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createPatientFeed(deps, contextOf(request), request.params.id, originOf(request))),
  );

  app.get(
    '/api/v1/patients/:id/calendar-feeds',
    {
      schema: {
        tags,
        summary: 'The patient’s calendar feeds, revoked ones too (never their URLs)',
        params: IdParams,
        response: { 200: Type.Array(CalendarFeed), ...errors },
      },
    },
    (request) => listPatientFeeds(deps, contextOf(request), request.params.id),
  );

  app.post(
    '/api/v1/me/calendar-feeds',
    {
      schema: {
        tags,
        summary:
          'Create a feed of the sessions you lead, titled by kind and room. Answers the secret URL once',
        response: { 201: CreatedCalendarFeed, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createMyFeed(deps, contextOf(request), originOf(request))),
  );

  app.get(
    '/api/v1/me/calendar-feeds',
    {
      schema: {
        tags,
        summary: 'Your own calendar feeds, revoked ones too (never their URLs)',
        response: { 200: Type.Array(CalendarFeed), ...errors },
      },
    },
    (request) => listMyFeeds(deps, contextOf(request)),
  );

  app.post(
    '/api/v1/calendar-feeds/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a calendar feed: its URL answers 404 from now on',
        params: IdParams,
        response: { 200: CalendarFeed, ...errors },
      },
    },
    (request) => revokeFeed(deps, contextOf(request), request.params.id),
  );

  app.get(
    '/calendar/:token.ics',
    {
      // Calendar apps send no cookie; the token in the path is the credential, so request logging
      // (which prints the URL) stays off for this route.
      config: { public: true },
      logLevel: 'error',
      onRequest: limited,
      schema: {
        tags,
        summary: 'The feed as iCalendar (public: the token is the credential; audited)',
        security: [],
        params: FeedTokenParams,
        response: { 200: Type.String(), 400: Problem, 404: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const ics = await readFeed(deps, request.params.token, { ip: request.ip, requestId: request.id });
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-disposition', 'inline; filename="calendar.ics"')
        .send(ics);
    },
  );
};
