import type { FastifyRequest } from 'fastify';
import type { Actor } from '../core/access/actor.js';
import { requireActor } from './plugins/auth.js';

/** What a service needs to know about the request it serves: who, from where, which request. */
export interface RequestContext {
  actor: Actor;
  ip: string;
  requestId: string;
}

export const contextOf = (request: FastifyRequest): RequestContext => ({
  actor: requireActor(request),
  ip: request.ip,
  requestId: request.id,
});
