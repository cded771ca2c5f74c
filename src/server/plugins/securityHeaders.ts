import type { FastifyInstance } from 'fastify';

const BASE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};
const APP_HEADERS = {
  ...BASE_HEADERS,
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
};
// API answers carry patient data: never cached by browsers or proxies.
const API_HEADERS = { ...APP_HEADERS, 'cache-control': 'no-store' };
const DOCS_HEADERS = {
  ...BASE_HEADERS,
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'",
  'cache-control': 'no-store',
};

/**
 * Security headers on every response (SPEC §15). The app ships no third-party assets. Set when the
 * request arrives (a synchronous hook, no promise per request), so error replies carry them too.
 */
export const registerSecurityHeaders = (app: FastifyInstance): void => {
  app.addHook('onRequest', (request, reply, done) => {
    const url = request.url;
    reply.headers(
      url.startsWith('/api/docs') ? DOCS_HEADERS : url.startsWith('/api/') ? API_HEADERS : APP_HEADERS,
    );
    done();
  });
};
