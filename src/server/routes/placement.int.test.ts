import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Episode } from '../../core/api/patients.js';
import type {
  EvaluateBody,
  OverrideReport,
  PlacementAssessment,
  PlacementQuestions,
  ReferralOut,
  RuleTable,
} from '../../core/api/placement.js';
import { placeLevelOfCare } from '../../core/placement/placeLevelOfCare.js';
import type { PlacementInput, PlacementResult } from '../../core/placement/placementTypes.js';
import { DEFAULT_RULE_TABLE, type PlacementRuleTable } from '../../core/placement/ruleTable.js';
import { TEST_DIALECTS } from '../../db/testing/testDatabases.js';
import { type PatientFixture, RouteFixtures } from '../testing/routeTable.js';
import {
  type JsonResponse,
  startTestServer,
  type TestClient,
  type TestServer,
} from '../testing/testServer.js';

interface Problem {
  code: string;
  detail: string;
  fields?: { field: string; message: string }[];
  currentVersion?: number;
}

const fieldsOf = (response: JsonResponse<unknown>): string[] =>
  ((response.body as Problem).fields ?? []).map((f) => f.field);

/** The default table with one cell changed, as an admin would edit it. */
const editedRows = (edit: (rows: PlacementRuleTable['rows']) => void): PlacementRuleTable['rows'] => {
  const rows = JSON.parse(JSON.stringify(DEFAULT_RULE_TABLE.rows)) as PlacementRuleTable['rows'];
  edit(rows);
  return rows;
};

