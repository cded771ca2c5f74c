import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AttendanceTaper,
  ComplianceReport,
  RollCallView,
  SavedRollCall,
  WeeklyHours,
} from '../../core/api/attendance.js';
import type { PatientThisWeek } from '../../core/api/thisWeek.js';
import { TEST_DIALECTS } from '../../db/testing/testDatabases.js';
import { BELOW_MINIMUM_ALERT_KIND, UNEXCUSED_ABSENCES_ALERT_KIND } from '../services/attendanceCompliance.js';
import { type PatientFixture, RouteFixtures } from '../testing/routeTable.js';
import { startTestServer, type TestClient, type TestServer } from '../testing/testServer.js';

interface Problem {
  code: string;
  detail: string;
  fields?: { field: string; message: string }[];
  currentVersion?: number;
}

/*
 * The test clock is Tuesday 2026-11-24 15:00 UTC (10:00 in New York, the first demo site). Series
 * and memberships are written directly: the schedule API is built alongside.
 */
describe.each(TEST_DIALECTS)('attendance over HTTP on %s', (dialect) => {
  let server: TestServer;
  let fx: RouteFixtures;
  let clinician: TestClient;
  let frontDesk: TestClient;
  let caseManager: TestClient;
  let director: TestClient;
  let supervisor: TestClient;
  let roomId: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    fx = await RouteFixtures.create(server);
    clinician = await server.signIn('clinician');
    frontDesk = await server.signIn('front_desk');
    caseManager = await server.signIn('case_manager');
    director = await server.signIn('program_director');
    supervisor = await server.signIn('clinical_supervisor');
    roomId = randomUUID();
    await db()
      .insertInto('rooms')
      .values({
        id: roomId,
        site_id: fx.firstSiteId,
        name: `Group room ${roomId.slice(0, 6)}`,
        seats: 12,
        active: 1,
        created_at: nowIso(),
        updated_at: nowIso(),
        version: 1,
      })
      .execute();
  });
  afterAll(async () => {
    await server?.close();
  });

  const db = () => server.db.kysely;
  const nowIso = () => server.clock.now().toISOString();

  /** A weekday group (Mon–Fri 09:00–10:30 unless told) led by the demo clinician at the first site, with a room. */
  const createSeries = async (
    options: {
      siteId?: string;
      clinicianId?: string;
      startTime?: string;
      startsOn?: string;
      room?: boolean;
    } = {},
  ): Promise<string> => {
    const id = randomUUID();
    const siteId = options.siteId ?? fx.firstSiteId;
    await db()
      .insertInto('session_series')
      .values({
        id,
        site_id: siteId,
        program_id: await fx.programAt(siteId),
        track_id: null,
        kind: 'group',
        title: 'Relapse prevention',
        clinician_id: options.clinicianId ?? clinician.userId,
        room_id: options.room === false || siteId !== fx.firstSiteId ? null : roomId,
        telehealth_url: 'https://video.example.test/room',
        capacity: 12,
        enrolment: 'rolling',
        audience: 'adult',
        gender: null,
        weekdays: '1,2,3,4,5',
        start_time: options.startTime ?? '09:00',
        duration_minutes: 90,
        every_weeks: 1,
        starts_on: options.startsOn ?? '2026-11-02',
        ends_on: null,
        archived_at: null,
        created_by: director.userId,
        created_at: nowIso(),
        updated_at: nowIso(),
        version: 1,
      })
      .execute();
    return id;
  };

  const book = async (seriesId: string, patientId: string, joinedOn = '2026-11-02') => {
    await db()
      .insertInto('series_memberships')
      .values({
        id: randomUUID(),
        series_id: seriesId,
        patient_id: patientId,
        joined_on: joinedOn,
        left_on: null,
        pinned: 0,
        recorded_at: '2026-10-01T00:00:00.000Z',
        created_by: director.userId,
        ended_by: null,
        updated_at: nowIso(),
        version: 1,
      })
      .execute();
  };

  /** An admitted patient on the demo clinician's caseload, enrolled (IOP) since `since` (one complete week by default: no deficit run yet). */
  const newPatient = async (since = '2026-11-16'): Promise<PatientFixture> => {
    const patient = await fx.createPatient({
      siteId: fx.firstSiteId,
      status: 'active',
      caseload: [{ userId: clinician.userId, kind: 'primary_clinician' }],
      openEpisode: true,
    });
    await db()
      .updateTable('patients')
      .set({ primary_clinician_id: clinician.userId })
      .where('id', '=', patient.id)
      .execute();
    await db()
      .updateTable('episodes')
      .set({ admitted_on: since })
      .where('patient_id', '=', patient.id)
      .execute();
    await db()
      .updateTable('enrolment_segments')
      .set({ start_on: since, primary_clinician_id: clinician.userId })
      .where('patient_id', '=', patient.id)
      .execute();
    return patient;
  };

  const inPerson = { kind: 'present', lateMinutes: 0, via: { mode: 'in-person' } } as const;
  const absent = { kind: 'absent', excused: false } as const;

  const put = (client: TestClient, key: string, body: Record<string, unknown>) =>
    client.send<SavedRollCall & Problem>('PUT', `/api/v1/sessions/${key}/roll-call`, body);

  const minutesOf = async (key: string) =>
    Object.fromEntries(
      (
        await db()
          .selectFrom('attendance_records')
          .select(['patient_id', 'minutes'])
          .where('occurrence_key', '=', key)
          .execute()
      ).map((r) => [r.patient_id, r.minutes]),
    );

  const alertCount = async (patientId: string, kind?: string) => {
    let query = db()
      .selectFrom('alerts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('patient_id', '=', patientId);
    if (kind !== undefined) query = query.where('kind', '=', kind);
    return Number((await query.executeTakeFirstOrThrow()).n);
  };
  const taskCount = async (patientId: string) =>
    Number(
      (
        await db()
          .selectFrom('tasks')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('patient_id', '=', patientId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  const denials = async (userId: string) =>
    Number(
      (
        await db()
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('actor_user_id', '=', userId)
          .where('action', '=', 'access.denied')
          .executeTakeFirstOrThrow()
      ).n,
    );

  describe('one tap, then the exceptions', () => {
    let seriesId: string;
    let a: PatientFixture;
    let b: PatientFixture;
    let c: PatientFixture;
    const monday = () => `${seriesId}@2026-11-23`;

    beforeAll(async () => {
      seriesId = await createSeries();
      [a, b, c] = [await newPatient(), await newPatient(), await newPatient()];
      for (const p of [a, b, c]) await book(seriesId, p.id);
    });

    it('shows the occurrence and its roster, with no roll call yet, and audits the read naming every patient', async () => {
      const view = await clinician.get<RollCallView>(`/api/v1/sessions/${monday()}/roll-call`);
      expect(view.status, JSON.stringify(view.body)).toBe(200);
      expect(view.body.occurrence).toMatchObject({
        key: monday(),
        title: 'Relapse prevention',
        kind: 'group',
        localDate: '2026-11-23',
        start: '2026-11-23T09:00:00-05:00',
        end: '2026-11-23T10:30:00-05:00',
        leader: { id: clinician.userId },
        hasRoom: true,
        cancellation: null,
        started: true,
      });
      expect(view.body.roster.map((r) => r.patientId).sort()).toEqual([a.id, b.id, c.id].sort());
      expect(view.body.rollCall).toBeNull();
      const audit = await db()
        .selectFrom('audit_events')
        .select('patient_ids')
        .where('action', '=', 'rollcall.read')
        .where('record_id', '=', monday())
        .executeTakeFirstOrThrow();
      expect((JSON.parse(audit.patient_ids) as string[]).sort()).toEqual([a.id, b.id, c.id].sort());
    });

    it('stores minutes per patient: on time 90, 15 minutes late 75, on video from home 90', async () => {
      const saved = await put(clinician, monday(), {
        status: 'held',
        leaderId: clinician.userId,
        entries: [
          { patientId: a.id, mark: inPerson },
          { patientId: b.id, mark: { ...inPerson, lateMinutes: 15 } },
          {
            patientId: c.id,
            mark: { kind: 'present', lateMinutes: 0, via: { mode: 'video', patientLocation: 'Yonkers, NY' } },
          },
        ],
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect(saved.body.rollCall.version).toBe(1);
      expect(saved.body.rollCall.actualStart).toBe('2026-11-23T14:00:00.000Z');
      expect(saved.body.alertsRaised).toEqual([]);
      expect(await minutesOf(monday())).toEqual({ [a.id]: 90, [b.id]: 75, [c.id]: 90 });
      const video = saved.body.rollCall.entries.find((e) => e.patientId === c.id);
      expect(video?.mark).toEqual({
        kind: 'present',
        lateMinutes: 0,
        leftEarlyAt: null,
        via: { mode: 'video', patientLocation: 'Yonkers, NY' },
      });
      const audit = await db()
        .selectFrom('audit_events')
        .select('patient_ids')
        .where('action', '=', 'rollcall.record')
        .where('record_id', '=', saved.body.rollCall.id)
        .executeTakeFirstOrThrow();
      expect((JSON.parse(audit.patient_ids) as string[]).sort()).toEqual([a.id, b.id, c.id].sort());

      const read = await frontDesk.get<RollCallView>(`/api/v1/sessions/${monday()}/roll-call`);
      expect(read.status).toBe(200);
      expect(read.body.rollCall?.entries.map((e) => e.minutes).sort()).toEqual([75, 90, 90]);
    });

    it('shows the minutes in the weekly hours, against the level’s range', async () => {
      const hours = await clinician.get<WeeklyHours>(`/api/v1/patients/${b.id}/weekly-hours?weeks=4`);
      expect(hours.status, JSON.stringify(hours.body)).toBe(200);
      expect(hours.body.weeks.map((w) => w.weekStart)).toEqual([
        '2026-11-02',
        '2026-11-09',
        '2026-11-16',
        '2026-11-23',
      ]);
      expect(hours.body.weeks.at(-1)).toMatchObject({
        weekStart: '2026-11-23',
        minutes: 75,
        hours: 1.3,
        minimumMinutes: 540,
        maximumMinutes: 1140,
        levelOfCare: 'IOP',
        status: 'below',
        complete: false,
        enrolledAllWeek: true,
        tapering: false,
      });
      // Not enrolled yet: no range, nothing judged.
      expect(hours.body.weeks[0]).toMatchObject({
        minutes: 0,
        complete: true,
        enrolledAllWeek: false,
        minimumMinutes: null,
        status: null,
      });
      // Today's 09:00 has begun without a roll call; Wednesday to Friday are still to come.
      expect(hours.body.thisWeek).toEqual({ upcomingSessions: 3, upcomingMinutes: 270, awaitingRollCall: 1 });
      const audit = await db()
        .selectFrom('audit_events')
        .select('patient_ids')
        .where('action', '=', 'attendance.weekly_hours')
        .where('record_id', '=', b.id)
        .executeTakeFirst();
      expect(audit).toBeDefined();
    });

    it('refuses a save on a stale version with 409 and changes nothing; the current version saves', async () => {
      const body = {
        status: 'held',
        leaderId: clinician.userId,
        entries: [a, b, c].map((p) => ({ patientId: p.id, mark: absent })),
      };
      const withoutVersion = await put(clinician, monday(), body);
      expect(withoutVersion.status).toBe(409);
      expect(withoutVersion.body.code).toBe('STALE_VERSION');
      expect(withoutVersion.body.currentVersion).toBe(1);
      const wrongVersion = await put(clinician, monday(), { ...body, version: 7 });
      expect(wrongVersion.status).toBe(409);
      expect(wrongVersion.body.code).toBe('STALE_VERSION');
      expect(await minutesOf(monday())).toEqual({ [a.id]: 90, [b.id]: 75, [c.id]: 90 });

      const corrected = await put(frontDesk, monday(), {
        version: 1,
        status: 'held',
        leaderId: clinician.userId,
        entries: [
          { patientId: a.id, mark: inPerson },
          { patientId: b.id, mark: { ...inPerson, lateMinutes: 15 } },
          {
            patientId: c.id,
            mark: { ...inPerson, leftEarlyAt: '2026-11-23T15:00:00.000Z' },
          },
        ],
      });
      expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
      expect(corrected.body.rollCall.version).toBe(2);
      expect(await minutesOf(monday())).toEqual({ [a.id]: 90, [b.id]: 75, [c.id]: 60 });
    });

    it('refuses late minutes beyond the session and telehealth without a location, naming the fields, storing nothing', async () => {
      const tuesdayBefore = `${seriesId}@2026-11-17`;
      const response = await put(clinician, tuesdayBefore, {
        status: 'held',
        leaderId: clinician.userId,
        entries: [
          { patientId: a.id, mark: { ...inPerson, lateMinutes: 95 } },
          { patientId: b.id, mark: { kind: 'present', lateMinutes: 0, via: { mode: 'audio-only' } } },
        ],
      });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.fields?.map((f) => f.field).sort()).toEqual(
        ['/entries', '/entries/0/mark/lateMinutes', '/entries/1/mark/via/patientLocation'].sort(),
      );
      expect(response.body.fields?.find((f) => f.field === '/entries')?.message).toContain(c.id);
      const stored = await db()
        .selectFrom('roll_calls')
        .select('id')
        .where('occurrence_key', '=', tuesdayBefore)
        .execute();
      expect(stored).toEqual([]);
      expect(await minutesOf(tuesdayBefore)).toEqual({});
    });

    it('refuses an unbooked patient who is not admitted at the site, and a leader who does not work there', async () => {
      const outsider = await fx.createPatient({
        siteId: fx.outsideSiteId,
        status: 'active',
        caseload: [],
        openEpisode: true,
      });
      const response = await put(clinician, `${seriesId}@2026-11-16`, {
        status: 'held',
        leaderId: fx.bystanderId,
        entries: [
          ...[a, b, c].map((p) => ({ patientId: p.id, mark: inPerson })),
          { patientId: outsider.id, mark: inPerson, unbooked: { kind: 'unscheduled' } },
        ],
      });
      expect(response.status).toBe(400);
      expect(response.body.fields?.map((f) => f.field).sort()).toEqual(['/entries/3/patientId', '/leaderId']);
    });

    it('takes a make-up attendee and a substitute leader', async () => {
      const visitor = await newPatient();
      const other = await createSeries({ startTime: '13:00' });
      await book(other, visitor.id);
      const response = await put(frontDesk, `${seriesId}@2026-11-20`, {
        status: 'held',
        leaderId: director.userId,
        actualStart: '2026-11-20T14:05:00.000Z',
        actualEnd: '2026-11-20T15:35:00.000Z',
        entries: [
          ...[a, b, c].map((p) => ({ patientId: p.id, mark: inPerson })),
          {
            patientId: visitor.id,
            mark: inPerson,
            unbooked: { kind: 'make-up', forOccurrenceKey: `${other}@2026-11-19` },
          },
        ],
      });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body.rollCall.leader.id).toBe(director.userId);
      const row = await db()
        .selectFrom('attendance_records')
        .select(['booked', 'unbooked_kind', 'make_up_for', 'minutes'])
        .where('patient_id', '=', visitor.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({
        booked: 0,
        unbooked_kind: 'make-up',
        make_up_for: `${other}@2026-11-19`,
        minutes: 90,
      });
    });

    it('gives the patient’s week from the same minutes', async () => {
      const response = await clinician.get<PatientThisWeek>(`/api/v1/patients/${b.id}/this-week`);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      const week = response.body;
      expect(week.weekStart).toBe('2026-11-23');
      expect(week.days.map((d) => [d.date, d.sessions.map((s) => [s.status, s.minutesAttended])])).toEqual([
        ['2026-11-23', [['attended', 75]]],
        ['2026-11-24', [['upcoming', null]]],
        ['2026-11-25', [['upcoming', null]]],
        ['2026-11-26', [['upcoming', null]]],
        ['2026-11-27', [['upcoming', null]]],
      ]);
      expect(week.days[0]?.sessions[0]?.title).toBe('Appointment');
      expect(week.hours).toMatchObject({ attended: 1.3, minimum: 9, maximum: 19 });
    });
  });

  describe('the state of the session', () => {
    it('refuses a roll call before the session has begun', async () => {
      const later = await createSeries({ startTime: '17:00' });
      const patient = await newPatient();
      await book(later, patient.id);
      const response = await put(clinician, `${later}@2026-11-24`, {
        status: 'held',
        leaderId: clinician.userId,
        entries: [{ patientId: patient.id, mark: inPerson }],
      });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('INVALID_STATE');
      expect(response.body.detail).toMatch(/once it has begun/);
    });

    it('takes a cancelled occurrence only as cancelled, with its reason', async () => {
      const seriesId = await createSeries();
      const patient = await newPatient();
      await book(seriesId, patient.id);
      await db()
        .insertInto('series_exceptions')
        .values({
          id: randomUUID(),
          series_id: seriesId,
          scheduled_date: '2026-11-23',
          kind: 'cancelled',
          reason: 'Clinician ill',
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
      const key = `${seriesId}@2026-11-23`;
      const held = await put(clinician, key, {
        status: 'held',
        leaderId: clinician.userId,
        entries: [{ patientId: patient.id, mark: inPerson }],
      });
      expect(held.status).toBe(400);
      expect(held.body.code).toBe('INVALID_STATE');
      const noReason = await put(clinician, key, {
        status: 'cancelled',
        leaderId: clinician.userId,
        entries: [],
      });
      expect(noReason.status).toBe(400);
      expect(noReason.body.fields?.map((f) => f.field)).toEqual(['/cancellationReason']);
      const cancelled = await put(clinician, key, {
        status: 'cancelled',
        cancellationReason: 'Clinician ill',
        leaderId: clinician.userId,
        entries: [],
      });
      expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
      expect(cancelled.body.rollCall).toMatchObject({
        status: 'cancelled',
        cancellationReason: 'Clinician ill',
      });
      expect(await minutesOf(key)).toEqual({});
    });

    it('answers 404 for an unknown key or a date the series does not meet', async () => {
      const seriesId = await createSeries();
      for (const key of ['nonsense', `${randomUUID()}@2026-11-23`, `${seriesId}@2026-11-22`]) {
        const response = await clinician.get<Problem>(
          `/api/v1/sessions/${encodeURIComponent(key)}/roll-call`,
        );
        expect(response.status, key).toBe(404);
        expect(response.body.code).toBe('NOT_FOUND');
      }
    });
  });

  describe('callers without access', () => {
    it('refuses a role that only reads the calendar with 403, and another site’s session with 404, auditing both', async () => {
      const seriesId = await createSeries();
      const patient = await newPatient();
      await book(seriesId, patient.id);
      const key = `${seriesId}@2026-11-23`;
      const before = await denials(caseManager.userId);
      const refused = await caseManager.get<Problem>(`/api/v1/sessions/${key}/roll-call`);
      expect(refused.status).toBe(403);
      const write = await put(caseManager, key, {
        status: 'held',
        leaderId: clinician.userId,
        entries: [{ patientId: patient.id, mark: inPerson }],
      });
      expect(write.status).toBe(403);
      expect(await denials(caseManager.userId)).toBe(before + 2);
      expect(await minutesOf(key)).toEqual({});

      const annex = await createSeries({ siteId: fx.outsideSiteId, clinicianId: fx.bystanderId });
      const beforeClinician = await denials(clinician.userId);
      const hidden = await clinician.get<Problem>(`/api/v1/sessions/${annex}@2026-11-23/roll-call`);
      expect(hidden.status).toBe(404);
      expect(await denials(clinician.userId)).toBe(beforeClinician + 1);
    });

    it('hides the weekly hours of a patient the caller is not related to', async () => {
      const stranger = await fx.createPatient({
        siteId: fx.outsideSiteId,
        status: 'active',
        caseload: [],
        openEpisode: true,
      });
      const before = await denials(clinician.userId);
      const response = await clinician.get<Problem>(`/api/v1/patients/${stranger.id}/weekly-hours`);
      expect(response.status).toBe(404);
      expect(await denials(clinician.userId)).toBe(before + 1);
    });
  });

  describe('the attendance rules', () => {
    it('raises one alert and one follow-up task for two unexcused absences in a row, and no duplicate for a third', async () => {
      const seriesId = await createSeries();
      const patient = await newPatient();
      await book(seriesId, patient.id);
      const absentOn = (date: string) =>
        put(clinician, `${seriesId}@${date}`, {
          status: 'held',
          leaderId: clinician.userId,
          entries: [{ patientId: patient.id, mark: absent }],
        });
      const present = await put(clinician, `${seriesId}@2026-11-18`, {
        status: 'held',
        leaderId: clinician.userId,
        entries: [{ patientId: patient.id, mark: inPerson }],
      });
      expect(present.status).toBe(200);
      const first = await absentOn('2026-11-19');
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      expect(first.body.alertsRaised).toEqual([]);
      const second = await absentOn('2026-11-20');
      expect(second.status).toBe(200);
      expect(second.body.alertsRaised).toHaveLength(1);
      expect(second.body.alertsRaised[0]).toMatchObject({
        patientId: patient.id,
        kind: UNEXCUSED_ABSENCES_ALERT_KIND,
        severity: 'high',
        recipient: { id: clinician.userId },
      });
      expect(second.body.tasksCreated).toHaveLength(1);
      expect(second.body.tasksCreated[0]).toMatchObject({ owner: { id: clinician.userId } });
      const third = await absentOn('2026-11-23');
      expect(third.status).toBe(200);
      expect(third.body.alertsRaised).toEqual([]);
      expect(await alertCount(patient.id, UNEXCUSED_ABSENCES_ALERT_KIND)).toBe(1);
      expect(await taskCount(patient.id)).toBe(1);

      // Resolving the alert does not let the same streak raise it again.
      await db()
        .updateTable('alerts')
        .set({ status: 'resolved' })
        .where('patient_id', '=', patient.id)
        .execute();
      const again = await put(clinician, `${seriesId}@2026-11-23`, {
        version: 1,
        status: 'held',
        leaderId: clinician.userId,
        entries: [{ patientId: patient.id, mark: absent }],
      });
      expect(again.status).toBe(200);
      expect(await alertCount(patient.id, UNEXCUSED_ABSENCES_ALERT_KIND)).toBe(1);
    });

    it('raises a level-of-care review for two complete weeks below the minimum, unless a taper covers them', async () => {
      const seriesId = await createSeries();
      const below = await newPatient('2026-11-02');
      const tapering = await newPatient('2026-11-02');
      for (const p of [below, tapering]) await book(seriesId, p.id);
      await db()
        .insertInto('attendance_tapers')
        .values({
          id: randomUUID(),
          patient_id: tapering.id,
          starts_on: '2026-11-09',
          weeks: 2,
          reason: 'Stepping down to OP after the 20th',
          created_by: clinician.userId,
          created_at: nowIso(),
        })
        .execute();
      const saved = await put(clinician, `${seriesId}@2026-11-23`, {
        status: 'held',
        leaderId: clinician.userId,
        entries: [below, tapering].map((p) => ({ patientId: p.id, mark: inPerson })),
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect(saved.body.alertsRaised.map((a) => [a.patientId, a.kind])).toEqual([
        [below.id, BELOW_MINIMUM_ALERT_KIND],
      ]);
      expect(await alertCount(tapering.id)).toBe(0);
      const hours = await clinician.get<WeeklyHours>(`/api/v1/patients/${tapering.id}/weekly-hours?weeks=3`);
      expect(hours.body.weeks.map((w) => w.tapering)).toEqual([true, true, false]);

      const again = await put(clinician, `${seriesId}@2026-11-23`, {
        version: 1,
        status: 'held',
        leaderId: clinician.userId,
        entries: [below, tapering].map((p) => ({ patientId: p.id, mark: { ...inPerson, lateMinutes: 5 } })),
      });
      expect(again.status).toBe(200);
      expect(again.body.alertsRaised).toEqual([]);
      expect(await alertCount(below.id, BELOW_MINIMUM_ALERT_KIND)).toBe(1);
    });
  });

  describe('the compliance report and tapers', () => {
    it('lists a track’s patients for a week against their range, tapering apart; supervisors see only their supervisees’ patients', async () => {
      const trackId = await fx.createTrack(await fx.programAt(fx.firstSiteId));
      const seriesId = await createSeries();
      const short = await newPatient('2026-11-02');
      const tapering = await newPatient('2026-11-02');
      const unassigned = await newPatient('2026-11-02');
      await db().deleteFrom('caseload_assignments').where('patient_id', '=', unassigned.id).execute();
      // The unassigned patient is on no caseload and in no group: enrolled in the track, attending nothing.
      for (const p of [short, tapering, unassigned])
        await db()
          .updateTable('enrolment_segments')
          .set({ track_id: trackId })
          .where('patient_id', '=', p.id)
          .execute();
      for (const p of [short, tapering]) await book(seriesId, p.id);
      const taper = await clinician.send<AttendanceTaper & Problem>(
        'POST',
        `/api/v1/patients/${tapering.id}/tapers`,
        {
          startsOn: '2026-11-16',
          weeks: 2,
          reason: 'Stepping down to OP in December',
        },
      );
      expect(taper.status, JSON.stringify(taper.body)).toBe(201);
      expect(taper.body.weekStarts).toEqual(['2026-11-16', '2026-11-23']);
      const saved = await put(clinician, `${seriesId}@2026-11-17`, {
        status: 'held',
        leaderId: clinician.userId,
        entries: [short, tapering].map((p) => ({ patientId: p.id, mark: inPerson })),
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);

      const report = await director.get<ComplianceReport>(
        `/api/v1/reports/compliance?siteId=${fx.firstSiteId}&trackId=${trackId}&week=2026-11-18`,
      );
      expect(report.status, JSON.stringify(report.body)).toBe(200);
      expect(report.body).toMatchObject({ weekStart: '2026-11-16', complete: true });
      expect(report.body.groups).toHaveLength(1);
      const group = report.body.groups[0];
      expect(group?.trackId).toBe(trackId);
      expect(group?.counts).toEqual({ total: 3, below: 2, within: 0, above: 0, tapering: 1 });
      expect(group?.patients.find((p) => p.patientId === tapering.id)).toMatchObject({
        minutes: 90,
        minimumMinutes: 540,
        status: 'below',
        tapering: true,
      });
      const audit = await db()
        .selectFrom('audit_events')
        .select('patient_ids')
        .where('action', '=', 'report.compliance')
        .where('actor_user_id', '=', director.userId)
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      expect((JSON.parse(audit.patient_ids) as string[]).sort()).toEqual(
        [short.id, tapering.id, unassigned.id].sort(),
      );

      const supervised = await supervisor.get<ComplianceReport>(
        `/api/v1/reports/compliance?siteId=${fx.firstSiteId}&trackId=${trackId}&week=2026-11-16`,
      );
      expect(supervised.status).toBe(200);
      expect(supervised.body.groups[0]?.patients.map((p) => p.patientId).sort()).toEqual(
        [short.id, tapering.id].sort(),
      );

      const before = await denials(frontDesk.userId);
      const refused = await frontDesk.get<Problem>(`/api/v1/reports/compliance?siteId=${fx.firstSiteId}`);
      expect(refused.status).toBe(403);
      expect(await denials(frontDesk.userId)).toBe(before + 1);
    });

    it('refuses a taper longer than the clinic allows, and from a role that does not change levels of care', async () => {
      const patient = await newPatient();
      const tooLong = await clinician.send<Problem>('POST', `/api/v1/patients/${patient.id}/tapers`, {
        startsOn: '2026-11-30',
        weeks: 3,
        reason: 'Longer step-down',
      });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.fields?.map((f) => f.field)).toEqual(['/weeks']);
      const byFrontDesk = await frontDesk.send<Problem>('POST', `/api/v1/patients/${patient.id}/tapers`, {
        startsOn: '2026-11-30',
        weeks: 1,
        reason: 'Step-down',
      });
      expect(byFrontDesk.status).toBe(403);
      const stored = await db()
        .selectFrom('attendance_tapers')
        .select('id')
        .where('patient_id', '=', patient.id)
        .execute();
      expect(stored).toEqual([]);
    });
  });
});
