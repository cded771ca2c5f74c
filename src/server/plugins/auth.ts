import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../core/access/actor.js';
import { isStaffRole } from '../../core/access/roles.js';
import { DomainError } from '../../core/errors/domainError.js';
import { recordAudit } from '../../db/audit.js';
import { parameter, preparedQuery } from '../../db/prepared.js';
import type { AuthSessionsTable } from '../../db/schema.js';
import { loadActor } from '../auth/actor.js';
import { forgetSession, recalledSession, rememberSession } from '../auth/sessionCache.js';
import { safeEqual, tokenHash } from '../auth/tokens.js';
import type { AppDeps } from '../deps.js';

export const SESSION_COOKIE = 'openiop_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for every authenticated request; routes that are not `public` never run without it. */
    actor: Actor | null;
    authKind: 'session' | 'token' | null;
    sessionId: string | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** Routes reachable without signing in (health, login, docs). Everything else is denied by default. */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Touching last_seen_at on every request would turn each read into a write; a minute of slack is harmless
// against a 15-minute idle timeout.
const TOUCH_EVERY_MS = 60_000;
const ACTOR_TTL_MS = 5_000;

export const requireActor = (request: FastifyRequest): Actor => {
  if (!request.actor) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue.');
  return request.actor;
};

export const registerAuth = (app: FastifyInstance, deps: AppDeps): void => {
  const { db, clock, config } = deps;
  app.decorateRequest('actor', null);
  app.decorateRequest('authKind', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);

  // The actor (role, sites, supervisees, credentials) changes rarely; re-reading it on every request
  // would be four queries. Deactivation, role, password and MFA changes also delete the user's
  // sessions, so they take effect at once; site and credential edits within ACTOR_TTL_MS.
  const actorCache = new Map<string, { actor: Actor; until: number }>();
  const cachedActor = async (userId: string, now: number): Promise<Actor | null> => {
    const hit = actorCache.get(userId);
    if (hit && hit.until > now) return hit.actor;
    const actor = await loadActor(db, userId);
    if (actorCache.size > 5000) actorCache.clear();
    if (actor) actorCache.set(userId, { actor, until: now + ACTOR_TTL_MS });
    else actorCache.delete(userId);
    return actor;
  };

  const sessionById = preparedQuery<{ id: string }, AuthSessionsTable>((k) =>
    k.selectFrom('auth_sessions').selectAll().where('id', '=', parameter('id')),
  );

  const fromSession = async (request: FastifyRequest, token: string): Promise<void> => {
    const id = tokenHash(token);
    const now = clock.now();
    const nowMs = now.getTime();
    let session = recalledSession(db, id, nowMs);
    if (!session) {
      [session] = await sessionById(db.kysely, { id });
      if (!session) return;
      rememberSession(db, session, nowMs);
    }
    const lastSeen = new Date(session.last_seen_at).getTime();
    const idleDeadline = lastSeen + config.idleTimeoutMinutes * 60_000;
    if (nowMs > idleDeadline || now.toISOString() > session.expires_at) {
      forgetSession(db, id);
      await db.kysely.deleteFrom('auth_sessions').where('id', '=', id).execute();
      throw new DomainError(
        'SESSION_EXPIRED',
        'Your session ended after a period of inactivity. Sign in again.',
      );
    }
    const actor = await cachedActor(session.user_id, nowMs);
    if (!actor) return;
    if (nowMs - lastSeen > TOUCH_EVERY_MS) {
      const touched = now.toISOString();
      await db.kysely
        .updateTable('auth_sessions')
        .set({ last_seen_at: touched })
        .where('id', '=', id)
        .execute();
      rememberSession(db, { ...session, last_seen_at: touched }, nowMs);
    }
    request.actor = actor;
    request.authKind = 'session';
    request.sessionId = id;
    request.csrfToken = session.csrf_token;
  };

  const fromBearer = async (request: FastifyRequest, token: string): Promise<void> => {
    const row = await db.kysely
      .selectFrom('api_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash(token))
      .executeTakeFirst();
    const now = clock.now();
    if (!row || row.revoked_at !== null || row.expires_at <= now.toISOString()) {
      throw new DomainError('UNAUTHENTICATED', 'The API token is unknown, expired or revoked.');
    }
    const actor = await loadActor(db, row.user_id);
    if (!actor) throw new DomainError('UNAUTHENTICATED', 'The API token belongs to an inactive user.');
    if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > TOUCH_EVERY_MS) {
      await db.kysely
        .updateTable('api_tokens')
        .set({ last_used_at: now.toISOString() })
        .where('id', '=', row.id)
        .execute();
    }
    request.actor = actor;
    request.authKind = 'token';
  };

  app.addHook('preValidation', async (request) => {
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      await fromBearer(request, authorization.slice('Bearer '.length).trim());
    } else {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await fromSession(request, token);
    }
    // The web app's static files are public; everything under /api is denied unless a route says `public`.
    if (
      request.routeOptions.config.public ||
      !request.url.startsWith('/api/') ||
      request.url.startsWith('/api/docs')
    )
      return;
    if (!request.actor) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue.');
    if (!isStaffRole(request.actor.role)) {
      await recordAudit(
        db.kysely,
        {
          actorUserId: request.actor.userId,
          actorRole: request.actor.role,
          action: 'access.denied',
          patientIds: [],
          ip: request.ip,
          requestId: request.id,
          detail: { attempted: `${request.method} ${request.routeOptions.url ?? ''}`, reason: 'staff route' },
        },
        clock.now(),
      );
      throw new DomainError('FORBIDDEN', 'This part of OpenIOP is for clinic staff.');
    }
    if (request.authKind === 'session' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !request.csrfToken || !safeEqual(sent, request.csrfToken)) {
        throw new DomainError(
          'CSRF_FAILED',
          'Missing or wrong x-csrf-token header. Reload the page and try again.',
        );
      }
    }
  });
};
