import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../core/api/alerts.js';
import type { CaseManagement, CaseNeed, CommunityReferral } from '../../core/api/caseManagement.js';
import { TEST_DIALECTS } from '../../db/testing/testDatabases.js';
import { type PatientFixture, RouteFixtures } from '../testing/routeTable.js';
import { type TestClient, type TestServer, startTestServer } from '../testing/testServer.js';

interface Problem {
  code: string;
  detail: string;
  fields?: { field: string; message: string }[];
  currentVersion?: number;
}

describe.each(TEST_DIALECTS)('case management over HTTP on %s', (dialect) => {
  let server: TestServer;
  let fx: RouteFixtures;
  let caseManager: TestClient;
  let clinician: TestClient;
  let frontDesk: TestClient;
  let biller: TestClient;
  let admin: TestClient;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    fx = await RouteFixtures.create(server);
    caseManager = await server.signIn('case_manager');
    clinician = await server.signIn('clinician');
    frontDesk = await server.signIn('front_desk');
    biller = await server.signIn('biller');
    admin = await server.signIn('admin');
  });
  afterAll(async () => {
    await server?.close();
  });

  const db = () => server.db.kysely;

  const newPatient = (): Promise<PatientFixture> =>
    fx.createPatient({
      siteId: fx.firstSiteId,
      status: 'active',
      caseload: [
        { userId: clinician.userId, kind: 'primary_clinician' },
        { userId: caseManager.userId, kind: 'case_manager' },
      ],
      openEpisode: true,
    });

  const base = (p: PatientFixture) => `/api/v1/patients/${p.id}`;
  const addNeed = async (p: PatientFixture, body: Record<string, unknown> = {}) => {
    const response = await caseManager.send<CaseNeed>('POST', `${base(p)}/case-needs`, {
      domain: 'housing',
      priority: 'high',
      note: 'Couch-surfing; lease ended in October.',
      ...body,
    });
    expect(response.status).toBe(201);
    return response.body;
  };
  const addReferral = async (p: PatientFixture, body: Record<string, unknown> = {}) => {
    const response = await caseManager.send<CommunityReferral>('POST', `${base(p)}/community-referrals`, {
      organisation: 'Harbor Street Housing Coalition',
      contactName: 'Intake desk',
      phone: '860-555-0140',
      domain: 'housing',
      ...body,
    });
    expect(response.status).toBe(201);
    return response.body;
  };
  const rows = async (table: 'case_needs' | 'community_referrals' | 'tasks', patientId: string) =>
    db().selectFrom(table).selectAll().where('patient_id', '=', patientId).execute();

  describe('needs', () => {
    it('records a need by domain and moves it through its statuses', async () => {
      const patient = await newPatient();
      const need = await addNeed(patient);
      expect(need).toMatchObject({
        domain: 'housing',
        status: 'identified',
        priority: 'high',
        identifiedOn: '2026-11-24',
        version: 1,
      });
      const started = await caseManager.send<CaseNeed>('PATCH', `${base(patient)}/case-needs/${need.id}`, {
        version: 1,
        status: 'in_progress',
      });
      expect(started.body).toMatchObject({ status: 'in_progress', version: 2 });
      const met = await caseManager.send<CaseNeed>('PATCH', `${base(patient)}/case-needs/${need.id}`, {
        version: 2,
        status: 'met',
        note: 'Moved into Harbor Street on Nov 24.',
      });
      expect(met.body).toMatchObject({ status: 'met', note: 'Moved into Harbor Street on Nov 24.' });
    });

    it('refuses a second open need in a domain, an impossible status move and a stale change, changing nothing', async () => {
      const patient = await newPatient();
      const need = await addNeed(patient);
      const second = await caseManager.send<Problem>('POST', `${base(patient)}/case-needs`, {
        domain: 'housing',
        priority: 'low',
      });
      expect(second.status).toBe(409);
      expect(second.body.detail).toContain('open housing need');
      await caseManager.send('PATCH', `${base(patient)}/case-needs/${need.id}`, {
        version: 1,
        status: 'met',
      });
      const backwards = await caseManager.send<Problem>('PATCH', `${base(patient)}/case-needs/${need.id}`, {
        version: 2,
        status: 'declined',
      });
      expect(backwards.status).toBe(400);
      expect(backwards.body.fields?.[0]).toMatchObject({ field: '/status' });
      const stale = await clinician.send<Problem>('PATCH', `${base(patient)}/case-needs/${need.id}`, {
        version: 1,
        priority: 'low',
      });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
      const stored = await rows('case_needs', patient.id);
      expect(stored.map((n) => [n.status, n.priority, n.version])).toEqual([['met', 'high', 2]]);
      // Once met, a new housing need may be opened.
      await addNeed(patient, { priority: 'medium' });
    });
  });

  describe('referrals to outside organisations', () => {
    it('follows a referral from planned to completed with its dates', async () => {
      const patient = await newPatient();
      const need = await addNeed(patient);
      const referral = await addReferral(patient, { needId: need.id });
      expect(referral).toMatchObject({
        needId: need.id,
        phone: '+18605550140',
        status: 'planned',
        referredOn: '2026-11-24',
        sentOn: null,
        closedOn: null,
      });
      const path = `${base(patient)}/community-referrals/${referral.id}`;
      const sent = await caseManager.send<CommunityReferral>('PATCH', path, { version: 1, status: 'sent' });
      expect(sent.body).toMatchObject({ status: 'sent', sentOn: '2026-11-24' });
      const accepted = await caseManager.send<CommunityReferral>('PATCH', path, {
        version: 2,
        status: 'accepted',
      });
      const done = await caseManager.send<CommunityReferral>('PATCH', path, {
        version: accepted.body.version,
        status: 'completed',
        outcomeNote: 'Bed confirmed from Dec 1.',
      });
      expect(done.body).toMatchObject({
        status: 'completed',
        closedOn: '2026-11-24',
        outcomeNote: 'Bed confirmed from Dec 1.',
      });
      const reopened = await caseManager.send<Problem>('PATCH', path, {
        version: done.body.version,
        status: 'planned',
      });
      expect(reopened.status).toBe(400);
      expect(reopened.body.detail).toContain('final');
    });

    it('refuses a wrong domain, a future date, a bad phone and a decline without a note, changing nothing', async () => {
      const patient = await newPatient();
      const need = await addNeed(patient);
      const wrong = await caseManager.send<Problem>('POST', `${base(patient)}/community-referrals`, {
        organisation: 'Northside Food Bank',
        domain: 'food',
        needId: need.id,
        referredOn: '2026-12-30',
        phone: '123',
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.fields?.map((f) => f.field).sort()).toEqual(['/domain', '/phone', '/referredOn']);
      expect(await rows('community_referrals', patient.id)).toEqual([]);

      const referral = await addReferral(patient);
      const declined = await caseManager.send<Problem>(
        'PATCH',
        `${base(patient)}/community-referrals/${referral.id}`,
        { version: 1, status: 'declined' },
      );
      expect(declined.status).toBe(400);
      expect(declined.body.fields?.[0]?.field).toBe('/outcomeNote');
      const stored = await rows('community_referrals', patient.id);
      expect(stored.map((r) => [r.status, r.version])).toEqual([['planned', 1]]);
    });
  });

  describe('tasks', () => {
    it("puts a task about a need in its owner's worklist and in the patient's case management", async () => {
      const patient = await newPatient();
      const need = await addNeed(patient);
      const referral = await addReferral(patient, { needId: need.id });
      const dueAt = '2026-11-27T22:00:00.000Z';
      const created = await caseManager.send<CaseManagement>('POST', `${base(patient)}/case-tasks`, {
        sourceType: 'community_referral',
        sourceId: referral.id,
        title: 'Call Harbor Street about the bed',
        dueAt,
        ownerUserId: clinician.userId,
      });
      expect(created.status).toBe(201);
      expect(created.body.tasks).toEqual([
        expect.objectContaining({
          sourceType: 'community_referral',
          sourceLabel: 'Referral to Harbor Street Housing Coalition',
          task: expect.objectContaining({
            title: 'Call Harbor Street about the bed',
            dueAt,
            owner: expect.objectContaining({ id: clinician.userId }),
            sourceId: referral.id,
          }),
        }),
      ]);
      const worklist = await clinician.get<Task[]>('/api/v1/tasks');
      expect(worklist.body.find((t) => t.sourceId === referral.id)).toMatchObject({
        dueAt,
        patientId: patient.id,
      });
      const view = await caseManager.get<CaseManagement>(`${base(patient)}/case-management`);
      expect(view.body.needs.map((n) => n.id)).toEqual([need.id]);
      expect(view.body.referrals.map((r) => r.id)).toEqual([referral.id]);
      expect(view.body.tasks).toHaveLength(1);
    });

    it("refuses a task about someone else's need, due in the past, or for an owner who cannot see the patient", async () => {
      const patient = await newPatient();
      const other = await newPatient();
      const othersNeed = await addNeed(other);
      const need = await addNeed(patient);
      const post = (body: Record<string, unknown>) =>
        caseManager.send<Problem>('POST', `${base(patient)}/case-tasks`, {
          sourceType: 'case_need',
          sourceId: need.id,
          title: 'Call the shelter',
          dueAt: '2026-11-26T15:00:00.000Z',
          ...body,
        });
      expect((await post({ sourceId: othersNeed.id })).body.fields?.[0]?.field).toBe('/sourceId');
      expect((await post({ dueAt: '2026-11-01T15:00:00.000Z' })).body.fields?.[0]?.field).toBe('/dueAt');
      const stranger = await fx.createUser({ role: 'clinician', active: true });
      const owner = await post({ ownerUserId: stranger });
      expect(owner.status).toBe(400);
      expect(owner.body.fields?.[0]?.field).toBe('/ownerUserId');
      expect(await rows('tasks', patient.id)).toEqual([]);
    });
  });

  describe('who may see case management', () => {
    it('refuses front desk, billers and administrators; the case manager and clinician see it', async () => {
      const patient = await newPatient();
      await addNeed(patient);
      for (const client of [frontDesk, biller, admin]) {
        expect((await client.get(`${base(patient)}/case-management`)).status, client.email).toBe(403);
        const write = await client.send('POST', `${base(patient)}/case-needs`, {
          domain: 'food',
          priority: 'low',
        });
        expect(write.status).toBe(403);
      }
      expect(
        (await clinician.get<CaseManagement>(`${base(patient)}/case-management`)).body.needs,
      ).toHaveLength(1);
      expect(await rows('case_needs', patient.id)).toHaveLength(1);
      const reads = await db()
        .selectFrom('audit_events')
        .select('action')
        .where('actor_user_id', '=', clinician.userId)
        .where('action', '=', 'case_management.read')
        .where('patient_ids', 'like', `%${patient.id}%`)
        .execute();
      expect(reads).toHaveLength(1);
    });
  });
});
