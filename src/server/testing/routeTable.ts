/**
 * The API's routes as the cross-cutting tests see them: every registered route with its request
 * schemas, who may call it (the route table), a valid request for it, and fresh fixtures to send it
 * against. A route missing from ROUTE_TABLE is still tested, with rules inferred from its URL and
 * schemas, and shows up as a to-do in the authorization matrix until it is described here.
 */
import { randomUUID } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import fc from 'fast-check';
import type { Actor } from '../../core/access/actor.js';
import { decideInquiryAccess, type InquiryAction } from '../../core/access/inquiryPolicy.js';
import { decideSessionAccess, type SessionAction } from '../../core/access/sessionPolicy.js';
import {
  BREAK_GLASS_ROLES,
  PATIENT_ACTIONS,
  PATIENT_CREATOR_ROLES,
  decidePatientAccess,
  type PatientAccessFacts,
  type PatientAction,
} from '../../core/access/patientPolicy.js';
import { STAFF_ROLES, isRole, type StaffRole } from '../../core/access/roles.js';
import type { PatientStatus } from '../../core/care/levels.js';
import { patientSearchText } from '../../core/patients/searchText.js';
import { calendarDateIn, fixedClock } from '../../core/runtime.js';
import { createDb } from '../../db/createDb.js';
import { demoEmail } from '../../db/seed/demo.js';
import { completeAdmissionPaperwork } from '../../db/testing/factories.js';
import { argon2Hasher } from '../auth/passwords.js';
import { newToken, tokenHash } from '../auth/tokens.js';
import { loadConfig } from '../config.js';
import type { AppDeps } from '../deps.js';
import { registerRoutes } from '../routes/index.js';
import { byId, patientOf, recordOf, uniqueName } from './routeSpecSupport.js';
import { ADMISSION_ROUTE_SPECS } from './routeSpecs/admission.js';
import { ATTENDANCE_ROUTE_SPECS } from './routeSpecs/attendance.js';
import { REMINDER_ROUTE_SPECS } from './routeSpecs/reminders.js';
import { CALENDAR_FEED_ROUTE_SPECS } from './routeSpecs/calendarFeeds.js';
import { CASE_MANAGEMENT_ROUTE_SPECS } from './routeSpecs/caseManagement.js';
import { HOME_ROUTE_SPECS } from './routeSpecs/home.js';
import { INTAKE_ROUTE_SPECS } from './routeSpecs/intake.js';
import { MEASURE_ROUTE_SPECS } from './routeSpecs/measures.js';
import { NOTE_ROUTE_SPECS } from './routeSpecs/notes.js';
import { PLACEMENT_ROUTE_SPECS } from './routeSpecs/placement.js';
import { PLAN_PDF_ROUTE_SPECS } from './routeSpecs/planPdfs.js';
import { RECOVERY_ROUTE_SPECS } from './routeSpecs/recovery.js';
import { RECOVERY_SUPPORT_ROUTE_SPECS } from './routeSpecs/recoverySupports.js';
import { SCHEDULE_ROUTE_SPECS } from './routeSpecs/schedule.js';
import { SCHEDULE_RUN_ROUTE_SPECS } from './routeSpecs/scheduleRuns.js';
import { SELF_CHECK_ROUTE_SPECS } from './routeSpecs/selfCheck.js';
import { TREATMENT_PLAN_ROUTE_SPECS } from './routeSpecs/treatmentPlans.js';
import type { TestServer } from './testServer.js';

// ---------------------------------------------------------------------------------------------
// The routes of the app, read from the route modules themselves
// ---------------------------------------------------------------------------------------------

/** The subset of JSON Schema the API's TypeBox schemas use. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
}

export interface ApiRoute {
  method: string;
  /** The URL pattern as registered, e.g. `/api/v1/patients/:id`. */
  url: string;
  /** `METHOD url`, the key of the route table. */
  key: string;
  /** Reachable without signing in (`config.public`). */
  public: boolean;
  body?: JsonSchema;
  params?: JsonSchema;
  querystring?: JsonSchema;
}

const asSchema = (value: unknown): JsonSchema | undefined =>
  value !== null && typeof value === 'object' ? value : undefined;

/**
 * Every route the API registers, with its request schemas. The route modules are registered on a
 * fresh Fastify instance that records each route as it is added, so a new module listed in
 * `registerRoutes` shows up here (and in every test generated from this list) without further work.
 */
export const collectApiRoutes = async (deps: AppDeps): Promise<ApiRoute[]> => {
  const app = Fastify({ logger: false }).withTypeProvider<TypeBoxTypeProvider>();
  const routes: ApiRoute[] = [];
  app.addHook('onRoute', (options) => {
    const methods = Array.isArray(options.method) ? options.method : [options.method];
    const schema = (options.schema ?? {}) as Record<string, unknown>;
    const config = (options.config ?? {}) as { public?: boolean };
    for (const method of methods) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      const body = asSchema(schema.body);
      const params = asSchema(schema.params);
      const querystring = asSchema(schema.querystring ?? schema.query);
      routes.push({
        method,
        url: options.url,
        key: `${method} ${options.url}`,
        public: config.public === true,
        ...(body ? { body } : {}),
        ...(params ? { params } : {}),
        ...(querystring ? { querystring } : {}),
      });
    }
  });
  registerRoutes(app, deps);
  await app.ready();
  await app.close();
  const seen = new Set<string>();
  return routes
    .filter((r) => (seen.has(r.key) ? false : (seen.add(r.key), true)))
    .sort((a, b) => a.key.localeCompare(b.key));
};

/**
 * The same list without a running server, for generating test cases when a test file is loaded:
 * the route modules only read configuration while they register.
 */
export const collectApiRoutesOffline = async (): Promise<ApiRoute[]> => {
  const db = createDb({ databaseUrl: ':memory:' });
  try {
    const config = loadConfig({ DATABASE_URL: ':memory:', LOG_LEVEL: 'silent' });
    return await collectApiRoutes({
      db,
      config,
      clock: fixedClock(new Date('2026-11-24T15:00:00.000Z')),
      hasher: argon2Hasher,
    });
  } finally {
    await db.close();
  }
};

/** Names of the `:params` of a URL pattern, in order. */
export const paramNames = (url: string): string[] => [...url.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '');

/** The URL pattern with its `:params` filled in (URL-encoded) and an optional query string. */
export const fillPath = (
  url: string,
  params: Record<string, string>,
  query?: Record<string, string | readonly string[]>,
): string => {
  const path = url.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? randomUUID()));
  if (!query) return path;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const v of typeof value === 'string' ? [value] : value) search.append(key, v);
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
};

// ---------------------------------------------------------------------------------------------
// Minimal valid values from a schema (for routes the table below does not describe)
// ---------------------------------------------------------------------------------------------

/** Values to use for properties and params of a given name (`patientId`, `version` …). */
export type Hints = Readonly<Record<string, string | number>>;

