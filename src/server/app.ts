import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions, LogController } from 'fastify';
import type { AppDeps } from './deps.js';
import { registerAuth } from './plugins/auth.js';
import { frameworkProblem, registerErrorHandler } from './plugins/errors.js';
import { registerInputSanity } from './plugins/inputSanity.js';
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
  /** `logStream`: where log lines go instead of stdout (tests read what would have been logged). */
  options: { logger?: boolean; logStream?: { write(line: string): void } } = {},
): Promise<FastifyTypebox> => {
  const logger: FastifyServerOptions['logger'] =
    options.logger === false || deps.config.logLevel === 'silent'
      ? false
      : {
          level: deps.config.logLevel,
          ...(options.logStream ? { stream: options.logStream } : {}),
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
    logController: new LogController({
      disableRequestLogging: deps.config.logLevel !== 'debug' && deps.config.logLevel !== 'trace',
    }),
    // Errors raised before routing (bad percent-encoding, oversized path parameters) are problem documents too.
    frameworkErrors: (error, request, reply) => {
      const status =
        typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500
          ? error.statusCode
          : 400;
      const problem = frameworkProblem(
        status,
        status === 400 ? 'VALIDATION_FAILED' : 'BAD_REQUEST',
        error.message,
        request.url.split('?')[0] ?? '',
        request.id,
      );
      reply.raw.writeHead(status, { 'content-type': 'application/problem+json' });
      reply.raw.end(JSON.stringify(problem));
    },
    // Malformed HTTP never reaches a route: answer it on the socket, in the same format.
    clientErrorHandler: (error: Error & { code?: string }, socket) => {
      const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
      const body = JSON.stringify(
        frameworkProblem(status, 'BAD_REQUEST', 'The request could not be parsed.', '', ''),
      );
      if (!socket.writable) {
        socket.destroy(error);
        return;
      }
      const reason = status === 431 ? 'Request Header Fields Too Large' : 'Bad Request';
      socket.end(
        `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
    ajv: {
      customOptions: { allErrors: true, removeAdditional: false, coerceTypes: 'array', useDefaults: true },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  registerErrorHandler(app);
  registerSecurityHeaders(app);
  registerInputSanity(app);
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
