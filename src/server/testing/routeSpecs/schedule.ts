import { randomUUID } from 'node:crypto';
import { roleMayManageSessions } from '../../../core/access/sessionPolicy.js';
import { STAFF_ROLES, type StaffRole } from '../../../core/access/roles.js';
import { addDays } from '../../../core/schedule/localTime.js';
import type { CaseFixture, RouteFixtures, RouteSpec, SessionFixture } from '../routeTable.js';
import { patientOf, uniqueName } from '../routeSpecSupport.js';

/** Front desk, supervisors, directors and administrators arrange the schedule of their sites. */
const MANAGERS: readonly StaffRole[] = STAFF_ROLES.filter(roleMayManageSessions);

/** Far enough ahead that a test closure never cancels the sessions other cases work on. */
const CLOSURE_DAYS_AHEAD = 400;

const sessionOf = (c: CaseFixture): SessionFixture => {
  if (!c.session) throw new Error('this case has no session fixture');
  return c.session;
};
/** Today at the session's site: the date part of its occurrence key. */
const todayOf = (c: CaseFixture): string => sessionOf(c).occurrenceKey.slice(-10);

/** A clinician of the site with nothing else on the calendar, so a move never conflicts. */
const freeClinicianAt = async (fx: RouteFixtures, siteId: string): Promise<string> => {
  const userId = await fx.createUser({ role: 'clinician', active: true });
  await fx.server.db.kysely.insertInto('user_sites').values({ user_id: userId, site_id: siteId }).execute();
  return userId;
};

const createRoomAt = async (fx: RouteFixtures, siteId: string): Promise<string> => {
  const id = randomUUID();
  const nowIso = fx.server.clock.now().toISOString();
  await fx.server.db.kysely
    .insertInto('rooms')
    .values({
      id,
      site_id: siteId,
      name: uniqueName('Room'),
      seats: 12,
      active: 1,
      created_at: nowIso,
      updated_at: nowIso,
      version: 1,
    })
    .execute();
  return id;
};

const createClosureAt = async (fx: RouteFixtures, siteId: string): Promise<string> => {
  const id = randomUUID();
  const day = addDays(await fx.todayAt(siteId), CLOSURE_DAYS_AHEAD + 7);
  await fx.server.db.kysely
    .insertInto('clinic_closures')
    .values({
      id,
      site_id: siteId,
      reason: 'Staff training day',
      from_date: day,
      to_date: day,
      starts_at: null,
      ends_at: null,
      created_by: fx.member('program_director').userId,
      created_at: fx.server.clock.now().toISOString(),
      withdrawn_at: null,
    })
    .execute();
  return id;
};

/**
 * Authorization specs of the schedule routes (see ROUTE_TABLE). The calendar, series lists, rooms
 * and closures are read by every staff member at their sites (scoped by the route); one series
 * follows the session policy; memberships follow the patient policy; rooms, new series and closures
 * belong to the schedule's managers.
 */
