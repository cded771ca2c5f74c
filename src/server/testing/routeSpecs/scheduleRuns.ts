import { randomUUID } from 'node:crypto';
import type { StaffRole } from '../../../core/access/roles.js';
import { addDays, weekStartOf } from '../../../core/schedule/localTime.js';
import { currentFingerprint } from '../../services/scheduleRuns.js';
import type { CaseFixture, RouteFixtures, RouteSpec, SessionFixture } from '../routeTable.js';
import { byId, patientOf } from '../routeSpecSupport.js';

/**
 * Authorization specs of the weekly scheduler. Runs belong to the session managers of a site who
 * book patients (directors, supervisors, front desk; administrators arrange the calendar but book
 * nobody); availability and single-seat bookings follow the patient policy like joining a series.
 */
const SCHEDULERS: readonly StaffRole[] = ['program_director', 'clinical_supervisor', 'front_desk'];

/** A week far ahead: no case's run touches the weeks other cases book into. */
const RUN_WEEKS_AHEAD = 60;

const sessionOf = (c: CaseFixture): SessionFixture => {
  if (!c.session) throw new Error('this case has no session fixture');
  return c.session;
};

const runWeek = async (fx: RouteFixtures): Promise<string> =>
  weekStartOf(addDays(await fx.todayAt(fx.firstSiteId), 7 * RUN_WEEKS_AHEAD));

const emptyTrack = async (fx: RouteFixtures): Promise<string> => {
  const id = randomUUID();
  const nowIso = fx.server.clock.now().toISOString();
  await fx.server.db.kysely
    .insertInto('tracks')
    .values({
      id,
      program_id: await fx.programAt(fx.firstSiteId),
      name: `Track ${id.slice(0, 8)}`,
      weekly_pattern: '[]',
      active: 1,
      created_at: nowIso,
      updated_at: nowIso,
      version: 1,
    })
    .execute();
  return id;
};

/** A finished run with nothing to change, stored directly: what GET and apply work on. */
const finishedRun = async (fx: RouteFixtures): Promise<string> => {
  const db = fx.server.db.kysely;
  const weekStart = await runWeek(fx);
  const site = await db
    .selectFrom('sites')
    .select('time_zone')
    .where('id', '=', fx.firstSiteId)
    .executeTakeFirstOrThrow();
  const now = fx.server.clock.now();
  const id = randomUUID();
  const input = {
    week: { sessions: [], patients: [] },
    labels: [],
    names: {},
    patientIds: [],
    booked: {},
    frozen: {},
  };
  const result = {
    result: {
      assignments: [],
      unplaced: [],
      score: { satisfied: 0, shortfallMinutes: 0, continuity: 0, balance: 0 },
    },
    diff: [],
  };
  await db
    .insertInto('schedule_runs')
    .values({
      id,
      site_id: fx.firstSiteId,
      track_id: null,
      week_start: weekStart,
      status: 'done',
      time_limit_ms: 100,
      input: JSON.stringify(input),
      fingerprint: await currentFingerprint(
        db,
        { siteId: fx.firstSiteId, trackId: null, weekStart, timeZone: site.time_zone },
        now.getTime(),
      ),
      result: JSON.stringify(result),
      error: null,
      created_by: fx.member('program_director').userId,
      created_at: now.toISOString(),
      finished_at: now.toISOString(),
      applied_by: null,
      applied_at: null,
      version: 1,
    })
    .execute();
  return id;
};

export const SCHEDULE_RUN_ROUTE_SPECS: Readonly<Record<string, RouteSpec>> = {
  // A new track nobody is on: the run is done at once, so no write lands after the answer.
  'POST /api/v1/schedule-runs': {
    rule: { kind: 'roles', roles: SCHEDULERS },
    success: { status: 202 },
    build: async (fx) => ({
      params: {},
      body: {
        siteId: fx.firstSiteId,
        trackId: await emptyTrack(fx),
        weekStart: await runWeek(fx),
        timeLimitMs: 100,
      },
    }),
  },
  'GET /api/v1/schedule-runs/:id': {
    rule: { kind: 'roles', roles: SCHEDULERS },
    success: { status: 200 },
    build: async (fx) => ({ params: { id: await finishedRun(fx) } }),
  },
  'POST /api/v1/schedule-runs/:id/apply': {
    rule: { kind: 'roles', roles: SCHEDULERS },
    success: { status: 200 },
    build: async (fx) => ({ params: { id: await finishedRun(fx) }, body: {} }),
  },
  'GET /api/v1/patients/:id/availability': {
    rule: { kind: 'patient', action: 'schedule.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => byId(c),
  },
  'PUT /api/v1/patients/:id/availability': {
    rule: { kind: 'patient', action: 'schedule.write' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => ({
      ...byId(c),
      body: { windows: [{ weekday: 1, start: '08:00', end: '12:00' }] },
    }),
  },
  // Tomorrow's session of the case's daily series: still to come at the test clock.
  'POST /api/v1/series/:id/occurrences/:date/bookings': {
    rule: { kind: 'patient', action: 'schedule.write' },
    needs: { patient: 'open-episode', session: true },
    success: { status: 201 },
    build: (_fx, c) => ({
      params: { id: sessionOf(c).id, date: addDays(sessionOf(c).occurrenceKey.slice(-10), 1) },
      body: { patientId: patientOf(c).id, kind: 'add', pinned: true },
    }),
  },
};
