import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decidePatientAccess, type PatientAccessFacts } from '../core/access/patientPolicy.js';
import { closingRuleFor, SAFETY_ALERT_KIND } from '../core/alerts/closing.js';
import { STAFF_ROLES, type StaffRole } from '../core/access/roles.js';
import type { PatientStatus } from '../core/care/levels.js';
import type { Dialect } from '../db/createDb.js';
import {
  type ApiRoute,
  type CaseFixture,
  collectApiRoutes,
  collectApiRoutesOffline,
  expectationFor,
  fillPath,
  minimalValid,
  paramNames,
  prepareCase,
  type Relation,
  type RequestParts,
  type ResolvedSpec,
  relationsFor,
  RouteFixtures,
  type Rule,
  specFor,
} from './testing/routeTable.js';
import {
  type JsonResponse,
  startTestServer,
  type TestClient,
  type TestServer,
} from './testing/testServer.js';

/**
 * SPEC §1 and §10: access is deny-by-default, by role and relationship, checked on the server for
 * every request, and every refusal leaves an `access.denied` audit row. The cases below are generated
 * from the routes the app registers, so a new route is covered as soon as it is registered.
 */

const ROUTES = await collectApiRoutesOffline();
const PRIVATE_ROUTES = ROUTES.filter((r) => !r.public);
const STATE_CHANGING = PRIVATE_ROUTES.filter((r) => r.method !== 'GET');

interface Problem {
  code?: string;
  detail?: string;
  status?: number;
  accessBasis?: string;
}

const relationLabel = (spec: ResolvedSpec, relation: Relation): string => {
  if (spec.rule.kind === 'createPatient') {
    return {
      own: 'the first site',
      colleague: 'the second site',
      group: 'the first site',
      other: 'a site no staff works at',
      none: '',
    }[relation];
  }
  if (spec.needs?.inquiry)
    return {
      own: 'an inquiry at the first site',
      colleague: 'an inquiry at the second site',
      group: 'an inquiry at the first site',
      other: 'an inquiry at a site no staff works at',
      none: '',
    }[relation];
  if (spec.needs?.session)
    return {
      own: 'a session the caller leads at the first site',
      colleague: 'a session a colleague leads at the first site',
      group: 'a session a colleague leads at the first site',
      other: 'a session at a site no staff works at',
      none: '',
    }[relation];
  const record = spec.needs?.alert ? 'an alert held by ' : spec.needs?.task ? 'a task owned by ' : '';
  if (record)
    return `${record}${{ own: 'the caller', colleague: 'a colleague clinician', group: 'a colleague clinician', other: 'an unrelated clinician', none: '' }[relation]}`;
  switch (relation) {
    case 'own':
      return 'a patient related to the role';
    case 'colleague':
      return "a first-site patient on a colleague clinician's caseload";
    case 'group':
      return "a colleague's patient in a group the caller (or their supervisee) leads";
    case 'other':
      return 'a patient at a site no staff works at, on no caseload';
    case 'none':
      return spec.needs?.patient ? 'a patient unrelated to the caller' : 'no patient';
  }
};

const ruleLabel = (rule: Rule): string => {
  switch (rule.kind) {
    case 'public':
      return 'public';
    case 'anyStaff':
      return 'any staff';
    case 'roles':
      return `roles: ${rule.roles.join(', ')}`;
    case 'patient':
      return `policy: ${rule.action}`;
    case 'createPatient':
      return 'creator role at the site';
    case 'alertAction':
      return "alert's recipient, their supervisor, site director";
    case 'taskAction':
      return "task's owner or their supervisor";
    case 'inquiry':
      return `inquiry policy: ${rule.action}`;
    case 'session':
      return `session policy: ${rule.action}`;
    case 'inferred':
      return 'inferred, not in the route table';
  }
};

interface MatrixCase {
  name: string;
  route: ApiRoute;
  spec: ResolvedSpec;
  role: StaffRole;
  relation: Relation;
}

