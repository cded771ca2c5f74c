import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClosurePreview, Room, Series } from '../../core/api/schedule.js';
import { TEST_DIALECTS } from '../../db/testing/testDatabases.js';
import { type PatientFixture, RouteFixtures } from '../testing/routeTable.js';
import { type TestClient, type TestServer, startTestServer } from '../testing/testServer.js';

interface Problem {
  code: string;
  detail: string;
  reason?: string;
  mostBooked?: number;
  fields?: { field: string; message: string }[];
  fullOccurrences?: { occurrenceKey: string; localDate: string; booked: number; capacity: number }[];
}

// The test clock is Tuesday 24 November 2026, 10:00 in Hartford (the first demo site, America/New_York).

describe.each(TEST_DIALECTS)(
  'schedule changes that would overbook, and closure previews, on %s',
  (dialect) => {
    let server: TestServer;
    let fx: RouteFixtures;
    let director: TestClient;
    let clinician: TestClient;

    beforeAll(async () => {
      server = await startTestServer(dialect);
      fx = await RouteFixtures.create(server);
      director = await server.signIn('program_director');
      clinician = await server.signIn('clinician');
    });
    afterAll(async () => {
      await server?.close();
    });

    const createRoom = async (seats: number): Promise<Room> => {
      const room = await director.send<Room>('POST', '/api/v1/rooms', {
        siteId: fx.firstSiteId,
        name: `Room ${randomUUID().slice(0, 8)}`,
        seats,
      });
      expect(room.status, JSON.stringify(room.body)).toBe(201);
      return room.body;
    };

    /** A Mon/Wed/Fri 13:00 group led by the clinician. */
    const createSeries = async (overrides: Record<string, unknown>): Promise<Series> => {
      const response = await director.send<Series>('POST', '/api/v1/series', {
        siteId: fx.firstSiteId,
        kind: 'group',
        title: 'Capacity group',
        clinicianId: clinician.userId,
        telehealthUrl: 'https://video.example.test/capacity',
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

    const newPatient = (): Promise<PatientFixture> =>
      fx.createPatient({
        siteId: fx.firstSiteId,
        status: 'active',
        caseload: [{ userId: clinician.userId, kind: 'primary_clinician' }],
        openEpisode: true,
      });

    const join = async (seriesId: string, joinOn: string): Promise<string> => {
      const patient = await newPatient();
      const joined = await director.send('POST', `/api/v1/series/${seriesId}/members`, {
        patientId: patient.id,
        joinOn,
      });
      expect(joined.status, JSON.stringify(joined.body)).toBe(201);
      return patient.id;
    };

    const seriesRow = (id: string) =>
      server.db.kysely
        .selectFrom('session_series')
        .select(['capacity', 'version'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();

    describe('lowering a series’ capacity', () => {
      it('is refused below those booked, naming how many and from which date, and changes nothing', async () => {
        const series = await createSeries({ title: 'Lowered group' });
        await join(series.id, '2026-11-25');
        await join(series.id, '2026-11-25');
        await join(series.id, '2026-12-07');

        const refused = await director.send<Problem>('PATCH', `/api/v1/series/${series.id}`, {
          version: series.version,
          capacity: 2,
        });
        expect(refused.status, JSON.stringify(refused.body)).toBe(409);
        expect(refused.body).toMatchObject({
          code: 'CONFLICT',
          reason: 'CAPACITY_BELOW_BOOKINGS',
          mostBooked: 3,
          fields: [{ field: '/capacity', message: expect.stringContaining('at least 3') }],
        });
        // Before 7 December two are booked, which two places hold.
        expect(refused.body.fullOccurrences?.[0]).toEqual({
          occurrenceKey: `${series.id}@2026-12-07`,
          localDate: '2026-12-07',
          booked: 3,
          capacity: 2,
        });
        expect(refused.body.fullOccurrences?.every((o) => o.localDate >= '2026-12-07')).toBe(true);
        expect(refused.body.detail).toBe(
          '2 places are too few: up to 3 patients are booked into every session from 2026-12-07 on. Move patients to another group first, or keep at least 3.',
        );
        expect(await seriesRow(series.id)).toEqual({ capacity: 10, version: series.version });

        const kept = await director.send<Series>('PATCH', `/api/v1/series/${series.id}`, {
          version: series.version,
          capacity: 3,
        });
        expect(kept.status, JSON.stringify(kept.body)).toBe(200);
        expect(kept.body.capacity).toBe(3);
      });

      it('counts only the sessions while everyone is booked: a leave date and a one-session skip', async () => {
        const series = await createSeries({ title: 'Leaving group' });
        await join(series.id, '2026-11-25');
        await join(series.id, '2026-11-25');
        const leaving = await join(series.id, '2026-11-25');
        const left = await director.send('POST', `/api/v1/series/${series.id}/members/${leaving}/leave`, {
          leaveOn: '2026-12-02',
        });
        expect(left.status, JSON.stringify(left.body)).toBe(200);

        const refused = await director.send<Problem>('PATCH', `/api/v1/series/${series.id}`, {
          version: series.version,
          capacity: 2,
        });
        expect(refused.status).toBe(409);
        // Wednesday 25, Friday 27 and Monday 30 November; not 2 December, the leave date, nor after.
        expect(refused.body.fullOccurrences?.map((o) => o.localDate)).toEqual([
          '2026-11-25',
          '2026-11-27',
          '2026-11-30',
        ]);

        // Taken out of those three sessions one by one, the third patient no longer overbooks them.
        for (const date of ['2026-11-25', '2026-11-27', '2026-11-30'])
          await server.db.kysely
            .insertInto('occurrence_bookings')
            .values({
              id: randomUUID(),
              series_id: series.id,
              scheduled_date: date,
              patient_id: leaving,
              kind: 'skip',
              pinned: 1,
              source: 'staff',
              run_id: null,
              created_by: director.userId,
              created_at: server.clock.now().toISOString(),
            })
            .execute();
        const lowered = await director.send<Series>('PATCH', `/api/v1/series/${series.id}`, {
          version: series.version,
          capacity: 2,
        });
        expect(lowered.status, JSON.stringify(lowered.body)).toBe(200);
      });

      it('sees a join planned months ahead, beyond the four weeks a join checks', async () => {
        const series = await createSeries({ title: 'Planned group', weekdays: [2] });
        await join(series.id, '2026-11-24');
        await join(series.id, '2027-06-01');
        const refused = await director.send<Problem>('PATCH', `/api/v1/series/${series.id}`, {
          version: series.version,
          capacity: 1,
        });
        expect(refused.status).toBe(409);
        expect(refused.body.fullOccurrences?.[0]?.localDate).toBe('2027-06-01');
        // Raising it, or lowering it without overbooking, needs no check.
        const raised = await director.send<Series>('PATCH', `/api/v1/series/${series.id}`, {
          version: series.version,
          capacity: 2,
        });
        expect(raised.status, JSON.stringify(raised.body)).toBe(200);
      });

      it('ignores a session already under way', async () => {
        // Two were booked into today's 09:00 session, which has begun; one leaves from tomorrow.
        const series = await createSeries({ title: 'Morning group', weekdays: [2], startTime: '09:00' });
        for (const leftOn of [null, '2026-11-25'])
          await server.db.kysely
            .insertInto('series_memberships')
            .values({
              id: randomUUID(),
              series_id: series.id,
              patient_id: (await newPatient()).id,
              joined_on: '2026-11-24',
              left_on: leftOn,
              pinned: 0,
              recorded_at: '2026-11-24T12:00:00.000Z',
              created_by: director.userId,
              ended_by: null,
              updated_at: '2026-11-24T12:00:00.000Z',
              version: 1,
            })
            .execute();
        const lowered = await director.send<Series>('PATCH', `/api/v1/series/${series.id}`, {
          version: series.version,
          capacity: 1,
        });
        expect(lowered.status, JSON.stringify(lowered.body)).toBe(200);
        // The same two booked into a session still to come would be refused.
        const later = await createSeries({ title: 'Later group', weekdays: [2], startTime: '15:00' });
        await join(later.id, '2026-11-24');
        await join(later.id, '2026-11-24');
        const refused = await director.send<Problem>('PATCH', `/api/v1/series/${later.id}`, {
          version: later.version,
          capacity: 1,
        });
        expect(refused.status).toBe(409);
        expect(refused.body.fullOccurrences?.[0]?.localDate).toBe('2026-11-24');
      });
    });

    describe('lowering a room’s seats', () => {
      it('is refused below those booked into the sessions held there', async () => {
        const room = await createRoom(10);
        const series = await createSeries({ title: 'Room group', roomId: room.id, telehealthUrl: null });
        await join(series.id, '2026-11-25');
        await join(series.id, '2026-11-25');
        await join(series.id, '2026-11-25');

        const refused = await director.send<Problem>('PATCH', `/api/v1/rooms/${room.id}`, {
          version: room.version,
          seats: 2,
        });
        expect(refused.status, JSON.stringify(refused.body)).toBe(409);
        expect(refused.body).toMatchObject({
          reason: 'CAPACITY_BELOW_BOOKINGS',
          mostBooked: 3,
          fields: [{ field: '/seats', message: expect.stringContaining('at least 3') }],
        });
        expect(refused.body.fullOccurrences?.[0]?.localDate).toBe('2026-11-25');
        const unchanged = await server.db.kysely
          .selectFrom('rooms')
          .select(['seats', 'version'])
          .where('id', '=', room.id)
          .executeTakeFirstOrThrow();
        expect(unchanged).toEqual({ seats: 10, version: room.version });

        const renamed = await director.send<Room>('PATCH', `/api/v1/rooms/${room.id}`, {
          version: room.version,
          seats: 3,
          name: `${room.name} (small)`,
        });
        expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
        expect(renamed.body).toMatchObject({ seats: 3, name: `${room.name} (small)` });
      });
    });

    describe('a closure preview', () => {
      it('counts the sessions and patients a closure would cancel, and saves nothing', async () => {
        const series = await createSeries({ title: 'Thursday group', weekdays: [4] });
        const patient = await join(series.id, '2026-12-03');
        const closuresBefore = await server.db.kysely
          .selectFrom('clinic_closures')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();

        const query = new URLSearchParams({
          siteId: fx.firstSiteId,
          fromDate: '2026-12-03',
          toDate: '2026-12-10',
        });
        const preview = await director.get<ClosurePreview>(`/api/v1/closures/preview?${query.toString()}`);
        expect(preview.status, JSON.stringify(preview.body)).toBe(200);
        const ours = preview.body.sessions.filter((s) => s.seriesId === series.id);
        expect(ours).toEqual([
          {
            key: `${series.id}@2026-12-03`,
            seriesId: series.id,
            title: 'Thursday group',
            localDate: '2026-12-03',
            localStartTime: '13:00',
            bookedCount: 1,
          },
          expect.objectContaining({ localDate: '2026-12-10', bookedCount: 1 }),
        ]);
        expect(preview.body.sessionCount).toBe(preview.body.sessions.length);
        expect(preview.body.patientCount).toBeGreaterThanOrEqual(1);
        expect(JSON.stringify(preview.body)).not.toContain(patient);
        const closuresAfter = await server.db.kysely
          .selectFrom('clinic_closures')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        expect(Number(closuresAfter.n)).toBe(Number(closuresBefore.n));

        // The preview and the closure agree.
        const created = await director.send<{ cancelled: { key: string }[] }>('POST', '/api/v1/closures', {
          siteId: fx.firstSiteId,
          reason: 'Heating repair',
          fromDate: '2026-12-03',
          toDate: '2026-12-10',
        });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        expect(created.body.cancelled.map((o) => o.key).sort()).toEqual(
          preview.body.sessions.map((s) => s.key).sort(),
        );
        // Once closed, the same days would cancel nothing more.
        const again = await director.get<ClosurePreview>(`/api/v1/closures/preview?${query.toString()}`);
        expect(again.body).toEqual({ sessionCount: 0, patientCount: 0, sessions: [] });
      });

      it('refuses a span the closure would refuse, and callers who may not close the site', async () => {
        const backwards = await director.get<Problem>(
          `/api/v1/closures/preview?siteId=${fx.firstSiteId}&fromDate=2026-12-10&toDate=2026-12-03`,
        );
        expect(backwards.status).toBe(400);
        expect(backwards.body.fields?.map((f) => f.field)).toEqual(['/toDate']);
        const neither = await director.get<Problem>(`/api/v1/closures/preview?siteId=${fx.firstSiteId}`);
        expect(neither.status).toBe(400);
        const forbidden = await clinician.get<Problem>(
          `/api/v1/closures/preview?siteId=${fx.firstSiteId}&fromDate=2026-12-03&toDate=2026-12-03`,
        );
        expect(forbidden.status).toBe(403);
      });
    });
  },
);
