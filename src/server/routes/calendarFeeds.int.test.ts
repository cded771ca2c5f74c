import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarFeed, CreatedCalendarFeed } from '../../core/api/calendarFeeds.js';
import type { Calendar, Room, Series } from '../../core/api/schedule.js';
import { SESSION_KIND_TITLES } from '../../core/calendarFeed/feedEvents.js';
import { feedUid } from '../../core/calendarFeed/feedEvents.js';
import { parseFeed } from '../../core/calendarFeed/parsedFeed.js';
import { addDays } from '../../core/schedule/localTime.js';
import { TEST_DIALECTS } from '../../db/testing/testDatabases.js';
import { tokenHash } from '../auth/tokens.js';
import { type PatientFixture, RouteFixtures } from '../testing/routeTable.js';
import { type TestClient, type TestServer, startTestServer } from '../testing/testServer.js';

// The test clock is Tuesday 24 November 2026, 10:00 in Hartford (the first demo site, America/New_York).
const TODAY = '2026-11-24';

describe.each(TEST_DIALECTS)('calendar feeds over HTTP on %s', (dialect) => {
  let server: TestServer;
  let fx: RouteFixtures;
  let director: TestClient;
  let clinician: TestClient;
  let patient: PatientFixture;
  let group: Series;
  let roomName: string;
  let siteName: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    fx = await RouteFixtures.create(server);
    director = await server.signIn('program_director');
    clinician = await server.signIn('clinician');
    roomName = 'Feed test room';
    const room = await director.send<Room>('POST', '/api/v1/rooms', {
      siteId: fx.firstSiteId,
      name: roomName,
      seats: 10,
    });
    expect(room.status, JSON.stringify(room.body)).toBe(201);
    siteName = (
      await server.db.kysely
        .selectFrom('sites')
        .select('name')
        .where('id', '=', fx.firstSiteId)
        .executeTakeFirstOrThrow()
    ).name;
    const created = await director.send<Series>('POST', '/api/v1/series', {
      siteId: fx.firstSiteId,
      kind: 'group',
      title: 'Opioid recovery group',
      clinicianId: clinician.userId,
      roomId: room.body.id,
      capacity: 10,
      weekdays: [1, 3, 5],
      startTime: '13:00',
      durationMinutes: 90,
      startsOn: TODAY,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    group = created.body;
    const video = await director.send<Series>('POST', '/api/v1/series', {
      siteId: fx.firstSiteId,
      kind: 'individual',
      title: 'Medication review for alcohol use disorder',
      clinicianId: clinician.userId,
      telehealthUrl: 'https://video.example.test/room/7',
      weekdays: [2],
      startTime: '16:00',
      durationMinutes: 50,
      startsOn: TODAY,
    });
    expect(video.status, JSON.stringify(video.body)).toBe(201);
    patient = await fx.createPatient({
      siteId: fx.firstSiteId,
      status: 'active',
      caseload: [{ userId: clinician.userId, kind: 'primary_clinician' }],
      openEpisode: true,
    });
    for (const series of [group, video.body]) {
      const joined = await clinician.send('POST', `/api/v1/series/${series.id}/members`, {
        patientId: patient.id,
        joinOn: TODAY,
      });
      expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    }
    const cancelled = await director.send(
      'POST',
      `/api/v1/series/${group.id}/occurrences/2026-11-27/cancel`,
      {
        reason: 'Clinician at a training',
      },
    );
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const closure = await director.send('POST', '/api/v1/closures', {
      siteId: fx.firstSiteId,
      reason: 'Winter holiday',
      fromDate: '2026-12-25',
      toDate: '2026-12-25',
    });
    expect(closure.status, JSON.stringify(closure.body)).toBe(201);
  });
  afterAll(async () => {
    await server?.close();
  });

  const fetchFeed = (url: string) => fetch(url);
  const createFeed = async (client: TestClient, patientId = patient.id): Promise<CreatedCalendarFeed> => {
    const response = await client.send<CreatedCalendarFeed>(
      'POST',
      `/api/v1/patients/${patientId}/calendar-feeds`,
    );
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  };
  const auditRows = (action: string, recordId: string) =>
    server.db.kysely
      .selectFrom('audit_events')
      .select(['actor_user_id', 'patient_ids', 'ip', 'detail'])
      .where('action', '=', action)
      .where('record_id', '=', recordId)
      .execute();

  it('serves the patient’s sessions exactly as the calendar shows them, generic by default', async () => {
    const feed = await createFeed(clinician);
    expect(feed.url).toMatch(new RegExp(`^${server.baseUrl}/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
    const token = /\/calendar\/([^/]+)\.ics$/.exec(feed.url)?.[1] ?? '';
    const stored = await server.db.kysely
      .selectFrom('calendar_feeds')
      .selectAll()
      .where('id', '=', feed.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(tokenHash(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    const response = await fetchFeed(feed.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    const parsed = parseFeed(text);

    const from = TODAY;
    const to = addDays(from, 41);
    const calendar = await clinician.get<Calendar>(
      `/api/v1/calendar?${new URLSearchParams({ from, to, patientId: patient.id }).toString()}`,
    );
    expect(calendar.status).toBe(200);
    const expected = calendar.body.occurrences;
    expect(expected.length).toBeGreaterThan(10);
    const endOfRange = Date.parse(`${addDays(to, 2)}T00:00:00Z`);
    const inRange = parsed.events.filter(
      (e) => e.startIso >= `${from}T00:00:00.000Z` && Date.parse(e.startIso) < endOfRange,
    );
    const byUid = new Map(inRange.map((e) => [e.uid, e]));
    for (const o of expected) {
      const event = byUid.get(feedUid('patient', o.key));
      expect(event, o.key).toBeDefined();
      expect(event?.startIso).toBe(new Date(o.start).toISOString());
      expect(event?.endIso).toBe(new Date(o.end).toISOString());
      expect(event?.status).toBe(o.cancelled ? 'CANCELLED' : 'CONFIRMED');
      expect(event?.summary).toBe(o.cancelled ? 'Cancelled: Appointment' : 'Appointment');
      expect(event?.location).toBe(o.telehealth ? 'Telehealth' : 'In person');
    }
    expect(inRange.filter((e) => e.startIso < `${addDays(to, 1)}T05:00:00.000Z`)).toHaveLength(
      expected.length,
    );
    expect(expected.some((o) => o.cancellationReason !== null)).toBe(true);
    expect(expected.some((o) => o.closureReason !== null)).toBe(true);
    for (const secret of ['Opioid', 'alcohol', roomName, siteName, 'Fixture', 'video.example', 'IOP'])
      expect(text).not.toContain(secret);
    expect(parsed.name).toBe('Appointments');

    const reads = await auditRows('calendar_feed.read', feed.id);
    expect(reads).toHaveLength(1);
    expect(JSON.parse(reads[0]?.patient_ids ?? '[]')).toEqual([patient.id]);
    expect(reads[0]?.ip).toBeTruthy();
    const creates = await auditRows('calendar_feed.create', feed.id);
    expect(creates).toHaveLength(1);
    expect(creates[0]?.actor_user_id).toBe(clinician.userId);
  });

  it('names the session and place once the patient lets us name the clinic', async () => {
    const feed = await createFeed(director);
    await server.db.kysely
      .updateTable('patients')
      .set({ name_clinic_ok: 1 })
      .where('id', '=', patient.id)
      .execute();
    try {
      const parsed = parseFeed(await (await fetchFeed(feed.url)).text());
      const summaries = new Set(parsed.events.map((e) => e.summary));
      expect(summaries.has('Opioid recovery group')).toBe(true);
      expect(parsed.events.some((e) => e.location === `${siteName}, ${roomName}`)).toBe(true);
      expect(parsed.name).toBe(`${siteName} appointments`);
    } finally {
      await server.db.kysely
        .updateTable('patients')
        .set({ name_clinic_ok: 0 })
        .where('id', '=', patient.id)
        .execute();
    }
  });

  it('lists feeds without their URLs and stops serving a revoked one with the unknown-token answer', async () => {
    const feed = await createFeed(clinician);
    const list = await clinician.get<CalendarFeed[]>(`/api/v1/patients/${patient.id}/calendar-feeds`);
    expect(list.status).toBe(200);
    expect(list.body.find((f) => f.id === feed.id)).toMatchObject({ serving: true, revokedAt: null });
    expect(JSON.stringify(list.body)).not.toContain('/calendar/');

    const revoked = await clinician.send<CalendarFeed>('POST', `/api/v1/calendar-feeds/${feed.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ serving: false, revokedAt: server.clock.now().toISOString() });
    const gone = await fetchFeed(feed.url);
    // Dashes and underscores are base64url too: the route must not split the token at them.
    const unknown = await fetchFeed(`${server.baseUrl}/calendar/${'-_'.repeat(21)}A.ics`);
    expect(gone.status).toBe(404);
    expect(unknown.status).toBe(404);
    const detailOf = async (r: Response) => (await r.json()) as { detail: string; code: string };
    const [a, b] = [await detailOf(gone), await detailOf(unknown)];
    expect([a.code, a.detail]).toEqual([b.code, b.detail]);
    expect(await auditRows('calendar_feed.revoke', feed.id)).toHaveLength(1);
    expect(await auditRows('calendar_feed.read', feed.id)).toHaveLength(0);
  });

  it('refuses staff without the patient’s schedule permission, and audits it', async () => {
    const biller = await server.signIn('biller');
    const refused = await biller.send('POST', `/api/v1/patients/${patient.id}/calendar-feeds`);
    expect(refused.status).toBe(403);
    const stranger = await server.signIn('clinician2@demo.openiop.org');
    const hidden = await stranger.send('POST', `/api/v1/patients/${patient.id}/calendar-feeds`);
    expect(hidden.status).toBe(404);
    const feed = await createFeed(clinician);
    const revoke = await biller.send('POST', `/api/v1/calendar-feeds/${feed.id}/revoke`);
    expect(revoke.status).toBe(403);
    const denials = await server.db.kysely
      .selectFrom('audit_events')
      .select(['actor_user_id', 'detail'])
      .where('action', '=', 'access.denied')
      .where('record_id', '=', patient.id)
      .execute();
    expect(denials.map((d) => d.actor_user_id)).toEqual(
      expect.arrayContaining([biller.userId, stranger.userId]),
    );
    expect((await fetchFeed(feed.url)).status).toBe(200);
  });

  it('stops serving a discharged patient’s feed', async () => {
    const other = await fx.createPatient({
      siteId: fx.firstSiteId,
      status: 'active',
      caseload: [{ userId: clinician.userId, kind: 'primary_clinician' }],
      openEpisode: true,
    });
    const feed = await createFeed(clinician, other.id);
    expect((await fetchFeed(feed.url)).status).toBe(200);
    await server.db.kysely
      .updateTable('patients')
      .set({ status: 'discharged' })
      .where('id', '=', other.id)
      .execute();
    expect((await fetchFeed(feed.url)).status).toBe(404);
    const list = await clinician.get<CalendarFeed[]>(`/api/v1/patients/${other.id}/calendar-feeds`);
    expect(list.body.map((f) => f.serving)).toEqual([false]);
    const again = await clinician.send('POST', `/api/v1/patients/${other.id}/calendar-feeds`);
    expect(again.status).toBe(409);
  });

  it('gives a clinician a feed of the sessions they lead, by kind and room, naming no patient', async () => {
    const created = await clinician.send<CreatedCalendarFeed>('POST', '/api/v1/me/calendar-feeds');
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const text = await (await fetchFeed(created.body.url)).text();
    const parsed = parseFeed(text);
    const ours = parsed.events.filter(
      (e) => e.uid.startsWith(group.id) || e.summary.endsWith('Individual session'),
    );
    expect(ours.length).toBeGreaterThan(10);
    const kinds = new Set(Object.values(SESSION_KIND_TITLES));
    expect(parsed.events.every((e) => kinds.has(e.summary.replace(/^Cancelled: /, '')))).toBe(true);
    expect(parsed.events.some((e) => e.location === roomName)).toBe(true);
    for (const secret of ['Opioid', 'alcohol', 'Fixture', patient.mrn]) expect(text).not.toContain(secret);
    expect(parsed.name).toBe('My sessions');

    const mine = await clinician.get<CalendarFeed[]>('/api/v1/me/calendar-feeds');
    expect(mine.body.map((f) => f.id)).toContain(created.body.id);
    const others = await director.get<CalendarFeed[]>('/api/v1/me/calendar-feeds');
    expect(others.body.map((f) => f.id)).not.toContain(created.body.id);
    const notTheirs = await director.send('POST', `/api/v1/calendar-feeds/${created.body.id}/revoke`);
    expect(notTheirs.status).toBe(404);
    const revoked = await clinician.send('POST', `/api/v1/calendar-feeds/${created.body.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect((await fetchFeed(created.body.url)).status).toBe(404);
  });

  // Last: it spends this address's allowance of feed reads for the rest of the file.
  it('limits feed reads per address with a 429 problem and a retry-after header', async () => {
    const url = `${server.baseUrl}/calendar/${'B'.repeat(43)}.ics`;
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < 130; i += 1) {
      last = await fetchFeed(url);
      statuses.push(last.status);
      if (last.status === 429) break;
    }
    expect(statuses).toContain(404);
    expect(last?.status).toBe(429);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await last?.json()) as { code: string }).code).toBe('RATE_LIMITED');
  });
});