const MATRIX: MatrixCase[] = PRIVATE_ROUTES.flatMap((route) => {
  const spec = specFor(route);
  const success = spec.success.code
    ? ` (allowed answer: ${spec.success.status} ${spec.success.why ?? spec.success.code})`
    : '';
  return STAFF_ROLES.flatMap((role) =>
    relationsFor(spec).map((relation) => ({
      name: `${route.key} as ${role} on ${relationLabel(spec, relation)} [${ruleLabel(spec.rule)}]${success}`,
      route,
      spec,
      role,
      relation,
    })),
  );
});

/** Fills the params of a route nobody will get past authentication on; the body is a placeholder. */
const placeholderRequest = (route: ApiRoute): RequestParts => ({
  params: Object.fromEntries(paramNames(route.url).map((name) => [name, randomUUID()])),
  ...(route.body ? { body: minimalValid(route.body) } : {}),
});

/** The matrix for one database; each dialect has its own test file so the two run side by side. */
export const defineAuthorizationMatrix = (dialect: Dialect) =>
  describe(`authorization matrix on ${dialect}`, () => {
    let server: TestServer;
    let fx: RouteFixtures;
    const clients = new Map<StaffRole, TestClient>();
    let revokedCookie = '';

    const client = (role: StaffRole): TestClient => {
      const found = clients.get(role);
      if (!found) throw new Error(`${role} is not signed in`);
      return found;
    };

    const send = (
      route: ApiRoute,
      parts: RequestParts,
      headers: Record<string, string>,
    ): Promise<JsonResponse<Problem>> =>
      server.request<Problem>(route.method, fillPath(route.url, parts.params, parts.query), {
        ...(parts.body !== undefined && route.method !== 'GET' ? { body: parts.body } : {}),
        headers,
      });

    const denialCount = async (userId: string): Promise<number> => {
      const row = await server.db.kysely
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('actor_user_id', '=', userId)
        .where('action', '=', 'access.denied')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };

    const latestDenial = async (userId: string) =>
      server.db.kysely
        .selectFrom('audit_events')
        .select(['patient_ids', 'actor_role', 'detail'])
        .where('actor_user_id', '=', userId)
        .where('action', '=', 'access.denied')
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();

    beforeAll(async () => {
      server = await startTestServer(dialect);
      fx = await RouteFixtures.create(server);
      for (const role of STAFF_ROLES) clients.set(role, await server.signIn(role));
      const leaving = await server.signIn('admin');
      const logout = await leaving.send('POST', '/api/v1/auth/logout');
      expect(logout.status).toBe(204);
      revokedCookie = leaving.cookie;
    });
    afterAll(async () => {
      await server?.close();
    });

    describe('the route table', () => {
      it('lists the same routes as the running app', async () => {
        const live = await collectApiRoutes(server.deps);
        expect(live.map((r) => r.key)).toEqual(ROUTES.map((r) => r.key));
        for (const route of ROUTES)
          expect(server.app.hasRoute({ method: route.method, url: route.url }), route.key).toBe(true);
      });

      it('covers every documented API operation of the running app', () => {
        const document = server.app.swagger() as unknown as {
          paths?: Record<string, Record<string, unknown>>;
        };
        const documented = Object.entries(document.paths ?? {}).flatMap(([path, operations]) =>
          Object.keys(operations)
            .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
            .map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
        );
        const known = new Set(ROUTES.map((r) => r.key));
        expect(documented.filter((key) => key.includes(' /api/')).filter((key) => !known.has(key))).toEqual(
          [],
        );
      });

      for (const route of ROUTES.filter((r) => !specFor(r).described)) {
        it.todo(`describe ${route.key} in ROUTE_TABLE (it is checked with inferred rules only)`);
      }
    });

    describe('lists and searches show only what the policy allows', () => {
      /** Policy facts of every patient, from the database, as the actor's break-the-glass grants stand now. */
      const allFacts = async (actorUserId: string): Promise<Map<string, PatientAccessFacts>> => {
        const now = server.clock.now().toISOString();
        const [patients, caseloads, grants, groups] = await Promise.all([
          server.db.kysely.selectFrom('patients').select(['id', 'site_id', 'status']).execute(),
          server.db.kysely
            .selectFrom('caseload_assignments')
            .select(['patient_id', 'user_id'])
            .where('ended_at', 'is', null)
            .execute(),
          server.db.kysely
            .selectFrom('break_glass_grants')
            .select('patient_id')
            .where('user_id', '=', actorUserId)
            .where('revoked_at', 'is', null)
            .where('expires_at', '>', now)
            .execute(),
          server.db.kysely
            .selectFrom('series_memberships as m')
            .innerJoin('session_series as s', 's.id', 'm.series_id')
            .select(['m.patient_id', 's.clinician_id'])
            .where('m.left_on', 'is', null)
            .where('s.archived_at', 'is', null)
            .execute(),
        ]);
        const granted = new Set(grants.map((g) => g.patient_id));
        return new Map(
          patients.map((p) => [
            p.id,
            {
              siteId: p.site_id,
              status: p.status as PatientStatus,
              caseloadUserIds: caseloads.filter((c) => c.patient_id === p.id).map((c) => c.user_id),
              groupLeaderUserIds: groups.filter((g) => g.patient_id === p.id).map((g) => g.clinician_id),
              breakGlass: granted.has(p.id),
            },
          ]),
        );
      };

      it.each(STAFF_ROLES)(
        'GET /api/v1/patients as %s returns exactly the patients the role may read',
        async (role) => {
          const member = fx.member(role);
          const actor = await fx.actorOf(member.userId);
          const facts = await allFacts(member.userId);
          const readable = [...facts]
            .filter(([, f]) => decidePatientAccess(actor, f, 'patient.read').allowed)
            .map(([id]) => id);
          const shown: string[] = [];
          for (let offset = 0; ; offset += 200) {
            const page = await client(role).get<{ items: { id: string }[]; total: number }>(
              `/api/v1/patients?limit=200&offset=${offset}`,
            );
            expect(page.status).toBe(200);
            shown.push(...page.body.items.map((p) => p.id));
            if (page.body.items.length < 200) {
              expect(page.body.total).toBe(shown.length);
              break;
            }
          }
          expect(shown.filter((id) => !readable.includes(id))).toEqual([]);
          expect(shown.sort()).toEqual(readable.sort());
        },
      );
    });

    describe('callers who are not signed in', () => {
      it.each(PRIVATE_ROUTES.map((r) => [r.key, r] as const))(
        '%s refuses an anonymous caller with 401',
        async (_key, route) => {
          const response = await send(route, placeholderRequest(route), {});
          expect(response.status).toBe(401);
          expect(response.headers.get('content-type')).toContain('application/problem+json');
          expect(response.body.code).toBe('UNAUTHENTICATED');
        },
      );

      it.each(PRIVATE_ROUTES.map((r) => [r.key, r] as const))(
        '%s refuses a signed-out (revoked) session with 401',
        async (_key, route) => {
          const response = await send(route, placeholderRequest(route), {
            cookie: revokedCookie,
            'x-csrf-token': 'anything',
          });
          expect(response.status).toBe(401);
        },
      );

      it.each(PRIVATE_ROUTES.map((r) => [r.key, r] as const))(
        '%s refuses a session idle past the timeout with 401',
        async (_key, route) => {
          const idle = server.deps.config.idleTimeoutMinutes + 1;
          const session = await fx.createSession(fx.member('admin').userId, idle);
          const response = await send(route, placeholderRequest(route), {
            cookie: session.cookie,
            'x-csrf-token': session.csrf,
          });
          expect(response.status).toBe(401);
          expect(response.body.code).toBe('SESSION_EXPIRED');
        },
      );

      it.each(PRIVATE_ROUTES.map((r) => [r.key, r] as const))(
        '%s refuses a deactivated user with a live session with 401',
        async (_key, route) => {
          const userId = await fx.createUser({ role: 'program_director', active: false });
          const session = await fx.createSession(userId);
          const response = await send(route, placeholderRequest(route), {
            cookie: session.cookie,
            'x-csrf-token': session.csrf,
          });
          expect(response.status).toBe(401);
        },
      );

      it.each(PRIVATE_ROUTES.map((r) => [r.key, r] as const))(
        '%s refuses revoked and expired API tokens with 401',
        async (_key, route) => {
          const owner = fx.member('admin').userId;
          for (const options of [{ revoked: true }, { expired: true }]) {
            const { token } = await fx.createApiToken(owner, options);
            const response = await send(route, placeholderRequest(route), {
              authorization: `Bearer ${token}`,
            });
            expect(response.status, JSON.stringify(options)).toBe(401);
          }
        },
      );
    });

    describe('cross-site request forgery', () => {
      it.each(STATE_CHANGING.map((r) => [r.key, r] as const))(
        '%s refuses a session request without the right x-csrf-token',
        async (_key, route) => {
          const admin = client('admin');
          const attempts: Record<string, string>[] = [
            { cookie: admin.cookie },
            { cookie: admin.cookie, 'x-csrf-token': `${admin.csrf}x` },
          ];
          for (const headers of attempts) {
            const response = await send(route, placeholderRequest(route), headers);
            expect(response.status).toBe(403);
            expect(response.body.code).toBe('CSRF_FAILED');
          }
        },
      );
    });

    describe('portal accounts on the staff API', () => {
      it('refuses patient and family-member sessions on every staff route, and audits each refusal', async () => {
        const problems: string[] = [];
        for (const role of ['patient', 'family_member'] as const) {
          const userId = randomUUID();
          await server.db.kysely
            .insertInto('users')
            .values({
              id: userId,
              email: `portal-${userId.slice(0, 8)}@example.test`,
              display_name: 'Portal user',
              role,
              password_hash: 'x',
              totp_secret: null,
              totp_enrolled_at: null,
              active: 1,
              failed_logins: 0,
              locked_until: null,
              last_login_at: null,
              created_at: server.clock.now().toISOString(),
              updated_at: server.clock.now().toISOString(),
              version: 1,
            })
            .execute();
          const session = await fx.createSession(userId);
          for (const route of PRIVATE_ROUTES) {
            const before = await denialCount(userId);
            const response = await send(route, placeholderRequest(route), {
              cookie: session.cookie,
              'x-csrf-token': session.csrf,
            });
            const audited = (await denialCount(userId)) - before;
            if (response.status !== 403)
              problems.push(`${role} ${route.key}: ${response.status} instead of 403`);
            else if (audited !== 1)
              problems.push(`${role} ${route.key}: 403 without an access.denied audit row`);
          }
        }
        if (problems.length > 0)
          throw new Error(
            `${problems.length} portal-account call(s) not refused and audited:\n${problems.join('\n')}`,
          );
      });
    });

    describe('refusals for reasons beyond the relationship', () => {
      const resolve = ROUTES.find((r) => r.key === 'POST /api/v1/alerts/:id/resolve');
      const assess = ROUTES.find((r) => r.key === 'POST /api/v1/patients/:id/safety-assessments');
      const resolvers = closingRuleFor(SAFETY_ALERT_KIND).resolverRoles ?? STAFF_ROLES;
      it.skipIf(!resolve || !assess).each(STAFF_ROLES)(
        'a safety alert held by the %s refuses a resolution note (audited) and closes only with a documented assessment by a clinical role',
        async (role) => {
          const member = fx.member(role);
          const patient = await fx.createPatient({
            siteId: fx.firstSiteId,
            status: 'active',
            caseload: [{ userId: fx.member('clinician').userId, kind: 'primary_clinician' }],
            openEpisode: true,
          });
          const alert = await fx.createAlert(patient, member.userId, SAFETY_ALERT_KIND);
          const caller = client(role);
          const before = await denialCount(member.userId);
          const note = await caller.send<Problem>('POST', `/api/v1/alerts/${alert.id}/resolve`, {
            version: 1,
            note: 'Risk assessment done; safety plan reviewed with the patient.',
          });
          expect(note.status, JSON.stringify(note.body)).toBe(400);
          expect(note.body.code).toBe('INVALID_STATE');
          expect(note.body.detail).toMatch(/suicide-risk assessment and safety plan/);
          expect(await denialCount(member.userId), `${role}'s refused note was not audited`).toBe(before + 1);

          const documented = await caller.send<Problem>(
            'POST',
            `/api/v1/patients/${patient.id}/safety-assessments`,
            {
              alertId: alert.id,
              outcome: 'safety_plan',
              riskLevel: 'low',
              assessment: 'Passive thoughts last week, none now; no plan, intent or access to means.',
              safetyPlan: 'Warning signs, coping steps, people to call and 988 written with the patient.',
            },
          );
          const audited = (await denialCount(member.userId)) - before - 1;
          const status = await server.db.kysely
            .selectFrom('alerts')
            .select('status')
            .where('id', '=', alert.id)
            .executeTakeFirstOrThrow();
          const actor = await fx.actorOf(member.userId);
          if (decidePatientAccess(actor, fx.factsOf(patient), 'safety.document').allowed) {
            expect(resolvers).toContain(role);
            expect(documented.status, JSON.stringify(documented.body)).toBe(201);
            expect(audited).toBe(0);
            expect(status.status).toBe('resolved');
          } else {
            expect([403, 404], JSON.stringify(documented.body)).toContain(documented.status);
            expect(audited, `${role} was refused without an access.denied audit row`).toBe(1);
            expect(status.status).toBe('open');
          }
        },
      );
    });

    describe('every role × every route × related and unrelated records', () => {
      it.each(MATRIX.map((c) => [c.name, c] as const))('%s', async (_name, matrixCase) => {
        const { route, spec, role, relation } = matrixCase;
        const member = fx.member(role);
        const c: CaseFixture = await prepareCase(fx, spec, member, relation);
        const expectation = expectationFor(fx, spec, c);
        const parts = await spec.build(fx, c);
        const caller = client(role);
        const before = await denialCount(member.userId);
        const response = await send(route, parts, { cookie: caller.cookie, 'x-csrf-token': caller.csrf });
        const audited = (await denialCount(member.userId)) - before;
        const context = `${route.method} ${fillPath(route.url, parts.params)} → ${response.status} ${JSON.stringify(response.body)}`;

        if (process.env.MATRIX_STATS)
          console.log(`STAT ${expectation.allowed} ${response.status} ${audited} ${matrixCase.name}`);
        expect(response.status, context).toBeLessThan(500);
        if (response.status >= 400)
          expect(response.headers.get('content-type'), context).toContain('application/problem+json');

        if (expectation.allowed === true && !spec.described) {
          // A generated request may fail for business reasons; it must not be refused as unauthorized.
          expect(response.status === 403 && response.body.code === 'FORBIDDEN', context).toBe(false);
          expect(audited, `an allowed call left ${audited} access.denied rows`).toBe(0);
          return;
        }

        if (expectation.allowed === true) {
          expect(response.status, context).toBe(spec.success.status);
          if (spec.success.code) expect(response.body.code, context).toBe(spec.success.code);
          expect(audited, `an allowed call left ${audited} access.denied rows`).toBe(0);
          if (route.key === 'GET /api/v1/patients/:id' && expectation.basis)
            expect(response.body.accessBasis).toBe(expectation.basis);
          return;
        }

        if (expectation.allowed === false) {
          expect(
            response.status >= 200 && response.status < 300,
            `the policy refuses this, yet: ${context}`,
          ).toBe(false);
          if (expectation.denialStatus) expect(response.status, context).toBe(expectation.denialStatus);
          else expect([403, 404], context).toContain(response.status);
          expect(response.body.code, context).toBe(response.status === 404 ? 'NOT_FOUND' : 'FORBIDDEN');
          expect(
            audited,
            `refused with ${response.status} but ${audited} access.denied rows were written`,
          ).toBe(1);
          const row = await latestDenial(member.userId);
          expect(row.actor_role).toBe(role);
          const patientId = c.patient?.id;
          const aboutPatient =
            spec.rule.kind === 'patient' ||
            spec.rule.kind === 'alertAction' ||
            spec.rule.kind === 'taskAction' ||
            spec.rule.kind === 'inferred';
          if (patientId && aboutPatient) expect(JSON.parse(row.patient_ids) as string[]).toContain(patientId);
          return;
        }

        // Not in the route table: a refusal the server chose must still be audited.
        if (response.status === 403 && response.body.code === 'FORBIDDEN') {
          expect(audited, `refused with 403 but no access.denied row: ${context}`).toBeGreaterThanOrEqual(1);
        }
      });
    });
  });
