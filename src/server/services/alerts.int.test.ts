import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/runtime.js';
import { createDb, type Db } from '../../db/createDb.js';
import { migrateToLatest } from '../../db/migrate.js';
import {
  buildPatient,
  createUser,
  createTestClinic,
  type TestClinicWithStaff,
} from '../../db/testing/factories.js';
import { freshDatabaseUrl, TEST_DIALECTS, type TestDatabase } from '../../db/testing/testDatabases.js';
import { loadActor } from '../auth/actor.js';
import { argon2Hasher } from '../auth/passwords.js';
import { loadConfig } from '../config.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { escalateDueAlerts } from '../jobs/escalateAlerts.js';
import {
  acknowledgeAlert,
  listMyAlerts,
  listPatientAlerts,
  raiseAlert,
  type RaiseAlertInput,
  resolveAlert,
} from './alerts.js';
import { createSafetyAssessment } from './safetyAssessments.js';

/** Tuesday 17 November 2026, 10:00 in New York (the main test site's zone). */
const TUESDAY_10AM = new Date('2026-11-17T15:00:00.000Z');

describe.each(TEST_DIALECTS)('alerts service on %s', (dialect) => {
  let database: TestDatabase;
  let db: Db;
  let deps: AppDeps;
  let clock: ReturnType<typeof fixedClock>;
  let clinic: TestClinicWithStaff;

  beforeAll(async () => {
    database = await freshDatabaseUrl(dialect);
    db = createDb({ databaseUrl: database.url });
    await migrateToLatest(db);
    clock = fixedClock(TUESDAY_10AM);
    deps = {
      db,
      config: loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' }),
      clock,
      hasher: argon2Hasher,
    };
    clinic = await createTestClinic(db, { withStaff: true });
  });
  afterAll(async () => {
    await db.close();
    await database.drop();
  });
  beforeEach(() => clock.set(TUESDAY_10AM));

  const ctxFor = async (userId: string): Promise<RequestContext> => {
    const actor = await loadActor(db, userId);
    if (!actor) throw new Error('inactive test user');
    return { actor, ip: '127.0.0.1', requestId: 'test-request' };
  };

  const raise = (input: Partial<RaiseAlertInput> & { patientId: string | null }, now = clock.now()) =>
    db.kysely
      .transaction()
      .execute((trx) =>
        raiseAlert(
          trx,
          deps,
          { kind: 'missed_sessions', severity: 'urgent', title: 'Two missed sessions in a row', ...input },
          now,
        ),
      );

  const alertRow = (id: string) =>
    db.kysely.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  const auditEvents = (action: string, recordId?: string) =>
    db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', action)
      .$if(recordId !== undefined, (qb) => qb.where('record_id', '=', recordId ?? ''))
      .orderBy('seq')
      .execute();

  const setActive = (userId: string, active: boolean) =>
    db.kysely
      .updateTable('users')
      .set({ active: active ? 1 : 0 })
      .where('id', '=', userId)
      .execute();

  /** A clinician with their own supervisor, so deactivating them does not disturb other tests. */
  const supervisedClinician = async () => {
    const supervisor = await createUser(db, {
      role: 'clinical_supervisor',
      siteIds: [clinic.siteId],
      withCredentials: true,
    });
    const clinician = await createUser(db, {
      role: 'clinician',
      siteIds: [clinic.siteId],
      supervisorId: supervisor,
    });
    return { supervisor, clinician };
  };

  describe('raiseAlert', () => {
    it('goes to the primary clinician, sets the escalation time and audits in the same transaction', async () => {
      const patient = await buildPatient(db, {
        siteId: clinic.siteId,
        primaryClinicianId: clinic.staff.clinician,
      });
      const raised = await raise({
        patientId: patient.id,
        actor: { userId: clinic.staff.clinician, role: 'clinician' },
      });
      expect(raised).toMatchObject({ recipientUserId: clinic.staff.clinician, deduplicated: false });
      const row = await alertRow(raised.id);
      expect(row).toMatchObject({
        patient_id: patient.id,
        site_id: clinic.siteId,
        status: 'open',
        escalation_level: 0,
        raised_at: '2026-11-17T15:00:00.000Z',
        // Two opening hours later: 12:00 in New York.
        escalate_at: '2026-11-17T17:00:00.000Z',
        version: 1,
      });
      const [event] = await auditEvents('alert.raise', raised.id);
      expect(event).toMatchObject({ actor_user_id: clinic.staff.clinician, record_type: 'alert' });
      expect(JSON.parse(event?.patient_ids ?? '[]')).toEqual([patient.id]);
      expect(JSON.parse(event?.detail ?? '{}')).toMatchObject({
        via: 'primary_clinician',
        severity: 'urgent',
      });
    });

    it('does not schedule escalation for high or normal alerts', async () => {
      const patient = await buildPatient(db, {
        siteId: clinic.siteId,
        primaryClinicianId: clinic.staff.clinician,
      });
      const raised = await raise({ patientId: patient.id, severity: 'high' });
      expect((await alertRow(raised.id)).escalate_at).toBeNull();
    });

    it('falls through: inactive clinician → supervisor → on-call → program director → admin', async () => {
      const { supervisor, clinician } = await supervisedClinician();
      const onCall = await createUser(db, { role: 'clinician', siteIds: [clinic.siteId] });
      const site = await db.kysely
        .selectFrom('sites')
        .select('on_call_user_id')
        .where('id', '=', clinic.siteId)
        .executeTakeFirstOrThrow();
      await db.kysely
        .updateTable('sites')
        .set({ on_call_user_id: onCall })
        .where('id', '=', clinic.siteId)
        .execute();
      try {
        const patient = await buildPatient(db, { siteId: clinic.siteId, primaryClinicianId: clinician });
        const recipientNow = async (kind: string) =>
          (await raise({ patientId: patient.id, kind })).recipientUserId;

        expect(await recipientNow('a_primary')).toBe(clinician);
        await setActive(clinician, false);
        expect(await recipientNow('b_supervisor')).toBe(supervisor);
        await setActive(supervisor, false);
        expect(await recipientNow('c_on_call')).toBe(onCall);
        await setActive(onCall, false);
        expect(await recipientNow('d_director')).toBe(clinic.staff.program_director);
        await setActive(clinic.staff.program_director, false);
        expect(await recipientNow('e_admin')).toBe(clinic.staff.admin);

        const vias = await auditEvents('alert.raise');
        const detailOf = (kind: string) =>
          vias
            .map((e) => JSON.parse(e.detail ?? '{}') as { kind: string; via: string })
            .find((d) => d.kind === kind)?.via;
        expect(['a_primary', 'b_supervisor', 'c_on_call', 'd_director', 'e_admin'].map(detailOf)).toEqual([
          'primary_clinician',
          'supervisor',
          'on_call',
          'fallback',
          'fallback',
        ]);
      } finally {
        await setActive(clinic.staff.program_director, true);
        await db.kysely
          .updateTable('sites')
          .set({ on_call_user_id: site.on_call_user_id })
          .where('id', '=', clinic.siteId)
          .execute();
      }
    });

    it('routes an alert for a patient with no clinician to the site and one without a patient to the given site', async () => {
      const patient = await buildPatient(db, { siteId: clinic.siteId });
      expect((await raise({ patientId: patient.id })).recipientUserId).toBe(clinic.staff.program_director);
      const siteAlert = await raise({
        patientId: null,
        siteId: clinic.siteId,
        kind: 'site_notice',
        severity: 'normal',
        title: 'Room booking clash',
      });
      expect(siteAlert.recipientUserId).toBe(clinic.staff.program_director);
      expect((await alertRow(siteAlert.id)).site_id).toBe(clinic.siteId);
    });

    it('returns the unresolved alert of the same kind and source instead of raising another', async () => {
      const patient = await buildPatient(db, {
        siteId: clinic.siteId,
        primaryClinicianId: clinic.staff.clinician,
      });
      const source = {
        kind: 'safety',
        sourceType: 'measure_response',
        sourceId: 'response-1',
        patientId: patient.id,
        title: 'Safety item needs review',
      };
      const first = await raise(source);
      const again = await raise(source);
      expect(again).toEqual({ id: first.id, recipientUserId: first.recipientUserId, deduplicated: true });
      // Another kind from the same source is a different alert.
      expect((await raise({ ...source, kind: 'measure_worsening' })).deduplicated).toBe(false);
      const count = await db.kysely
        .selectFrom('alerts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('source_id', '=', 'response-1')
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(2);
      expect(await auditEvents('alert.raise', first.id)).toHaveLength(1);

      // Once resolved (a safety alert: by the documented assessment), the same source may raise again.
      const clinician = await ctxFor(clinic.staff.clinician);
      await createSafetyAssessment(deps, clinician, patient.id, {
        alertId: first.id,
        outcome: 'safety_plan',
        assessment: 'Passive thoughts, no plan or intent; protective factors reviewed.',
        safetyPlan: 'Warning signs, coping steps and crisis numbers written with the patient.',
      });
      expect((await raise(source)).deduplicated).toBe(false);
    });

    it('rolls back with the caller: no alert and no audit event survive a failed transaction', async () => {
      const patient = await buildPatient(db, {
        siteId: clinic.siteId,
        primaryClinicianId: clinic.staff.clinician,
      });
      let raisedId = '';
      await expect(
        db.kysely.transaction().execute(async (trx) => {
          raisedId = (
            await raiseAlert(
              trx,
              deps,
              { patientId: patient.id, kind: 'rollback', severity: 'urgent', title: 'Will roll back' },
              clock.now(),
            )
          ).id;
          throw new Error('caller failed');
        }),
      ).rejects.toThrow('caller failed');
      expect(raisedId).not.toBe('');
      expect(
        await db.kysely.selectFrom('alerts').select('id').where('id', '=', raisedId).executeTakeFirst(),
      ).toBeUndefined();
      expect(await auditEvents('alert.raise', raisedId)).toHaveLength(0);
    });

    it('refuses bad input with the failing fields', async () => {
      await expect(raise({ patientId: null, siteId: clinic.siteId, title: '   ' })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: [{ field: '/title' }],
      });
      await expect(raise({ patientId: null, siteId: clinic.siteId, kind: 'Bad Kind' })).rejects.toMatchObject(
        { code: 'VALIDATION_FAILED' },
      );
      await expect(raise({ patientId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });
  });

  describe('escalation', () => {
    it('moves an unacknowledged urgent alert up the chain after two opening hours, over a weekend', async () => {
      const { supervisor, clinician } = await supervisedClinician();
      const patient = await buildPatient(db, { siteId: clinic.siteId, primaryClinicianId: clinician });
      // Friday 20 November 2026, 17:30 in New York.
      const friday = new Date('2026-11-20T22:30:00.000Z');
      const raised = await raise({ patientId: patient.id, kind: 'escalation_weekend' }, friday);
      const monday0930 = '2026-11-23T14:30:00.000Z';
      expect((await alertRow(raised.id)).escalate_at).toBe(monday0930);

      // Saturday and Monday 09:29: not yet.
      await escalateDueAlerts(deps, new Date('2026-11-21T15:00:00.000Z'));
      await escalateDueAlerts(deps, new Date('2026-11-23T14:29:00.000Z'));
      expect((await alertRow(raised.id)).recipient_user_id).toBe(clinician);

      const run = await escalateDueAlerts(deps, new Date(monday0930));
      expect(run.escalated).toBeGreaterThanOrEqual(1);
      const escalated = await alertRow(raised.id);
      expect(escalated).toMatchObject({
        recipient_user_id: supervisor,
        escalation_level: 1,
        // The supervisor gets two opening hours of their own: 11:30 in New York.
        escalate_at: '2026-11-23T16:30:00.000Z',
        status: 'open',
        version: 2,
      });
      const [event] = await auditEvents('alert.escalate', raised.id);
      expect(event?.actor_user_id).toBeNull();
      expect(JSON.parse(event?.patient_ids ?? '[]')).toEqual([patient.id]);
      expect(JSON.parse(event?.detail ?? '{}')).toMatchObject({
        fromUserId: clinician,
        toUserId: supervisor,
        via: 'supervisor',
        escalationLevel: 1,
      });

      // Running again at the same instant changes nothing.
      await escalateDueAlerts(deps, new Date(monday0930));
      expect((await alertRow(raised.id)).version).toBe(2);

      // Next: the site has no on-call person, so the program director.
      await escalateDueAlerts(deps, new Date('2026-11-23T16:30:00.000Z'));
      expect(await alertRow(raised.id)).toMatchObject({
        recipient_user_id: clinic.staff.program_director,
        escalation_level: 2,
      });
      // The director is the end of the chain (admins only stand in when a site has no director).
      await escalateDueAlerts(deps, new Date('2026-11-23T18:30:00.000Z'));
      expect(await alertRow(raised.id)).toMatchObject({
        recipient_user_id: clinic.staff.program_director,
        escalation_level: 2,
        escalate_at: null,
      });
      expect(await auditEvents('alert.escalation_exhausted', raised.id)).toHaveLength(1);
    });

    it('stops escalating once acknowledged', async () => {
      const { clinician } = await supervisedClinician();
      const patient = await buildPatient(db, { siteId: clinic.siteId, primaryClinicianId: clinician });
      const raised = await raise({ patientId: patient.id, kind: 'escalation_ack' });
      clock.set(new Date('2026-11-17T16:00:00.000Z'));
      const acknowledged = await acknowledgeAlert(deps, await ctxFor(clinician), raised.id, { version: 1 });
      expect(acknowledged).toMatchObject({
        status: 'acknowledged',
        escalateAt: null,
        version: 2,
        acknowledgedAt: '2026-11-17T16:00:00.000Z',
      });
      await escalateDueAlerts(deps, new Date('2026-11-18T20:00:00.000Z'));
      expect(await alertRow(raised.id)).toMatchObject({
        recipient_user_id: clinician,
        escalation_level: 0,
        status: 'acknowledged',
      });
      expect(await auditEvents('alert.escalate', raised.id)).toHaveLength(0);
      expect(await auditEvents('alert.acknowledge', raised.id)).toHaveLength(1);
    });

    it('passes over people deactivated since the alert was raised', async () => {
      const { supervisor, clinician } = await supervisedClinician();
      const patient = await buildPatient(db, { siteId: clinic.siteId, primaryClinicianId: clinician });
      const raised = await raise({ patientId: patient.id, kind: 'escalation_deactivated' });
      await setActive(supervisor, false);
      await escalateDueAlerts(deps, new Date('2026-11-17T17:00:00.000Z'));
      expect((await alertRow(raised.id)).recipient_user_id).toBe(clinic.staff.program_director);
    });
  });

  describe('acknowledge and resolve', () => {
    let patientId: string;
    beforeAll(async () => {
      const patient = await buildPatient(db, {
        siteId: clinic.siteId,
        primaryClinicianId: clinic.staff.clinician,
        firstName: 'Dana',
        lastName: 'Quill',
      });
      patientId = patient.id;
    });

    it('lets the recipient, their supervisor and the site director act, and no one else', async () => {
      const byRecipient = await raise({ patientId, kind: 'ack_recipient' });
      const bySupervisor = await raise({ patientId, kind: 'ack_supervisor' });
      const byDirector = await raise({ patientId, kind: 'ack_director' });
      const refused = await raise({ patientId, kind: 'ack_refused' });
      await acknowledgeAlert(deps, await ctxFor(clinic.staff.clinician), byRecipient.id, { version: 1 });
      await acknowledgeAlert(deps, await ctxFor(clinic.staff.clinical_supervisor), bySupervisor.id, {
        version: 1,
      });
      await acknowledgeAlert(deps, await ctxFor(clinic.staff.program_director), byDirector.id, {
        version: 1,
      });

      // Front desk cannot read clinical alerts at all: as if the alert did not exist.
      await expect(
        acknowledgeAlert(deps, await ctxFor(clinic.staff.front_desk), refused.id, { version: 1 }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      // A colleague on the patient's caseload may read the alert but not act on someone else's.
      const colleague = await createUser(db, { role: 'clinician', siteIds: [clinic.siteId] });
      await db.kysely
        .insertInto('caseload_assignments')
        .values({
          id: randomUUID(),
          patient_id: patientId,
          user_id: colleague,
          kind: 'clinician',
          assigned_at: '2026-01-01T00:00:00.000Z',
          assigned_by: colleague,
          ended_at: null,
        })
        .execute();
      await expect(
        acknowledgeAlert(deps, await ctxFor(colleague), refused.id, { version: 1 }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const denials = await db.kysely
        .selectFrom('audit_events')
        .select('actor_user_id')
        .where('action', '=', 'access.denied')
        .where('record_id', '=', refused.id)
        .execute();
      expect(denials.map((d) => d.actor_user_id).sort()).toEqual([clinic.staff.front_desk, colleague].sort());
      expect((await alertRow(refused.id)).status).toBe('open');
      await expect(
        acknowledgeAlert(deps, await ctxFor(clinic.staff.clinician), '00000000-0000-4000-8000-000000000000', {
          version: 1,
        }),
      ).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('answers a stale version with the current one', async () => {
      const raised = await raise({ patientId, kind: 'stale' });
      const clinician = await ctxFor(clinic.staff.clinician);
      await acknowledgeAlert(deps, clinician, raised.id, { version: 1 });
      await expect(acknowledgeAlert(deps, clinician, raised.id, { version: 1 })).rejects.toMatchObject({
        code: 'STALE_VERSION',
        extra: { currentVersion: 2 },
      });
      await expect(
        resolveAlert(deps, clinician, raised.id, { version: 1, note: 'Called the patient.' }),
      ).rejects.toMatchObject({
        code: 'STALE_VERSION',
        extra: { currentVersion: 2 },
      });
      await expect(acknowledgeAlert(deps, clinician, raised.id, { version: 2 })).rejects.toMatchObject({
        code: 'INVALID_STATE',
      });
    });

    it('resolves with a required note, acknowledging on the way', async () => {
      const raised = await raise({ patientId, kind: 'resolve_note' });
      const clinician = await ctxFor(clinic.staff.clinician);
      await expect(
        resolveAlert(deps, clinician, raised.id, { version: 1, note: '  \n ' }),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: [{ field: '/note', message: 'must not be blank' }],
      });
      clock.set(new Date('2026-11-17T15:30:00.000Z'));
      const resolved = await resolveAlert(deps, clinician, raised.id, {
        version: 1,
        note: '  Reached the patient; back on Thursday. ',
      });
      expect(resolved).toMatchObject({
        status: 'resolved',
        resolutionNote: 'Reached the patient; back on Thursday.',
        resolvedAt: '2026-11-17T15:30:00.000Z',
        acknowledgedAt: '2026-11-17T15:30:00.000Z',
        escalateAt: null,
        version: 2,
        patientName: 'Quill, Dana',
      });
      await expect(
        resolveAlert(deps, clinician, raised.id, { version: 2, note: 'Again' }),
      ).rejects.toMatchObject({ code: 'INVALID_STATE' });
      expect(await auditEvents('alert.resolve', raised.id)).toHaveLength(1);
    });

    it('closes safety alerts only through the documented assessment, never with a note', async () => {
      const orphan = await buildPatient(db, { siteId: clinic.otherSiteId });
      // The other site has no clinician, on-call person or director: the admin stands in.
      const raised = await raise({ patientId: orphan.id, kind: 'safety', title: 'Safety item needs review' });
      expect(raised.recipientUserId).toBe(clinic.staff.admin);
      const admin = await ctxFor(clinic.staff.admin);
      await expect(resolveAlert(deps, admin, raised.id, { version: 1, note: 'Seen.' })).rejects.toMatchObject(
        {
          code: 'INVALID_STATE',
          message: expect.stringMatching(
            /suicide-risk assessment and safety plan, or a note of the emergency action taken/,
          ) as unknown,
        },
      );
      // The admin can still say they have it.
      expect((await acknowledgeAlert(deps, admin, raised.id, { version: 1 })).status).toBe('acknowledged');

      const safety = await raise({
        patientId,
        kind: 'safety',
        title: 'Safety item needs review',
        sourceType: 'measure_response',
        sourceId: 'phq9-a',
      });
      const clinician = await ctxFor(clinic.staff.clinician);
      await expect(
        resolveAlert(deps, clinician, safety.id, {
          version: 1,
          note: 'Suicide-risk assessment done: low risk; safety plan updated with the patient.',
        }),
      ).rejects.toMatchObject({ code: 'INVALID_STATE' });
      await createSafetyAssessment(deps, clinician, patientId, {
        alertId: safety.id,
        outcome: 'safety_plan',
        riskLevel: 'low',
        assessment: 'Passive thoughts, no plan or intent; protective factors reviewed.',
        safetyPlan: 'Warning signs, coping steps and crisis numbers written with the patient.',
      });
      expect((await alertRow(safety.id)).status).toBe('resolved');
    });
  });

  describe('lists', () => {
    it('shows my inbox most severe and newest first, with names, and audits every patient shown', async () => {
      const owner = await createUser(db, {
        role: 'clinician',
        siteIds: [clinic.siteId],
        displayName: 'Inbox Owner',
      });
      const p1 = await buildPatient(db, {
        siteId: clinic.siteId,
        primaryClinicianId: owner,
        firstName: 'Ana',
        lastName: 'First',
      });
      const p2 = await buildPatient(db, {
        siteId: clinic.siteId,
        primaryClinicianId: owner,
        firstName: 'Ben',
        lastName: 'Second',
      });
      const normalOld = await raise(
        { patientId: p1.id, kind: 'l1', severity: 'normal' },
        new Date('2026-11-16T15:00:00.000Z'),
      );
      const urgentOld = await raise(
        { patientId: p1.id, kind: 'l2', severity: 'urgent' },
        new Date('2026-11-16T15:00:00.000Z'),
      );
      const urgentNew = await raise(
        { patientId: p2.id, kind: 'l3', severity: 'urgent' },
        new Date('2026-11-17T14:00:00.000Z'),
      );
      const high = await raise(
        { patientId: p2.id, kind: 'l4', severity: 'high' },
        new Date('2026-11-17T14:30:00.000Z'),
      );
      const done = await raise({ patientId: p2.id, kind: 'l5', severity: 'urgent' });
      const ownerCtx = await ctxFor(owner);
      await resolveAlert(deps, ownerCtx, done.id, { version: 1, note: 'Handled.' });

      const inbox = await listMyAlerts(deps, ownerCtx, {});
      expect(inbox.map((a) => a.id)).toEqual([urgentNew.id, urgentOld.id, high.id, normalOld.id]);
      expect(inbox[0]).toMatchObject({
        patientName: 'Second, Ben',
        recipient: { id: owner, displayName: 'Inbox Owner' },
        severity: 'urgent',
      });
      expect((await listMyAlerts(deps, ownerCtx, { status: 'resolved' })).map((a) => a.id)).toEqual([
        done.id,
      ]);

      const events = await db.kysely
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'alert.list')
        .where('actor_user_id', '=', owner)
        .orderBy('seq')
        .execute();
      expect(events).toHaveLength(2);
      expect(new Set(JSON.parse(events[0]?.patient_ids ?? '[]') as string[])).toEqual(
        new Set([p1.id, p2.id]),
      );
    });

    it("lists a patient's alerts for those who may read them, audited", async () => {
      const patient = await buildPatient(db, {
        siteId: clinic.siteId,
        primaryClinicianId: clinic.staff.clinician,
      });
      const raised = await raise({ patientId: patient.id, kind: 'chart' });
      const alerts = await listPatientAlerts(deps, await ctxFor(clinic.staff.clinician), patient.id, {});
      expect(alerts.map((a) => a.id)).toEqual([raised.id]);
      const [event] = await db.kysely
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'alert.list')
        .where('actor_user_id', '=', clinic.staff.clinician)
        .orderBy('seq', 'desc')
        .limit(1)
        .execute();
      expect(JSON.parse(event?.patient_ids ?? '[]')).toEqual([patient.id]);
      await expect(
        listPatientAlerts(deps, await ctxFor(clinic.staff.front_desk), patient.id, {}),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(
        listPatientAlerts(deps, await ctxFor(clinic.staff.biller), patient.id, {}),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });
  });

  // Last: it deactivates every fallback person.
  it('refuses to raise an alert to nobody', async () => {
    const orphan = await buildPatient(db, { siteId: clinic.otherSiteId });
    const admins = await db.kysely.selectFrom('users').select('id').where('role', '=', 'admin').execute();
    for (const a of admins) await setActive(a.id, false);
    try {
      await expect(raise({ patientId: orphan.id, kind: 'nobody' })).rejects.toMatchObject({
        code: 'INVALID_STATE',
      });
      const count = await db.kysely.selectFrom('alerts').select('id').where('kind', '=', 'nobody').execute();
      expect(count).toHaveLength(0);
    } finally {
      for (const a of admins) await setActive(a.id, true);
    }
  });
});
