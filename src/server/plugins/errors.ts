import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError, ERROR_CODES, type ErrorCode, type FieldError } from '../../core/errors/domainError.js';

const TITLES: Partial<Record<number, string>> = {
  400: 'Invalid request',
  401: 'Not signed in',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Request too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  431: 'Request header fields too large',
  423: 'Locked',
  429: 'Too many requests',
  500: 'Internal error',
};

interface AjvIssue {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

const fieldsFromValidation = (issues: readonly AjvIssue[], context: string | undefined): FieldError[] =>
  issues.map((issue) => {
    const missing =
      typeof issue.params?.missingProperty === 'string' ? `/${issue.params.missingProperty}` : '';
    const extra =
      typeof issue.params?.additionalProperty === 'string' ? `/${issue.params.additionalProperty}` : '';
    const field = `${issue.instancePath ?? ''}${missing}${extra}` || '/';
    const where = context && context !== 'body' ? `${context} ` : '';
    const message = extra ? 'is not an allowed field' : (issue.message ?? 'is invalid');
    return { field, message: `${where}${message}` };
  });

/**
 * The one place errors become HTTP: RFC 9457 problem details with a stable `code`.
 * A 500 is logged with its request id and shows no internals.
 */
/** A problem document for errors raised before a route runs (bad URL encoding, oversized parameters). */
export const frameworkProblem = (
  status: number,
  code: string,
  detail: string,
  instance: string,
  requestId: string,
) => ({
  type: `https://openiop.org/problems/${code.toLowerCase().replaceAll('_', '-')}`,
  title: TITLES[status] ?? 'Error',
  status,
  code,
  detail,
  instance,
  requestId,
  ...(status === 400 ? { fields: [{ field: '/', message: detail }] } : {}),
});

export const registerErrorHandler = (app: FastifyInstance): void => {
  app.setErrorHandler((error: FastifyError | DomainError, request, reply) => {
    let status: number;
    let code: string;
    let detail: string;
    let fields: FieldError[] | undefined;
    const extra: Record<string, unknown> = {};

    if (error instanceof DomainError) {
      status = ERROR_CODES[error.code];
      code = error.code;
      detail = error.message;
      fields = error.fields.length > 0 ? error.fields : undefined;
      Object.assign(extra, error.extra);
    } else if ('validation' in error && Array.isArray(error.validation)) {
      status = 400;
      code = 'VALIDATION_FAILED' satisfies ErrorCode;
      fields = fieldsFromValidation(error.validation, error.validationContext);
      detail = fields.map((f) => `${f.field} ${f.message}`).join('; ');
    } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode;
      code =
        status === 415
          ? 'UNSUPPORTED_MEDIA_TYPE'
          : status === 429
            ? 'RATE_LIMITED'
            : status === 413
              ? 'TOO_LARGE'
              : 'BAD_REQUEST';
      detail = error.message;
      if (status === 400) {
        // Malformed JSON, forbidden prototype keys and the like: the body as a whole is at fault.
        code = 'VALIDATION_FAILED';
        fields = [{ field: '/', message: error.message }];
      }
    } else {
      status = 500;
      code = 'INTERNAL';
      detail = 'An unexpected error occurred. It has been logged with this request id.';
      request.log.error({ err: error, requestId: request.id }, 'unhandled error');
    }

    void reply
      .status(status)
      .type('application/problem+json')
      .send({
        type: `https://openiop.org/problems/${code.toLowerCase().replaceAll('_', '-')}`,
        title: TITLES[status] ?? 'Error',
        status,
        code,
        detail,
        instance: request.url.split('?')[0],
        requestId: request.id,
        ...(fields ? { fields } : {}),
        ...extra,
      });
  });
};
