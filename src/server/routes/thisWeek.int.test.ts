import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatientThisWeek } from '../../core/api/thisWeek.js';
import { TEST_DIALECTS } from '../../db/testing/testDatabases.js';
import { type PatientFixture, RouteFixtures } from '../testing/routeTable.js';
import { startTestServer, type TestClient, type TestServer } from '../testing/testServer.js';

interface Problem {
  code: string;
  detail: string;
  fields?: { field: string; message: string }[];
}

/*
 * The test clock is Tuesday 2026-11-24 15:00 UTC, 10:00 in New York (the first demo site). The
 * patient is booked into a weekday morning group and a Wednesday evening video session; Monday's
 * roll call has them 15 minutes late, Tuesday's group did not run, the site is closed on Thursday
 * and Friday's group was cancelled on its own.
 */
describe.each(TEST_DIALECTS)('the patient’s week over HTTP on %s', (dialect) => {
  let server: TestServer;
  let fx: RouteFixtures;
  let clinician: TestClient;
  let frontDesk: TestClient;
  let director: TestClient;
  let patient: PatientFixture;
  let groupId: string;
  let siteName: string;
  const roomName = `Group room ${randomUUID().slice(0, 6)}`;

  const db = () => server.db.kysely;
  const nowIso = () => server.clock.now().toISOString();

  const createSeries = async (values: {
    title: string;
    kind: 'group' | 'individual';
    roomId: string | null;
    telehealthUrl: string | null;
    weekdays: string;
    startTime: string;
    durationMinutes: number;
  }): Promise<string> => {
    const id = randomUUID();
    await db()
      .insertInto('session_series')
      .values({
        id,
        site_id: fx.firstSiteId,
        program_id: await fx.programAt(fx.firstSiteId),
        track_id: null,
        kind: values.kind,
        title: values.title,
        clinician_id: clinician.userId,
        room_id: values.roomId,
        telehealth_url: values.telehealthUrl,
        capacity: values.kind === 'group' ? 12 : 1,
        enrolment: 'rolling',
        audience: 'adult',
        gender: null,
        weekdays: values.weekdays,
        start_time: values.startTime,
        duration_minutes: values.durationMinutes,
        every_weeks: 1,
        starts_on: '2026-11-02',
        ends_on: null,
        archived_at: null,
        created_by: director.userId,
        created_at: nowIso(),
        updated_at: nowIso(),
        version: 1,
      })
      .execute();
    await db()
      .insertInto('series_memberships')
      .values({
        id: randomUUID(),
        series_id: id,
        patient_id: patient.id,
        joined_on: '2026-11-02',
        left_on: null,
        pinned: 0,
        recorded_at: '2026-10-01T00:00:00.000Z',
        created_by: director.userId,
        ended_by: null,
        updated_at: nowIso(),
        version: 1,
      })
      .execute();
    return id;
  };

  const rollCall = (key: string, body: Record<string, unknown>) =>
    clinician.send<Problem>('PUT', `/api/v1/sessions/${key}/roll-call`, body);

  const weekOf = (client: TestClient, id: string, query = '') =>
    client.get<PatientThisWeek & Problem>(`/api/v1/patients/${id}/this-week${query}`);

  beforeAll(async () => {
    server = await startTestServer(dialect);
    fx = await RouteFixtures.create(server);
    clinician = await server.signIn('clinician');
    frontDesk = await server.signIn('front_desk');
    director = await server.signIn('program_director');
    siteName = (
      await db().selectFrom('sites').select('name').where('id', '=', fx.firstSiteId).executeTakeFirstOrThrow()
    ).name;

    patient = await fx.createPatient({
      siteId: fx.firstSiteId,
      status: 'active',
      caseload: [{ userId: clinician.userId, kind: 'primary_clinician' }],
      openEpisode: true,
    });
    // Enrolled (IOP) all of last week and this one.
    await db()
      .updateTable('enrolment_segments')
      .set({ start_on: '2026-11-16' })
      .where('patient_id', '=', patient.id)
      .execute();
    const roomId = randomUUID();
    await db()
      .insertInto('rooms')
      .values({
        id: roomId,
        site_id: fx.firstSiteId,
        name: roomName,
        seats: 12,
        active: 1,
        created_at: nowIso(),
        updated_at: nowIso(),
        version: 1,
      })
      .execute();
    groupId = await createSeries({
      title: 'Relapse prevention',
      kind: 'group',
      roomId,
      telehealthUrl: null,
      weekdays: '1,2,3,4,5',
      startTime: '09:00',
      durationMinutes: 90,
    });
    await createSeries({
      title: 'Individual — trauma work',
      kind: 'individual',
      roomId: null,
      telehealthUrl: 'https://video.example.test/ind-7',
      weekdays: '3',
      startTime: '17:00',
      durationMinutes: 50,
    });

    const monday = await rollCall(`${groupId}@2026-11-23`, {
      status: 'held',
      leaderId: clinician.userId,
      entries: [
        { patientId: patient.id, mark: { kind: 'present', lateMinutes: 15, via: { mode: 'in-person' } } },
      ],
    });
    expect(monday.status, JSON.stringify(monday.body)).toBe(200);
    const tuesday = await rollCall(`${groupId}@2026-11-24`, {
      status: 'cancelled',
      cancellationReason: 'Clinician ill',
      leaderId: clinician.userId,
      entries: [],
    });
    expect(tuesday.status, JSON.stringify(tuesday.body)).toBe(200);
    await db()
      .insertInto('clinic_closures')
      .values({
        id: randomUUID(),
        site_id: fx.firstSiteId,
        reason: 'Thanksgiving',
        from_date: '2026-11-26',
        to_date: '2026-11-26',
        starts_at: null,
        ends_at: null,
        created_by: director.userId,
        created_at: nowIso(),
        withdrawn_at: null,
      })
      .execute();
    await db()
      .insertInto('series_exceptions')
      .values({
        id: randomUUID(),
        series_id: groupId,
        scheduled_date: '2026-11-27',
        kind: 'cancelled',
        reason: 'Leader at a conference',
        to_date: null,
        to_start_time: null,
        duration_minutes: null,
        room_id: null,
        clinician_id: null,
        created_by: director.userId,
        created_at: nowIso(),
        updated_at: nowIso(),
        version: 1,
      })
      .execute();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('shows this week by day with generic titles, what happened to each session, and the hours', async () => {
    const response = await weekOf(clinician, patient.id);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const week = response.body;
    expect([week.weekStart, week.weekEnd, week.timeZone]).toEqual([
      '2026-11-23',
      '2026-11-29',
      'America/New_York',
    ]);
    expect(
      week.days.map((d) => [
        d.date,
        d.sessions.map((s) => [
          s.startTime,
          s.title,
          s.place,
          s.status,
          s.minutesAttended,
          s.cancelledBecause,
        ]),
      ]),
    ).toEqual([
      ['2026-11-23', [['09:00', 'Appointment', 'In person', 'attended', 75, null]]],
      ['2026-11-24', [['09:00', 'Appointment', 'In person', 'cancelled', null, 'session-cancelled']]],
      [
        '2026-11-25',
        [
          ['09:00', 'Appointment', 'In person', 'upcoming', null, null],
          ['17:00', 'Appointment', 'Telehealth', 'upcoming', null, null],
        ],
      ],
      ['2026-11-26', [['09:00', 'Appointment', 'In person', 'cancelled', null, 'clinic-closed']]],
      ['2026-11-27', [['09:00', 'Appointment', 'In person', 'cancelled', null, 'session-cancelled']]],
    ]);
    expect(week.days[2]?.sessions.map((s) => s.telehealthLink)).toEqual([
      null,
      'https://video.example.test/ind-7',
    ]);
    expect(week.days[0]?.sessions[0]).toMatchObject({
      startIso: '2026-11-23T09:00:00-05:00',
      endIso: '2026-11-23T10:30:00-05:00',
    });
    expect(week.hours).toEqual({ attended: 1.3, stillScheduled: 2.3, minimum: 9, maximum: 19 });
    expect(week.sessionsLeft).toBe(2);
    expect(week.summary).toBe('You have attended 1.3 of your 9 hours this week; 2 sessions left.');
    // Staff-written words and names stay with staff.
    const text = JSON.stringify(week);
    for (const secret of ['Relapse', 'trauma', 'Clinician ill', 'conference', 'Thanksgiving', roomName])
      expect(text).not.toContain(secret);
  });

  it('names the sessions and the place when the patient allows naming the clinic', async () => {
    await db().updateTable('patients').set({ name_clinic_ok: 1 }).where('id', '=', patient.id).execute();
    try {
      const week = (await weekOf(clinician, patient.id)).body;
      expect(week.days[2]?.sessions.map((s) => [s.title, s.place])).toEqual([
        ['Relapse prevention', `${siteName}, ${roomName}`],
        ['Individual — trauma work', siteName],
      ]);
    } finally {
      await db().updateTable('patients').set({ name_clinic_ok: 0 }).where('id', '=', patient.id).execute();
    }
  });

  it('takes any day of another week, looking back or ahead', async () => {
    const sunday = await weekOf(frontDesk, patient.id, '?week=2026-11-29');
    expect(sunday.status, JSON.stringify(sunday.body)).toBe(200);
    expect(sunday.body.weekStart).toBe('2026-11-23');

    const last = (await weekOf(clinician, patient.id, '?week=2026-11-18')).body;
    expect(last.weekStart).toBe('2026-11-16');
    // No roll call was taken last week: every session awaits its record, and nothing is left.
    expect(last.days.flatMap((d) => d.sessions.map((s) => s.status))).toEqual([
      'awaiting-record',
      'awaiting-record',
      'awaiting-record',
      'awaiting-record',
      'awaiting-record',
      'awaiting-record',
    ]);
    expect(last.summary).toBe('You attended 0 of your 9 hours that week.');

    const next = (await weekOf(clinician, patient.id, '?week=2026-12-01')).body;
    expect(next.weekStart).toBe('2026-11-30');
    expect(next.sessionsLeft).toBe(6);
    expect(next.summary).toBe('You have 6 sessions scheduled that week, 8.3 of your 9 hours.');
  });

  it('audits the read, naming the patient and the week', async () => {
    const before = await db()
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'attendance.this_week')
      .where('record_id', '=', patient.id)
      .executeTakeFirstOrThrow();
    await weekOf(director, patient.id, '?week=2026-11-30');
    const events = await db()
      .selectFrom('audit_events')
      .select(['patient_ids', 'detail', 'actor_user_id'])
      .where('action', '=', 'attendance.this_week')
      .where('record_id', '=', patient.id)
      .execute();
    expect(events.length).toBe(Number(before.n) + 1);
    const last = events.find((e) => e.actor_user_id === director.userId);
    expect(JSON.parse(last?.patient_ids ?? '[]')).toEqual([patient.id]);
    expect(JSON.parse(last?.detail ?? '{}')).toMatchObject({ weekStart: '2026-11-30' });
  });

  it('answers 400 for a week that is not a date, and reads nothing', async () => {
    const reads = async () =>
      Number(
        (
          await db()
            .selectFrom('audit_events')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('action', '=', 'attendance.this_week')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await reads();
    for (const week of ['2026-02-30', 'next-week', '2026-11', '24/11/2026', '', '9999-12-31', '1900-01-01']) {
      const response = await weekOf(clinician, patient.id, `?week=${encodeURIComponent(week)}`);
      expect(response.status, week).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.fields?.map((f) => f.field)).toEqual(['/week']);
    }
    const extra = await weekOf(clinician, patient.id, '?weeks=2');
    expect(extra.status).toBe(400);
    expect(await reads()).toBe(before);
  });

  it('hides another clinician’s patient (404, audited) and answers 404 for an unknown one', async () => {
    const stranger = await fx.createPatient({
      siteId: fx.firstSiteId,
      status: 'active',
      caseload: [{ userId: fx.clinician2.userId, kind: 'primary_clinician' }],
      openEpisode: true,
    });
    const hidden = await weekOf(clinician, stranger.id);
    expect(hidden.status).toBe(404);
    const denial = await db()
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'access.denied')
      .where('actor_user_id', '=', clinician.userId)
      .where('record_id', '=', stranger.id)
      .executeTakeFirst();
    expect(JSON.parse(denial?.detail ?? '{}')).toMatchObject({ attempted: 'attendance.read' });
    expect((await weekOf(clinician, randomUUID())).status).toBe(404);
  });
});
