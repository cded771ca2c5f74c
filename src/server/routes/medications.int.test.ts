import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Medication, MedicationList } from '../../core/api/medications.js';
import { TEST_DIALECTS } from '../../db/testing/testDatabases.js';
import { type PatientFixture, RouteFixtures } from '../testing/routeTable.js';
import { type TestClient, type TestServer, startTestServer } from '../testing/testServer.js';

interface Problem {
  code: string;
  detail: string;
  fields?: { field: string; message: string }[];
  currentVersion?: number;
}

// The test clock is Tuesday 24 November 2026, 10:00 in Hartford (the first demo site).
const TODAY = '2026-11-24';

describe.each(TEST_DIALECTS)('medications over HTTP on %s', (dialect) => {
  let server: TestServer;
  let fx: RouteFixtures;
  let clinician: TestClient;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    fx = await RouteFixtures.create(server);
    clinician = await server.signIn('clinician');
  });
  afterAll(async () => {
    await server?.close();
  });

  const newPatient = (): Promise<PatientFixture> =>
    fx.createPatient({
      siteId: fx.firstSiteId,
      status: 'active',
      caseload: [{ userId: clinician.userId, kind: 'primary_clinician' }],
      openEpisode: true,
    });

  const path = (patientId: string, rest = '') => `/api/v1/patients/${patientId}/medications${rest}`;
  const add = (client: TestClient, patientId: string, body: Record<string, unknown>) =>
    client.send<Medication & Problem>('POST', path(patientId), body);
  const list = (client: TestClient, patientId: string) =>
    client.get<MedicationList & Problem>(path(patientId));
  const rows = (patientId: string) =>
    server.db.kysely.selectFrom('medications').selectAll().where('patient_id', '=', patientId).execute();

  const SUBOXONE = {
    name: 'Suboxone 8 mg/2 mg film',
    dose: '8 mg/2 mg',
    route: 'sublingual',
    frequency: 'One film under the tongue daily',
    prescriberName: 'Dr. Imani Brooks',
    prescriberOrganization: 'Riverbend Addiction Medicine',
    startedOn: '2026-11-02',
    matType: 'buprenorphine',
  };

  it('records a buprenorphine prescription, lists it as active and says how it shows on screens', async () => {
    const patient = await newPatient();
    const created = await add(clinician, patient.id, { ...SUBOXONE, notes: '  ' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Suboxone 8 mg/2 mg film',
      route: 'sublingual',
      matType: 'buprenorphine',
      otpName: null,
      notes: null,
      active: true,
      stoppedOn: null,
      screensAs: { expected: ['BUP'], explains: ['BUP'] },
      recordedBy: { id: clinician.userId },
      version: 1,
    });
    const listed = await list(clinician, patient.id);
    expect(listed.status).toBe(200);
    expect(listed.body.today).toBe(TODAY);
    expect(listed.body.items.map((m) => m.id)).toEqual([created.body.id]);
    const actions = await server.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('actor_user_id', '=', clinician.userId)
      .where('patient_ids', 'like', `%${patient.id}%`)
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['medication.create']));
  });

  it('lists the newest start first, and stopped medications stay listed as not active', async () => {
    const patient = await newPatient();
    const older = await add(clinician, patient.id, {
      name: 'Naltrexone 50 mg',
      startedOn: '2026-09-01',
      matType: 'naltrexone_oral',
    });
    const newer = await add(clinician, patient.id, { name: 'Sertraline 50 mg', startedOn: '2026-11-10' });
    const stopped = await clinician.send<Medication & Problem>(
      'POST',
      path(patient.id, `/${older.body.id}/stop`),
      {
        version: 1,
        stoppedOn: '2026-11-01',
        reason: 'Switched to buprenorphine',
      },
    );
    expect(stopped.status, JSON.stringify(stopped.body)).toBe(200);
    expect(stopped.body).toMatchObject({
      stoppedOn: '2026-11-01',
      stopReason: 'Switched to buprenorphine',
      active: false,
      version: 2,
    });
    const listed = await list(clinician, patient.id);
    expect(listed.body.items.map((m) => [m.id, m.active])).toEqual([
      [newer.body.id, true],
      [older.body.id, false],
    ]);
    const again = await clinician.send<Problem>('POST', path(patient.id, `/${older.body.id}/stop`), {
      version: 2,
      stoppedOn: '2026-11-02',
      reason: 'Again',
    });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('INVALID_STATE');
  });

  it('methadone from an opioid treatment program names the program; other medications do not', async () => {
    const patient = await newPatient();
    const missing = await add(clinician, patient.id, {
      name: 'Methadone 80 mg',
      startedOn: '2026-11-01',
      matType: 'methadone_otp',
    });
    expect(missing.status).toBe(400);
    expect(missing.body.fields?.map((f) => f.field)).toEqual(['/otpName']);
    const stray = await add(clinician, patient.id, { ...SUBOXONE, otpName: 'Harbor OTP' });
    expect(stray.status).toBe(400);
    expect(stray.body.fields?.map((f) => f.field)).toEqual(['/otpName']);
    const named = await add(clinician, patient.id, {
      name: 'Methadone 80 mg',
      startedOn: '2026-11-01',
      matType: 'methadone_otp',
      otpName: 'Harbor Opioid Treatment Program',
    });
    expect(named.status).toBe(201);
    expect(named.body.screensAs.expected).toEqual(['MTD', 'EDDP']);
    expect(await rows(patient.id)).toHaveLength(1);
  });

  it('refuses bad input with a 400 that names the field and changes nothing', async () => {
    const patient = await newPatient();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...SUBOXONE, startedOn: '2026-11-25' }, '/startedOn'],
      [{ ...SUBOXONE, startedOn: '2026-02-30' }, '/startedOn'],
      [{ ...SUBOXONE, route: 'by mouth' }, '/route'],
      [{ ...SUBOXONE, name: '   ' }, '/name'],
      [{ ...SUBOXONE, matType: 'x_waiver' }, '/matType'],
      [{ ...SUBOXONE, deaXWaiver: 'XA1234567' }, ''],
    ];
    for (const [body, field] of cases) {
      const response = await add(clinician, patient.id, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      if (field) expect(response.body.fields?.map((f) => f.field)).toContain(field);
    }
    expect(await rows(patient.id)).toEqual([]);
  });

  it('an edit from a stale version gets 409 with the current version and changes nothing', async () => {
    const patient = await newPatient();
    const created = await add(clinician, patient.id, SUBOXONE);
    const first = await clinician.send<Medication & Problem>(
      'PATCH',
      path(patient.id, `/${created.body.id}`),
      {
        ...SUBOXONE,
        dose: '12 mg/3 mg',
        version: 1,
      },
    );
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ dose: '12 mg/3 mg', version: 2 });
    const second = await clinician.send<Problem>('PATCH', path(patient.id, `/${created.body.id}`), {
      ...SUBOXONE,
      dose: '4 mg/1 mg',
      version: 1,
    });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
    const [row] = await rows(patient.id);
    expect(row).toMatchObject({ dose: '12 mg/3 mg', version: 2 });
  });

  it('a stop date before the start or in the future is refused; an edit cannot move the start past the stop', async () => {
    const patient = await newPatient();
    const created = await add(clinician, patient.id, SUBOXONE);
    const stop = (stoppedOn: string) =>
      clinician.send<Medication & Problem>('POST', path(patient.id, `/${created.body.id}/stop`), {
        version: 1,
        stoppedOn,
        reason: 'Completed taper',
      });
    expect((await stop('2026-11-01')).body.fields?.[0]?.field).toBe('/stoppedOn');
    expect((await stop('2026-11-25')).body.fields?.[0]?.field).toBe('/stoppedOn');
    expect((await rows(patient.id))[0]).toMatchObject({ stopped_on: null, version: 1 });
    expect((await stop('2026-11-20')).status).toBe(200);
    const moved = await clinician.send<Problem>('PATCH', path(patient.id, `/${created.body.id}`), {
      ...SUBOXONE,
      startedOn: '2026-11-21',
      version: 2,
    });
    expect(moved.status).toBe(400);
    expect(moved.body.fields?.map((f) => f.field)).toEqual(['/startedOn']);
  });

  it('entered in error: kept in the database with the reason, hidden from the list, audited', async () => {
    const patient = await newPatient();
    const created = await add(clinician, patient.id, SUBOXONE);
    const stale = await clinician.send<Problem>(
      'POST',
      path(patient.id, `/${created.body.id}/entered-in-error`),
      {
        version: 2,
        reason: 'Wrong chart',
      },
    );
    expect(stale.status).toBe(409);
    const removed = await clinician.send('POST', path(patient.id, `/${created.body.id}/entered-in-error`), {
      version: 1,
      reason: 'Recorded in the wrong chart',
    });
    expect(removed.status).toBe(204);
    expect((await list(clinician, patient.id)).body.items).toEqual([]);
    const [row] = await rows(patient.id);
    expect(row).toMatchObject({
      removed_reason: 'Recorded in the wrong chart',
      removed_by: clinician.userId,
    });
    const again = await clinician.send<Problem>('PATCH', path(patient.id, `/${created.body.id}`), {
      ...SUBOXONE,
      version: 2,
    });
    expect(again.status).toBe(404);
    const audit = await server.db.kysely
      .selectFrom('audit_events')
      .select('record_id')
      .where('action', '=', 'medication.enteredInError')
      .where('record_id', '=', created.body.id)
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('front desk, billers and administrators cannot read medications; case managers read but do not write', async () => {
    const patient = await fx.createPatient({
      siteId: fx.firstSiteId,
      status: 'active',
      caseload: [
        { userId: clinician.userId, kind: 'primary_clinician' },
        { userId: fx.member('case_manager').userId, kind: 'case_manager' },
      ],
      openEpisode: true,
    });
    await add(clinician, patient.id, SUBOXONE);
    for (const role of ['front_desk', 'biller', 'admin'] as const) {
      const client = await server.signIn(role);
      const response = await list(client, patient.id);
      expect(response.status, role).toBe(403);
      expect(JSON.stringify(response.body)).not.toContain('Suboxone');
      expect((await add(client, patient.id, SUBOXONE)).status, role).toBe(403);
    }
    const caseManager = await server.signIn('case_manager');
    expect((await list(caseManager, patient.id)).status).toBe(200);
    expect((await add(caseManager, patient.id, SUBOXONE)).status).toBe(403);
    expect(await rows(patient.id)).toHaveLength(1);
  });

  it('a clinician with no relationship to the patient gets 404, as if the patient did not exist', async () => {
    const stranger = await fx.createPatient({
      siteId: fx.outsideSiteId,
      status: 'active',
      caseload: [],
      openEpisode: true,
    });
    expect((await list(clinician, stranger.id)).status).toBe(404);
  });
});