const stringFor = (schema: JsonSchema, hints: Hints, name: string | undefined): string => {
  const hinted = name !== undefined ? hints[name] : undefined;
  if (typeof hinted === 'string') return hinted;
  switch (schema.format) {
    case 'uuid':
      return randomUUID();
    case 'date':
      return typeof hints.today === 'string' ? hints.today : '2026-11-24';
    case 'date-time':
      return typeof hints.soon === 'string' ? hints.soon : '2026-11-25T15:00:00.000Z';
    case 'email':
      return `case-${randomUUID().slice(0, 8)}@example.test`;
    case undefined:
    default:
      break;
  }
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 200;
  if (schema.pattern !== undefined) {
    const pattern = new RegExp(schema.pattern);
    const [sample] = fc.sample(
      fc.stringMatching(pattern).filter((s) => s.length >= min && s.length <= max),
      { numRuns: 1, seed: 20261124 },
    );
    if (sample !== undefined) return sample;
  }
  const text = 'Example text for a test case';
  return (text.length >= min ? text : text.padEnd(min, 'x')).slice(0, Math.max(max, 1));
};

/**
 * A small value the schema accepts: required properties only (plus optional ones named in `hints`),
 * the first enum member, the minimum of a number, a real-looking id, date or e-mail.
 */
export const minimalValid = (schema: JsonSchema, hints: Hints = {}, name?: string): unknown => {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches && branches.length > 0) {
    const branch = branches.find((b) => b.type !== 'null') ?? branches[0];
    return branch ? minimalValid(branch, hints, name) : null;
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set(schema.required ?? []);
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        if (required.has(key) || hints[key] !== undefined) out[key] = minimalValid(property, hints, key);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () =>
        schema.items ? minimalValid(schema.items, hints, name) : null,
      );
    case 'string':
      return stringFor(schema, hints, name);
    case 'integer':
    case 'number': {
      const hinted = name !== undefined ? hints[name] : undefined;
      if (typeof hinted === 'number') return hinted;
      if (schema.minimum !== undefined) return schema.minimum;
      if (schema.exclusiveMinimum !== undefined) return schema.exclusiveMinimum + 1;
      return schema.maximum !== undefined ? Math.min(1, schema.maximum) : 1;
    }
    case 'boolean':
      return false;
    case 'null':
      return null;
    case undefined:
    default:
      return {};
  }
};

// ---------------------------------------------------------------------------------------------
// Fixtures: staff, sites, patients and records each test case can own
// ---------------------------------------------------------------------------------------------

export interface StaffMember {
  userId: string;
  email: string;
  role: StaffRole;
}

export interface PatientOptions {
  siteId: string;
  status: PatientStatus;
  caseload: readonly { userId: string; kind: 'primary_clinician' | 'clinician' | 'case_manager' }[];
  openEpisode: boolean;
  /** The patient is a current member of a group series this user leads. */
  groupLeaderId?: string;
}

export interface PatientFixture {
  id: string;
  mrn: string;
  siteId: string;
  status: PatientStatus;
  caseloadUserIds: readonly string[];
  groupLeaderUserIds: readonly string[];
  version: number;
  programId: string;
  episodeId: string | null;
  episodeVersion: number;
}

export interface InquiryFixture {
  id: string;
  siteId: string;
  version: number;
}

/** A session series every day of the week at 09:00 for 90 minutes; `occurrenceKey` is today's session at its site. */
export interface SessionFixture {
  id: string;
  siteId: string;
  clinicianId: string;
  occurrenceKey: string;
  version: number;
}

export interface RecordFixture {
  id: string;
  /** Recipient (alerts) or owner (tasks). */
  userId: string;
  siteId: string;
  patientId: string;
}

/**
 * Creates the records test cases work on, directly in the database: every case gets fresh ones, so
 * cases never depend on each other's writes. Also computes the policy's view of a staff member
 * (sites, supervisees) from the database, independently of the server's own loader.
 */
export class RouteFixtures {
  private readonly programBySite = new Map<string, string>();
  private readonly timeZoneBySite = new Map<string, string>();

  private constructor(
    readonly server: TestServer,
    readonly staff: ReadonlyMap<StaffRole, StaffMember>,
    /** A second clinician, supervised like the first: the other holder of caseloads in the demo. */
    readonly clinician2: StaffMember,
    readonly organizationId: string,
    /** The demo's first site: every staff member works there. */
    readonly firstSiteId: string,
    /** The demo's second site: clinical and leadership staff work there, front-office staff do not. */
    readonly secondSiteId: string,
    /** A site created for the tests where no staff member works: its patients relate to nobody but administrators. */
    readonly outsideSiteId: string,
    /** An active clinician who is on no case and supervised by nobody: holds the "someone else's" alerts and tasks. */
    readonly bystanderId: string,
  ) {}

  static async create(server: TestServer): Promise<RouteFixtures> {
    const db = server.db.kysely;
    const staff = new Map<StaffRole, StaffMember>();
    for (const role of STAFF_ROLES) {
      const user = server.demo.users.find((u) => u.role === role);
      if (!user) throw new Error(`the demo has no ${role}`);
      const row = await db
        .selectFrom('users')
        .select('id')
        .where('email', '=', user.email)
        .executeTakeFirstOrThrow();
      staff.set(role, { userId: row.id, email: user.email, role });
    }
    const second = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', demoEmail('clinician2'))
      .executeTakeFirstOrThrow();
    const org = await db.selectFrom('organizations').select('id').executeTakeFirstOrThrow();
    const [firstSite, secondSite] = server.demo.sites;
    if (!firstSite || !secondSite) throw new Error('the demo needs two sites');
    const fixtures = new RouteFixtures(
      server,
      staff,
      { userId: second.id, email: demoEmail('clinician2'), role: 'clinician' },
      org.id,
      firstSite.id,
      secondSite.id,
      '',
      '',
    );
    const outside = await fixtures.createSite({
      name: 'Riverbend — Test annex',
      timeZone: 'America/Chicago',
    });
    await fixtures.createProgram(outside);
    const bystander = await fixtures.createUser({ role: 'clinician', active: true });
    return new RouteFixtures(
      server,
      staff,
      fixtures.clinician2,
      org.id,
      firstSite.id,
      secondSite.id,
      outside,
      bystander,
    );
  }

  member(role: StaffRole): StaffMember {
    const member = this.staff.get(role);
    if (!member) throw new Error(`no staff member for ${role}`);
    return member;
  }

  private get db() {
    return this.server.db.kysely;
  }

  private nowIso(): string {
    return this.server.clock.now().toISOString();
  }

