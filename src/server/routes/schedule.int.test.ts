import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Calendar,
  CalendarOccurrence,
  CreatedClosure,
  Membership,
  OccurrenceSummary,
  Room,
  Roster,
  Series,
} from '../../core/api/schedule.js';
import { TEST_DIALECTS } from '../../db/testing/testDatabases.js';
import { type PatientFixture, RouteFixtures } from '../testing/routeTable.js';
import {
  type JsonResponse,
  type TestClient,
  type TestServer,
  startTestServer,
} from '../testing/testServer.js';

interface Problem {
  code: string;
  detail: string;
  reason?: string;
  fields?: { field: string; message: string }[];
  conflicts?: { code: string; withOccurrenceKey: string | null }[];
}

// The test clock is Tuesday 24 November 2026, 10:00 in Hartford (the first demo site, America/New_York).

describe.each(TEST_DIALECTS)('the schedule over HTTP on %s', (dialect) => {
  let server: TestServer;
  let fx: RouteFixtures;
  let director: TestClient;
  let clinician: TestClient;
  let roomId: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    fx = await RouteFixtures.create(server);
    director = await server.signIn('program_director');
    clinician = await server.signIn('clinician');
    const room = await director.send<Room>('POST', '/api/v1/rooms', {
      siteId: fx.firstSiteId,
      name: 'Test group room',
      seats: 10,
    });
    expect(room.status, JSON.stringify(room.body)).toBe(201);
    roomId = room.body.id;
  });
  afterAll(async () => {
    await server?.close();
  });

  const createSeries = async (overrides: Record<string, unknown>): Promise<Series> => {
    const response = await director.send<Series>('POST', '/api/v1/series', {
      siteId: fx.firstSiteId,
      kind: 'group',
      title: 'Test group',
      clinicianId: clinician.userId,
      roomId,
      capacity: 10,
      weekdays: [1, 3, 5],
      startTime: '13:00',
      durationMinutes: 60,
      startsOn: '2026-11-24',
      ...overrides,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  };

  const calendar = async (
    client: TestClient,
    query: Record<string, string>,
  ): Promise<JsonResponse<Calendar>> =>
    client.get<Calendar>(`/api/v1/calendar?${new URLSearchParams(query).toString()}`);

  const occurrencesOf = async (seriesId: string, from: string, to: string): Promise<CalendarOccurrence[]> => {
    const response = await calendar(director, { from, to, siteId: fx.firstSiteId });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.occurrences.filter((o) => o.seriesId === seriesId);
  };

  const newPatient = (): Promise<PatientFixture> =>
    fx.createPatient({
      siteId: fx.firstSiteId,
      status: 'active',
      caseload: [{ userId: clinician.userId, kind: 'primary_clinician' }],
      openEpisode: true,
    });

  /** A staff member who works at the given sites only, with a signed-in session. */
  const outsider = async (role: 'clinician' | 'front_desk', siteIds: string[]) => {
    const userId = await fx.createUser({ role, active: true });
    for (const siteId of siteIds)
      await server.db.kysely.insertInto('user_sites').values({ user_id: userId, site_id: siteId }).execute();
    const session = await fx.createSession(userId);
    return {
      userId,
      get: <T>(path: string) => server.request<T>('GET', path, { headers: { cookie: session.cookie } }),
    };
  };

  it('shows a 09:00 series at 09:00 local on both sides of the spring-forward change', async () => {
    const series = await createSeries({
      title: 'Morning check-in',
      weekdays: [1, 2, 3, 4, 5],
      startTime: '09:00',
      startsOn: '2027-03-08',
      endsOn: '2027-03-19',
    });
    const shown = await occurrencesOf(series.id, '2027-03-08', '2027-03-19');
    expect(shown).toHaveLength(10);
    expect(shown.every((o) => o.localStartTime === '09:00')).toBe(true);
    const byDate = new Map(shown.map((o) => [o.localDate, o]));
    expect(byDate.get('2027-03-12')?.start).toBe('2027-03-12T09:00:00-05:00');
    expect(byDate.get('2027-03-15')?.start).toBe('2027-03-15T09:00:00-04:00');
    expect(byDate.get('2027-03-15')?.end).toBe('2027-03-15T10:00:00-04:00');
    const first = shown[0];
    expect(first?.room?.id).toBe(roomId);
    expect(first?.clinician.id).toBe(clinician.userId);
    expect(first?.capacity).toBe(10);
    expect(first?.canManage).toBe(true);
    // The series' own leader may manage it; a clinician of the site who does not lead it may not.
    const colleague = await outsider('clinician', [fx.firstSiteId]);
    const seen = await colleague.get<Calendar>(
      `/api/v1/calendar?from=2027-03-08&to=2027-03-12&siteId=${fx.firstSiteId}`,
    );
    expect(seen.status).toBe(200);
    expect(seen.body.occurrences.find((o) => o.seriesId === series.id)?.canManage).toBe(false);
  });

  it('refuses a window longer than 42 days', async () => {
    const response = await calendar(director, { from: '2026-12-01', to: '2027-01-20' });
    expect(response.status).toBe(400);
    expect((response.body as unknown as Problem).fields?.[0]?.field).toBe('/to');
  });

  it('books a joining patient from the join date on, not before, and stops at the leave date', async () => {
    const series = await createSeries({ title: 'Relapse prevention (test)' });
    const patient = await newPatient();
    const joined = await director.send<Membership>('POST', `/api/v1/series/${series.id}/members`, {
      patientId: patient.id,
      joinOn: '2026-12-02',
    });
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    expect(joined.body.joinedOn).toBe('2026-12-02');

    const site = await occurrencesOf(series.id, '2026-11-25', '2026-12-07');
    expect(site.map((o) => [o.localDate, o.bookedCount])).toEqual([
      ['2026-11-25', 0],
      ['2026-11-27', 0],
      ['2026-11-30', 0],
      ['2026-12-02', 1],
      ['2026-12-04', 1],
      ['2026-12-07', 1],
    ]);
    const own = await calendar(clinician, { from: '2026-11-25', to: '2026-12-07', patientId: patient.id });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body.occurrences.map((o) => o.localDate)).toEqual(['2026-12-02', '2026-12-04', '2026-12-07']);

    const again = await director.send<Problem>('POST', `/api/v1/series/${series.id}/members`, {
      patientId: patient.id,
      joinOn: '2026-12-03',
    });
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe('ALREADY_MEMBER');
    const past = await director.send<Problem>('POST', `/api/v1/series/${series.id}/members`, {
      patientId: (await newPatient()).id,
      joinOn: '2026-11-01',
    });
    expect(past.status).toBe(400);
    expect(past.body.reason).toBe('JOIN_DATE_IN_PAST');

    const left = await director.send<Membership>(
      'POST',
      `/api/v1/series/${series.id}/members/${patient.id}/leave`,
      { leaveOn: '2026-12-04' },
    );
    expect(left.status, JSON.stringify(left.body)).toBe(200);
    expect(left.body.leftOn).toBe('2026-12-04');
    const after = await calendar(clinician, { from: '2026-11-25', to: '2026-12-07', patientId: patient.id });
    expect(after.body.occurrences.map((o) => o.localDate)).toEqual(['2026-12-02']);
    const audited = await server.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('actor_user_id', '=', clinician.userId)
      .where('action', '=', 'schedule.calendar.read')
      .where('record_id', '=', patient.id)
      .execute();
    expect(audited.length).toBeGreaterThanOrEqual(1);
  });

  it('refuses a join when an upcoming session is full', async () => {
    const series = await createSeries({ title: 'Small group', capacity: 2 });
    for (const joinOn of ['2026-11-25', '2026-11-27']) {
      const ok = await director.send('POST', `/api/v1/series/${series.id}/members`, {
        patientId: (await newPatient()).id,
        joinOn,
      });
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    }
    const full = await director.send<Problem>('POST', `/api/v1/series/${series.id}/members`, {
      patientId: (await newPatient()).id,
      joinOn: '2026-12-07',
    });
    expect(full.status).toBe(409);
    expect(full.body.reason).toBe('SESSION_FULL');
  });

  it('refuses a move that double-books the clinician and accepts a clean one', async () => {
    const monday = await createSeries({ title: 'Monday group', weekdays: [1], startsOn: '2026-11-30' });
    const tuesday = await createSeries({
      title: 'Tuesday group',
      weekdays: [2],
      startsOn: '2026-11-30',
      roomId: null,
      telehealthUrl: 'https://video.example.test/tuesday',
    });
    const path = `/api/v1/series/${monday.id}/occurrences/2026-11-30/move`;
    const clash = await director.send<Problem>('POST', path, { toDate: '2026-12-01', toStartTime: '13:30' });
    expect(clash.status, JSON.stringify(clash.body)).toBe(409);
    expect(clash.body.reason).toBe('SCHEDULE_CONFLICT');
    expect(clash.body.conflicts).toContainEqual(
      expect.objectContaining({
        code: 'CLINICIAN_DOUBLE_BOOKED',
        withOccurrenceKey: `${tuesday.id}@2026-12-01`,
      }),
    );

    const far = await director.send<Problem>('POST', path, { toDate: '2027-02-01', toStartTime: '13:00' });
    expect(far.status).toBe(400);
    expect(far.body.fields?.map((f) => f.field)).toEqual(['/toDate']);

    const moved = await director.send<OccurrenceSummary>('POST', path, {
      toDate: '2026-12-01',
      toStartTime: '15:00',
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.start).toBe('2026-12-01T15:00:00-05:00');
    // Moving it again replaces the move: one exception per series and date.
    const again = await director.send<OccurrenceSummary>('POST', path, {
      toDate: '2026-12-01',
      toStartTime: '16:00',
    });
    expect(again.status).toBe(200);
    const exceptions = await server.db.kysely
      .selectFrom('series_exceptions')
      .select(['to_start_time'])
      .where('series_id', '=', monday.id)
      .execute();
    expect(exceptions).toEqual([{ to_start_time: '16:00' }]);
    const shown = await occurrencesOf(monday.id, '2026-11-30', '2026-12-01');
    expect(shown.map((o) => [o.key, o.localDate, o.localStartTime, o.moved])).toEqual([
      [`${monday.id}@2026-11-30`, '2026-12-01', '16:00', true],
    ]);

    const cancelled = await director.send<OccurrenceSummary>(
      'POST',
      `/api/v1/series/${tuesday.id}/occurrences/2026-12-08/cancel`,
      { reason: 'Clinician at a conference' },
    );
    expect(cancelled.status).toBe(200);
    const tuesdays = await occurrencesOf(tuesday.id, '2026-12-08', '2026-12-08');
    expect(tuesdays[0]).toMatchObject({ cancelled: true, cancellationReason: 'Clinician at a conference' });
  });

  it('cancels the sessions a closure covers, tells each clinician through a task, and restores them when withdrawn', async () => {
    const series = await createSeries({ title: 'Wednesday group', weekdays: [3] });
    const patient = await newPatient();
    await director.send('POST', `/api/v1/series/${series.id}/members`, {
      patientId: patient.id,
      joinOn: '2026-12-09',
    });
    const created = await director.send<CreatedClosure>('POST', '/api/v1/closures', {
      siteId: fx.firstSiteId,
      reason: 'Snow day',
      fromDate: '2026-12-09',
      toDate: '2026-12-09',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.cancelled.map((o) => o.key)).toContain(`${series.id}@2026-12-09`);
    expect(created.body.patientNotices).toContainEqual(
      expect.objectContaining({ patientId: patient.id, occurrenceKey: `${series.id}@2026-12-09` }),
    );
    const task = await server.db.kysely
      .selectFrom('tasks')
      .select(['title', 'detail'])
      .where('owner_user_id', '=', clinician.userId)
      .where('source_type', '=', 'clinic_closure')
      .where('source_id', '=', created.body.closure.id)
      .executeTakeFirstOrThrow();
    expect(task.title).toBe('Sessions cancelled: Snow day');
    expect(task.detail).toContain('2026-12-09 13:00 Wednesday group');
    expect(created.body.tasks.map((t) => t.ownerUserId)).toContain(clinician.userId);

    const closed = await occurrencesOf(series.id, '2026-12-09', '2026-12-09');
    expect(closed[0]).toMatchObject({ cancelled: true, closureReason: 'Snow day', bookedCount: 1 });

    const withdrawn = await director.send('POST', `/api/v1/closures/${created.body.closure.id}/withdraw`);
    expect(withdrawn.status).toBe(200);
    const reopened = await occurrencesOf(series.id, '2026-12-09', '2026-12-09');
    expect(reopened[0]).toMatchObject({ cancelled: false, closureReason: null });
  });

  it('refuses an edit made on a stale version, and applies a current one', async () => {
    const series = await createSeries({ title: 'Life skills (test)' });
    const first = await director.send<Series>('PATCH', `/api/v1/series/${series.id}`, {
      version: series.version,
      title: 'Life skills',
    });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(series.version + 1);
    const second = await director.send<Problem>('PATCH', `/api/v1/series/${series.id}`, {
      version: series.version,
      startTime: '14:00',
    });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('STALE_VERSION');
    const bad = await director.send<Problem>('PATCH', `/api/v1/series/${series.id}`, {
      version: first.body.version,
      capacity: 11,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields?.map((f) => f.field)).toContain('/capacity');
  });

  it('hides another site’s series from a clinician who does not work there', async () => {
    const series = await createSeries({ title: 'Hartford only' });
    const elsewhere = await outsider('clinician', [fx.secondSiteId]);
    const response = await elsewhere.get<Problem>(`/api/v1/series/${series.id}`);
    expect(response.status).toBe(404);
    const list = await elsewhere.get<Series[]>(`/api/v1/series?siteId=${fx.firstSiteId}`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([]);
  });

  it('names the roster only to those who take its roll call or may read each patient’s schedule', async () => {
    const series = await createSeries({ title: 'Roster group' });
    const patient = await newPatient();
    await director.send('POST', `/api/v1/series/${series.id}/members`, {
      patientId: patient.id,
      joinOn: '2026-11-25',
    });

    const named = await director.get<Roster>(`/api/v1/series/${series.id}/members`);
    expect(named.status).toBe(200);
    expect(named.body.memberCount).toBe(1);
    expect(named.body.members.map((m) => m.patientId)).toEqual([patient.id]);
    const audit = await server.db.kysely
      .selectFrom('audit_events')
      .select('patient_ids')
      .where('actor_user_id', '=', director.userId)
      .where('action', '=', 'schedule.roster.read')
      .where('record_id', '=', series.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.patient_ids)).toEqual([patient.id]);

    const colleague = await outsider('clinician', [fx.firstSiteId]);
    const counted = await colleague.get<Roster>(`/api/v1/series/${series.id}/members`);
    expect(counted.status).toBe(200);
    expect(counted.body).toMatchObject({ memberCount: 1, hiddenCount: 1, members: [] });
  });
});