export const SCHEDULE_ROUTE_SPECS: Readonly<Record<string, RouteSpec>> = {
  'GET /api/v1/calendar': {
    rule: { kind: 'anyStaff' },
    success: { status: 200 },
    build: async (fx) => {
      const today = await fx.todayAt(fx.firstSiteId);
      return { params: {}, query: { from: today, to: addDays(today, 6), siteId: fx.firstSiteId } };
    },
  },
  'GET /api/v1/series': {
    rule: { kind: 'anyStaff' },
    success: { status: 200 },
    build: (fx) => ({ params: {}, query: { siteId: fx.firstSiteId } }),
  },
  'GET /api/v1/series/:id': {
    rule: { kind: 'session', action: 'session.read' },
    needs: { session: true },
    success: { status: 200 },
    build: (_fx, c) => ({ params: { id: sessionOf(c).id } }),
  },
  'POST /api/v1/series': {
    rule: { kind: 'roles', roles: MANAGERS },
    success: { status: 201 },
    build: async (fx) => ({
      params: {},
      body: {
        siteId: fx.firstSiteId,
        kind: 'individual',
        title: uniqueName('Check-in'),
        clinicianId: fx.member('clinician').userId,
        telehealthUrl: 'https://video.example.test/room/1',
        weekdays: [2],
        startTime: '13:00',
        durationMinutes: 50,
        startsOn: await fx.todayAt(fx.firstSiteId),
      },
    }),
  },
  'PATCH /api/v1/series/:id': {
    rule: { kind: 'session', action: 'session.manage' },
    needs: { session: true },
    success: { status: 200 },
    build: (_fx, c) => ({
      params: { id: sessionOf(c).id },
      body: {
        version: sessionOf(c).version,
        title: 'Coping skills (renamed)',
        telehealthUrl: 'https://video.example.test/group/2',
      },
    }),
  },
  'POST /api/v1/series/:id/archive': {
    rule: { kind: 'session', action: 'session.manage' },
    needs: { session: true },
    success: { status: 200 },
    build: (_fx, c) => ({ params: { id: sessionOf(c).id }, body: { version: sessionOf(c).version } }),
  },
  'POST /api/v1/series/:id/occurrences/:date/cancel': {
    rule: { kind: 'session', action: 'session.manage' },
    needs: { session: true },
    success: { status: 200 },
    build: (_fx, c) => ({
      params: { id: sessionOf(c).id, date: todayOf(c) },
      body: { reason: 'Clinician out sick' },
    }),
  },
  'POST /api/v1/series/:id/occurrences/:date/move': {
    rule: { kind: 'session', action: 'session.manage' },
    needs: { session: true },
    success: { status: 200 },
    build: async (fx, c) => ({
      params: { id: sessionOf(c).id, date: todayOf(c) },
      body: {
        toDate: addDays(todayOf(c), 1),
        toStartTime: '13:00',
        clinicianId: await freeClinicianAt(fx, sessionOf(c).siteId),
      },
    }),
  },
  'GET /api/v1/series/:id/members': {
    rule: { kind: 'session', action: 'session.read' },
    needs: { session: true },
    success: { status: 200 },
    build: (_fx, c) => ({ params: { id: sessionOf(c).id } }),
  },
  // The case's session is at its patient's site for every relation (see prepareCase).
  'POST /api/v1/series/:id/members': {
    rule: { kind: 'patient', action: 'schedule.write' },
    needs: { patient: 'open-episode', session: true },
    success: { status: 201 },
    build: (_fx, c) => ({
      params: { id: sessionOf(c).id },
      body: { patientId: patientOf(c).id, joinOn: todayOf(c) },
    }),
  },
  'POST /api/v1/series/:id/members/:patientId/leave': {
    rule: { kind: 'patient', action: 'schedule.write' },
    needs: { patient: 'open-episode', session: true },
    success: { status: 200 },
    build: async (fx, c) => {
      const nowIso = fx.server.clock.now().toISOString();
      await fx.server.db.kysely
        .insertInto('series_memberships')
        .values({
          id: randomUUID(),
          series_id: sessionOf(c).id,
          patient_id: patientOf(c).id,
          joined_on: todayOf(c),
          left_on: null,
          pinned: 0,
          recorded_at: nowIso,
          created_by: fx.member('program_director').userId,
          ended_by: null,
          updated_at: nowIso,
          version: 1,
        })
        .execute();
      return {
        params: { id: sessionOf(c).id, patientId: patientOf(c).id },
        body: { leaveOn: addDays(todayOf(c), 1) },
      };
    },
  },
  'GET /api/v1/rooms': {
    rule: { kind: 'anyStaff' },
    success: { status: 200 },
    build: (fx) => ({ params: {}, query: { siteId: fx.firstSiteId } }),
  },
  'POST /api/v1/rooms': {
    rule: { kind: 'roles', roles: MANAGERS },
    success: { status: 201 },
    build: (fx) => ({ params: {}, body: { siteId: fx.firstSiteId, name: uniqueName('Room'), seats: 10 } }),
  },
  'PATCH /api/v1/rooms/:id': {
    rule: { kind: 'roles', roles: MANAGERS },
    success: { status: 200 },
    build: async (fx) => ({
      params: { id: await createRoomAt(fx, fx.firstSiteId) },
      body: { version: 1, seats: 8 },
    }),
  },
  'GET /api/v1/closures': {
    rule: { kind: 'anyStaff' },
    success: { status: 200 },
    build: (fx) => ({ params: {}, query: { siteId: fx.firstSiteId } }),
  },
  'GET /api/v1/closures/preview': {
    rule: { kind: 'roles', roles: MANAGERS },
    success: { status: 200 },
    build: async (fx) => {
      const day = addDays(await fx.todayAt(fx.firstSiteId), CLOSURE_DAYS_AHEAD);
      return { params: {}, query: { siteId: fx.firstSiteId, fromDate: day, toDate: day } };
    },
  },
  'POST /api/v1/closures': {
    rule: { kind: 'roles', roles: MANAGERS },
    success: { status: 201 },
    build: async (fx) => {
      const day = addDays(await fx.todayAt(fx.firstSiteId), CLOSURE_DAYS_AHEAD);
      return { params: {}, body: { siteId: fx.firstSiteId, reason: 'Snow day', fromDate: day, toDate: day } };
    },
  },
  'POST /api/v1/closures/:id/withdraw': {
    rule: { kind: 'roles', roles: MANAGERS },
    success: { status: 200 },
    build: async (fx) => ({ params: { id: await createClosureAt(fx, fx.firstSiteId) } }),
  },
};
