import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../core/api/alerts.js';
import type { DrugScreenList, RecordedDrugScreen } from '../../core/api/drugScreens.js';
import type { Analyte, AnalyteResult } from '../../core/screens/analytes.js';
import { panelByCode } from '../../core/screens/panels.js';
import { TEST_DIALECTS } from '../../db/testing/testDatabases.js';
import { DRUG_SCREEN_ALERTS } from '../services/drugScreenAlerts.js';
import { type PatientFixture, RouteFixtures } from '../testing/routeTable.js';
import { type TestClient, type TestServer, startTestServer } from '../testing/testServer.js';

interface Problem {
  code: string;
  detail: string;
  fields?: { field: string; message: string }[];
}

// The test clock is Tuesday 24 November 2026, 10:00 in Hartford (the first demo site).
const TODAY = '2026-11-24';

const cup = (panel: string, overrides: Partial<Record<Analyte, AnalyteResult>> = {}) =>
  (panelByCode(panel)?.analytes ?? []).map((analyte) => ({
    analyte,
    result: overrides[analyte] ?? 'negative',
  }));

describe.each(TEST_DIALECTS)('drug screens over HTTP on %s', (dialect) => {
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

  const db = () => server.db.kysely;

  /** An active patient on the clinician's caseload, the clinician the chart's primary clinician (alerts go to them). */
  const newPatient = async (): Promise<PatientFixture> => {
    const patient = await fx.createPatient({
      siteId: fx.firstSiteId,
      status: 'active',
      caseload: [
        { userId: clinician.userId, kind: 'primary_clinician' },
        { userId: fx.member('case_manager').userId, kind: 'case_manager' },
      ],
      openEpisode: true,
    });
    await db()
      .updateTable('patients')
      .set({ primary_clinician_id: clinician.userId })
      .where('id', '=', patient.id)
      .execute();
    return patient;
  };

  const screens = (patientId: string, rest = '') => `/api/v1/patients/${patientId}/drug-screens${rest}`;
  const record = (client: TestClient, patientId: string, body: Record<string, unknown>) =>
    client.send<RecordedDrugScreen & Problem>('POST', screens(patientId), body);
  const correct = (client: TestClient, patientId: string, screenId: string, body: Record<string, unknown>) =>
    client.send<RecordedDrugScreen & Problem>('POST', screens(patientId, `/${screenId}/corrections`), body);
  const cupBody = (overrides: Partial<Record<Analyte, AnalyteResult>> = {}, panel = 'urine_cup_12') => ({
    collectedOn: TODAY,
    specimen: 'urine',
    panel,
    method: 'presumptive',
    results: cup(panel, overrides),
  });
  const addBuprenorphine = async (patientId: string, extra: Record<string, unknown> = {}) => {
    const created = await clinician.send('POST', `/api/v1/patients/${patientId}/medications`, {
      name: 'Suboxone 8 mg/2 mg film',
      startedOn: '2026-11-02',
      matType: 'buprenorphine',
      ...extra,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  };
  const alertsOf = (patientId: string) =>
    db().selectFrom('alerts').selectAll().where('patient_id', '=', patientId).orderBy('kind').execute();
  const screenRows = (patientId: string) =>
    db().selectFrom('drug_screens').selectAll().where('patient_id', '=', patientId).execute();

  it('an expected buprenorphine not detected raises one high alert whose title holds no result', async () => {
    const patient = await newPatient();
    await addBuprenorphine(patient.id);
    const recorded = await record(clinician, patient.id, cupBody());
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    const { screen, alertsRaised } = recorded.body;
    expect(screen.interpretation).toMatchObject({
      expectedNegatives: [
        { label: 'buprenorphine', medicationName: 'Suboxone 8 mg/2 mg film', analytes: ['BUP'] },
      ],
      unexpectedPositives: [],
      needsReview: true,
    });
    expect(alertsRaised).toEqual([
      {
        id: expect.any(String),
        kind: 'drug_screen_expected_negative',
        severity: 'high',
        title: 'Drug screen needs review: expected medication not detected',
        recipient: { id: clinician.userId, displayName: expect.any(String) },
        alreadyOpen: false,
      },
    ]);
    const [alert] = await alertsOf(patient.id);
    expect(alert).toMatchObject({
      kind: 'drug_screen_expected_negative',
      severity: 'high',
      source_type: 'drug_screen',
      source_id: screen.originalId,
      recipient_user_id: clinician.userId,
    });
    expect(`${alert?.title} ${alert?.detail}`).not.toMatch(/BUP|bupren|Suboxone|negative/i);
    // The chart's Alerts tab reads the same alert.
    const chartAlerts = await clinician.get<Alert[]>(`/api/v1/patients/${patient.id}/alerts`);
    expect(chartAlerts.body.map((a) => a.kind)).toContain('drug_screen_expected_negative');
  });

  it('BUP positive on buprenorphine needs no review; fentanyl positive is unexpected and alerts', async () => {
    const patient = await newPatient();
    await addBuprenorphine(patient.id);
    const fine = await record(clinician, patient.id, cupBody({ BUP: 'positive' }));
    expect(fine.body.screen.interpretation.needsReview).toBe(false);
    expect(fine.body.alertsRaised).toEqual([]);
    const fentanyl = await record(
      clinician,
      patient.id,
      cupBody({ BUP: 'positive', FEN: 'positive' }, 'urine_cup_14'),
    );
    expect(fentanyl.status).toBe(201);
    expect(fentanyl.body.screen.interpretation.unexpectedPositives).toEqual(['FEN']);
    expect(fentanyl.body.alertsRaised.map((a) => [a.kind, a.severity])).toEqual([
      ['drug_screen_unexpected_positive', 'high'],
    ]);
    expect((await alertsOf(patient.id)).map((a) => a.title)).toEqual([
      DRUG_SCREEN_ALERTS.unexpectedPositive.title,
    ]);
  });

  it('a refused specimen and a dilute one are recorded and flagged with a normal alert', async () => {
    const patient = await newPatient();
    const refused = await record(clinician, patient.id, { ...cupBody(), refused: true, results: [] });
    expect(refused.status, JSON.stringify(refused.body)).toBe(201);
    expect(refused.body.screen).toMatchObject({
      refused: true,
      results: [],
      interpretation: { specimenRefused: true, needsReview: true },
    });
    expect(refused.body.alertsRaised.map((a) => [a.kind, a.severity])).toEqual([
      ['drug_screen_specimen_issue', 'normal'],
    ]);
    const dilute = await record(clinician, patient.id, cupBody({ THC: 'dilute' }));
    expect(dilute.body.screen.interpretation.specimenIssues).toEqual([{ analyte: 'THC', result: 'dilute' }]);
    expect(dilute.body.alertsRaised).toHaveLength(1);
    expect(await alertsOf(patient.id)).toHaveLength(2);
  });

  it('a correction supersedes the screen with a reason, keeps the history and finds the open alert instead of raising another', async () => {
    const patient = await newPatient();
    await addBuprenorphine(patient.id);
    const first = await record(clinician, patient.id, cupBody({ THC: 'positive' }));
    expect(first.body.alertsRaised.map((a) => a.kind).sort()).toEqual([
      'drug_screen_expected_negative',
      'drug_screen_unexpected_positive',
    ]);
    const fixed = await correct(clinician, patient.id, first.body.screen.id, {
      ...cupBody(),
      reason: 'THC line was read before the full five minutes; reread negative.',
    });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(201);
    expect(fixed.body.screen).toMatchObject({
      originalId: first.body.screen.id,
      correctionReason: 'THC line was read before the full five minutes; reread negative.',
      history: [{ id: first.body.screen.id, correctionReason: null }],
    });
    expect(fixed.body.alertsRaised).toEqual([
      expect.objectContaining({ kind: 'drug_screen_expected_negative', alreadyOpen: true }),
    ]);
    expect(await alertsOf(patient.id)).toHaveLength(2);

    const listed = await clinician.get<DrugScreenList>(screens(patient.id));
    expect(listed.body.items.map((s) => s.id)).toEqual([fixed.body.screen.id]);
    expect(
      listed.body.items[0]?.history.map((h) => h.results.find((r) => r.analyte === 'THC')?.result),
    ).toEqual(['positive']);

    const stale = await correct(clinician, patient.id, first.body.screen.id, {
      ...cupBody(),
      reason: 'Second try',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('CONFLICT');
    expect(await screenRows(patient.id)).toHaveLength(2);
  });

  it('recorded screens cannot be changed or deleted, even with raw SQL', async () => {
    const patient = await newPatient();
    const recorded = await record(clinician, patient.id, cupBody());
    const id = recorded.body.screen.id;
    await expect(
      sql`update drug_screens set needs_review = 1 where id = ${id}`.execute(db()),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from drug_screens where id = ${id}`.execute(db())).rejects.toThrow(/append-only/);
    expect(await screenRows(patient.id)).toHaveLength(1);
  });

  it('refuses a future collection date, a short panel and a refused specimen with results; nothing is written', async () => {
    const patient = await newPatient();
    await addBuprenorphine(patient.id);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...cupBody(), collectedOn: '2026-11-25' }, '/collectedOn'],
      [{ ...cupBody(), results: cup('urine_cup_12').slice(1) }, '/results'],
      [{ ...cupBody(), refused: true }, '/results'],
      [{ ...cupBody(), specimen: 'oral_fluid' }, '/specimen'],
      [{ ...cupBody(), panel: 'urine_cup_99' }, '/panel'],
      [{ ...cupBody(), results: [{ analyte: 'LSD', result: 'positive' }] }, '/results/0/analyte'],
      [{ ...cupBody(), confirmsScreenId: '00000000-0000-4000-8000-000000000000' }, '/confirmsScreenId'],
    ];
    for (const [body, field] of cases) {
      const response = await record(clinician, patient.id, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(
        response.body.fields?.map((f) => f.field),
        JSON.stringify(response.body),
      ).toContain(field);
    }
    expect(await screenRows(patient.id)).toEqual([]);
    expect(await alertsOf(patient.id)).toEqual([]);
  });

  it('a laboratory result confirms the presumptive screen of the same day, and the chart links them both ways', async () => {
    const patient = await newPatient();
    const cupResult = await record(clinician, patient.id, cupBody({ OXY: 'positive' }));
    const lab = await record(clinician, patient.id, {
      ...cupBody({ OXY: 'positive' }, 'lab_confirmation'),
      method: 'confirmed',
      confirmsScreenId: cupResult.body.screen.id,
    });
    expect(lab.status, JSON.stringify(lab.body)).toBe(201);
    expect(lab.body.screen.confirms).toEqual({ originalId: cupResult.body.screen.id, collectedOn: TODAY });
    const listed = await clinician.get<DrugScreenList>(screens(patient.id));
    const presumptive = listed.body.items.find((s) => s.id === cupResult.body.screen.id);
    expect(presumptive?.confirmedBy).toEqual([{ id: lab.body.screen.id, collectedOn: TODAY }]);

    const ofLab = await record(clinician, patient.id, {
      ...cupBody({}, 'lab_confirmation'),
      method: 'confirmed',
      confirmsScreenId: lab.body.screen.id,
    });
    expect(ofLab.status).toBe(400);
    const earlier = await record(clinician, patient.id, { ...cupBody(), collectedOn: '2026-11-20' });
    const otherDay = await record(clinician, patient.id, {
      ...cupBody({}, 'lab_confirmation'),
      method: 'confirmed',
      confirmsScreenId: earlier.body.screen.id,
    });
    expect(otherDay.status).toBe(400);
    expect(otherDay.body.detail).toContain('2026-11-20');
  });

  it('a medication stopped long before the collection date is not expected, and its analyte is unexpected', async () => {
    const patient = await newPatient();
    await addBuprenorphine(patient.id);
    const [med] = await db()
      .selectFrom('medications')
      .select('id')
      .where('patient_id', '=', patient.id)
      .execute();
    await clinician.send('POST', `/api/v1/patients/${patient.id}/medications/${med?.id}/stop`, {
      version: 1,
      stoppedOn: '2026-11-05',
      reason: 'Moved to another prescriber',
    });
    const onDay = await record(clinician, patient.id, { ...cupBody(), collectedOn: '2026-11-04' });
    expect(onDay.body.screen.interpretation.expectedNegatives).toHaveLength(1);
    const later = await record(clinician, patient.id, cupBody({ BUP: 'positive' }));
    expect(later.body.screen.interpretation).toMatchObject({
      expectedNegatives: [],
      unexpectedPositives: ['BUP'],
    });
  });

  it('front desk, billers and administrators cannot read screens; case managers read but do not record', async () => {
    const patient = await newPatient();
    await record(clinician, patient.id, cupBody({ COC: 'positive' }));
    for (const role of ['front_desk', 'biller', 'admin'] as const) {
      const client = await server.signIn(role);
      const response = await client.get(screens(patient.id));
      expect(response.status, role).toBe(403);
      expect(JSON.stringify(response.body)).not.toContain('COC');
      expect((await record(client, patient.id, cupBody())).status, role).toBe(403);
    }
    const caseManager = await server.signIn('case_manager');
    expect((await caseManager.get(screens(patient.id))).status).toBe(200);
    expect((await record(caseManager, patient.id, cupBody())).status).toBe(403);
    expect(await screenRows(patient.id)).toHaveLength(1);
    const denied = await db()
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'access.denied')
      .where('patient_ids', 'like', `%${patient.id}%`)
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(7);
  });
});