  /** The policy's actor for a user, computed from users, user_sites and credentials. */
  async actorOf(userId: string): Promise<Actor> {
    const user = await this.db
      .selectFrom('users')
      .select(['id', 'role'])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    if (!isRole(user.role)) throw new Error(`unknown role ${user.role}`);
    const [sites, supervisees] = await Promise.all([
      this.db.selectFrom('user_sites').select('site_id').where('user_id', '=', userId).execute(),
      this.db.selectFrom('credentials').select('user_id').where('supervisor_id', '=', userId).execute(),
    ]);
    return {
      userId: user.id,
      role: user.role,
      siteIds: sites.map((s) => s.site_id),
      superviseeIds: supervisees.map((s) => s.user_id),
      credentials: null,
    };
  }

  factsOf(patient: PatientFixture): PatientAccessFacts {
    return {
      siteId: patient.siteId,
      status: patient.status,
      caseloadUserIds: patient.caseloadUserIds,
      groupLeaderUserIds: patient.groupLeaderUserIds,
      breakGlass: false,
    };
  }

  async timeZoneOf(siteId: string): Promise<string> {
    const cached = this.timeZoneBySite.get(siteId);
    if (cached) return cached;
    const site = await this.db
      .selectFrom('sites')
      .select('time_zone')
      .where('id', '=', siteId)
      .executeTakeFirstOrThrow();
    this.timeZoneBySite.set(siteId, site.time_zone);
    return site.time_zone;
  }

  /** Today's calendar date at the site. */
  async todayAt(siteId: string): Promise<string> {
    return calendarDateIn(this.server.clock.now(), await this.timeZoneOf(siteId));
  }

  /** An active IOP program of the site. */
  async programAt(siteId: string): Promise<string> {
    const cached = this.programBySite.get(siteId);
    if (cached) return cached;
    const program = await this.db
      .selectFrom('programs')
      .select('id')
      .where('site_id', '=', siteId)
      .where('active', '=', 1)
      .where('level_of_care', '=', 'IOP')
      .orderBy('name')
      .executeTakeFirstOrThrow();
    this.programBySite.set(siteId, program.id);
    return program.id;
  }

  async createPatient(options: PatientOptions): Promise<PatientFixture> {
    const id = randomUUID();
    const mrn = `T${randomUUID().replaceAll('-', '').slice(0, 9).toUpperCase()}`;
    const nowIso = this.nowIso();
    const today = await this.todayAt(options.siteId);
    const admittedOn = addDays(today, -10);
    const programId = await this.programAt(options.siteId);
    const firstName = 'Casey';
    const lastName = `Fixture${mrn.slice(1, 6)}`;
    const dateOfBirth = '1988-04-12';
    const director = this.member('program_director').userId;
    await this.db
      .insertInto('patients')
      .values({
        id,
        site_id: options.siteId,
        mrn,
        first_name: firstName,
        last_name: lastName,
        preferred_name: null,
        date_of_birth: dateOfBirth,
        sex_at_birth: null,
        gender_identity: null,
        pronouns: null,
        phone: null,
        email: null,
        address_line: null,
        city: null,
        state: null,
        postal_code: null,
        preferred_language: 'en',
        voicemail_ok: 0,
        texts_ok: 0,
        name_clinic_ok: 0,
        sms_opt_in: 0,
        sms_opted_out_at: null,
        status: options.status,
        primary_clinician_id: null,
        priority_population: null,
        search_text: patientSearchText({ firstName, lastName, preferredName: null, mrn, dateOfBirth }),
        created_at: nowIso,
        updated_at: nowIso,
        version: 1,
      })
      .execute();
    for (const entry of options.caseload) {
      await this.db
        .insertInto('caseload_assignments')
        .values({
          id: randomUUID(),
          patient_id: id,
          user_id: entry.userId,
          kind: entry.kind,
          assigned_at: nowIso,
          assigned_by: director,
          ended_at: null,
        })
        .execute();
    }
    if (options.groupLeaderId) {
      const seriesId = randomUUID();
      await this.db
        .insertInto('session_series')
        .values({
          id: seriesId,
          site_id: options.siteId,
          program_id: programId,
          track_id: null,
          kind: 'group',
          title: 'Relapse prevention',
          clinician_id: options.groupLeaderId,
          room_id: null,
          telehealth_url: null,
          capacity: 12,
          enrolment: 'rolling',
          audience: 'adult',
          gender: null,
          weekdays: '1,3,5',
          start_time: '09:00',
          duration_minutes: 90,
          every_weeks: 1,
          starts_on: admittedOn,
          ends_on: null,
          archived_at: null,
          created_by: director,
          created_at: nowIso,
          updated_at: nowIso,
          version: 1,
        })
        .execute();
      await this.db
        .insertInto('series_memberships')
        .values({
          id: randomUUID(),
          series_id: seriesId,
          patient_id: id,
          joined_on: admittedOn,
          left_on: null,
          pinned: 0,
          recorded_at: nowIso,
          created_by: director,
          ended_by: null,
          updated_at: nowIso,
          version: 1,
        })
        .execute();
    }
    let episodeId: string | null = null;
    if (options.openEpisode) {
      // Admitted patients have passed the admission paperwork checklist (SPEC §2).
      await completeAdmissionPaperwork(this.db, id, director, nowIso);
      episodeId = randomUUID();
      await this.db
        .insertInto('episodes')
        .values({
          id: episodeId,
          patient_id: id,
          site_id: options.siteId,
          admitted_on: admittedOn,
          discharged_on: null,
          discharge_type: null,
          discharge_note: null,
          status: 'open',
          created_by: director,
          created_at: nowIso,
          updated_at: nowIso,
          version: 1,
        })
        .execute();
      await this.db
        .insertInto('enrolment_segments')
        .values({
          id: randomUUID(),
          episode_id: episodeId,
          patient_id: id,
          program_id: programId,
          track_id: null,
          level_of_care: 'IOP',
          start_on: admittedOn,
          end_on: null,
          primary_clinician_id: director,
          assessment_id: null,
          change_kind: 'admission',
          change_reason: null,
          backdate_reason: null,
          created_by: director,
          created_at: nowIso,
        })
        .execute();
    }
    return {
      id,
      mrn,
      siteId: options.siteId,
      status: options.status,
      caseloadUserIds: options.caseload.map((c) => c.userId),
      groupLeaderUserIds: options.groupLeaderId ? [options.groupLeaderId] : [],
      version: 1,
      programId,
      episodeId,
      episodeVersion: 1,
    };
  }

  async createUser(options: { role: StaffRole; active: boolean }): Promise<string> {
    const id = randomUUID();
    const nowIso = this.nowIso();
    await this.db
      .insertInto('users')
      .values({
        id,
        email: `fixture-${id.slice(0, 8)}@example.test`,
        display_name: `Fixture ${options.role}`,
        role: options.role,
        password_hash:
          '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0000000000000000000000000000000000000000000',
        totp_secret: null,
        totp_enrolled_at: null,
        active: options.active ? 1 : 0,
        failed_logins: 0,
        locked_until: null,
        last_login_at: null,
        created_at: nowIso,
        updated_at: nowIso,
        version: 1,
      })
      .execute();
    return id;
  }