describe.each(TEST_DIALECTS)('placement over HTTP on %s', (dialect) => {
  let server: TestServer;
  let fx: RouteFixtures;
  let admin: TestClient;
  let director: TestClient;
  let supervisor: TestClient;
  let clinician: TestClient;
  let trainee: TestClient;
  let intake: TestClient;
  let frontDesk: TestClient;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    fx = await RouteFixtures.create(server);
    admin = await server.signIn('admin');
    director = await server.signIn('program_director');
    supervisor = await server.signIn('clinical_supervisor');
    clinician = await server.signIn('clinician');
    trainee = await server.signIn('clinician2@demo.openiop.org');
    intake = await server.signIn('intake_coordinator');
    frontDesk = await server.signIn('front_desk');
  });
  afterAll(async () => {
    await server?.close();
  });

  const db = () => server.db.kysely;

  /** A client for a fixture user with the given signing credentials, working at the first site. */
  const credentialedClinician = async (credentials: {
    maySignPlacements: boolean;
    licenceExpiresOn: string | null;
  }): Promise<TestClient> => {
    const userId = await fx.createUser({ role: 'clinician', active: true });
    const nowIso = server.clock.now().toISOString();
    await db().insertInto('user_sites').values({ user_id: userId, site_id: fx.firstSiteId }).execute();
    await db()
      .insertInto('credentials')
      .values({
        user_id: userId,
        licence_type: 'LADC',
        licence_number: `LADC.${userId.slice(0, 6)}`,
        licence_state: 'CT',
        licence_expires_on: credentials.licenceExpiresOn,
        npi: null,
        may_diagnose: 1,
        may_sign_placements: credentials.maySignPlacements ? 1 : 0,
        needs_cosignature: 0,
        supervisor_id: null,
        updated_at: nowIso,
        version: 1,
      })
      .execute();
    const session = await fx.createSession(userId);
    return {
      email: '',
      userId,
      cookie: session.cookie,
      csrf: session.csrf,
      get: (path) => server.request('GET', path, { headers: { cookie: session.cookie } }),
      send: (method, path, body, headers = {}) =>
        server.request(method, path, {
          body,
          headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, ...headers },
        }),
    };
  };

  /** A first-site patient in intake on the demo clinician's caseload (or an admitted one, IOP). */
  const newPatient = (
    openEpisode = false,
    caseload: string[] = [clinician.userId],
  ): Promise<PatientFixture> =>
    fx.createPatient({
      siteId: fx.firstSiteId,
      status: openEpisode ? 'active' : 'intake',
      caseload: caseload.map((userId) => ({ userId, kind: 'primary_clinician' as const })),
      openEpisode,
    });

  const assessments = (patientId: string) => `/api/v1/patients/${patientId}/placement-assessments`;

  const start = async (client: TestClient, patientId: string, body: Record<string, unknown> = {}) => {
    const created = await client.send<PlacementAssessment>('POST', assessments(patientId), body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body;
  };

  const patch = (
    client: TestClient,
    patientId: string,
    a: PlacementAssessment,
    body: Record<string, unknown>,
  ) =>
    client.send<PlacementAssessment & Problem>('PATCH', `${assessments(patientId)}/${a.id}`, {
      version: a.version,
      ...body,
    });

  const sign = (
    client: TestClient,
    patientId: string,
    a: PlacementAssessment,
    body: Record<string, unknown>,
  ) =>
    client.send<PlacementAssessment & Problem>('POST', `${assessments(patientId)}/${a.id}/sign`, {
      version: a.version,
      ...body,
    });

  const denials = async (userId: string): Promise<number> => {
    const row = await db()
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('actor_user_id', '=', userId)
      .where('action', '=', 'access.denied')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  const auditActions = async (recordId: string): Promise<string[]> =>
    (
      await db()
        .selectFrom('audit_events')
        .select('action')
        .where('record_id', '=', recordId)
        .orderBy('seq')
        .execute()
    ).map((r) => r.action);

  describe('evaluating without storing', () => {
    const cases: EvaluateBody[] = [
      { ratings: { d1: 0, d2: 0, d3: 1, d4: 0, d5: 1, d6: 1 }, dsm5Criteria: 3 },
      {
        ratings: { d1: 2, d2: 1, d3: 2, d4: 3, d5: 2, d6: 1 },
        dsm5Criteria: 6,
        factors: {
          preferredSchedule: 'evening',
          coverage: 'unverified',
          homeSafe: true,
          supportPresent: false,
        },
      },
      { ratings: { d1: 3, d2: 0, d3: 0, d4: 0, d5: 0, d6: 0 }, dsm5Criteria: 7 },
      { ratings: { d1: 0, d2: 0, d3: 2, d4: 0, d5: 2, d6: 2 }, flags: { needs24HourSupervision: true } },
      {
        ratings: { d1: 1, d2: 1, d3: 4, d4: 1, d5: 1, d6: 1 },
        flags: { imminentDanger: true },
        dsm5Criteria: 4,
      },
      { ratings: { d1: 0, d2: 0, d3: 0, d4: 2, d5: 2, d6: 0 }, dsm5Criteria: 1 },
      { ratings: { d1: 0, d2: 0, d3: 0, d4: 2, d5: 2, d6: 0 }, dsm5Criteria: 1, continuingCare: true },
      {
        ratings: { d1: 1, d2: 0, d3: 1, d4: 0, d5: 1, d6: 0 },
        dsm5Criteria: 0,
        diagnosisSpecifier: 'in_early_remission',
        factors: {
          responsibilities: ['work', 'caregiving'],
          relapseAfterTreatment: true,
          coverage: 'self_pay',
        },
      },
    ];

    it.each(cases.map((c, i) => [i, c] as const))(
      'case %i answers exactly what placeLevelOfCare computes with the default table',
      async (_i, body) => {
        const response = await frontDesk.send<PlacementResult>('POST', '/api/v1/placement/evaluate', body);
        expect(response.status, JSON.stringify(response.body)).toBe(200);
        expect(response.body).toEqual(placeLevelOfCare(body as PlacementInput, DEFAULT_RULE_TABLE));
        expect(response.body.tableVersion).toBe(DEFAULT_RULE_TABLE.version);
      },
    );

    it('names every field it refuses', async () => {
      const bad = await clinician.send<Problem>('POST', '/api/v1/placement/evaluate', {
        ratings: { d1: 0, d2: 0, d3: 5, d4: 0, d5: 0 },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(bad).some((f) => f === '/ratings/d3' || f === '/ratings/d6')).toBe(true);
      const criteria = await clinician.send<Problem>('POST', '/api/v1/placement/evaluate', {
        ratings: { d1: 0, d2: 0, d3: 0, d4: 0, d5: 0, d6: 0 },
        dsm5Criteria: 12,
      });
      expect(criteria.status).toBe(400);
      expect(fieldsOf(criteria)).toEqual(['/dsm5Criteria']);
      const fraction = await clinician.send<Problem>('POST', '/api/v1/placement/evaluate', {
        ratings: { d1: 1.5, d2: 0, d3: 0, d4: 0, d5: 0, d6: 0 },
      });
      expect(fieldsOf(fraction)).toEqual(['/ratings/d1']);
      const extra = await clinician.send<Problem>('POST', '/api/v1/placement/evaluate', {
        ratings: { d1: 0, d2: 0, d3: 0, d4: 0, d5: 0, d6: 0 },
        factors: { pets: true },
      });
      expect(fieldsOf(extra)).toEqual(['/factors/pets']);
      const anonymous = await server.request('POST', '/api/v1/placement/evaluate', {
        body: { ratings: { d1: 0, d2: 0, d3: 0, d4: 0, d5: 0, d6: 0 } },
      });
      expect(anonymous.status).toBe(401);
    });

    it('serves the guided form: six dimensions with questions, five anchors and feeding measures, and the table', async () => {
      const response = await intake.get<PlacementQuestions>('/api/v1/placement/questions');
      expect(response.status).toBe(200);
      expect(response.body.dimensions.map((d) => d.id)).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6']);
      for (const d of response.body.dimensions) {
        expect(d.questions.length).toBeGreaterThan(0);
        expect(d.anchors).toHaveLength(5);
      }
      expect(response.body.dimensions[0]?.measures).toEqual(['CIWA-Ar', 'COWS']);
      expect(response.body.dimensions[2]?.measures).toEqual(['PHQ-9', 'GAD-7']);
      expect(response.body.table.version).toBe(DEFAULT_RULE_TABLE.version);
    });
  });

  describe('drafting and signing under a patient', () => {
    it('suggests ratings from answers and measures, and asks for a note where the rating differs', async () => {
      const patient = await newPatient();
      const draft = await start(intake, patient.id, {
        measures: { ciwaAr: 18, phq9: { total: 12, item9: 0 } },
      });
      expect(draft.kind).toBe('initial');
      expect(draft.status).toBe('draft');
      // CIWA-Ar 16+ → d1 at least 3; PHQ-9 10–19 → d3 at least 2.
      expect(draft.suggestions.d1.rating).toBe(3);
      expect(draft.suggestions.d3.rating).toBe(2);
      expect(draft.suggestions.d1.because.join(' ')).toMatch(/CIWA-Ar 18/);

      const unknown = await patch(intake, patient.id, draft, { answers: { 'd9.what': true } });
      expect(unknown.status).toBe(400);
      expect(fieldsOf(unknown)).toEqual(['/answers/d9.what']);
      const wrongValue = await patch(intake, patient.id, draft, {
        answers: { 'd1.withdrawal_now': 'extreme' },
      });
      expect(fieldsOf(wrongValue)).toEqual(['/answers/d1.withdrawal_now']);
      const inconsistent = await patch(intake, patient.id, draft, {
        measures: { phq9: { total: 1, item9: 3 } },
      });
      expect(fieldsOf(inconsistent)).toEqual(['/measures/phq9/item9']);

      const answered = await patch(intake, patient.id, draft, {
        answers: { 'd6.use_at_home': true, 'd4.sees_problem': 'unsure' },
      });
      expect(answered.status, JSON.stringify(answered.body)).toBe(200);
      expect(answered.body.suggestions.d6.rating).toBe(2);
      expect(answered.body.suggestions.d4.rating).toBe(1);

      const noNote = await patch(intake, patient.id, answered.body, {
        ratings: { d1: 2, d2: 0, d3: 2, d4: 1, d5: 1, d6: 2 },
      });
      expect(noNote.status).toBe(400);
      expect(fieldsOf(noNote).sort()).toEqual(['/ratingNotes/d1', '/ratingNotes/d5']);
      const noted = await patch(intake, patient.id, answered.body, {
        ratings: { d1: 2, d2: 0, d3: 2, d4: 1, d5: 1, d6: 2 },
        ratingNotes: {
          d1: 'Last drink 30 hours ago; CIWA-Ar falling on repeat.',
          d5: 'Two weeks abstinent before this lapse.',
        },
        dsm5Criteria: 5,
        flags: { needs24HourSupervision: false },
        factors: { preferredSchedule: 'evening', coverage: 'verified', homeSafe: true, supportPresent: true },
      });
      expect(noted.status, JSON.stringify(noted.body)).toBe(200);
      expect(noted.body.severity).toBe('moderate');
      expect(noted.body.version).toBe(answered.body.version + 1);

      const stale = await patch(intake, patient.id, answered.body, { dsm5Criteria: 4 });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('STALE_VERSION');
      expect(await auditActions(draft.id)).toEqual([
        'placement.create',
        'placement.draft',
        'placement.draft',
      ]);
    });

    it('prefills intake measures on file (PHQ-9 feeds dimension 3) and the DSM-5 count of active diagnoses', async () => {
      const patient = await newPatient();
      const phq9 = await clinician.send('POST', `/api/v1/patients/${patient.id}/measures`, {
        instrument: 'phq9',
        answers: [3, 3, 3, 2, 2, 2, 2, 2, 0],
      });
      expect(phq9.status, JSON.stringify(phq9.body)).toBe(201);
      const nowIso = server.clock.now().toISOString();
      await db()
        .insertInto('diagnoses')
        .values({
          id: randomUUID(),
          patient_id: patient.id,
          icd10_code: 'F10.20',
          substance: 'alcohol',
          dsm5_criteria: 7,
          severity: 'severe',
          specifiers: '[]',
          diagnosed_on: '2026-11-20',
          diagnosed_by: director.userId,
          status: 'active',
          status_reason: null,
          created_at: nowIso,
          updated_at: nowIso,
          version: 1,
        })
        .execute();
      const draft = await start(clinician, patient.id);
      expect(draft.measures).toEqual({ phq9: { total: 19, item9: 0 } });
      expect(draft.suggestions.d3.rating).toBe(2);
      expect(draft.suggestions.d3.because.join(' ')).toMatch(/PHQ-9 total 19/);
      expect(draft.dsm5Criteria).toBe(7);
      expect(draft.severity).toBe('severe');
      expect(draft.maySign).toBe(true);
      const seenByIntake = await intake.get<PlacementAssessment>(`${assessments(patient.id)}/${draft.id}`);
      expect(seenByIntake.body.maySign).toBe(false);
      expect(seenByIntake.body.maySignReason).toMatch(/clinician whose credentials allow it/);
    });

    it('lets the intake coordinator draft but not sign; refuses a clinician without signing credentials; the credentialed clinician signs', async () => {
      const patient = await newPatient(false, [clinician.userId, trainee.userId]);
      const draft = await start(intake, patient.id, { dsm5Criteria: 6 });
      const rated = await patch(intake, patient.id, draft, {
        answers: { 'd3.symptoms': 'interfering', 'd5.recent_use': 'weekly' },
        ratings: { d1: 0, d2: 0, d3: 2, d4: 0, d5: 2, d6: 0 },
      });
      expect(rated.status, JSON.stringify(rated.body)).toBe(200);

      const intakeBefore = await denials(intake.userId);
      const byIntake = await sign(intake, patient.id, rated.body, { decision: 'accepted' });
      expect(byIntake.status).toBe(403);
      expect(byIntake.body.code).toBe('FORBIDDEN');
      expect(await denials(intake.userId)).toBe(intakeBefore + 1);

      const traineeBefore = await denials(trainee.userId);
      const byTrainee = await sign(trainee, patient.id, rated.body, { decision: 'accepted' });
      expect(byTrainee.status).toBe(403);
      expect(byTrainee.body.detail).toMatch(/credentials do not allow you to sign placements/);
      expect(await denials(trainee.userId)).toBe(traineeBefore + 1);

      const expired = await credentialedClinician({
        maySignPlacements: true,
        licenceExpiresOn: '2026-10-31',
      });
      await db()
        .insertInto('caseload_assignments')
        .values({
          id: randomUUID(),
          patient_id: patient.id,
          user_id: expired.userId,
          kind: 'clinician',
          assigned_at: server.clock.now().toISOString(),
          assigned_by: director.userId,
          ended_at: null,
        })
        .execute();
      const byExpired = await sign(expired, patient.id, rated.body, { decision: 'accepted' });
      expect(byExpired.status).toBe(403);
      expect(byExpired.body.code).toBe('CREDENTIAL_EXPIRED');
      expect(byExpired.body.detail).toMatch(/expired on 2026-10-31/);

      const signed = await sign(clinician, patient.id, rated.body, {
        decision: 'accepted',
        finalLevel: 'IOP',
      });
      expect(signed.status, JSON.stringify(signed.body)).toBe(200);
      expect(signed.body.status).toBe('signed');
      expect(signed.body.recommendedLevel).toBe('IOP');
      expect(signed.body.finalLevel).toBe('IOP');
      expect(signed.body.decision).toBe('accepted');
      expect(signed.body.signedBy?.id).toBe(clinician.userId);
      expect(signed.body.tableVersion).toBe(DEFAULT_RULE_TABLE.version);
      expect(signed.body.result).toEqual(
        placeLevelOfCare(
          {
            ratings: { d1: 0, d2: 0, d3: 2, d4: 0, d5: 2, d6: 0 },
            dsm5Criteria: 6,
            continuingCare: false,
            flags: {},
            factors: {},
          },
          DEFAULT_RULE_TABLE,
        ),
      );
      const stored = await db()
        .selectFrom('placement_assessments')
        .select(['table_version', 'recommended_level', 'final_level', 'signed_by'])
        .where('id', '=', draft.id)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({
        table_version: DEFAULT_RULE_TABLE.version,
        recommended_level: 'IOP',
        final_level: 'IOP',
        signed_by: clinician.userId,
      });

      const again = await sign(clinician, patient.id, signed.body, { decision: 'accepted' });
      expect(again.status).toBe(400);
      expect(again.body.code).toBe('INVALID_STATE');
      const edit = await patch(intake, patient.id, signed.body, { dsm5Criteria: 2 });
      expect(edit.body.code).toBe('INVALID_STATE');

      // Unrelated staff do not learn the assessment exists.
      const hidden = await fx.createPatient({
        siteId: fx.outsideSiteId,
        status: 'intake',
        caseload: [],
        openEpisode: false,
      });
      expect((await clinician.get(`${assessments(hidden.id)}/${draft.id}`)).status).toBe(404);
      expect((await clinician.get(`${assessments(patient.id)}/${randomUUID()}`)).status).toBe(404);
    });

    it('refuses to sign until every dimension is rated, and an override needs a level and a reason', async () => {
      const patient = await newPatient();
      const draft = await start(clinician, patient.id, { dsm5Criteria: 4 });
      const partial = await patch(clinician, patient.id, draft, { ratings: { d1: 0, d2: 0, d3: 0 } });
      const unrated = await sign(clinician, patient.id, partial.body, { decision: 'accepted' });
      expect(unrated.status).toBe(400);
      expect(fieldsOf(unrated)).toEqual(['/ratings/d4', '/ratings/d5', '/ratings/d6']);

      const rated = await patch(clinician, patient.id, partial.body, {
        ratings: { d1: 0, d2: 0, d3: 0, d4: 0, d5: 0, d6: 0 },
      });
      const noReason = await sign(clinician, patient.id, rated.body, {
        decision: 'overridden',
        finalLevel: 'IOP',
      });
      expect(noReason.status).toBe(400);
      expect(fieldsOf(noReason)).toEqual(['/overrideReason']);
      const blank = await sign(clinician, patient.id, rated.body, {
        decision: 'overridden',
        finalLevel: 'IOP',
        overrideReason: '   ',
      });
      expect(fieldsOf(blank)).toEqual(['/overrideReason']);
      const noLevel = await sign(clinician, patient.id, rated.body, {
        decision: 'overridden',
        overrideReason: 'Relapsed twice in OP.',
      });
      expect(fieldsOf(noLevel)).toEqual(['/finalLevel']);
      const sameLevel = await sign(clinician, patient.id, rated.body, {
        decision: 'overridden',
        finalLevel: 'OP',
        overrideReason: 'Relapsed twice in OP.',
      });
      expect(fieldsOf(sameLevel)).toEqual(['/finalLevel']);
      const acceptOther = await sign(clinician, patient.id, rated.body, {
        decision: 'accepted',
        finalLevel: 'PHP',
      });
      expect(fieldsOf(acceptOther)).toEqual(['/finalLevel']);
      const stale = await sign(
        clinician,
        patient.id,
        { ...rated.body, version: 1 },
        { decision: 'accepted' },
      );
      expect(stale.status).toBe(409);

      const overridden = await sign(clinician, patient.id, rated.body, {
        decision: 'overridden',
        finalLevel: 'IOP',
        overrideReason: 'Relapsed twice after outpatient care this year; needs more structure.',
      });
      expect(overridden.status, JSON.stringify(overridden.body)).toBe(200);
      expect(overridden.body.recommendedLevel).toBe('OP');
      expect(overridden.body.finalLevel).toBe('IOP');
      expect(await auditActions(draft.id)).toContain('placement.override');

      // Overrides are reported to directors and supervisors, not to administrators or front desk.
      const report = await director.get<OverrideReport>('/api/v1/reports/placement-overrides');
      expect(report.status).toBe(200);
      const row = report.body.items.find((i) => i.assessmentId === draft.id);
      expect(row).toMatchObject({
        recommendedLevel: 'OP',
        finalLevel: 'IOP',
        overrideReason: 'Relapsed twice after outpatient care this year; needs more structure.',
        signedBy: { id: clinician.userId },
        tableVersion: DEFAULT_RULE_TABLE.version,
        subject: { kind: 'patient', patientId: patient.id },
      });
      expect(report.body.signedTotal).toBeGreaterThanOrEqual(report.body.total);
      const supervised = await supervisor.get<OverrideReport>('/api/v1/reports/placement-overrides');
      expect(supervised.body.items.map((i) => i.assessmentId)).toContain(draft.id);
      expect((await admin.get('/api/v1/reports/placement-overrides')).status).toBe(403);
      expect((await frontDesk.get('/api/v1/reports/placement-overrides')).status).toBe(403);
      const reportEvent = await db()
        .selectFrom('audit_events')
        .select('patient_ids')
        .where('action', '=', 'placement.overrides.report')
        .where('actor_user_id', '=', director.userId)
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(reportEvent.patient_ids) as string[]).toContain(patient.id);
    });
  });

  describe('the rule table', () => {
    it('is edited by administrators only, validated row by row, versioned, and used by later results', async () => {
      const current = await clinician.get<RuleTable>('/api/v1/placement/rule-table');
      expect(current.status).toBe(200);
      expect(current.body).toMatchObject({ version: DEFAULT_RULE_TABLE.version, isDefault: true });

      const rows = editedRows((r) => {
        r.d2[3] = { level: 'INP' };
      });
      const byDirector = await director.send<Problem>('PUT', '/api/v1/placement/rule-table', {
        basedOn: current.body.version,
        rows,
      });
      expect(byDirector.status).toBe(403);

      const decreasing = await admin.send<Problem>('PUT', '/api/v1/placement/rule-table', {
        basedOn: current.body.version,
        rows: editedRows((r) => {
          r.d5[3] = { level: 'OP' };
        }),
      });
      expect(decreasing.status).toBe(400);
      expect(fieldsOf(decreasing)).toEqual(['/rows/d5/3']);
      const short = await admin.send<Problem>('PUT', '/api/v1/placement/rule-table', {
        basedOn: current.body.version,
        rows: editedRows((r) => {
          r.d6.pop();
        }),
      });
      expect(fieldsOf(short)).toEqual(['/rows/d6']);
      const unknownLevel = await admin.send<Problem>('PUT', '/api/v1/placement/rule-table', {
        basedOn: current.body.version,
        rows: { ...rows, d1: [{ level: 'ICU' }, ...rows.d1.slice(1)] },
      });
      expect(unknownLevel.status).toBe(400);
      expect(fieldsOf(unknownLevel).join(' ')).toMatch(/\/rows\/d1\/0/);

      const saved = await admin.send<RuleTable>('PUT', '/api/v1/placement/rule-table', {
        basedOn: current.body.version,
        version: 'clinic-2026-11',
        rows,
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect(saved.body).toMatchObject({
        version: 'clinic-2026-11',
        isDefault: false,
        createdBy: { id: admin.userId },
      });
      expect(await auditActions('clinic-2026-11')).toEqual(['placement.ruleTable.write']);

      const stale = await admin.send<Problem>('PUT', '/api/v1/placement/rule-table', {
        basedOn: current.body.version,
        rows,
      });
      expect(stale.status).toBe(409);
      const generated = await admin.send<RuleTable>('PUT', '/api/v1/placement/rule-table', {
        basedOn: 'clinic-2026-11',
        rows: editedRows((r) => {
          r.d2[3] = { level: 'INP' };
          r.d3[3] = { level: 'RES' };
        }),
      });
      expect(generated.status, JSON.stringify(generated.body)).toBe(200);
      expect(generated.body.version).toMatch(/^2026-11-24\.\d+$/);
      const back = await admin.send<RuleTable>('PUT', '/api/v1/placement/rule-table', {
        basedOn: generated.body.version,
        version: 'clinic-2026-11b',
        rows,
      });
      expect(back.status).toBe(200);

      // Evaluations use the new version at once …
      const body = { ratings: { d1: 0, d2: 3, d3: 0, d4: 0, d5: 0, d6: 0 }, dsm5Criteria: 5 };
      const evaluated = await clinician.send<PlacementResult>('POST', '/api/v1/placement/evaluate', body);
      expect(evaluated.body.level).toBe('INP');
      expect(evaluated.body.tableVersion).toBe('clinic-2026-11b');
      const table = (await clinician.get<RuleTable>('/api/v1/placement/rule-table')).body;
      expect(table.version).toBe('clinic-2026-11b');
      expect(evaluated.body).toEqual(
        placeLevelOfCare(body as PlacementInput, {
          version: table.version,
          rows: table.rows as PlacementRuleTable['rows'],
        }),
      );

      // … and a stored result names it.
      const patient = await newPatient();
      const draft = await start(clinician, patient.id, {
        dsm5Criteria: 5,
        answers: { 'd2.conditions': 'needs_daily_care' },
      });
      const rated = await patch(clinician, patient.id, draft, { ratings: body.ratings });
      const signed = await sign(clinician, patient.id, rated.body, { decision: 'accepted' });
      expect(signed.status, JSON.stringify(signed.body)).toBe(200);
      expect(signed.body.tableVersion).toBe('clinic-2026-11b');
      expect(signed.body.result?.tableVersion).toBe('clinic-2026-11b');
      expect(signed.body.recommendedLevel).toBe('INP');

      // Put the default rows back for the tests that follow.
      const restored = await admin.send<RuleTable>('PUT', '/api/v1/placement/rule-table', {
        basedOn: 'clinic-2026-11b',
        version: 'clinic-2026-11c',
        rows: DEFAULT_RULE_TABLE.rows,
      });
      expect(restored.status).toBe(200);
    });
  });

  describe('continuing care inside an episode', () => {
    it('a reassessment that recommends a new level changes the enrolment segment with the assessment linked', async () => {
      const patient = await newPatient(true);
      const draft = await start(clinician, patient.id, { dsm5Criteria: 1 });
      expect(draft.kind).toBe('continuing_care');
      expect(draft.episodeId).toBe(patient.episodeId);
      expect(draft.currentLevel).toBe('IOP');
      const rated = await patch(clinician, patient.id, draft, {
        answers: { 'd3.symptoms': 'unstable' },
        ratings: { d1: 0, d2: 0, d3: 3, d4: 0, d5: 0, d6: 0 },
      });
      expect(rated.status, JSON.stringify(rated.body)).toBe(200);
      expect(rated.body.suggestions.d3.rating).toBe(3);
      const signed = await sign(clinician, patient.id, rated.body, { decision: 'accepted' });
      expect(signed.status, JSON.stringify(signed.body)).toBe(200);
      // Fewer than 2 criteria now, but a reassessment inside an episode is placed by the table.
      expect(signed.body.finalLevel).toBe('PHP');
      expect(signed.body.result?.considerations.map((c) => c.code)).toContain('continuing_care');

      const programs = await db()
        .selectFrom('programs')
        .select(['id', 'level_of_care'])
        .where('site_id', '=', fx.firstSiteId)
        .where('active', '=', 1)
        .execute();
      const php = programs.find((p) => p.level_of_care === 'PHP');
      const iop = programs.find((p) => p.level_of_care === 'IOP');
      if (!php || !iop) throw new Error('the first demo site runs IOP and PHP programs');
      const today = await fx.todayAt(fx.firstSiteId);
      const apply = (client: TestClient, body: Record<string, unknown>) =>
        client.send<{ assessment: PlacementAssessment; episode: Episode } & Problem>(
          'POST',
          `${assessments(patient.id)}/${draft.id}/apply`,
          { version: signed.body.version, startOn: today, ...body },
        );
      const wrongProgram = await apply(clinician, { programId: iop.id });
      expect(wrongProgram.status).toBe(400);
      expect(fieldsOf(wrongProgram)).toEqual(['/programId']);
      expect((await apply(intake, { programId: php.id })).status).toBe(404);

      const applied = await apply(clinician, { programId: php.id });
      expect(applied.status, JSON.stringify(applied.body)).toBe(200);
      const segments = applied.body.episode.segments;
      const newest = segments[segments.length - 1];
      expect(newest).toMatchObject({
        levelOfCare: 'PHP',
        assessmentId: draft.id,
        startOn: today,
        changeKind: 'step_up',
      });
      expect(segments[segments.length - 2]?.endOn).not.toBeNull();
      expect(applied.body.assessment.appliedSegmentId).toBe(newest?.id);
      expect(applied.body.assessment.currentLevel).toBe('PHP');
      const row = await db()
        .selectFrom('enrolment_segments')
        .select(['assessment_id', 'level_of_care'])
        .where('id', '=', newest?.id ?? '')
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ assessment_id: draft.id, level_of_care: 'PHP' });
      expect(await auditActions(draft.id)).toContain('placement.apply');

      const twice = await apply(clinician, { programId: php.id, version: applied.body.assessment.version });
      expect(twice.status).toBe(400);
      expect(twice.body.code).toBe('INVALID_STATE');
    });
  });

  describe('referrals out', () => {
    it('records a referral as a draft; sending is refused for want of consent, the referral marked blocked and nothing disclosed', async () => {
      const patient = await newPatient();
      const draft = await start(clinician, patient.id, { dsm5Criteria: 8 });
      const created = await intake.send<ReferralOut & Problem>(
        'POST',
        `/api/v1/patients/${patient.id}/referrals`,
        {
          toOrganization: 'Harbor View Residential Treatment',
          level: 'RES',
          assessmentId: draft.id,
        },
      );
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body).toMatchObject({ status: 'draft', level: 'RES', assessmentId: draft.id });
      const foreign = await intake.send<Problem>('POST', `/api/v1/patients/${patient.id}/referrals`, {
        toOrganization: 'Harbor View Residential Treatment',
        level: 'RES',
        assessmentId: randomUUID(),
      });
      expect(fieldsOf(foreign)).toEqual(['/assessmentId']);

      const disclosuresBefore = await db()
        .selectFrom('disclosures')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const send = await intake.send<Problem>(
        'POST',
        `/api/v1/patients/${patient.id}/referrals/${created.body.id}/send`,
        { version: created.body.version },
      );
      expect(send.status).toBe(403);
      expect(send.body.code).toBe('NO_CONSENT_ON_FILE');
      expect(send.body.detail).toMatch(
        /No consent on file allows disclosing .* to Harbor View Residential Treatment/,
      );
      const disclosuresAfter = await db()
        .selectFrom('disclosures')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(disclosuresAfter.n)).toBe(Number(disclosuresBefore.n));

      const list = await intake.get<ReferralOut[]>(`/api/v1/patients/${patient.id}/referrals`);
      expect(list.status).toBe(200);
      const [blocked] = list.body;
      expect(blocked).toMatchObject({ id: created.body.id, status: 'blocked_no_consent', version: 2 });
      expect(blocked?.statusReason).toBe(send.body.detail);
      expect(await auditActions(created.body.id)).toEqual(['referral.create', 'disclosure.refused']);

      // Refused again: the same answer, the referral unchanged, the attempt audited.
      const again = await intake.send<Problem>(
        'POST',
        `/api/v1/patients/${patient.id}/referrals/${created.body.id}/send`,
        { version: 2 },
      );
      expect(again.body.code).toBe('NO_CONSENT_ON_FILE');
      const after = await intake.get<ReferralOut[]>(`/api/v1/patients/${patient.id}/referrals`);
      expect(after.body[0]?.version).toBe(2);
      const stale = await intake.send<Problem>(
        'POST',
        `/api/v1/patients/${patient.id}/referrals/${created.body.id}/send`,
        { version: 1 },
      );
      expect(stale.status).toBe(409);
      expect((await frontDesk.get(`/api/v1/patients/${patient.id}/referrals`)).status).toBe(403);
    });
  });

  describe('under an inquiry', () => {
    it('drafts on the inquiry, signs with credentials, and follows the person to the chart on conversion', async () => {
      const inquiry = await fx.createInquiry(fx.firstSiteId);
      const base = `/api/v1/inquiries/${inquiry.id}/placement-assessments`;
      const created = await intake.send<PlacementAssessment>('POST', base, {
        answers: { 'd1.daily_sedatives': true },
        dsm5Criteria: 5,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body.subject).toEqual({ kind: 'inquiry', inquiryId: inquiry.id, patientId: null });
      // The inquiry asked for evenings: the factor is prefilled.
      expect(created.body.factors.preferredSchedule).toBe('evening');
      const rated = await intake.send<PlacementAssessment>('PATCH', `${base}/${created.body.id}`, {
        version: created.body.version,
        ratings: { d1: 2, d2: 0, d3: 0, d4: 0, d5: 0, d6: 0 },
      });
      expect(rated.status, JSON.stringify(rated.body)).toBe(200);

      const byIntake = await intake.send<Problem>('POST', `${base}/${created.body.id}/sign`, {
        version: rated.body.version,
        decision: 'accepted',
      });
      expect(byIntake.status).toBe(403);
      const byTrainee = await trainee.send<Problem>('POST', `${base}/${created.body.id}/sign`, {
        version: rated.body.version,
        decision: 'accepted',
      });
      expect(byTrainee.status).toBe(403);
      expect(byTrainee.body.detail).toMatch(/credentials do not allow/);
      const signed = await supervisor.send<PlacementAssessment>('POST', `${base}/${created.body.id}/sign`, {
        version: rated.body.version,
        decision: 'accepted',
      });
      expect(signed.status, JSON.stringify(signed.body)).toBe(200);
      expect(signed.body.finalLevel).toBe('IOP');
      expect(signed.body.result?.withdrawalManagement).toBe('ambulatory');

      const referral = await intake.send<ReferralOut>('POST', `/api/v1/inquiries/${inquiry.id}/referrals`, {
        toOrganization: 'Lakeside Hospital Detox Unit',
        level: 'INP',
        assessmentId: created.body.id,
      });
      expect(referral.status).toBe(201);
      const send = await intake.send<Problem>(
        'POST',
        `/api/v1/inquiries/${inquiry.id}/referrals/${referral.body.id}/send`,
        { version: 1 },
      );
      expect(send.status).toBe(403);
      expect(send.body.code).toBe('NO_CONSENT_ON_FILE');

      // Conversion sets the inquiry's patient; the chart then lists the inquiry's assessment and referral.
      const patient = await newPatient();
      await db()
        .updateTable('inquiries')
        .set({ patient_id: patient.id })
        .where('id', '=', inquiry.id)
        .execute();
      const onChart = await clinician.get<PlacementAssessment[]>(assessments(patient.id));
      expect(onChart.body.map((a) => a.id)).toContain(created.body.id);
      expect(onChart.body.find((a) => a.id === created.body.id)?.subject).toEqual({
        kind: 'inquiry',
        inquiryId: inquiry.id,
        patientId: patient.id,
      });
      const referrals = await clinician.get<ReferralOut[]>(`/api/v1/patients/${patient.id}/referrals`);
      expect(referrals.body.map((r) => r.id)).toContain(referral.body.id);
      const closed = await intake.send<Problem>('POST', base, {});
      expect(closed.status).toBe(400);
      expect(closed.body.code).toBe('INVALID_STATE');
      expect((await intake.get(base)).status).toBe(200);
      // Staff at no site of the inquiry do not learn it exists.
      const elsewhere = await fx.createInquiry(fx.outsideSiteId);
      expect((await clinician.get(`/api/v1/inquiries/${elsewhere.id}/placement-assessments`)).status).toBe(
        404,
      );
    });
  });
});
