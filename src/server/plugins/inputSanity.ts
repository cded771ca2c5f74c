import type { FastifyInstance } from 'fastify';
import { DomainError, type FieldError } from '../../core/errors/domainError.js';

const MAX_DEPTH = 20;

/**
 * What JSON Schema cannot say: strings with NUL characters (PostgreSQL text refuses them) and numbers
 * that are not finite (`1e400` in JSON, or "Infinity" coerced from a query string) never reach a service.
 */
const findProblems = (value: unknown, path: string, depth: number, found: FieldError[]): void => {
  if (found.length >= 10) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000'))
      found.push({ field: path || '/', message: 'must not contain NUL characters' });
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) found.push({ field: path || '/', message: 'must be a finite number' });
    return;
  }
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => findProblems(item, `${path}/${i}`, depth + 1, found));
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000'))
      found.push({ field: path || '/', message: 'has a field name with a NUL character' });
    findProblems(item, `${path}/${key}`, depth + 1, found);
  }
};

export const registerInputSanity = (app: FastifyInstance): void => {
  app.addHook('preHandler', (request, _reply, done) => {
    const found: FieldError[] = [];
    findProblems(request.params, '', 0, found);
    findProblems(request.query, '', 0, found);
    findProblems(request.body, '', 0, found);
    if (found.length === 0) {
      done();
      return;
    }
    done(
      new DomainError('VALIDATION_FAILED', found.map((f) => `${f.field} ${f.message}`).join('; '), {
        fields: found,
      }),
    );
  });
};