  async createSite(options: { name?: string; timeZone?: string } = {}): Promise<string> {
    const id = randomUUID();
    const nowIso = this.nowIso();
    await this.db
      .insertInto('sites')
      .values({
        id,
        organization_id: this.organizationId,
        name: options.name ?? `Fixture site ${id.slice(0, 6)}`,
        time_zone: options.timeZone ?? 'America/New_York',
        on_call_user_id: null,
        created_at: nowIso,
        updated_at: nowIso,
        version: 1,
      })
      .execute();
    return id;
  }

  async createProgram(siteId: string): Promise<string> {
    const id = randomUUID();
    const nowIso = this.nowIso();
    await this.db
      .insertInto('programs')
      .values({
        id,
        site_id: siteId,
        name: `Fixture IOP ${id.slice(0, 6)}`,
        level_of_care: 'IOP',
        audience: 'adult',
        min_weekly_hours: 9,
        max_weekly_hours: 19,
        typical_weeks_min: 8,
        typical_weeks_max: 12,
        active: 1,
        created_at: nowIso,
        updated_at: nowIso,
        version: 1,
      })
      .execute();
    return id;
  }

  async createTrack(programId: string): Promise<string> {
    const id = randomUUID();
    const nowIso = this.nowIso();
    await this.db
      .insertInto('tracks')
      .values({
        id,
        program_id: programId,
        name: `Fixture track ${id.slice(0, 6)}`,
        weekly_pattern: JSON.stringify([{ weekday: 2, start: '13:00', end: '16:00' }]),
        active: 1,
        created_at: nowIso,
        updated_at: nowIso,
        version: 1,
      })
      .execute();
    return id;
  }

