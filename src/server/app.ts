import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { AppDeps } from './deps.js';
import { registerAuth } from './plugins/auth.js';
import { registerErrorHandler } from './plugins/errors.js';
import { registerSecurityHeaders } from './plugins/securityHeaders.js';
import { registerRoutes } from './routes/index.js';
import type { FastifyTypebox } from './types.js';

/** Never logged: anything that could carry patient data or secrets. */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'req.query',
  'req.body',
];

/** Builds the app without listening, so tests inject requests or listen on a port of their choice. */
export const buildApp = async (
  deps: AppDeps,
  options: { logger?: boolean } = {},
): Promise<FastifyTypebox> => {
  const logger: FastifyServerOptions['logger'] =
    options.logger === false || deps.config.logLevel === 'silent'
      ? false
      : {
          level: deps.config.logLevel,
          redact: { paths: REDACT, censor: '[redacted]' },
          // Log the route pattern, not the URL: query strings and ids are patient data.
          serializers: {
            req: (req: { method: string; routeOptions?: { url?: string }; url: string; id: string }) => ({
              method: req.method,
              route: req.routeOptions?.url ?? req.url.split('?')[0]?.replace(/[0-9a-f-]{36}/g, ':id'),
              id: req.id,
            }),
          },
        };

  const app = Fastify({
    logger,
    trustProxy: false,
    bodyLimit: 1_048_576,
    disableRequestLogging: deps.config.logLevel !== 'debug' && deps.config.logLevel !== 'trace',
    ajv: {
      customOptions: { allErrors: true, removeAdditional: false, coerceTypes: 'array', useDefaults: true },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  registerErrorHandler(app);
  registerSecurityHeaders(app);
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'OpenIOP API',
        version: '1',
        description:
          'Intensive Outpatient Program management. JSON over /api/v1; errors are RFC 9457 problem details.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'openiop_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  registerAuth(app, deps);

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, () => app.swagger());
  registerRoutes(app, deps);

  const webRoot = resolve(deps.config.webRoot);
  const hasWeb = existsSync(resolve(webRoot, 'index.html'));
  if (hasWeb)
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    if (!hasWeb || request.url.startsWith('/api/') || request.method !== 'GET') {
      void reply
        .status(404)
        .type('application/problem+json')
        .send({
          type: 'https://openiop.org/problems/not-found',
          title: 'Not found',
          status: 404,
          code: 'NOT_FOUND',
          detail: `No route ${request.method} ${request.url.split('?')[0]}`,
          requestId: request.id,
        });
      return;
    }
    void reply.sendFile('index.html');
  });
  return app;
};
