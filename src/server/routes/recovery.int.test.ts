import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  FamilySeries,
  PlanVersion,
  RelapsePreventionPlan,
  SupportContact,
} from '../../core/api/recovery.js';
import { TEST_DIALECTS } from '../../db/testing/testDatabases.js';
import { createFamilySeries } from '../testing/routeSpecs/recoverySupports.js';
import { type PatientFixture, RouteFixtures } from '../testing/routeTable.js';
import { type TestClient, type TestServer, startTestServer } from '../testing/testServer.js';

interface Problem {
  code: string;
  detail: string;
  fields?: { field: string; message: string }[];
  currentVersion?: number;
}

const content = (overrides: Record<string, unknown> = {}) => ({
  triggers: ['Payday', ' payday ', 'Driving past the old bar'],
  warningSigns: ['Skipping meetings'],
  copingStrategies: ['Call my sponsor', 'Walk the dog'],
  supportContactIds: [] as string[],
  otherSupports: ['Tuesday night meeting'],
  crisisSteps: ['Leave the place', 'Call someone on my list'],
  crisisLines: [{ name: '988 Suicide & Crisis Lifeline', number: '988' }],
  reasonsForRecovery: ['My kids'],
  ...overrides,
});

describe.each(TEST_DIALECTS)('recovery supports over HTTP on %s', (dialect) => {
  let server: TestServer;
  let fx: RouteFixtures;
  let clinician: TestClient;
  let caseManager: TestClient;
  let frontDesk: TestClient;
  let biller: TestClient;
  let admin: TestClient;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    fx = await RouteFixtures.create(server);
    clinician = await server.signIn('clinician');
    caseManager = await server.signIn('case_manager');
    frontDesk = await server.signIn('front_desk');
    biller = await server.signIn('biller');
    admin = await server.signIn('admin');
  });
  afterAll(async () => {
    await server?.close();
  });

  const db = () => server.db.kysely;

  /** An active patient on the demo clinician's and case manager's caseloads. */
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

  const contactsPath = (p: PatientFixture) => `/api/v1/patients/${p.id}/support-contacts`;
  const planPath = (p: PatientFixture) => `/api/v1/patients/${p.id}/relapse-prevention-plan`;

  const addContact = async (client: TestClient, p: PatientFixture, body: Record<string, unknown> = {}) => {
    const response = await client.send<SupportContact>('POST', contactsPath(p), {
      name: 'Sam Rivera',
      relationship: 'sponsor',
      phone: '(860) 555-0123',
      inRelapsePlan: true,
      ...body,
    });
    expect(response.status).toBe(201);
    return response.body;
  };

  const count = async (
    table: 'support_contacts' | 'relapse_prevention_plan_versions' | 'relapse_prevention_plans',
    patientId: string,
  ) => {
    const row = await db()
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('patient_id', '=', patientId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  describe('support contacts', () => {
    it('adds a contact with its phone in E.164, changes it, archives it and undoes the archive', async () => {
      const patient = await newPatient();
      const created = await addContact(caseManager, patient, {
        email: 'sam@example.test',
        emergencyContact: true,
      });
      expect(created).toMatchObject({
        name: 'Sam Rivera',
        relationship: 'sponsor',
        phone: '+18605550123',
        emergencyContact: true,
        inRelapsePlan: true,
        familySessionParticipant: false,
        archived: false,
        familySeries: [],
        version: 1,
      });

      const changed = await clinician.send<SupportContact>(
        'PATCH',
        `${contactsPath(patient)}/${created.id}`,
        {
          version: 1,
          phone: '+1 860 555 0199',
          relationship: 'other',
          relationshipDetail: 'Neighbour',
        },
      );
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        phone: '+18605550199',
        relationshipDetail: 'Neighbour',
        version: 2,
      });

      const archived = await clinician.send<SupportContact>(
        'POST',
        `${contactsPath(patient)}/${created.id}/archive`,
        { version: 2 },
      );
      expect(archived.body).toMatchObject({ archived: true, version: 3 });
      expect((await clinician.get<SupportContact[]>(contactsPath(patient))).body).toEqual([]);
      const all = await clinician.get<SupportContact[]>(`${contactsPath(patient)}?includeArchived=true`);
      expect(all.body.map((c) => c.id)).toEqual([created.id]);

      const again = await clinician.send<Problem>('POST', `${contactsPath(patient)}/${created.id}/archive`, {
        version: 3,
      });
      expect(again.status).toBe(400);
      expect(again.body.code).toBe('INVALID_STATE');

      const restored = await clinician.send<SupportContact>(
        'POST',
        `${contactsPath(patient)}/${created.id}/restore`,
        { version: 3 },
      );
      expect(restored.body).toMatchObject({ archived: false, archivedAt: null, version: 4 });

      const actions = await db()
        .selectFrom('audit_events')
        .select('action')
        .where('record_id', '=', created.id)
        .orderBy('seq')
        .execute();
      expect(actions.map((a) => a.action)).toEqual([
        'support_contact.create',
        'support_contact.update',
        'support_contact.archive',
        'support_contact.restore',
      ]);
    });

    it('refuses a bad phone, a missing name and an unexplained "other" with 400, naming each field', async () => {
      const patient = await newPatient();
      const badPhone = await clinician.send<Problem>('POST', contactsPath(patient), {
        name: 'Sam',
        relationship: 'other',
        phone: '555-0123',
      });
      expect(badPhone.status).toBe(400);
      expect(badPhone.body.fields?.map((f) => f.field).sort()).toEqual(['/phone', '/relationshipDetail']);
      const noName = await clinician.send<Problem>('POST', contactsPath(patient), {
        name: '   ',
        relationship: 'friend',
        phone: '8605550123',
      });
      expect(noName.status).toBe(400);
      expect(await count('support_contacts', patient.id)).toBe(0);
    });

    it('refuses a change from an old version with 409 and the current version, changing nothing', async () => {
      const patient = await newPatient();
      const contact = await addContact(clinician, patient);
      await clinician.send('PATCH', `${contactsPath(patient)}/${contact.id}`, { version: 1, name: 'Sam R.' });
      const stale = await caseManager.send<Problem>('PATCH', `${contactsPath(patient)}/${contact.id}`, {
        version: 1,
        name: 'Samuel Rivera',
      });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
      const row = await db()
        .selectFrom('support_contacts')
        .select(['name', 'version'])
        .where('id', '=', contact.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ name: 'Sam R.', version: 2 });
    });

    it('records which contacts take part in a family series, shown on the series and the contact', async () => {
      const patient = await newPatient();
      const contact = await addContact(clinician, patient, {
        relationship: 'partner',
        familySessionParticipant: true,
      });
      const seriesId = await createFamilySeries(fx, patient.id, patient.siteId);
      const path = `/api/v1/patients/${patient.id}/family-sessions/${seriesId}/contacts/${contact.id}`;

      const added = await clinician.send<FamilySeries>('PUT', path);
      expect(added.status).toBe(200);
      expect(added.body).toMatchObject({
        seriesId,
        title: 'Family session',
        current: true,
        contacts: [{ contactId: contact.id, name: 'Sam Rivera', archived: false }],
      });
      expect((await clinician.send<FamilySeries>('PUT', path)).body.contacts).toHaveLength(1);

      const listed = await clinician.get<FamilySeries[]>(`/api/v1/patients/${patient.id}/family-sessions`);
      expect(listed.body.map((s) => [s.seriesId, s.contacts.length])).toEqual([[seriesId, 1]]);
      const contacts = await clinician.get<SupportContact[]>(contactsPath(patient));
      expect(contacts.body[0]?.familySeries).toEqual([{ seriesId, title: 'Family session' }]);

      const removed = await clinician.send<FamilySeries>('DELETE', path);
      expect(removed.body.contacts).toEqual([]);

      // A group series is not a family session; another patient's contact is not this patient's.
      const other = await newPatient();
      const otherContact = await addContact(clinician, other);
      const wrongContact = await clinician.send<Problem>(
        'PUT',
        `/api/v1/patients/${patient.id}/family-sessions/${seriesId}/contacts/${otherContact.id}`,
      );
      expect(wrongContact.status).toBe(404);
      const group = await fx.createSessionSeries(fx.firstSiteId, clinician.userId);
      const notFamily = await clinician.send<Problem>(
        'PUT',
        `/api/v1/patients/${patient.id}/family-sessions/${group.id}/contacts/${contact.id}`,
      );
      expect(notFamily.status).toBe(404);
      const links = await db()
        .selectFrom('family_session_contacts')
        .select('contact_id')
        .where('patient_id', 'in', [patient.id, other.id])
        .execute();
      expect(links).toEqual([]);
    });
  });

  describe('relapse prevention plan', () => {
    it('starts empty with 988 suggested, and saves versions that are kept', async () => {
      const patient = await newPatient();
      const empty = await clinician.get<RelapsePreventionPlan>(planPath(patient));
      expect(empty.body).toMatchObject({ exists: false, version: 0, current: null, versions: [] });
      expect(empty.body.suggestedCrisisLines[0]).toMatchObject({ number: '988' });

      const sponsor = await addContact(clinician, patient);
      const first = await clinician.send<RelapsePreventionPlan>('PUT', planPath(patient), {
        version: 0,
        patientVisible: false,
        content: content({ supportContactIds: [sponsor.id] }),
      });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ exists: true, version: 1, patientVisible: false });
      expect(first.body.current?.versionNumber).toBe(1);
      expect(first.body.current?.content.triggers).toEqual(['Payday', 'Driving past the old bar']);
      expect(first.body.current?.content.supportContacts).toEqual([
        { contactId: sponsor.id, name: 'Sam Rivera', relationship: 'Sponsor', phone: '+18605550123' },
      ]);

      const second = await caseManager.send<RelapsePreventionPlan>('PUT', planPath(patient), {
        version: 1,
        patientVisible: true,
        content: content({ supportContactIds: [sponsor.id], triggers: ['Payday', 'Old friends calling'] }),
      });
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ version: 2, patientVisible: true });
      expect(second.body.current?.versionNumber).toBe(2);
      expect(second.body.current?.changes).toEqual([
        { section: 'triggers', added: ['Old friends calling'], removed: ['Driving past the old bar'] },
      ]);
      expect(second.body.versions.map((v) => [v.versionNumber, v.changeSummary])).toEqual([
        [2, 'triggers: 1 added; triggers: 1 removed'],
        [1, 'First version'],
      ]);

      // The same content again makes no new version; a visibility change alone bumps the plan only.
      const same = await clinician.send<RelapsePreventionPlan>('PUT', planPath(patient), {
        version: 2,
        patientVisible: true,
        content: content({ supportContactIds: [sponsor.id], triggers: ['Payday', 'Old friends calling'] }),
      });
      expect(same.body.version).toBe(2);
      const hidden = await clinician.send<RelapsePreventionPlan>('PUT', planPath(patient), {
        version: 2,
        patientVisible: false,
        content: content({ supportContactIds: [sponsor.id], triggers: ['Payday', 'Old friends calling'] }),
      });
      expect(hidden.body).toMatchObject({ version: 3, patientVisible: false });
      expect(hidden.body.current?.versionNumber).toBe(2);
      expect(await count('relapse_prevention_plan_versions', patient.id)).toBe(2);

      // Version 1 stays as it was, contacts as they were, even after the contact's phone changes.
      await clinician.send('PATCH', `${contactsPath(patient)}/${sponsor.id}`, {
        version: 1,
        phone: '8605550100',
      });
      const v1 = await clinician.get<PlanVersion>(`${planPath(patient)}/versions/1`);
      expect(v1.status).toBe(200);
      expect(v1.body).toMatchObject({ versionNumber: 1, current: false, changes: [] });
      expect(v1.body.content.triggers).toEqual(['Payday', 'Driving past the old bar']);
      expect(v1.body.content.supportContacts[0]?.phone).toBe('+18605550123');
      expect((await clinician.get<Problem>(`${planPath(patient)}/versions/9`)).status).toBe(404);

      const reads = await db()
        .selectFrom('audit_events')
        .select('action')
        .where('actor_user_id', '=', clinician.userId)
        .where('patient_ids', 'like', `%${patient.id}%`)
        .where('action', 'like', 'relapse_plan.%')
        .orderBy('seq')
        .execute();
      expect(reads.map((r) => r.action)).toEqual([
        'relapse_plan.read',
        'relapse_plan.save',
        'relapse_plan.setVisibility',
        'relapse_plan.readVersion',
      ]);
    });

    it('refuses a save from an old version with 409 and the current version, keeping everything', async () => {
      const patient = await newPatient();
      await clinician.send('PUT', planPath(patient), {
        version: 0,
        patientVisible: false,
        content: content(),
      });
      await caseManager.send('PUT', planPath(patient), {
        version: 1,
        patientVisible: false,
        content: content({ reasonsForRecovery: ['My kids', 'My health'] }),
      });
      const stale = await clinician.send<Problem>('PUT', planPath(patient), {
        version: 1,
        patientVisible: false,
        content: content({ copingStrategies: ['Something else entirely'] }),
      });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
      const again = await clinician.send<Problem>('PUT', planPath(patient), {
        version: 0,
        patientVisible: false,
        content: content(),
      });
      expect(again.status).toBe(409);
      const plan = await clinician.get<RelapsePreventionPlan>(planPath(patient));
      expect(plan.body.current?.content.reasonsForRecovery).toEqual(['My kids', 'My health']);
      expect(plan.body.current?.content.copingStrategies).toEqual(['Call my sponsor', 'Walk the dog']);
      expect(await count('relapse_prevention_plan_versions', patient.id)).toBe(2);
    });

    it('refuses an empty plan, a bad crisis number, an item too long and a stranger contact, changing nothing', async () => {
      const patient = await newPatient();
      const cases = [
        [
          content({
            triggers: [],
            warningSigns: [],
            copingStrategies: [],
            otherSupports: [],
            crisisSteps: [],
            crisisLines: [],
            reasonsForRecovery: [' '],
          }),
          '/content',
        ],
        [content({ crisisLines: [{ name: 'Line', number: '12' }] }), '/content/crisisLines/0/number'],
        [content({ warningSigns: ['x'.repeat(301)] }), '/content/warningSigns/0'],
        [
          content({ supportContactIds: ['00000000-0000-4000-8000-000000000000'] }),
          '/content/supportContactIds/0',
        ],
      ] as const;
      for (const [body, field] of cases) {
        const response = await clinician.send<Problem>('PUT', planPath(patient), {
          version: 0,
          patientVisible: false,
          content: body,
        });
        expect(response.status, field).toBe(400);
        expect(response.body.fields?.map((f) => f.field)).toContain(field);
      }
      expect(await count('relapse_prevention_plans', patient.id)).toBe(0);
      expect(await count('relapse_prevention_plan_versions', patient.id)).toBe(0);
    });

    it('keeps saved versions unchangeable even by raw SQL', async () => {
      const patient = await newPatient();
      await clinician.send('PUT', planPath(patient), {
        version: 0,
        patientVisible: false,
        content: content(),
      });
      await expect(
        db()
          .updateTable('relapse_prevention_plan_versions')
          .set({ content: '{}' })
          .where('patient_id', '=', patient.id)
          .execute(),
      ).rejects.toThrow(/append-only/);
      await expect(
        db().deleteFrom('relapse_prevention_plan_versions').where('patient_id', '=', patient.id).execute(),
      ).rejects.toThrow(/append-only/);
      if (dialect === 'postgres')
        await expect(sql`truncate relapse_prevention_plan_versions`.execute(db())).rejects.toThrow(
          /append-only/,
        );
      const plan = await clinician.get<RelapsePreventionPlan>(planPath(patient));
      expect(plan.body.current?.content.triggers).toEqual(['Payday', 'Driving past the old bar']);
    });
  });

  describe('who may see recovery supports', () => {
    it('refuses front desk, billers and administrators, and lets the case manager in', async () => {
      const patient = await newPatient();
      await addContact(clinician, patient);
      for (const client of [frontDesk, biller, admin]) {
        for (const path of [planPath(patient), contactsPath(patient)]) {
          const response = await client.get<Problem>(path);
          expect(response.status, `${client.email} ${path}`).toBe(403);
        }
        const write = await client.send<Problem>('PUT', planPath(patient), {
          version: 0,
          patientVisible: false,
          content: content(),
        });
        expect(write.status).toBe(403);
      }
      expect((await caseManager.get<SupportContact[]>(contactsPath(patient))).body).toHaveLength(1);
      expect((await caseManager.get(planPath(patient))).status).toBe(200);
      expect(await count('relapse_prevention_plans', patient.id)).toBe(0);
      const denied = await db()
        .selectFrom('audit_events')
        .select('actor_user_id')
        .where('action', '=', 'access.denied')
        .where('patient_ids', 'like', `%${patient.id}%`)
        .execute();
      expect(new Set(denied.map((d) => d.actor_user_id))).toEqual(
        new Set([frontDesk.userId, biller.userId, admin.userId]),
      );
    });

    it('hides the plan from a case manager who does not have the patient (404)', async () => {
      const stranger = await fx.createPatient({
        siteId: fx.firstSiteId,
        status: 'active',
        caseload: [{ userId: fx.clinician2.userId, kind: 'primary_clinician' }],
        openEpisode: true,
      });
      expect((await caseManager.get<Problem>(planPath(stranger))).status).toBe(404);
    });
  });
});