  async createApiToken(
    userId: string,
    options: { revoked?: boolean; expired?: boolean } = {},
  ): Promise<{ id: string; token: string }> {
    const id = randomUUID();
    const token = newToken('oiop_');
    const now = this.server.clock.now();
    await this.db
      .insertInto('api_tokens')
      .values({
        id,
        user_id: userId,
        name: 'Fixture token',
        token_hash: tokenHash(token),
        created_by: this.member('admin').userId,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + (options.expired ? -1 : 30) * 86_400_000).toISOString(),
        revoked_at: options.revoked ? now.toISOString() : null,
        last_used_at: null,
      })
      .execute();
    return { id, token };
  }

  /** A session row for the user, last seen `idleMinutes` ago; returns the cookie header. */
  async createSession(userId: string, idleMinutes = 0): Promise<{ cookie: string; csrf: string }> {
    const token = newToken();
    const csrf = newToken();
    const now = this.server.clock.now();
    const lastSeen = new Date(now.getTime() - idleMinutes * 60_000).toISOString();
    await this.db
      .insertInto('auth_sessions')
      .values({
        id: tokenHash(token),
        user_id: userId,
        csrf_token: csrf,
        created_at: lastSeen,
        last_seen_at: lastSeen,
        expires_at: new Date(now.getTime() + 8 * 3_600_000).toISOString(),
        ip: '127.0.0.1',
        user_agent: 'fixture',
      })
      .execute();
    return { cookie: `openiop_session=${token}`, csrf };
  }

  async createAlert(
    patient: PatientFixture,
    recipientUserId: string,
    kind = 'missed_sessions',
  ): Promise<RecordFixture> {
    const id = randomUUID();
    await this.db
      .insertInto('alerts')
      .values({
        id,
        patient_id: patient.id,
        site_id: patient.siteId,
        kind,
        severity: kind === 'safety' ? 'urgent' : 'normal',
        title: 'Missed two sessions in a row',
        detail: null,
        source_type: null,
        source_id: null,
        recipient_user_id: recipientUserId,
        status: 'open',
        raised_at: this.nowIso(),
        escalation_level: 0,
        escalate_at: null,
        acknowledged_at: null,
        acknowledged_by: null,
        resolved_at: null,
        resolved_by: null,
        resolution_note: null,
        version: 1,
      })
      .execute();
    return { id, userId: recipientUserId, siteId: patient.siteId, patientId: patient.id };
  }

  async createTask(patient: PatientFixture, ownerUserId: string): Promise<RecordFixture> {
    const id = randomUUID();
    const now = this.server.clock.now();
    await this.db
      .insertInto('tasks')
      .values({
        id,
        patient_id: patient.id,
        title: 'Call back about transport',
        detail: null,
        owner_user_id: ownerUserId,
        due_at: new Date(now.getTime() + 86_400_000).toISOString(),
        status: 'open',
        source_type: null,
        source_id: null,
        created_by: this.member('program_director').userId,
        created_at: now.toISOString(),
        completed_at: null,
        completed_by: null,
        version: 1,
      })
      .execute();
    return { id, userId: ownerUserId, siteId: patient.siteId, patientId: patient.id };
  }

  /** A group series at a site, led by `clinicianId`, meeting daily since ten days ago. */
  async createSessionSeries(siteId: string, clinicianId: string): Promise<SessionFixture> {
    const id = randomUUID();
    const nowIso = this.nowIso();
    const today = await this.todayAt(siteId);
    await this.db
      .insertInto('session_series')
      .values({
        id,
        site_id: siteId,
        program_id: await this.programAt(siteId),
        track_id: null,
        kind: 'group',
        title: 'Coping skills',
        clinician_id: clinicianId,
        room_id: null,
        telehealth_url: null,
        capacity: 12,
        enrolment: 'rolling',
        audience: 'adult',
        gender: null,
        weekdays: '1,2,3,4,5,6,7',
        start_time: '09:00',
        duration_minutes: 90,
        every_weeks: 1,
        starts_on: addDays(today, -10),
        ends_on: null,
        archived_at: null,
        created_by: this.member('program_director').userId,
        created_at: nowIso,
        updated_at: nowIso,
        version: 1,
      })
      .execute();
    return { id, siteId, clinicianId, occurrenceKey: `${id}@${today}`, version: 1 };
  }

  /** A phone inquiry at a site, in stage `new`. */
  async createInquiry(siteId: string): Promise<InquiryFixture> {
    const id = randomUUID();
    const now = this.server.clock.now().toISOString();
    await this.db
      .insertInto('inquiries')
      .values({
        id,
        site_id: siteId,
        source: 'phone',
        stage: 'new',
        stage_changed_at: now,
        close_reason: null,
        first_name: 'Casey',
        last_name: uniqueName('Caller'),
        date_of_birth: '1988-03-09',
        phone: '+15555550123',
        email: null,
        preferred_language: 'en',
        contact_window: null,
        voicemail_ok: 1,
        texts_ok: 0,
        name_clinic_ok: 0,
        consent_to_contact: 1,
        referrer_name: null,
        referrer_organization: null,
        presenting_concern: 'Drinking most days; wants help while keeping a job.',
        substances: '["alcohol"]',
        priority_population: null,
        priority_deadline: null,
        preferred_schedule: 'evening',
        wanted_track_id: null,
        waitlisted_at: null,
        assessment_at: null,
        assigned_user_id: null,
        patient_id: null,
        notes: null,
        created_by: this.member('intake_coordinator').userId,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
    return { id, siteId, version: 1 };
  }
}

const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

// ---------------------------------------------------------------------------------------------
// The route table: who may call each route, and a valid request for it
// ---------------------------------------------------------------------------------------------

/**
 * Who may call a route:
 * - `public`: anyone, signed in or not;
 * - `anyStaff`: every signed-in staff member (what they get back is scoped by the route);
 * - `roles`: only the listed roles, whoever the record is about;
 * - `patient`: the patient policy decides `action` for the patient named by the `:id` param or the body's `patientId`;
 * - `createPatient`: a creator role working at the site of the new patient (administrators: any site);
 * - `inquiry`: the inquiry policy decides `action` for the inquiry named by the `:id` param (own: an inquiry at the
 *   first demo site, colleague: the second, other: the test annex);
 * - `alertAction` / `taskAction`: the alert's recipient or task's owner, their supervisor (and, for alerts, a
 *   program director of the alert's site);
 * - `inferred`: a route the table does not describe yet; only what holds for every route is checked.
 */
export type Rule =
  | { kind: 'public' }
  | { kind: 'anyStaff' }
  | { kind: 'roles'; roles: readonly StaffRole[] }
  | { kind: 'patient'; action: PatientAction }
  | { kind: 'createPatient' }
  | { kind: 'alertAction' }
  | { kind: 'taskAction' }
  | { kind: 'inquiry'; action: InquiryAction }
  | { kind: 'session'; action: SessionAction }
  | { kind: 'inferred'; aboutPatient: boolean };

/** What state the case's patient must be in for the valid request to succeed. */
export type PatientNeed = 'open-episode' | 'no-episode' | 'any';

/**
 * `own`: a patient (or site, alert, task) the acting role is related to by the policy;
 * `colleague`: a patient at the first demo site on the second clinician's caseload (their alert or task;
 *   for patient registration: the second demo site, where front-office staff do not work);
 * `other`: a patient at a site where no staff member works, on nobody's caseload (alerts and tasks of
 *   a bystander clinician);
 * `none`: the route is not about one patient or site.
 */
/** `group`: a colleague's patient who is in a group the caller (a supervisor: their supervisee) leads. */
export type Relation = 'own' | 'colleague' | 'group' | 'other' | 'none';

export interface CaseFixture {
  member: StaffMember;
  actor: Actor;
  relation: Relation;
  /** Target site (patient registration): the first demo site for `own`, the second for `colleague`, the test annex for `other`. */
  siteId: string;
  patient: PatientFixture | null;
  alert: RecordFixture | null;
  task: RecordFixture | null;
  inquiry: InquiryFixture | null;
  /** `own`: led by the caller at the first site; `colleague`: led by the second clinician there; `other`: at the annex. */
  session: SessionFixture | null;
}

export interface RequestParts {
  params: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

export interface RouteSpec {
  rule: Rule;
  needs?: { patient?: PatientNeed; alert?: boolean; task?: boolean; inquiry?: boolean; session?: boolean };
  /** The answer when the caller is allowed: a 2xx, or a documented refusal for a business reason. */
  success: { status: number; code?: string; why?: string };
  build(fx: RouteFixtures, c: CaseFixture): Promise<RequestParts> | RequestParts;
}

/** Every route the API has today, keyed by `METHOD url`. Routes missing here are tested with inferred rules. */
export const ROUTE_TABLE: Readonly<Record<string, RouteSpec>> = {
  ...INTAKE_ROUTE_SPECS,
  ...ADMISSION_ROUTE_SPECS,
  ...PLACEMENT_ROUTE_SPECS,
  ...MEASURE_ROUTE_SPECS,
  ...SELF_CHECK_ROUTE_SPECS,
  ...SCHEDULE_ROUTE_SPECS,
  ...SCHEDULE_RUN_ROUTE_SPECS,
  ...ATTENDANCE_ROUTE_SPECS,
  ...REMINDER_ROUTE_SPECS,
  ...CALENDAR_FEED_ROUTE_SPECS,
  ...TREATMENT_PLAN_ROUTE_SPECS,
  ...NOTE_ROUTE_SPECS,
  ...RECOVERY_ROUTE_SPECS,
  ...RECOVERY_SUPPORT_ROUTE_SPECS,
  ...PLAN_PDF_ROUTE_SPECS,
  ...CASE_MANAGEMENT_ROUTE_SPECS,
  ...HOME_ROUTE_SPECS,
  'GET /api/health': { rule: { kind: 'public' }, success: { status: 200 }, build: () => ({ params: {} }) },
  'POST /api/v1/auth/login': {
    rule: { kind: 'public' },
    success: { status: 401 },
    build: () => ({ params: {}, body: { email: 'nobody@example.test', password: 'not-the-password' } }),
  },
  'POST /api/v1/auth/mfa/enrol': {
    rule: { kind: 'public' },
    success: { status: 401 },
    build: () => ({ params: {}, body: { enrolmentId: randomUUID(), totp: '123456' } }),
  },
  'POST /api/v1/auth/logout': {
    rule: { kind: 'public' },
    success: { status: 204 },
    build: () => ({ params: {} }),
  },
  'GET /api/v1/me': { rule: { kind: 'anyStaff' }, success: { status: 200 }, build: () => ({ params: {} }) },

  'GET /api/v1/patients': {
    rule: { kind: 'anyStaff' },
    success: { status: 200 },
    build: () => ({ params: {}, query: { limit: '5' } }),
  },
  'POST /api/v1/patients': {
    rule: { kind: 'createPatient' },
    success: { status: 201 },
    build: (_fx, c) => ({
      params: {},
      body: {
        firstName: 'Robin',
        lastName: uniqueName('Newcomer'),
        dateOfBirth: '1990-05-17',
        siteId: c.siteId,
      },
    }),
  },
  'GET /api/v1/patients/:id': {
    rule: { kind: 'patient', action: 'patient.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => byId(c),
  },
  'PATCH /api/v1/patients/:id': {
    rule: { kind: 'patient', action: 'patient.update' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => ({
      ...byId(c),
      body: {
        version: patientOf(c).version,
        preferredName: 'Sam',
        contactPreferences: { voicemailOk: true },
      },
    }),
  },
  'GET /api/v1/patients/:id/episodes': {
    rule: { kind: 'patient', action: 'episode.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => byId(c),
  },
  'POST /api/v1/patients/:id/episodes': {
    rule: { kind: 'patient', action: 'episode.admit' },
    needs: { patient: 'no-episode' },
    success: { status: 201 },
    build: async (fx, c) => {
      const patient = patientOf(c);
      // Admission waits for the paperwork checklist (SPEC §2).
      await completeAdmissionPaperwork(fx.server.db, patient.id, fx.member('intake_coordinator').userId);
      return {
        ...byId(c),
        body: {
          programId: patient.programId,
          startOn: await fx.todayAt(patient.siteId),
          primaryClinicianId: fx.member('clinician').userId,
        },
      };
    },
  },
  'POST /api/v1/patients/:id/episodes/:episodeId/segments': {
    rule: { kind: 'patient', action: 'episode.changeSegment' },
    needs: { patient: 'open-episode' },
    success: { status: 200 },
    build: async (fx, c) => {
      const patient = patientOf(c);
      return {
        params: { id: patient.id, episodeId: patient.episodeId ?? randomUUID() },
        body: {
          version: patient.episodeVersion,
          programId: patient.programId,
          levelOfCare: 'OP',
          startOn: await fx.todayAt(patient.siteId),
          reason: 'Stable for three weeks; stepping down to outpatient.',
        },
      };
    },
  },
  'POST /api/v1/patients/:id/episodes/:episodeId/discharge': {
    rule: { kind: 'patient', action: 'episode.discharge' },
    needs: { patient: 'open-episode' },
    success: { status: 200 },
    build: async (fx, c) => {
      const patient = patientOf(c);
      return {
        params: { id: patient.id, episodeId: patient.episodeId ?? randomUUID() },
        body: {
          version: patient.episodeVersion,
          dischargeType: 'completed',
          dischargedOn: await fx.todayAt(patient.siteId),
        },
      };
    },
  },
  'POST /api/v1/patients/:id/disclosures': {
    rule: { kind: 'patient', action: 'disclosure.request' },
    needs: { patient: 'any' },
    // SPEC §10: until consents exist, every disclosure path refuses and says why.
    success: { status: 403, code: 'NO_CONSENT_ON_FILE', why: 'no consent on file' },
    build: (_fx, c) => ({
      ...byId(c),
      body: { recipient: 'Dr. Example, PCP', purpose: 'Care coordination', information: 'Attendance dates' },
    }),
  },
  'GET /api/v1/patients/:id/audit': {
    rule: { kind: 'patient', action: 'audit.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => ({ ...byId(c), query: { limit: '10' } }),
  },
  'GET /api/v1/patients/:id/alerts': {
    rule: { kind: 'patient', action: 'alert.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => byId(c),
  },

  'POST /api/v1/break-glass/lookup': {
    rule: { kind: 'roles', roles: BREAK_GLASS_ROLES as readonly StaffRole[] },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => ({ params: {}, body: { mrn: patientOf(c).mrn } }),
  },
  'POST /api/v1/break-glass': {
    rule: { kind: 'roles', roles: BREAK_GLASS_ROLES as readonly StaffRole[] },
    needs: { patient: 'any' },
    success: { status: 201 },
    build: (_fx, c) => ({
      params: {},
      body: { patientId: patientOf(c).id, reason: 'Covering the on-call phone; patient in crisis.' },
    }),
  },
  'GET /api/v1/break-glass': {
    rule: { kind: 'roles', roles: ['clinical_supervisor', 'program_director', 'admin'] },
    success: { status: 200 },
    build: () => ({ params: {} }),
  },

  'GET /api/v1/programs': {
    rule: { kind: 'anyStaff' },
    success: { status: 200 },
    build: () => ({ params: {} }),
  },
  'GET /api/v1/sites': {
    rule: { kind: 'anyStaff' },
    success: { status: 200 },
    build: () => ({ params: {} }),
  },
  'GET /api/v1/staff': {
    rule: { kind: 'anyStaff' },
    success: { status: 200 },
    build: () => ({ params: {}, query: { role: 'clinician' } }),
  },

  'GET /api/v1/alerts': {
    rule: { kind: 'anyStaff' },
    success: { status: 200 },
    build: () => ({ params: {} }),
  },
  'POST /api/v1/alerts/:id/acknowledge': {
    rule: { kind: 'alertAction' },
    needs: { patient: 'any', alert: true },
    success: { status: 200 },
    build: (_fx, c) => ({ params: { id: recordOf(c.alert).id }, body: { version: 1 } }),
  },
  'POST /api/v1/alerts/:id/resolve': {
    rule: { kind: 'alertAction' },
    needs: { patient: 'any', alert: true },
    success: { status: 200 },
    build: (_fx, c) => ({
      params: { id: recordOf(c.alert).id },
      body: { version: 1, note: 'Called the patient; rescheduled for Thursday.' },
    }),
  },
  'GET /api/v1/tasks': {
    rule: { kind: 'anyStaff' },
    success: { status: 200 },
    build: () => ({ params: {} }),
  },
  'POST /api/v1/tasks': {
    rule: { kind: 'patient', action: 'patient.read' },
    needs: { patient: 'any' },
    success: { status: 201 },
    build: (fx, c) => ({
      params: {},
      body: {
        title: 'Confirm ride to group',
        patientId: patientOf(c).id,
        dueAt: new Date(fx.server.clock.now().getTime() + 86_400_000).toISOString(),
      },
    }),
  },
  'POST /api/v1/tasks/:id/complete': {
    rule: { kind: 'taskAction' },
    needs: { patient: 'any', task: true },
    success: { status: 200 },
    build: (_fx, c) => ({ params: { id: recordOf(c.task).id }, body: { version: 1 } }),
  },

  'GET /api/v1/admin/users': {
    rule: { kind: 'roles', roles: ['admin'] },
    success: { status: 200 },
    build: () => ({ params: {} }),
  },
  'POST /api/v1/admin/users': {
    rule: { kind: 'roles', roles: ['admin'] },
    success: { status: 201 },
    build: (fx) => ({
      params: {},
      body: {
        email: `new-${randomUUID().slice(0, 8)}@example.test`,
        displayName: 'New Front Desk',
        role: 'front_desk',
        password: 'a-long-enough-password',
        siteIds: [fx.firstSiteId],
      },
    }),
  },
  'PATCH /api/v1/admin/users/:id': {
    rule: { kind: 'roles', roles: ['admin'] },
    success: { status: 200 },
    build: async (fx) => ({
      params: { id: await fx.createUser({ role: 'clinician', active: true }) },
      body: { version: 1, displayName: 'Renamed Person' },
    }),
  },
  // Every staff member reads the sites they work at, for pick lists.
  'GET /api/v1/admin/sites': {
    rule: { kind: 'anyStaff' },
    success: { status: 200 },
    build: () => ({ params: {} }),
  },
  'POST /api/v1/admin/sites': {
    rule: { kind: 'roles', roles: ['admin'] },
    success: { status: 201 },
    build: () => ({ params: {}, body: { name: uniqueName('Riverbend — New'), timeZone: 'America/Denver' } }),
  },
  'PATCH /api/v1/admin/sites/:id': {
    rule: { kind: 'roles', roles: ['admin'] },
    success: { status: 200 },
    build: async (fx) => ({
      params: { id: await fx.createSite() },
      body: { version: 1, name: uniqueName('Renamed site') },
    }),
  },
  'GET /api/v1/admin/programs': {
    rule: { kind: 'roles', roles: ['admin'] },
    success: { status: 200 },
    build: () => ({ params: {} }),
  },
  'POST /api/v1/admin/programs': {
    rule: { kind: 'roles', roles: ['admin'] },
    success: { status: 201 },
    build: (fx) => ({
      params: {},
      body: {
        siteId: fx.firstSiteId,
        name: uniqueName('Young adult IOP'),
        levelOfCare: 'IOP',
        audience: 'adult',
        minWeeklyHours: 9,
        maxWeeklyHours: 19,
        typicalWeeksMin: 8,
        typicalWeeksMax: 12,
      },
    }),
  },
  'PATCH /api/v1/admin/programs/:id': {
    rule: { kind: 'roles', roles: ['admin'] },
    success: { status: 200 },
    build: async (fx) => ({
      params: { id: await fx.createProgram(fx.firstSiteId) },
      body: { version: 1, name: uniqueName('Renamed program') },
    }),
  },
  'POST /api/v1/admin/programs/:id/tracks': {
    rule: { kind: 'roles', roles: ['admin'] },
    success: { status: 201 },
    build: async (fx) => ({
      params: { id: await fx.createProgram(fx.firstSiteId) },
      body: { name: 'Afternoon', weeklyPattern: [{ weekday: 2, start: '13:00', end: '16:00' }] },
    }),
  },
  'PATCH /api/v1/admin/tracks/:id': {
    rule: { kind: 'roles', roles: ['admin'] },
    success: { status: 200 },
    build: async (fx) => ({
      params: { id: await fx.createTrack(await fx.createProgram(fx.firstSiteId)) },
      body: { version: 1, name: 'Renamed track' },
    }),
  },
  // Not admin-only: SPEC §1 has clinical supervisors (and directors) assign caseloads; the patient policy decides.
  'POST /api/v1/admin/caseloads': {
    rule: { kind: 'patient', action: 'caseload.assign' },
    needs: { patient: 'any' },
    success: { status: 201 },
    build: (fx, c) => ({
      params: {},
      body: { patientId: patientOf(c).id, userId: fx.clinician2.userId, kind: 'clinician' },
    }),
  },
  'GET /api/v1/admin/api-tokens': {
    rule: { kind: 'roles', roles: ['admin'] },
    success: { status: 200 },
    build: () => ({ params: {} }),
  },
  'POST /api/v1/admin/api-tokens': {
    rule: { kind: 'roles', roles: ['admin'] },
    success: { status: 201 },
    build: async (fx) => ({
      params: {},
      body: {
        userId: await fx.createUser({ role: 'biller', active: true }),
        name: 'Claims export',
        expiresInDays: 30,
      },
    }),
  },
  'POST /api/v1/admin/api-tokens/:id/revoke': {
    rule: { kind: 'roles', roles: ['admin'] },
    success: { status: 204 },
    build: async (fx) => ({
      params: { id: (await fx.createApiToken(await fx.createUser({ role: 'biller', active: true }))).id },
    }),
  },
};

/** For a route the table does not describe: what can be inferred from its URL and schemas. */
const inferSpec = (route: ApiRoute): RouteSpec => {
  const resource = /^\/api\/v1\/([\w-]+)\/:id\b/.exec(route.url)?.[1];
  const patientParam = route.url.startsWith('/api/v1/patients/:id');
  const patientInBody = route.body?.properties?.patientId !== undefined;
  const alert = resource === 'alerts';
  const task = resource === 'tasks';
  const aboutPatient = patientParam || patientInBody || alert || task;
  const rule: Rule = route.public
    ? { kind: 'public' }
    : route.url.startsWith('/api/v1/admin/')
      ? { kind: 'roles', roles: ['admin'] }
      : { kind: 'inferred', aboutPatient };
  return {
    rule,
    needs: aboutPatient ? { patient: 'any', alert, task } : {},
    success: { status: 200 },
    build: async (fx, c) => {
      const hints = await hintsFor(fx, c);
      const params: Record<string, string> = {};
      for (const name of paramNames(route.url)) {
        const hinted = name === 'id' ? idHint(c, resource, patientParam) : hints[name];
        params[name] = typeof hinted === 'string' ? hinted : randomUUID();
      }
      return {
        params,
        ...(route.querystring ? { query: stringify(minimalValid(route.querystring, hints)) } : {}),
        ...(route.body ? { body: minimalValid(route.body, hints) } : {}),
      };
    },
  };
};

const idHint = (c: CaseFixture, resource: string | undefined, patientParam: boolean): string | undefined => {
  if (patientParam) return c.patient?.id;
  if (resource === 'alerts') return c.alert?.id;
  if (resource === 'tasks') return c.task?.id;
  return undefined;
};

const stringify = (value: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries(value !== null && typeof value === 'object' ? value : {}).map(([k, v]) => [k, String(v)]),
  );

/** Property values for generated requests: the case's own records and today's dates. */
export const hintsFor = async (fx: RouteFixtures, c: CaseFixture): Promise<Hints> => {
  const now = fx.server.clock.now();
  const hints: Record<string, string | number> = {
    today: await fx.todayAt(c.patient?.siteId ?? c.siteId),
    soon: new Date(now.getTime() + 86_400_000).toISOString(),
    version: 1,
    siteId: c.siteId,
  };
  if (c.patient) {
    hints.patientId = c.patient.id;
    hints.programId = c.patient.programId;
    if (c.patient.episodeId) hints.episodeId = c.patient.episodeId;
  }
  return hints;
};

export interface ResolvedSpec extends RouteSpec {
  /** False when the rule was inferred because the table has no entry for the route. */
  described: boolean;
}

export const specFor = (route: ApiRoute): ResolvedSpec => {
  const described = ROUTE_TABLE[route.key];
  return described ? { ...described, described: true } : { ...inferSpec(route), described: false };
};

/** The relations worth testing for a rule: both sides when the answer depends on who the record is about. */
export const relationsFor = (spec: RouteSpec): Relation[] => {
  switch (spec.rule.kind) {
    case 'patient':
      return ['own', 'colleague', 'group', 'other'];
    case 'createPatient':
    case 'alertAction':
    case 'taskAction':
    case 'inquiry':
    case 'session':
      return ['own', 'colleague', 'other'];
    case 'inferred':
      return spec.rule.aboutPatient ? ['own', 'colleague', 'other'] : ['none'];
    case 'public':
    case 'anyStaff':
    case 'roles':
      return ['none'];
  }
};

/**
 * The patient a case works on. `own`: one the role is related to — administrators and directors by
 * site, supervisors through a supervisee's caseload, clinicians and case managers through their own,
 * intake coordinators through an intake-status patient at their site, front desk and billers by site.
 * `other` (and role-only routes): a patient at the test annex, on nobody's caseload.
 */
export const patientOptionsFor = (
  fx: RouteFixtures,
  member: StaffMember,
  relation: Relation,
  need: PatientNeed,
): PatientOptions => {
  const openEpisode = need !== 'no-episode';
  if (relation === 'colleague' || relation === 'group') {
    return {
      siteId: fx.firstSiteId,
      status: openEpisode ? 'active' : 'intake',
      caseload: [{ userId: fx.clinician2.userId, kind: 'primary_clinician' }],
      openEpisode,
      ...(relation === 'group'
        ? {
            groupLeaderId:
              member.role === 'clinical_supervisor' ? fx.member('clinician').userId : member.userId,
          }
        : {}),
    };
  }
  if (relation !== 'own') {
    return { siteId: fx.outsideSiteId, status: openEpisode ? 'active' : 'intake', caseload: [], openEpisode };
  }
  const caseload: PatientOptions['caseload'] =
    member.role === 'clinician'
      ? [{ userId: member.userId, kind: 'primary_clinician' }]
      : member.role === 'case_manager'
        ? [{ userId: member.userId, kind: 'case_manager' }]
        : member.role === 'clinical_supervisor'
          ? [{ userId: fx.member('clinician').userId, kind: 'primary_clinician' }]
          : [];
  const status: PatientStatus = member.role === 'intake_coordinator' || !openEpisode ? 'intake' : 'active';
  return {
    siteId: fx.firstSiteId,
    status,
    caseload,
    openEpisode: need === 'open-episode' || (openEpisode && member.role !== 'intake_coordinator'),
  };
};

/** Builds the fixtures of one case: the actor's policy view and fresh records for the route to work on. */
export const prepareCase = async (
  fx: RouteFixtures,
  spec: RouteSpec,
  member: StaffMember,
  relation: Relation,
): Promise<CaseFixture> => {
  const actor = await fx.actorOf(member.userId);
  const siteId =
    relation === 'other' ? fx.outsideSiteId : relation === 'colleague' ? fx.secondSiteId : fx.firstSiteId;
  const need = spec.needs?.patient;
  const patient = need ? await fx.createPatient(patientOptionsFor(fx, member, relation, need)) : null;
  const holder =
    relation === 'own'
      ? member.userId
      : relation === 'colleague' || relation === 'group'
        ? fx.clinician2.userId
        : fx.bystanderId;
  const alert = spec.needs?.alert && patient ? await fx.createAlert(patient, holder) : null;
  const task = spec.needs?.task && patient ? await fx.createTask(patient, holder) : null;
  const inquiry = spec.needs?.inquiry ? await fx.createInquiry(siteId) : null;
  const session = spec.needs?.session
    ? relation === 'other'
      ? await fx.createSessionSeries(fx.outsideSiteId, fx.bystanderId)
      : await fx.createSessionSeries(
          fx.firstSiteId,
          relation === 'own' ? member.userId : fx.clinician2.userId,
        )
    : null;
  return { member, actor, relation, siteId, patient, alert, task, inquiry, session };
};

export interface Expectation {
  /** true: the call must succeed; false: it must be refused and audited; undefined: the table cannot say. */
  allowed: boolean | undefined;
  /** The refusal: 404 when the record is hidden from the caller, 403 when they may know it exists. Undefined: either. */
  denialStatus?: 403 | 404;
  /** For patient routes: the relationship the policy allows the access through. */
  basis?: string;
}

const relatedToPatient = (c: CaseFixture, fx: RouteFixtures): boolean =>
  c.patient !== null &&
  PATIENT_ACTIONS.some(
    (action) => decidePatientAccess(c.actor, fx.factsOf(c.patient as PatientFixture), action).allowed,
  );

/** What the policy says about one case, computed from the policy module and the case's fixtures. */
export const expectationFor = (fx: RouteFixtures, spec: RouteSpec, c: CaseFixture): Expectation => {
  const rule = spec.rule;
  const visibleStatus = (action: PatientAction): 403 | 404 =>
    c.patient && decidePatientAccess(c.actor, fx.factsOf(c.patient), action).allowed ? 403 : 404;
  switch (rule.kind) {
    case 'public':
    case 'anyStaff':
      return { allowed: true };
    case 'roles':
      return rule.roles.includes(c.member.role) ? { allowed: true } : { allowed: false, denialStatus: 403 };
    case 'patient': {
      const decision = decidePatientAccess(c.actor, fx.factsOf(patientOf(c)), rule.action);
      if (decision.allowed) return { allowed: true, basis: decision.basis };
      return { allowed: false, denialStatus: visibleStatus('patient.read') };
    }
    case 'createPatient': {
      const allowed =
        PATIENT_CREATOR_ROLES.includes(c.member.role) &&
        (c.member.role === 'admin' || c.actor.siteIds.includes(c.siteId));
      return allowed ? { allowed: true } : { allowed: false, denialStatus: 403 };
    }
    case 'alertAction': {
      const alert = recordOf(c.alert);
      const allowed =
        alert.userId === c.actor.userId ||
        c.actor.superviseeIds.includes(alert.userId) ||
        (c.actor.role === 'program_director' && c.actor.siteIds.includes(alert.siteId));
      return allowed ? { allowed: true } : { allowed: false, denialStatus: visibleStatus('alert.read') };
    }
    case 'taskAction': {
      const task = recordOf(c.task);
      const allowed = task.userId === c.actor.userId || c.actor.superviseeIds.includes(task.userId);
      return allowed ? { allowed: true } : { allowed: false, denialStatus: visibleStatus('alert.read') };
    }
    case 'inquiry': {
      const inquiry = c.inquiry;
      if (!inquiry) throw new Error('an inquiry rule needs `needs.inquiry`');
      if (decideInquiryAccess(c.actor, inquiry.siteId, rule.action).allowed) return { allowed: true };
      return {
        allowed: false,
        denialStatus: decideInquiryAccess(c.actor, inquiry.siteId, 'inquiry.read').allowed ? 403 : 404,
      };
    }
    case 'session': {
      const session = c.session;
      if (!session) throw new Error('a session rule needs `needs.session`');
      if (decideSessionAccess(c.actor, session, rule.action).allowed) return { allowed: true };
      return {
        allowed: false,
        denialStatus: decideSessionAccess(c.actor, session, 'session.read').allowed ? 403 : 404,
      };
    }
    case 'inferred':
      // Unknown action: only a caller with no relationship to the patient at all is known to be refused.
      return rule.aboutPatient && c.patient && !relatedToPatient(c, fx)
        ? { allowed: false }
        : { allowed: undefined };
  }
};
