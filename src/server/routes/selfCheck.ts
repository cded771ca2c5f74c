import type { FastifyReply, FastifyRequest } from 'fastify';
import { Problem } from '../../core/api/common.js';
import {
  SelfCheckCallbackBody,
  SelfCheckCallbackReceived,
  SelfCheckEvaluateBody,
  SelfCheckEvaluation,
  SelfCheckLanguageQuery,
  SelfCheckQuestions,
} from '../../core/api/selfCheck.js';
import { DomainError } from '../../core/errors/domainError.js';
import type { AppDeps } from '../deps.js';
import { PublicRateLimiter } from '../services/publicRateLimiter.js';
import {
  evaluateSelfCheckFor,
  requestSelfCheckCallback,
  selfCheckQuestionsFor,
} from '../services/selfCheck.js';
import type { FastifyTypebox } from '../types.js';

const TEN_MINUTES = 10 * 60_000;

/**
 * The public self-check: no sign-in, no cookies needed. Answers are evaluated and forgotten: these
 * routes log only unexpected failures (and the app's serializers never print bodies or query strings),
 * write no audit row and never touch the database — except the call-back request, which is stored as
 * an inquiry because the person asked for it.
 */
export const selfCheckRoutes = (app: FastifyTypebox, deps: AppDeps): void => {
  const evaluations = new PublicRateLimiter({
    limit: deps.config.selfCheckRatePer10Minutes,
    windowMs: TEN_MINUTES,
  });
  const callbacks = new PublicRateLimiter({
    limit: deps.config.selfCheckCallbacksPer10Minutes,
    windowMs: TEN_MINUTES,
  });

  /** Runs before the body is even read, so a flood costs little. */
  const limitedBy =
    (limiter: PublicRateLimiter) =>
    (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void): void => {
      const decision = limiter.hit(request.ip, deps.clock.now().getTime());
      if (decision.allowed) {
        done();
        return;
      }
      void reply.header('retry-after', String(decision.retryAfterSeconds));
      done(
        new DomainError(
          'RATE_LIMITED',
          `Too many self-check requests from this address. Try again in ${decision.retryAfterSeconds} seconds.`,
          { extra: { retryAfterSeconds: decision.retryAfterSeconds } },
        ),
      );
    };

  // Request logging stays off for these routes even at LOG_LEVEL=debug: whether and when someone
  // took the self-check is itself private. Unexpected errors are still logged (without bodies).
  const shared = { config: { public: true }, logLevel: 'error' } as const;

  app.get(
    '/api/v1/self-check/questions',
    {
      ...shared,
      onRequest: limitedBy(evaluations),
      schema: {
        tags: ['self-check'],
        summary: 'The self-check questions and crisis lines, in English or Spanish (public)',
        security: [],
        querystring: SelfCheckLanguageQuery,
        response: { 200: SelfCheckQuestions, 429: Problem },
      },
    },
    (request) => selfCheckQuestionsFor(request.query.lang ?? 'en'),
  );

  app.post(
    '/api/v1/self-check/evaluate',
    {
      ...shared,
      onRequest: limitedBy(evaluations),
      schema: {
        tags: ['self-check'],
        summary: 'Evaluate self-check answers: the likely level of care and why (public; stores nothing)',
        security: [],
        body: SelfCheckEvaluateBody,
        response: { 200: SelfCheckEvaluation, 400: Problem, 429: Problem },
      },
    },
    (request) => evaluateSelfCheckFor(request.body.answers, request.body.lang ?? 'en'),
  );

  app.post(
    '/api/v1/self-check/callback',
    {
      ...shared,
      onRequest: limitedBy(callbacks),
      schema: {
        tags: ['self-check'],
        summary: 'Ask for a call back: becomes a new inquiry holding only the contact details (public)',
        security: [],
        body: SelfCheckCallbackBody,
        response: { 201: SelfCheckCallbackReceived, 400: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const received = await requestSelfCheckCallback(deps, request.body, request.id);
      return reply.status(201).send(received);
    },
  );
};
