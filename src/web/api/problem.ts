import type { Static } from '@sinclair/typebox';
import type { Problem } from '../../core/api/common.js';

export type ProblemDetails = Static<typeof Problem>;

/** A failed API call, carrying the server's RFC 9457 problem (or one made up for network failures). */
export class ApiError extends Error {
  readonly problem: ProblemDetails;

  constructor(problem: ProblemDetails) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

/** Codes meaning the session is gone: the app returns to the sign-in page. */
export const SESSION_ENDED_CODES: readonly string[] = ['UNAUTHENTICATED', 'SESSION_EXPIRED'];

export const networkProblem = (): ProblemDetails => ({
  type: 'about:blank',
  title: 'Server unreachable',
  status: 0,
  code: 'NETWORK_ERROR',
  detail: 'The server could not be reached. Check your connection and try again.',
});

export const unexpectedProblem = (status: number): ProblemDetails => ({
  type: 'about:blank',
  title: 'Unexpected response',
  status,
  code: status >= 500 ? 'INTERNAL' : 'UNEXPECTED_RESPONSE',
  detail:
    status >= 500
      ? 'Something went wrong on the server. Try again; if it keeps happening, tell your administrator.'
      : `The server answered with an unexpected response (HTTP ${status}).`,
});

/** Turns anything thrown into a problem a component can show. */
export const toProblem = (error: unknown): ProblemDetails => {
  if (isApiError(error)) return error.problem;
  return {
    type: 'about:blank',
    title: 'Unexpected error',
    status: 0,
    code: 'CLIENT_ERROR',
    detail:
      error instanceof Error
        ? error.message
        : 'Something went wrong in the browser. Reload the page and try again.',
  };
};

/**
 * Field messages keyed by path without the leading slash: `/firstName` → `firstName`,
 * `/credentials/npi` → `credentials/npi`.
 */
export const fieldErrors = (problem: ProblemDetails | null | undefined): Record<string, string> => {
  const result: Record<string, string> = {};
  for (const { field, message } of problem?.fields ?? []) {
    const key = field.replace(/^\//, '');
    result[key] ??= message;
  }
  return result;
};
