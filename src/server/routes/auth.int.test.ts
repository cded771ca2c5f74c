import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../core/auth/totp.js';
import { TEST_DIALECTS } from '../../db/testing/testDatabases.js';
import { startTestServer, type TestServer } from '../testing/testServer.js';

describe.each(TEST_DIALECTS)('sign-in and sessions on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    await server.close();
  });

  const clinician = () => server.demo.users.find((u) => u.role === 'clinician')!;

  it('refuses unauthenticated API calls with a problem document', async () => {
    const response = await server.request('GET', '/api/v1/patients');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
  });

  it('asks staff for a TOTP code, rejects a wrong one, accepts the right one', async () => {
    const user = clinician();
    const withoutCode = await server.request('POST', '/api/v1/auth/login', {
      body: { email: user.email, password: user.password },
    });
    expect(withoutCode.status).toBe(401);
    expect(withoutCode.body).toMatchObject({ code: 'MFA_REQUIRED' });

    const wrongCode = await server.request('POST', '/api/v1/auth/login', {
      body: { email: user.email, password: user.password, totp: '000000' },
    });
    expect(wrongCode.status).toBe(401);
    expect(wrongCode.body).toMatchObject({ code: 'INVALID_TOTP' });

    const client = await server.signIn(user.email);
    const me = await client.get<{ email: string; role: string; idleTimeoutMinutes: number }>('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: user.email, role: 'clinician', idleTimeoutMinutes: 15 });
  });

  it('sets an HttpOnly, SameSite=Strict, Secure session cookie and security headers', async () => {
    const user = clinician();
    const response = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: user.email,
        password: user.password,
        totp: totpCode(user.totpSecret, server.clock.now()),
      }),
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Secure/i);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('enrols a staff user without MFA on first sign-in', async () => {
    const admin = await server.signIn('admin');
    const [site] = server.demo.sites;
    const created = await admin.send<{ id: string }>('POST', '/api/v1/admin/users', {
      email: 'new.counselor@example.test',
      displayName: 'New Counselor',
      role: 'clinician',
      password: 'a-long-enough-password',
      siteIds: [site!.id],
    });
    expect(created.status).toBe(201);
    const first = await server.request<{
      status: string;
      enrolmentId: string;
      secret: string;
      otpauthUri: string;
    }>('POST', '/api/v1/auth/login', {
      body: { email: 'new.counselor@example.test', password: 'a-long-enough-password' },
    });
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('mfa_enrolment_required');
    expect(first.body.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    const wrong = await server.request('POST', '/api/v1/auth/mfa/enrol', {
      body: { enrolmentId: first.body.enrolmentId, totp: '123456' },
    });
    expect(wrong.status).toBe(401);
    const enrolled = await server.request<{ status: string }>('POST', '/api/v1/auth/mfa/enrol', {
      body: { enrolmentId: first.body.enrolmentId, totp: totpCode(first.body.secret, server.clock.now()) },
    });
    expect(enrolled.status).toBe(200);
    expect(enrolled.body.status).toBe('signed_in');
    const again = await server.request('POST', '/api/v1/auth/login', {
      body: { email: 'new.counselor@example.test', password: 'a-long-enough-password' },
    });
    expect(again.body).toMatchObject({ code: 'MFA_REQUIRED' });
  });

  it('requires the CSRF header on state-changing requests', async () => {
    const client = await server.signIn('clinician');
    const withoutHeader = await server.request('POST', '/api/v1/patients', {
      body: {
        firstName: 'Ana',
        lastName: 'Lopez',
        dateOfBirth: '1990-01-01',
        siteId: server.demo.sites[0]!.id,
      },
      headers: { cookie: client.cookie },
    });
    expect(withoutHeader.status).toBe(403);
    expect(withoutHeader.body).toMatchObject({ code: 'CSRF_FAILED' });
  });

  it('ends a session after 15 idle minutes', async () => {
    const client = await server.signIn('clinician');
    server.clock.advance(14 * 60_000);
    expect((await client.get('/api/v1/me')).status).toBe(200);
    server.clock.advance(16 * 60_000);
    const expired = await client.get('/api/v1/me');
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ code: 'SESSION_EXPIRED' });
  });

  it('locks an account after repeated wrong passwords, and an admin can unlock it', async () => {
    const user = server.demo.users.find((u) => u.role === 'biller')!;
    for (let i = 0; i < 5; i += 1) {
      const r = await server.request('POST', '/api/v1/auth/login', {
        body: { email: user.email, password: 'wrong-password' },
      });
      expect(r.status).toBe(401);
    }
    const locked = await server.request('POST', '/api/v1/auth/login', {
      body: {
        email: user.email,
        password: user.password,
        totp: totpCode(user.totpSecret, server.clock.now()),
      },
    });
    expect(locked.status).toBe(423);
    expect(locked.body).toMatchObject({ code: 'ACCOUNT_LOCKED' });

    const admin = await server.signIn('admin');
    const users = await admin.get<{ id: string; email: string; version: number }[]>('/api/v1/admin/users');
    const row = users.body.find((u) => u.email === user.email)!;
    const unlocked = await admin.send('PATCH', `/api/v1/admin/users/${row.id}`, {
      version: row.version,
      unlock: true,
    });
    expect(unlocked.status).toBe(200);
    await expect(server.signIn(user.email)).resolves.toMatchObject({ email: user.email });
  });

  it('signs out and forgets the session', async () => {
    const client = await server.signIn('clinician');
    const out = await client.send('POST', '/api/v1/auth/logout');
    expect(out.status).toBe(204);
    expect((await client.get('/api/v1/me')).status).toBe(401);
  });

  it('accepts admin-issued API tokens until they are revoked', async () => {
    const admin = await server.signIn('admin');
    const director = server.demo.users.find((u) => u.role === 'program_director')!;
    const users = await admin.get<{ id: string; email: string }[]>('/api/v1/admin/users');
    const directorId = users.body.find((u) => u.email === director.email)!.id;
    const created = await admin.send<{ token: string; apiToken: { id: string } }>(
      'POST',
      '/api/v1/admin/api-tokens',
      {
        userId: directorId,
        name: 'census export',
        expiresInDays: 30,
      },
    );
    expect(created.status).toBe(201);
    const bearer = { authorization: `Bearer ${created.body.token}` };
    const list = await server.request<{ total: number }>('GET', '/api/v1/patients', { headers: bearer });
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThan(0);
    expect(
      (await admin.send('POST', `/api/v1/admin/api-tokens/${created.body.apiToken.id}/revoke`)).status,
    ).toBe(204);
    expect((await server.request('GET', '/api/v1/patients', { headers: bearer })).status).toBe(401);
  });

  it('serves the OpenAPI document and health without signing in', async () => {
    const health = await server.request<{ status: string; database: string }>('GET', '/api/health');
    expect(health.body).toEqual({ status: 'ok', database: dialect });
    const openapi = await server.request<{ openapi: string; paths: Record<string, unknown> }>(
      'GET',
      '/api/openapi.json',
    );
    expect(openapi.status).toBe(200);
    expect(openapi.body.openapi).toMatch(/^3\./);
    expect(Object.keys(openapi.body.paths)).toContain('/api/v1/patients/{id}');
  });
});
