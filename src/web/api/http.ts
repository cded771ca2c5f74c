import {
  ApiError,
  type ProblemDetails,
  SESSION_ENDED_CODES,
  networkProblem,
  unexpectedProblem,
} from './problem.js';

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface HttpOptions {
  /** The current session's CSRF token, sent on every state-changing request. */
  getCsrfToken: () => string | null;
  /** Called when the server says the session is gone (401 UNAUTHENTICATED or SESSION_EXPIRED). */
  onSessionEnded: (problem: ProblemDetails) => void;
  /** Called after every answer from the server, so idle tracking knows the session was used. */
  onServerContact?: () => void;
}

export interface Http {
  get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  delete<T>(path: string): Promise<T>;
}

const BASE = '/api/v1';

const withQuery = (path: string, query?: Query): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${BASE}${path}?${text}` : `${BASE}${path}`;
};

const isProblem = (value: unknown): value is ProblemDetails =>
  typeof value === 'object' && value !== null && 'status' in value && 'code' in value && 'title' in value;

const readJson = async (response: Response): Promise<unknown> => {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

export const createHttp = (options: HttpOptions): Http => {
  const send = async <T>(method: string, url: string, body?: unknown, signal?: AbortSignal): Promise<T> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET') {
      const token = options.getCsrfToken();
      if (token) headers['x-csrf-token'] = token;
    }
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        credentials: 'same-origin',
        // Clinical data must not linger in the browser's HTTP cache after sign-out.
        cache: 'no-store',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiError(networkProblem());
    }
    options.onServerContact?.();
    const payload = await readJson(response);
    if (!response.ok) {
      const problem = isProblem(payload) ? payload : unexpectedProblem(response.status);
      if (response.status === 401 && SESSION_ENDED_CODES.includes(problem.code))
        options.onSessionEnded(problem);
      throw new ApiError(problem);
    }
    return payload as T;
  };

  return {
    get: (path, query, signal) => send('GET', withQuery(path, query), undefined, signal),
    post: (path, body) => send('POST', withQuery(path), body ?? {}),
    patch: (path, body) => send('PATCH', withQuery(path), body),
    put: (path, body) => send('PUT', withQuery(path), body),
    delete: (path) => send('DELETE', withQuery(path)),
  };
};
