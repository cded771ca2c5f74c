import { totpCode } from '../../core/auth/totp.js';
import { fixedClock } from '../../core/runtime.js';
import { type Db, type Dialect, createDb } from '../../db/createDb.js';
import { migrateToLatest } from '../../db/migrate.js';
import { type DemoSummary, seedDemo } from '../../db/seed/demo.js';
import { freshDatabaseUrl } from '../../db/testing/testDatabases.js';
import { buildApp } from '../app.js';
import { argon2Hasher } from '../auth/passwords.js';
import { loadConfig, type Config } from '../config.js';
import type { AppDeps } from '../deps.js';
import type { FastifyTypebox } from '../types.js';

/** A JSON response as tests see it. */
export interface JsonResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A signed-in browser-like client: session cookie plus CSRF header, over real HTTP. */
export interface TestClient {
  email: string;
  userId: string;
  cookie: string;
  csrf: string;
  get<T = unknown>(path: string): Promise<JsonResponse<T>>;
  send<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<JsonResponse<T>>;
}

export interface TestServer {
  app: FastifyTypebox;
  db: Db;
  deps: AppDeps;
  baseUrl: string;
  clock: ReturnType<typeof fixedClock>;
  demo: DemoSummary;
  request<T = unknown>(
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string> },
  ): Promise<JsonResponse<T>>;
  signIn(emailOrRole: string): Promise<TestClient>;
  close(): Promise<void>;
}

/** Tuesday 24 November 2026, 15:00 UTC: a weekday afternoon at both demo sites. */
export const TEST_NOW = new Date('2026-11-24T15:00:00.000Z');

/** JSON bodies parsed; any other body (a PDF, a calendar) as text, so generated route tests can send to every route. */
const parse = async <T>(response: Response): Promise<JsonResponse<T>> => {
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  const json = type === '' || type.includes('json');
  return {
    status: response.status,
    body: (text ? (json ? JSON.parse(text) : text) : null) as T,
    headers: response.headers,
  };
};

/**
 * Starts the real app on a fresh database of the given dialect, seeded with the demo clinic,
 * listening on a random loopback port. Tests talk to it with fetch, as a browser would.
 */
export const startTestServer = async (
  dialect: Dialect,
  overrides: Partial<Config> = {},
): Promise<TestServer> => {
  const database = await freshDatabaseUrl(dialect);
  const config = Object.freeze({
    ...loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' }),
    // Every test request comes from 127.0.0.1: the self-check's public limits would stop the generated
    // route tests after a few calls. Tests of the limits pass their own.
    selfCheckRatePer10Minutes: 100_000,
    selfCheckCallbacksPer10Minutes: 100_000,
    ...overrides,
  });
  const db = createDb({ databaseUrl: config.databaseUrl, sqliteSynchronous: config.sqliteSynchronous });
  await migrateToLatest(db);
  const clock = fixedClock(TEST_NOW);
  const demo = await seedDemo(db, { size: 'clinic', hasher: argon2Hasher, clock });
  const deps: AppDeps = { db, config, clock, hasher: argon2Hasher };
  const app = await buildApp(deps, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;

  const request = async <T>(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ) =>
    parse<T>(
      await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...options.headers,
        },
        body: options.body !== undefined ? JSON.stringify(options.body) : null,
      }),
    );

  const signIn = async (emailOrRole: string): Promise<TestClient> => {
    const user = demo.users.find((u) => u.email === emailOrRole || u.role === emailOrRole);
    if (!user) throw new Error(`no demo user ${emailOrRole}`);
    const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: user.email,
        password: user.password,
        totp: totpCode(user.totpSecret, clock.now()),
      }),
    });
    const result = await parse<{ status: string; me: { id: string; csrfToken: string } }>(response);
    if (result.status !== 200 || result.body.status !== 'signed_in')
      throw new Error(`sign-in failed for ${user.email}: ${JSON.stringify(result.body)}`);
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const csrf = result.body.me.csrfToken;
    return {
      email: user.email,
      userId: result.body.me.id,
      cookie,
      csrf,
      get: (path) => request('GET', path, { headers: { cookie } }),
      send: (method, path, body, headers = {}) =>
        request(method, path, { body, headers: { cookie, 'x-csrf-token': csrf, ...headers } }),
    };
  };

  return {
    app,
    db,
    deps,
    baseUrl,
    clock,
    demo,
    request,
    signIn,
    close: async () => {
      await app.close();
      await db.close();
      await database.drop();
    },
  };
};
