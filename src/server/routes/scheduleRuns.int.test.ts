import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Calendar, Room, Series } from '../../core/api/schedule.js';
import type {
  AppliedRun,
  Availability,
  OccurrenceBooking,
  ScheduleRun,
} from '../../core/api/scheduleRuns.js';
import type { RollCallView } from '../../core/api/attendance.js';
import { TEST_DIALECTS } from '../../db/testing/testDatabases.js';
import { type PatientFixture, RouteFixtures } from '../testing/routeTable.js';
import { type TestClient, type TestServer, startTestServer } from '../testing/testServer.js';

interface Problem {
  code: string;
  reason?: string;
  fields?: { field: string }[];
}

// The test clock is Tuesday 24 November 2026, 10:00 in Hartford; the runs schedule the next week.
const WEEK = '2026-11-30';

describe.each(TEST_DIALECTS)('the weekly scheduler over HTTP on %s', (dialect) => {
  let server: TestServer;
  let fx: RouteFixtures;
  let director: TestClient;
  let siteId: string;
  let group: Series;
  let ana: PatientFixture;
  let ben: PatientFixture;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    fx = await RouteFixtures.create(server);
    const db = server.db.kysely;
    const nowIso = server.clock.now().toISOString();
    const first = await db
      .selectFrom('sites')
      .selectAll()
      .where('id', '=', fx.firstSiteId)
      .executeTakeFirstOrThrow();
    // A site of its own, so the demo clinic's patients and sessions stay out of these weeks.
    siteId = randomUUID();
    await db
      .insertInto('sites')
      .values({ ...first, id: siteId, name: 'Scheduler annex', created_at: nowIso, updated_at: nowIso })
      .execute();
    await db
      .insertInto('programs')
      .values({
        id: randomUUID(),
        site_id: siteId,
        name: 'Annex IOP',
        level_of_care: 'IOP',
        audience: 'adult',
        min_weekly_hours: 2,
        max_weekly_hours: 3,
        typical_weeks_min: 8,
        typical_weeks_max: 12,
        active: 1,
        created_at: nowIso,
        updated_at: nowIso,
        version: 1,
      })
      .execute();
    const directorId = fx.member('program_director').userId;
    await db.insertInto('user_sites').values({ user_id: directorId, site_id: siteId }).execute();
    await db
      .insertInto('user_sites')
      .values({ user_id: fx.member('clinician').userId, site_id: siteId })
      .execute();
    director = await server.signIn('program_director');
    const clinicianId = fx.member('clinician').userId;
    const room = await director.send<Room>('POST', '/api/v1/rooms', {
      siteId,
      name: 'Annex room',
      seats: 10,
    });
    expect(room.status, JSON.stringify(room.body)).toBe(201);
    const series = async (body: Record<string, unknown>): Promise<Series> => {
      const response = await director.send<Series>('POST', '/api/v1/series', {
        siteId,
        clinicianId,
        startsOn: '2026-11-24',
        durationMinutes: 60,
        ...body,
      });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      return response.body;
    };
    group = await series({
      kind: 'group',
      title: 'Relapse prevention',
      roomId: room.body.id,
      capacity: 10,
      weekdays: [1, 3, 5],
      startTime: '13:00',
    });
    await series({
      kind: 'individual',
      title: 'Individual session',
      telehealthUrl: 'https://video.example.org/annex',
      capacity: 1,
      weekdays: [2, 4],
      startTime: '15:00',
    });
    const patient = () =>
      fx.createPatient({
        siteId,
        status: 'active',
        caseload: [{ userId: clinicianId, kind: 'primary_clinician' }],
        openEpisode: true,
      });
    ana = await patient();
    ben = await patient();
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  const run = async (client: TestClient = director): Promise<ScheduleRun> => {
    const started = await client.send<ScheduleRun>('POST', '/api/v1/schedule-runs', {
      siteId,
      weekStart: WEEK,
      timeLimitMs: 2_000,
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    for (let i = 0; i < 300; i += 1) {
      const polled = await client.get<ScheduleRun>(`/api/v1/schedule-runs/${started.body.id}`);
      expect(polled.status).toBe(200);
      if (polled.body.status !== 'running' && polled.body.status !== 'queued') return polled.body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the run did not finish');
  };

  const keysOf = (r: ScheduleRun, patientId: string, side: 'added' | 'removed'): string[] =>
    (r.diff.find((d) => d.patientId === patientId)?.[side] ?? []).map((s) => s.occurrenceKey);

  it('stores availability per patient, validated and versioned', async () => {
    const empty = await director.get<Availability>(`/api/v1/patients/${ben.id}/availability`);
    expect(empty.body).toMatchObject({ recorded: false, windows: [], version: 0 });
    const bad = await director.send<Problem>('PUT', `/api/v1/patients/${ben.id}/availability`, {
      windows: [{ weekday: 1, start: '16:00', end: '12:00' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields?.[0]?.field).toBe('/windows/0/end');
    // Ben works mornings and Thursdays: afternoons Monday to Wednesday and Friday only.
    const saved = await director.send<Availability>('PUT', `/api/v1/patients/${ben.id}/availability`, {
      windows: [1, 2, 3, 5].map((weekday) => ({ weekday, start: '12:00', end: '18:00' })),
      version: 0,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.version).toBe(1);
    const stale = await director.send<Problem>('PUT', `/api/v1/patients/${ben.id}/availability`, {
      windows: [],
      version: 0,
    });
    expect(stale.status).toBe(409);
  });

  it('runs, shows the diff, applies it, and the bookings reach the calendar and the roll call', async () => {
    const result = await run();
    expect(result.status, result.error ?? '').toBe('done');
    expect(result.patientCount).toBe(2);
    expect(result.score?.satisfied).toBe(2);
    const anaAdds = keysOf(result, ana.id, 'added');
    const benAdds = keysOf(result, ben.id, 'added');
    expect(anaAdds.length).toBeGreaterThanOrEqual(2);
    // Ben is not available on Thursday: his individual session is Tuesday's.
    expect(benAdds.some((k) => k.endsWith('2026-12-03'))).toBe(false);
    expect(result.diff.find((d) => d.patientId === ana.id)?.name).toContain(',');

    const applied = await director.send<AppliedRun>('POST', `/api/v1/schedule-runs/${result.id}/apply`, {
      expectedVersion: result.version,
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.run.status).toBe('applied');
    expect(applied.body.added).toBe(anaAdds.length + benAdds.length);

    const calendar = await director.get<Calendar>(
      `/api/v1/calendar?from=${WEEK}&to=2026-12-06&siteId=${siteId}&patientId=${ana.id}`,
    );
    expect(calendar.body.occurrences.map((o) => o.key).sort()).toEqual([...anaAdds].sort());
    const rollCall = await director.get<RollCallView>(
      `/api/v1/sessions/${encodeURIComponent(anaAdds[0] ?? '')}/roll-call`,
    );
    expect(rollCall.status, JSON.stringify(rollCall.body)).toBe(200);
    expect(rollCall.body.roster.map((p) => p.patientId)).toContain(ana.id);

    const again = await director.send<Problem>('POST', `/api/v1/schedule-runs/${result.id}/apply`, {});
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe('RUN_NOT_APPLICABLE');

    // Nothing changed since: a new run finds nothing to change.
    const second = await run();
    expect(second.diff).toEqual([]);
  });

  it('refuses to apply a run when the week changed since it was computed', async () => {
    const result = await run();
    const friday = `${group.id}@2026-12-04`;
    const mine = await director.get<Calendar>(
      `/api/v1/calendar?from=${WEEK}&to=2026-12-06&siteId=${siteId}&patientId=${ana.id}`,
    );
    // Whatever Ana has on Friday now, staff change it by hand.
    const kind = mine.body.occurrences.some((o) => o.key === friday) ? 'skip' : 'add';
    const booked = await director.send<OccurrenceBooking>(
      'POST',
      `/api/v1/series/${group.id}/occurrences/2026-12-04/bookings`,
      { patientId: ana.id, kind, pinned: false },
    );
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(booked.body.occurrenceKey).toBe(friday);
    const refused = await director.send<Problem>('POST', `/api/v1/schedule-runs/${result.id}/apply`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.reason).toBe('SCHEDULE_CHANGED');
  });

  it('keeps pinned seats and pinned skips in later runs', async () => {
    const monday = `${group.id}@2026-11-30`;
    const wednesday = `${group.id}@2026-12-02`;
    // Ben is pinned out of Monday's group and pinned into Wednesday's.
    for (const [date, kind] of [
      ['2026-11-30', 'skip'],
      ['2026-12-02', 'add'],
    ] as const) {
      const pinned = await director.send<OccurrenceBooking>(
        'POST',
        `/api/v1/series/${group.id}/occurrences/${date}/bookings`,
        { patientId: ben.id, kind, pinned: true },
      );
      expect(pinned.status, JSON.stringify(pinned.body)).toBe(201);
    }
    const result = await run();
    expect(result.status).toBe('done');
    expect(keysOf(result, ben.id, 'added')).not.toContain(monday);
    expect(keysOf(result, ben.id, 'removed')).not.toContain(wednesday);
    const applied = await director.send<AppliedRun>('POST', `/api/v1/schedule-runs/${result.id}/apply`, {});
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    const calendar = await director.get<Calendar>(
      `/api/v1/calendar?from=${WEEK}&to=2026-12-06&siteId=${siteId}&patientId=${ben.id}`,
    );
    const keys = calendar.body.occurrences.map((o) => o.key);
    expect(keys).toContain(wednesday);
    expect(keys).not.toContain(monday);
  });

  it('answers other requests while a run is solving', async () => {
    const started = await director.send<ScheduleRun>('POST', '/api/v1/schedule-runs', {
      siteId,
      weekStart: WEEK,
      timeLimitMs: 3_000,
    });
    expect(started.status).toBe(202);
    expect(started.body.status).toBe('running');
    const before = performance.now();
    const health = await server.request('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(performance.now() - before).toBeLessThan(1_000);
    const polled = await director.get<ScheduleRun>(`/api/v1/schedule-runs/${started.body.id}`);
    expect(polled.body.status).toBe('running');
  });

  it('refuses bad input and callers who do not manage the site', async () => {
    const tuesday = await director.send<Problem>('POST', '/api/v1/schedule-runs', {
      siteId,
      weekStart: '2026-12-01',
    });
    expect(tuesday.status).toBe(400);
    expect(tuesday.body.fields?.[0]?.field).toBe('/weekStart');
    const badTrack = await director.send<Problem>('POST', '/api/v1/schedule-runs', {
      siteId,
      weekStart: WEEK,
      trackId: randomUUID(),
    });
    expect(badTrack.status).toBe(400);
    const missing = await director.get<Problem>(`/api/v1/schedule-runs/${randomUUID()}`);
    expect(missing.status).toBe(404);
    const clinician = await server.signIn('clinician');
    const denied = await clinician.send<Problem>('POST', '/api/v1/schedule-runs', {
      siteId,
      weekStart: WEEK,
    });
    expect(denied.status).toBe(403);
    // The group meets Monday, Wednesday and Friday: there is no Tuesday session to book.
    const noSession = await director.send<Problem>(
      'POST',
      `/api/v1/series/${group.id}/occurrences/2026-12-01/bookings`,
      { patientId: ana.id, kind: 'add', pinned: false },
    );
    expect(noSession.status).toBe(404);
  });
});
