import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxPage, PatientReminders } from '../../core/api/reminders.js';
import { createJobRunner } from '../../db/jobs.js';
import { buildPatient, createSite, createUser } from '../../db/testing/factories.js';
import { TEST_DIALECTS } from '../../db/testing/testDatabases.js';
import {
  registerJobHandlers,
  SEND_REMINDERS_JOB,
  scheduleReminderJobs,
  sendDueReminders,
} from '../jobs/index.js';
import { startTestServer, type TestClient, type TestServer } from '../testing/testServer.js';
import type { ReminderSenders } from './sender.js';
import { OutboxSender } from './sender.js';

// The test clock is Tuesday 24 November 2026, 15:00 UTC: 09:00 in Chicago, where the test site is.
const SECRET = 'gateway-secret-for-tests-0001';
const DAY = 86_400_000;

describe.each(TEST_DIALECTS)('appointment reminders on %s', (dialect) => {
  let server: TestServer;
  let admin: TestClient;
  let clinicianId: string;
  let siteId: string;
  const patients: Record<'texts' | 'optedOut' | 'named' | 'intake' | 'notBooked', string> = {
    texts: '',
    optedOut: '',
    named: '',
    intake: '',
    notBooked: '',
  };
  let dailyGroup: string;
  let cancelledGroup: string;
  let closedGroup: string;

  const createSeries = async (title: string, startTime: string, roomId: string | null): Promise<string> => {
    const id = randomUUID();
    await server.db.kysely
      .insertInto('session_series')
      .values({
        id,
        site_id: siteId,
        program_id: null,
        track_id: null,
        kind: 'group',
        title,
        clinician_id: clinicianId,
        room_id: roomId,
        telehealth_url: null,
        capacity: 12,
        enrolment: 'rolling',
        audience: 'adult',
        gender: null,
        weekdays: '1,2,3,4,5,6,7',
        start_time: startTime,
        duration_minutes: 60,
        every_weeks: 1,
        starts_on: '2026-11-20',
        ends_on: null,
        archived_at: null,
        created_by: clinicianId,
        created_at: '2026-11-20T00:00:00.000Z',
        updated_at: '2026-11-20T00:00:00.000Z',
        version: 1,
      })
      .execute();
    return id;
  };

  const join = async (seriesId: string, patientId: string) =>
    server.db.kysely
      .insertInto('series_memberships')
      .values({
        id: randomUUID(),
        series_id: seriesId,
        patient_id: patientId,
        joined_on: '2026-11-20',
        left_on: null,
        pinned: 0,
        recorded_at: '2026-11-20T00:00:00.000Z',
        created_by: clinicianId,
        ended_by: null,
        updated_at: '2026-11-20T00:00:00.000Z',
        version: 1,
      })
      .execute();

  const admitted = async (
    contact: Partial<{
      email: string | null;
      phone: string | null;
      preferred_language: string;
      texts_ok: number;
      name_clinic_ok: number;
      sms_opt_in: number;
      sms_opted_out_at: string | null;
    }>,
    status: 'active' | 'intake' = 'active',
  ): Promise<string> => {
    const patient = await buildPatient(server.db, { siteId, primaryClinicianId: clinicianId, status });
    await server.db.kysely.updateTable('patients').set(contact).where('id', '=', patient.id).execute();
    if (status === 'active')
      await server.db.kysely
        .insertInto('episodes')
        .values({
          id: randomUUID(),
          patient_id: patient.id,
          site_id: siteId,
          admitted_on: '2026-11-01',
          discharged_on: null,
          discharge_type: null,
          discharge_note: null,
          status: 'open',
          created_by: clinicianId,
          created_at: '2026-11-01T12:00:00.000Z',
          updated_at: '2026-11-01T12:00:00.000Z',
          version: 1,
        })
        .execute();
    return patient.id;
  };

  const ours = () => Object.values(patients);

  const deliveries = () =>
    server.db.kysely
      .selectFrom('reminder_deliveries')
      .select(['patient_id', 'occurrence_key', 'channel', 'status', 'reason'])
      .where('patient_id', 'in', ours())
      .orderBy('occurrence_key')
      .orderBy('patient_id')
      .orderBy('channel')
      .execute();

  const outboxFor = (to: string) =>
    server.db.kysely
      .selectFrom('outbox_messages')
      .select(['channel', 'to', 'subject', 'body'])
      .where('to', '=', to)
      .orderBy('created_at')
      .orderBy('channel')
      .execute();

  beforeAll(async () => {
    server = await startTestServer(dialect, { smsInboundSecret: SECRET });
    admin = await server.signIn('admin');
    const org = await server.db.kysely.selectFrom('organizations').select('id').executeTakeFirstOrThrow();
    siteId = await createSite(server.db, {
      organizationId: org.id,
      name: 'Lakeside Wellness',
      timeZone: 'America/Chicago',
    });
    clinicianId = await createUser(server.db, { role: 'clinician', siteIds: [siteId] });
    // The demo director works at the test site too, to read its patients' reminders.
    const director = server.demo.users.find((u) => u.role === 'program_director');
    const directorRow = await server.db.kysely
      .selectFrom('users')
      .select('id')
      .where('email', '=', director?.email ?? '')
      .executeTakeFirstOrThrow();
    await server.db.kysely
      .insertInto('user_sites')
      .values({ user_id: directorRow.id, site_id: siteId })
      .execute();
    const roomId = randomUUID();
    await server.db.kysely
      .insertInto('rooms')
      .values({
        id: roomId,
        site_id: siteId,
        name: 'Room 2',
        seats: 12,
        active: 1,
        created_at: '2026-11-20T00:00:00.000Z',
        updated_at: '2026-11-20T00:00:00.000Z',
        version: 1,
      })
      .execute();
    dailyGroup = await createSeries('Coping skills', '09:00', roomId);
    cancelledGroup = await createSeries('Life skills', '08:00', roomId);
    closedGroup = await createSeries('Mindfulness', '08:30', roomId);
    await server.db.kysely
      .insertInto('series_exceptions')
      .values({
        id: randomUUID(),
        series_id: cancelledGroup,
        scheduled_date: '2026-11-25',
        kind: 'cancelled',
        reason: 'Facilitator away',
        to_date: null,
        to_start_time: null,
        duration_minutes: null,
        room_id: null,
        clinician_id: null,
        created_by: clinicianId,
        created_at: '2026-11-20T00:00:00.000Z',
        updated_at: '2026-11-20T00:00:00.000Z',
        version: 1,
      })
      .execute();
    await server.db.kysely
      .insertInto('clinic_closures')
      .values({
        id: randomUUID(),
        site_id: siteId,
        reason: 'Fire drill',
        from_date: null,
        to_date: null,
        starts_at: '2026-11-25T14:15:00.000Z',
        ends_at: '2026-11-25T15:00:00.000Z',
        created_by: clinicianId,
        created_at: '2026-11-20T00:00:00.000Z',
        withdrawn_at: null,
      })
      .execute();

    patients.texts = await admitted({
      email: 'jordan.lee@example.com',
      phone: '(312) 555-0177',
      texts_ok: 1,
      sms_opt_in: 1,
    });
    patients.optedOut = await admitted({
      email: 'casey.morgan@example.com',
      phone: '312-555-0178',
      texts_ok: 1,
      sms_opt_in: 0,
      sms_opted_out_at: '2026-11-10T12:00:00.000Z',
    });
    patients.named = await admitted({
      email: 'lucia.ortiz@example.com',
      phone: null,
      preferred_language: 'es',
      name_clinic_ok: 1,
    });
    patients.intake = await admitted({ email: 'riley.chen@example.com' }, 'intake');
    patients.notBooked = await admitted({ email: 'avery.brooks@example.com' });
    for (const id of [patients.texts, patients.optedOut, patients.named, patients.intake])
      await join(dailyGroup, id);
    for (const series of [cancelledGroup, closedGroup]) await join(series, patients.texts);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('runs through the jobs runner and reminds only booked patients in care, on the channels they allow', async () => {
    const now = server.clock.now();
    await scheduleReminderJobs(server.db, now);
    const runner = createJobRunner({
      db: server.db,
      clock: server.clock,
      handlers: registerJobHandlers(server.deps),
    });
    expect(await runner.runDue()).toMatchObject({ claimed: 1, succeeded: 1 });
    const key = `${dailyGroup}@2026-11-25`;
    expect(await deliveries()).toEqual(
      [
        { patient_id: patients.texts, occurrence_key: key, channel: 'email', status: 'sent', reason: null },
        { patient_id: patients.texts, occurrence_key: key, channel: 'sms', status: 'sent', reason: null },
        {
          patient_id: patients.optedOut,
          occurrence_key: key,
          channel: 'email',
          status: 'sent',
          reason: null,
        },
        {
          patient_id: patients.optedOut,
          occurrence_key: key,
          channel: 'sms',
          status: 'skipped',
          reason: 'sms_opted_out',
        },
        { patient_id: patients.named, occurrence_key: key, channel: 'email', status: 'sent', reason: null },
        {
          patient_id: patients.named,
          occurrence_key: key,
          channel: 'sms',
          status: 'skipped',
          reason: 'sms_not_opted_in',
        },
      ].sort((a, b) => a.patient_id.localeCompare(b.patient_id) || a.channel.localeCompare(b.channel)),
    );
    expect(await outboxFor('jordan.lee@example.com')).toEqual([
      {
        channel: 'email',
        to: 'jordan.lee@example.com',
        subject: 'Appointment reminder',
        body: 'You have an appointment on Wed 25 Nov at 09:00.',
      },
    ]);
    expect(await outboxFor('(312) 555-0177')).toEqual([
      {
        channel: 'sms',
        to: '(312) 555-0177',
        subject: null,
        body: 'You have an appointment on Wed 25 Nov at 09:00. Reply STOP to opt out',
      },
    ]);
    expect(await outboxFor('lucia.ortiz@example.com')).toEqual([
      {
        channel: 'email',
        to: 'lucia.ortiz@example.com',
        subject: 'Recordatorio de cita: Lakeside Wellness',
        body: 'Lakeside Wellness: Coping skills el mié 25 nov a las 09:00, en Room 2.',
      },
    ]);
    const audit = await server.db.kysely
      .selectFrom('audit_events')
      .select(['actor_user_id', 'patient_ids'])
      .where('action', '=', 'reminder.send')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_user_id).toBeNull();
    const audited = JSON.parse(audit[0]?.patient_ids ?? '[]') as string[];
    expect(audited).toEqual(expect.arrayContaining([patients.texts, patients.optedOut, patients.named]));
    expect(audited).not.toContain(patients.intake);
    expect(audited).not.toContain(patients.notBooked);
    // The run enqueued the next quarter hour's.
    const pending = await server.db.kysely
      .selectFrom('jobs')
      .select('dedupe_key')
      .where('kind', '=', SEND_REMINDERS_JOB)
      .where('status', '=', 'pending')
      .execute();
    expect(pending.map((j) => j.dedupe_key)).toEqual([`${SEND_REMINDERS_JOB}:2026-11-24T15:15`]);
  });

  it('sends nothing new on a second run', async () => {
    const before = await server.db.kysely
      .selectFrom('outbox_messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const run = await sendDueReminders(
      server.db,
      new OutboxSenderCounter(server).senders,
      server.clock.now(),
    );
    expect(run).toEqual({ recorded: 0, sent: 0, skipped: 0, failed: 0 });
    const after = await server.db.kysely
      .selectFrom('outbox_messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('shows the outbox to administrators only, newest first, and audits the read', async () => {
    const page = await admin.get<OutboxPage>('/api/v1/outbox?limit=200');
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect(page.body.items.map((m) => m.to)).toContain('jordan.lee@example.com');
    const times = page.body.items.map((m) => m.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    const read = await server.db.kysely
      .selectFrom('audit_events')
      .select('patient_ids')
      .where('action', '=', 'outbox.read')
      .where('actor_user_id', '=', admin.userId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(read.patient_ids)).toContain(patients.texts);
    const director = await server.signIn('program_director');
    expect((await director.get('/api/v1/outbox')).status).toBe(403);
  });

  it('turns a texted STOP into an opt-out, and the next reminder skips SMS', async () => {
    const gateway = (body: unknown, secret = SECRET) =>
      server.request<{ reply?: string; code?: string }>('POST', '/api/v1/sms/inbound', {
        body,
        headers: { 'x-sms-secret': secret },
      });
    expect((await gateway({ from: '+13125550177', body: 'STOP' }, 'wrong-secret-wrong-secret')).status).toBe(
      401,
    );
    const help = await gateway({ from: '+13125550177', body: 'what is this?' });
    expect(help.status).toBe(200);
    expect(help.body.reply).toMatch(/Reply STOP to opt out/);

    const stop = await gateway({ from: '+1 312 555 0177', body: ' Stop ' });
    expect(stop.status, JSON.stringify(stop.body)).toBe(200);
    expect(stop.body.reply).toMatch(/Reply START/);
    const row = await server.db.kysely
      .selectFrom('patients')
      .select(['sms_opt_in', 'sms_opted_out_at', 'version'])
      .where('id', '=', patients.texts)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      sms_opt_in: 0,
      sms_opted_out_at: server.clock.now().toISOString(),
      version: 2,
    });
    const audit = await server.db.kysely
      .selectFrom('audit_events')
      .select('patient_ids')
      .where('action', '=', 'patient.sms_opt_out')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.patient_ids)).toEqual([patients.texts]);

    server.clock.advance(DAY);
    try {
      await sendDueReminders(server.db, new OutboxSenderCounter(server).senders, server.clock.now());
      const next = (await deliveries()).filter(
        (d) => d.patient_id === patients.texts && d.occurrence_key === `${dailyGroup}@2026-11-26`,
      );
      expect(next).toEqual([
        expect.objectContaining({ channel: 'email', status: 'sent' }),
        expect.objectContaining({ channel: 'sms', status: 'skipped', reason: 'sms_opted_out' }),
      ]);
      // START opts back in.
      const start = await gateway({ from: '3125550177', body: 'START' });
      expect(start.body.reply).toMatch(/on again/);
      const back = await server.db.kysely
        .selectFrom('patients')
        .select(['sms_opt_in', 'sms_opted_out_at'])
        .where('id', '=', patients.texts)
        .executeTakeFirstOrThrow();
      expect(back).toEqual({ sms_opt_in: 1, sms_opted_out_at: null });
    } finally {
      server.clock.advance(-DAY);
    }
  });

  it('records a failed send and sends it on a later try', async () => {
    server.clock.advance(2 * DAY);
    try {
      let failing = true;
      const outbox = new OutboxSender(server.db, server.clock);
      const senders: ReminderSenders = {
        sms: outbox,
        email: {
          send: (message) =>
            failing ? Promise.reject(new Error('mail server unavailable')) : outbox.send(message),
        },
      };
      await expect(sendDueReminders(server.db, senders, server.clock.now())).rejects.toThrow(
        /could not be sent/,
      );
      const key = `${dailyGroup}@2026-11-27`;
      const failed = await server.db.kysely
        .selectFrom('reminder_deliveries')
        .select(['status', 'reason', 'attempts'])
        .where('patient_id', '=', patients.optedOut)
        .where('occurrence_key', '=', key)
        .where('channel', '=', 'email')
        .executeTakeFirstOrThrow();
      expect(failed).toEqual({ status: 'failed', reason: 'mail server unavailable', attempts: 1 });
      failing = false;
      server.clock.advance(60_000);
      const retried = await sendDueReminders(server.db, senders, server.clock.now());
      expect(retried.sent).toBeGreaterThanOrEqual(3);
      const sent = await server.db.kysely
        .selectFrom('reminder_deliveries')
        .select(['status', 'attempts'])
        .where('patient_id', '=', patients.optedOut)
        .where('occurrence_key', '=', key)
        .where('channel', '=', 'email')
        .executeTakeFirstOrThrow();
      expect(sent).toEqual({ status: 'sent', attempts: 2 });
    } finally {
      server.clock.set(new Date('2026-11-24T15:00:00.000Z'));
    }
  });

  it('lists a patient’s reminders for staff with chart access', async () => {
    const director = await server.signIn('program_director');
    const list = await director.get<PatientReminders>(`/api/v1/patients/${patients.optedOut}/reminders`);
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.items.some((d) => d.status === 'skipped' && d.reason === 'sms_opted_out')).toBe(true);
  });
});

/** The outbox, as the job's senders for both channels. */
class OutboxSenderCounter {
  readonly senders: ReminderSenders;
  constructor(server: TestServer) {
    const outbox = new OutboxSender(server.db, server.clock);
    this.senders = { email: outbox, sms: outbox };
  }
}
