import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Program } from '../../core/api/admin.js';
import type {
  Diagnosis,
  DiagnosisList,
  OverdoseSafety,
  PaperworkChecklist,
} from '../../core/api/admission.js';
import type { Episode, Patient } from '../../core/api/patients.js';
import { PAPERWORK_ITEMS } from '../../core/intake/paperwork.js';
import { TEST_DIALECTS } from '../../db/testing/testDatabases.js';
import { TEST_NOW, startTestServer, type TestClient, type TestServer } from '../testing/testServer.js';

interface Problem {
  code: string;
  detail: string;
  fields?: { field: string; message: string }[];
  currentVersion?: number;
}

const CLINICIAN2 = 'clinician2@demo.openiop.org';

describe.each(TEST_DIALECTS)('admission paperwork, diagnoses and overdose safety on %s', (dialect) => {
  let server: TestServer;
  let intake: TestClient;
  let clinician: TestClient;
  let clinician2: TestClient;
  let programs: Program[];

  beforeAll(async () => {
    server = await startTestServer(dialect);
    intake = await server.signIn('intake_coordinator');
    clinician = await server.signIn('clinician');
    clinician2 = await server.signIn(CLINICIAN2);
    programs = (await clinician.get<Program[]>('/api/v1/programs')).body;
  });
  afterAll(async () => {
    await server?.close();
  });

  const firstSite = () => server.demo.sites[0]!.id;
  const iopAt = (siteId: string) => programs.find((p) => p.siteId === siteId && p.levelOfCare === 'IOP')!;

  const auditRows = (action: string, patientId: string) =>
    server.db.kysely
      .selectFrom('audit_events')
      .select(['actor_user_id', 'record_type', 'record_id', 'detail', 'patient_ids'])
      .where('action', '=', action)
      .where('patient_ids', 'like', `%${patientId}%`)
      .orderBy('seq')
      .execute();

  const register = async (lastName: string, siteId = firstSite(), by = intake): Promise<string> => {
    const created = await by.send<Patient>('POST', '/api/v1/patients', {
      firstName: 'Rowan',
      lastName,
      dateOfBirth: '1991-07-19',
      siteId,
    });
    expect(created.status).toBe(201);
    return created.body.id;
  };

  const completePaperwork = async (patientId: string, by = intake) => {
    for (const item of PAPERWORK_ITEMS) {
      const response = await by.send('PUT', `/api/v1/patients/${patientId}/paperwork/${item}`, {
        status: 'complete',
      });
      expect(response.status).toBe(200);
    }
  };

  const admit = (patientId: string, primaryClinicianId: string, siteId = firstSite(), by = intake) =>
    by.send<Episode | Problem>('POST', `/api/v1/patients/${patientId}/episodes`, {
      programId: iopAt(siteId).id,
      startOn: '2026-11-24',
      primaryClinicianId,
    });

  /** A patient admitted to the IOP with `clinicianId` as primary clinician (so on their caseload). */
  const admittedPatient = async (
    lastName: string,
    clinicianId: string,
    siteId = firstSite(),
    by = intake,
  ) => {
    const id = await register(lastName, siteId, by);
    await completePaperwork(id, by);
    const admitted = await admit(id, clinicianId, siteId, by);
    expect(admitted.status).toBe(201);
    return id;
  };

  describe('the admission paperwork checklist gates admission (SPEC §2)', () => {
    it('refuses admission while items are missing, naming each one, and changes nothing', async () => {
      const id = await register('Ashgrove');
      const checklist = await intake.get<PaperworkChecklist>(`/api/v1/patients/${id}/paperwork`);
      expect(checklist.status).toBe(200);
      expect(checklist.body).toMatchObject({ complete: false, missing: [...PAPERWORK_ITEMS] });
      expect(checklist.body.items.map((i) => [i.item, i.status, i.recordedBy])).toEqual(
        PAPERWORK_ITEMS.map((item) => [item, 'pending', null]),
      );

      await intake.send('PUT', `/api/v1/patients/${id}/paperwork/consent_to_treatment`, {
        status: 'complete',
      });
      await intake.send('PUT', `/api/v1/patients/${id}/paperwork/privacy_notice`, { status: 'complete' });
      const refused = await admit(id, clinician.userId);
      expect(refused.status).toBe(400);
      const problem = refused.body as Problem;
      expect(problem.code).toBe('INVALID_STATE');
      expect(problem.detail).toContain(
        'Part 2 patient notice, Patient rights and grievance procedure and Program agreement are neither complete nor waived',
      );
      expect(problem.fields?.map((f) => f.field)).toEqual([
        '/paperwork/part2_notice',
        '/paperwork/patient_rights',
        '/paperwork/program_agreement',
      ]);
      const episodes = await server.db.kysely
        .selectFrom('episodes')
        .select('id')
        .where('patient_id', '=', id)
        .execute();
      expect(episodes).toEqual([]);
      const chart = await intake.get<Patient>(`/api/v1/patients/${id}`);
      expect(chart.body.status).toBe('intake');
    });

    it('refuses a waiver without a reason, and a reason on a completed item', async () => {
      const id = await register('Birchfield');
      const url = `/api/v1/patients/${id}/paperwork/program_agreement`;
      for (const body of [{ status: 'waived' }, { status: 'waived', waivedReason: '   ' }]) {
        const response = await intake.send<Problem>('PUT', url, body);
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(response.body.code).toBe('VALIDATION_FAILED');
        expect(response.body.fields?.map((f) => f.field)).toContain('/waivedReason');
      }
      const reasonOnComplete = await intake.send<Problem>('PUT', url, {
        status: 'complete',
        waivedReason: 'Signed',
      });
      expect(reasonOnComplete.status).toBe(400);
      expect(reasonOnComplete.body.fields?.map((f) => f.field)).toEqual(['/waivedReason']);
      const unknownItem = await intake.send<Problem>(
        'PUT',
        `/api/v1/patients/${id}/paperwork/photo_release`,
        {
          status: 'complete',
        },
      );
      expect(unknownItem.status).toBe(400);
      expect(await auditRows('paperwork.record', id)).toEqual([]);
    });

    it('admits once every item is complete or waived with a reason, with the checklist audited', async () => {
      const id = await register('Cedarholm');
      for (const item of PAPERWORK_ITEMS.filter((i) => i !== 'program_agreement')) {
        const response = await intake.send<PaperworkChecklist>(
          'PUT',
          `/api/v1/patients/${id}/paperwork/${item}`,
          {
            status: 'complete',
          },
        );
        expect(response.status).toBe(200);
      }
      const waived = await intake.send<PaperworkChecklist>(
        'PUT',
        `/api/v1/patients/${id}/paperwork/program_agreement`,
        {
          status: 'waived',
          waivedReason: ' Large-print copy on order; read aloud and agreed verbally. ',
        },
      );
      expect(waived.status).toBe(200);
      expect(waived.body).toMatchObject({ complete: true, missing: [] });
      expect(waived.body.items.find((i) => i.item === 'program_agreement')).toMatchObject({
        status: 'waived',
        waivedReason: 'Large-print copy on order; read aloud and agreed verbally.',
        recordedBy: { id: intake.userId },
        recordedAt: TEST_NOW.toISOString(),
      });

      const records = await auditRows('paperwork.record', id);
      expect(records).toHaveLength(PAPERWORK_ITEMS.length);
      for (const row of records) {
        expect(row.actor_user_id).toBe(intake.userId);
        expect(row.record_type).toBe('admission_paperwork');
        // The waiver's free-text reason stays out of the audit trail.
        expect(row.detail).not.toContain('Large-print');
      }
      expect(JSON.parse(records.at(-1)?.detail ?? '{}')).toEqual({
        item: 'program_agreement',
        status: 'waived',
        previous: null,
      });
      expect((await auditRows('paperwork.read', id)).length).toBe(0);
      await intake.get(`/api/v1/patients/${id}/paperwork`);
      expect((await auditRows('paperwork.read', id)).length).toBe(1);

      const admitted = await admit(id, clinician.userId);
      expect(admitted.status).toBe(201);
    });

    it('readmits on the checklist of the earlier episode, and refuses if an item was set back to pending', async () => {
      const id = await register('Dunmore');
      await completePaperwork(id);
      const first = await intake.send<Episode>('POST', `/api/v1/patients/${id}/episodes`, {
        programId: iopAt(firstSite()).id,
        startOn: '2026-11-10',
        backdateReason: 'Admitted on paper while the network was down.',
        primaryClinicianId: clinician.userId,
      });
      expect(first.status).toBe(201);
      const discharged = await clinician.send(
        'POST',
        `/api/v1/patients/${id}/episodes/${first.body.id}/discharge`,
        {
          version: first.body.version,
          dischargeType: 'left_against_advice',
          dischargedOn: '2026-11-20',
          backdateReason: 'Entered after the outreach calls went unanswered.',
        },
      );
      expect(discharged.status).toBe(200);

      const reset = await clinician.send('PUT', `/api/v1/patients/${id}/paperwork/program_agreement`, {
        status: 'pending',
      });
      expect(reset.status).toBe(200);
      const refused = await admit(id, clinician.userId, firstSite(), clinician);
      expect(refused.status).toBe(400);
      expect((refused.body as Problem).fields?.map((f) => f.field)).toEqual(['/paperwork/program_agreement']);

      await clinician.send('PUT', `/api/v1/patients/${id}/paperwork/program_agreement`, {
        status: 'complete',
      });
      const readmitted = await admit(id, clinician.userId, firstSite(), clinician);
      expect(readmitted.status).toBe(201);
      const records = await auditRows('paperwork.record', id);
      expect(JSON.parse(records.at(-1)?.detail ?? '{}')).toEqual({
        item: 'program_agreement',
        status: 'complete',
        previous: 'pending',
      });
    });
  });

  describe('diagnoses are made by staff whose credentials allow it (SPEC §1–§2)', () => {
    const opioidDisorder = {
      substance: 'opioid',
      icd10Code: 'f11.20',
      dsm5Criteria: 7,
      specifiers: ['on_maintenance_therapy'],
      diagnosedOn: '2026-11-23',
    };

    it('refuses a clinician whose credentials do not allow diagnosis, and audits the refusal', async () => {
      const id = await admittedPatient('Elmstead', clinician2.userId);
      const list = await clinician2.get<DiagnosisList>(`/api/v1/patients/${id}/diagnoses`);
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ items: [], mayDiagnose: false });
      expect(list.body.mayDiagnoseReason).toMatch(/credentials do not allow/);

      const refused = await clinician2.send<Problem>(
        'POST',
        `/api/v1/patients/${id}/diagnoses`,
        opioidDisorder,
      );
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('FORBIDDEN');
      expect(refused.body.detail).toMatch(/credentials do not allow you to diagnose/);
      const denials = await auditRows('access.denied', id);
      expect(denials).toHaveLength(1);
      expect(denials[0]?.actor_user_id).toBe(clinician2.userId);
      expect(JSON.parse(denials[0]?.detail ?? '{}')).toEqual({
        attempted: 'diagnosis.write',
        reason: 'credentials do not allow diagnosis',
      });
      const rows = await server.db.kysely
        .selectFrom('diagnoses')
        .select('id')
        .where('patient_id', '=', id)
        .execute();
      expect(rows).toEqual([]);
    });

    it('records a diagnosis for a licensed clinician: severity from the criteria, code normalized, audited', async () => {
      const id = await admittedPatient('Foxley', clinician.userId);
      const created = await clinician.send<Diagnosis>(
        'POST',
        `/api/v1/patients/${id}/diagnoses`,
        opioidDisorder,
      );
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        patientId: id,
        substance: 'opioid',
        icd10Code: 'F11.20',
        dsm5Criteria: 7,
        severity: 'severe',
        specifiers: ['on_maintenance_therapy'],
        diagnosedOn: '2026-11-23',
        diagnosedBy: { id: clinician.userId },
        status: 'active',
        version: 1,
      });
      const audited = await auditRows('diagnosis.create', id);
      expect(audited).toHaveLength(1);
      expect(audited[0]).toMatchObject({ actor_user_id: clinician.userId, record_id: created.body.id });

      const list = await clinician.get<DiagnosisList>(`/api/v1/patients/${id}/diagnoses`);
      expect(list.body).toMatchObject({ mayDiagnose: true, mayDiagnoseReason: null });
      expect(list.body.items.map((d) => d.id)).toEqual([created.body.id]);
      expect(await auditRows('diagnosis.list', id)).toHaveLength(1);

      // A second active diagnosis for the same substance is a conflict.
      const twice = await clinician.send<Problem>('POST', `/api/v1/patients/${id}/diagnoses`, opioidDisorder);
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe('CONFLICT');
    });

    it('refuses codes, counts and specifiers that do not fit, naming the field', async () => {
      const id = await admittedPatient('Glenrock', clinician.userId);
      const attempts: [Record<string, unknown>, string][] = [
        [{ icd10Code: 'F10.20' }, '/icd10Code'],
        [{ icd10Code: 'F11.2' }, '/icd10Code'],
        [{ icd10Code: 'F11.10' }, '/icd10Code'],
        [{ icd10Code: 'F11.90' }, '/icd10Code'],
        [{ specifiers: ['in_early_remission'] }, '/icd10Code'],
        [{ dsm5Criteria: 1 }, '/dsm5Criteria'],
        [{ dsm5Criteria: 12 }, '/dsm5Criteria'],
        [{ substance: 'alcohol', icd10Code: 'F10.20' }, '/specifiers'],
        [
          { specifiers: ['in_early_remission', 'in_sustained_remission'], icd10Code: 'F11.21' },
          '/specifiers',
        ],
        [{ diagnosedOn: '2026-11-25' }, '/diagnosedOn'],
        [{ diagnosedOn: '2026-02-30' }, '/diagnosedOn'],
        [{ substance: 'caffeine' }, '/substance'],
      ];
      for (const [change, field] of attempts) {
        const response = await clinician.send<Problem>('POST', `/api/v1/patients/${id}/diagnoses`, {
          ...opioidDisorder,
          ...change,
        });
        expect(response.status, JSON.stringify(change)).toBe(400);
        expect(response.body.code).toBe('VALIDATION_FAILED');
        expect(
          response.body.fields?.map((f) => f.field),
          JSON.stringify(change),
        ).toContain(field);
      }
      expect(await auditRows('diagnosis.create', id)).toEqual([]);
    });

    it('changes status with a reason and the version read; a stale version is a conflict', async () => {
      const id = await admittedPatient('Hollins', clinician.userId);
      const created = await clinician.send<Diagnosis>('POST', `/api/v1/patients/${id}/diagnoses`, {
        substance: 'alcohol',
        icd10Code: 'F10.11',
        dsm5Criteria: 3,
        specifiers: ['in_early_remission', 'in_controlled_environment'],
        diagnosedOn: '2026-11-24',
      });
      expect(created.status).toBe(201);
      expect(created.body.severity).toBe('mild');
      const url = `/api/v1/patients/${id}/diagnoses/${created.body.id}`;

      const withoutReason = await clinician.send<Problem>('PATCH', url, { version: 1, status: 'resolved' });
      expect(withoutReason.status).toBe(400);
      expect(withoutReason.body.fields?.map((f) => f.field)).toContain('/reason');

      const resolved = await clinician.send<Diagnosis>('PATCH', url, {
        version: 1,
        status: 'resolved',
        reason: 'Sustained remission confirmed at the 12-month review.',
      });
      expect(resolved.status).toBe(200);
      expect(resolved.body).toMatchObject({
        status: 'resolved',
        statusReason: 'Sustained remission confirmed at the 12-month review.',
        version: 2,
      });

      const stale = await clinician.send<Problem>('PATCH', url, {
        version: 1,
        status: 'entered_in_error',
        reason: 'Wrong patient.',
      });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });

      const inError = await clinician.send<Diagnosis>('PATCH', url, {
        version: 2,
        status: 'entered_in_error',
        reason: 'Recorded on the wrong chart.',
      });
      expect(inError.status).toBe(200);
      const back = await clinician.send<Problem>('PATCH', url, {
        version: 3,
        status: 'active',
        reason: 'Undo',
      });
      expect(back.status).toBe(400);
      expect(back.body.code).toBe('INVALID_STATE');

      const elsewhere = await clinician.send<Problem>(
        'PATCH',
        `/api/v1/patients/${await admittedPatient('Ivybridge', clinician.userId)}/diagnoses/${created.body.id}`,
        { version: 3, status: 'resolved', reason: 'Wrong chart' },
      );
      expect(elsewhere.status).toBe(404);

      const changes = await auditRows('diagnosis.updateStatus', id);
      expect(changes.map((r) => JSON.parse(r.detail ?? '{}') as unknown)).toEqual([
        { from: 'active', to: 'resolved' },
        { from: 'resolved', to: 'entered_in_error' },
      ]);
    });
  });

  describe('overdose safety for opioid use disorder', () => {
    it('asks for it once an active F11 diagnosis exists, and keeps one versioned record', async () => {
      const id = await admittedPatient('Juniper', clinician.userId);
      const url = `/api/v1/patients/${id}/overdose-safety`;
      const before = await clinician.get<OverdoseSafety>(url);
      expect(before.status).toBe(200);
      expect(before.body).toEqual({
        patientId: id,
        record: null,
        opioidUseDisorder: false,
        needsDocumentation: false,
      });

      await clinician.send('POST', `/api/v1/patients/${id}/diagnoses`, {
        substance: 'opioid',
        icd10Code: 'F11.20',
        dsm5Criteria: 6,
        diagnosedOn: '2026-11-24',
      });
      const prompted = await clinician.get<OverdoseSafety>(url);
      expect(prompted.body).toMatchObject({
        record: null,
        opioidUseDisorder: true,
        needsDocumentation: true,
      });

      const future = await clinician.send<Problem>('PUT', url, {
        naloxoneStatus: 'has_kit',
        educationGivenOn: '2026-11-25',
      });
      expect(future.status).toBe(400);
      expect(future.body.fields?.map((f) => f.field)).toEqual(['/educationGivenOn']);

      const first = await clinician.send<OverdoseSafety>('PUT', url, {
        naloxoneStatus: 'prescribed',
        educationGivenOn: '2026-11-24',
      });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        opioidUseDisorder: true,
        needsDocumentation: false,
        record: {
          naloxoneStatus: 'prescribed',
          educationGivenOn: '2026-11-24',
          updatedBy: { id: clinician.userId },
          version: 1,
        },
      });

      const blind = await clinician.send<Problem>('PUT', url, { naloxoneStatus: 'has_kit' });
      expect(blind.status).toBe(409);
      expect(blind.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 1 });

      const second = await clinician.send<OverdoseSafety>('PUT', url, {
        version: 1,
        naloxoneStatus: 'has_kit',
        educationGivenOn: '2026-11-24',
      });
      expect(second.status).toBe(200);
      expect(second.body.record).toMatchObject({ naloxoneStatus: 'has_kit', version: 2 });

      const stale = await clinician.send<Problem>('PUT', url, { version: 1, naloxoneStatus: 'declined' });
      expect(stale.status).toBe(409);
      expect(stale.body.currentVersion).toBe(2);

      const records = await auditRows('overdoseSafety.record', id);
      expect(records.map((r) => JSON.parse(r.detail ?? '{}') as unknown)).toEqual([
        { naloxoneStatus: 'prescribed', educationGiven: true },
        { naloxoneStatus: 'has_kit', educationGiven: true },
      ]);
      expect((await auditRows('overdoseSafety.read', id)).length).toBe(2);
    });
  });

  // Last: it moves the clock and signs in again at the new time.
  it('judges the licence by the calendar date at the patient’s site', async () => {
    const [hartford, sacramento] = server.demo.sites;
    expect(hartford?.timeZone).toBe('America/New_York');
    expect(sacramento?.timeZone).toBe('America/Los_Angeles');
    const east = await admittedPatient('Kestrel', clinician.userId, hartford!.id);
    // Front-office staff work at the first site only: the clinician registers the Sacramento patient.
    const west = await admittedPatient('Larkspur', clinician.userId, sacramento!.id, clinician);
    const credentials = () =>
      server.db.kysely.updateTable('credentials').where('user_id', '=', clinician.userId);
    const original = await server.db.kysely
      .selectFrom('credentials')
      .select('licence_expires_on')
      .where('user_id', '=', clinician.userId)
      .executeTakeFirstOrThrow();
    // 05:00 UTC on the 25th is the 25th in Hartford and still the evening of the 24th in Sacramento.
    server.clock.set(new Date('2026-11-25T05:00:00.000Z'));
    try {
      await credentials().set({ licence_expires_on: '2026-11-24' }).execute();
      const caller = await server.signIn('clinician');
      const body = { substance: 'cannabis', icd10Code: 'F12.10', dsm5Criteria: 2, diagnosedOn: '2026-11-24' };

      const expired = await caller.send<Problem>('POST', `/api/v1/patients/${east}/diagnoses`, body);
      expect(expired.status).toBe(403);
      expect(expired.body.code).toBe('CREDENTIAL_EXPIRED');
      expect(expired.body.detail).toContain('2026-11-24');
      const denial = await auditRows('access.denied', east);
      expect(JSON.parse(denial.at(-1)?.detail ?? '{}')).toEqual({
        attempted: 'diagnosis.write',
        reason: 'licence expired',
      });
      const list = await caller.get<DiagnosisList>(`/api/v1/patients/${east}/diagnoses`);
      expect(list.body).toMatchObject({ mayDiagnose: false });

      const stillValid = await caller.send<Diagnosis>('POST', `/api/v1/patients/${west}/diagnoses`, body);
      expect(stillValid.status).toBe(201);
      expect(stillValid.body).toMatchObject({ icd10Code: 'F12.10', severity: 'mild' });
    } finally {
      await credentials().set({ licence_expires_on: original.licence_expires_on }).execute();
      server.clock.set(TEST_NOW);
    }
  });
});
