import { Type } from '@sinclair/typebox';
import { LoginBody, LoginResult, Me, MfaEnrolBody } from '../../core/api/auth.js';
import { Problem } from '../../core/api/common.js';
import { DomainError } from '../../core/errors/domainError.js';
import { SESSION_COOKIE } from '../plugins/auth.js';
import { completeMfaEnrolment, login, LoginRateLimiter, logout, meFor } from '../services/auth.js';
import type { AppDeps } from '../deps.js';
import type { FastifyTypebox } from '../types.js';

export const authRoutes = (app: FastifyTypebox, deps: AppDeps): void => {
  const limiter = new LoginRateLimiter(deps.config.loginRatePerMinute);
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: deps.config.secureCookies,
    maxAge: deps.config.sessionMaxHours * 3600,
  };

  app.post(
    '/api/v1/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email, password and (for staff) a TOTP code',
        body: LoginBody,
        response: { 200: LoginResult, 401: Problem, 423: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const { result, sessionToken } = await login(
        deps,
        limiter,
        request.body,
        request.ip,
        request.headers['user-agent'] ?? null,
      );
      if (sessionToken) void reply.setCookie(SESSION_COOKIE, sessionToken, cookieOptions);
      return result;
    },
  );

  app.post(
    '/api/v1/auth/mfa/enrol',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Finish TOTP enrolment with the first code',
        body: MfaEnrolBody,
        response: { 200: LoginResult },
      },
    },
    async (request, reply) => {
      const { result, sessionToken } = await completeMfaEnrolment(
        deps,
        request.body.enrolmentId,
        request.body.totp,
        request.ip,
        request.headers['user-agent'] ?? null,
      );
      if (sessionToken) void reply.setCookie(SESSION_COOKIE, sessionToken, cookieOptions);
      return result;
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { public: true },
      schema: { tags: ['auth'], summary: 'Sign out', response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      if (
        request.authKind === 'session' &&
        request.csrfToken &&
        request.headers['x-csrf-token'] !== request.csrfToken
      ) {
        throw new DomainError('CSRF_FAILED', 'Missing or wrong x-csrf-token header.');
      }
      await logout(deps, request.sessionId, request.actor?.userId ?? null, request.ip);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: Me } } },
    async (request) => {
      const token = request.cookies[SESSION_COOKIE];
      if (request.authKind === 'session' && token) return meFor(deps, token);
      const actor = request.actor;
      if (!actor) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue.');
      const user = await deps.db.kysely
        .selectFrom('users')
        .select(['email', 'display_name'])
        .where('id', '=', actor.userId)
        .executeTakeFirstOrThrow();
      return {
        id: actor.userId,
        email: user.email,
        displayName: user.display_name,
        role: actor.role,
        siteIds: [...actor.siteIds],
        csrfToken: '',
        idleTimeoutMinutes: deps.config.idleTimeoutMinutes,
      };
    },
  );
};
