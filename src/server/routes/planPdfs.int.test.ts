import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanContent, PlanVersion } from '../../core/api/plans.js';
import type { RelapsePreventionPlan } from '../../core/api/recovery.js';
import { addDays } from '../../core/schedule/localTime.js';
import { DEMO_PASSWORD, demoEmail } from '../../db/seed/demo.js';
import { TEST_DIALECTS } from '../../db/testing/testDatabases.js';
import { CONFIDENTIALITY_LINE } from '../pdf/pdfDocument.js';
import { asPrinted, readPdf } from '../testing/pdfText.js';
import { type PatientFixture, RouteFixtures } from '../testing/routeTable.js';
import { type TestClient, type TestServer, startTestServer } from '../testing/testServer.js';

interface Problem {
  code: string;
  detail: string;
}

interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
  problem: Problem | null;
}

// The test clock is Tuesday 24 November 2026, 10:00 in Hartford (the first demo site).
const TODAY = '2026-11-24';
const PASSWORD = { method: 'password', password: DEMO_PASSWORD } as const;

/** A plan with text of its own, so one patient's PDF can be searched for another's words. */
const planContent = (tag: string, responsibleUserId: string): PlanContent => ({
  problems: [
    {
      id: crypto.randomUUID(),
      statement: `Drinks most evenings after work (${tag}).`,
      dimensions: ['d5'],
      diagnosisIds: [],
      goals: [
        {
          id: crypto.randomUUID(),
          statement: `I want to keep my job at the ${tag} warehouse.`,
          objectives: [
            {
              id: crypto.randomUUID(),
              statement: `Names 5 triggers of ${tag} and a coping response for each.`,
              targetDate: addDays(TODAY, 30),
              interventions: [
                {
                  id: crypto.randomUUID(),
                  description: `Relapse prevention group for ${tag}`,
                  modality: 'group',
                  frequency: '3 times a week',
                  responsibleUserId,
                },
              ],
            },
            {
              id: crypto.randomUUID(),
              statement: `Attends 4 meetings a week near ${tag}, shown by a signed sheet.`,
              targetDate: addDays(TODAY, 45),
              interventions: [
                {
                  id: crypto.randomUUID(),
                  description: `Individual counselling about ${tag}`,
                  modality: 'individual',
                  frequency: 'Weekly',
                  responsibleUserId,
                },
              ],
            },
          ],
        },
      ],
    },
  ],
});

describe.each(TEST_DIALECTS)('PDF copies of plans over HTTP on %s', (dialect) => {
  let server: TestServer;
  let fx: RouteFixtures;
  let clinician: TestClient;
  let otherClinician: TestClient;
  let frontDesk: TestClient;
  let caseManager: TestClient;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    fx = await RouteFixtures.create(server);
    clinician = await server.signIn('clinician');
    otherClinician = await server.signIn(demoEmail('clinician2'));
    frontDesk = await server.signIn('front_desk');
    caseManager = await server.signIn('case_manager');
  });
  afterAll(async () => {
    await server?.close();
  });

  const db = () => server.db.kysely;

  /** An admitted patient on the demo clinician's and case manager's caseloads. */
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

  const download = async (client: TestClient, path: string): Promise<Download> => {
    const response = await fetch(`${server.baseUrl}${path}`, { headers: { cookie: client.cookie } });
    const bytes = Buffer.from(await response.arrayBuffer());
    const isProblem = (response.headers.get('content-type') ?? '').includes('problem+json');
    return {
      status: response.status,
      headers: response.headers,
      bytes,
      problem: isProblem ? (JSON.parse(bytes.toString('utf8')) as Problem) : null,
    };
  };

  const planUrl = (patient: PatientFixture, rest = '') =>
    `/api/v1/patients/${patient.id}/treatment-plan${rest}`;
  const planPdfUrl = (patient: PatientFixture, versionId: string) =>
    planUrl(patient, `/versions/${versionId}/pdf`);
  const rppPdfUrl = (patient: PatientFixture, versionNumber: number) =>
    `/api/v1/patients/${patient.id}/relapse-prevention-plan/versions/${versionNumber}/pdf`;

  /** A draft saved with the tagged content; signed by the clinician unless `sign` is false. */
  const writePlan = async (patient: PatientFixture, tag: string, sign = true): Promise<PlanVersion> => {
    const draft = await clinician.send<PlanVersion>('POST', planUrl(patient, '/drafts'), {
      startFrom: 'blank',
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const saved = await clinician.send<PlanVersion>('PUT', planUrl(patient, `/versions/${draft.body.id}`), {
      version: draft.body.version,
      content: planContent(tag, clinician.userId),
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    if (!sign) return saved.body;
    const signed = await clinician.send<PlanVersion>(
      'POST',
      planUrl(patient, `/versions/${draft.body.id}/sign`),
      { version: saved.body.version, proof: PASSWORD },
    );
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    return signed.body;
  };

  const writeRelapsePlan = async (patient: PatientFixture, tag: string): Promise<void> => {
    const response = await clinician.send<RelapsePreventionPlan>(
      'PUT',
      `/api/v1/patients/${patient.id}/relapse-prevention-plan`,
      {
        version: 0,
        patientVisible: true,
        content: {
          triggers: [`Payday at the ${tag} depot`, 'Driving past the old bar'],
          warningSigns: [`Skipping the ${tag} meeting`],
          copingStrategies: ['Call my sponsor'],
          supportContactIds: [],
          otherSupports: [],
          crisisSteps: ['Leave the place'],
          crisisLines: [{ name: '988 Suicide & Crisis Lifeline', number: '988' }],
          reasonsForRecovery: [`My kids in ${tag}`],
        },
      },
    );
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  };

  const lastNameOf = async (patient: PatientFixture) =>
    (
      await db()
        .selectFrom('patients')
        .select('last_name')
        .where('id', '=', patient.id)
        .executeTakeFirstOrThrow()
    ).last_name;

  const auditRows = (userId: string, action: string, patientId: string) =>
    db()
      .selectFrom('audit_events')
      .select(['record_id', 'detail', 'patient_ids'])
      .where('actor_user_id', '=', userId)
      .where('action', '=', action)
      .where('patient_ids', 'like', `%${patientId}%`)
      .execute();

  describe('treatment plan versions', () => {
    it('downloads a signed version with its objectives, signer line and confidentiality footer, and audits it', async () => {
      const patient = await newPatient();
      const neighbour = await newPatient();
      const version = await writePlan(patient, 'Maple');
      await writePlan(neighbour, 'Juniper');

      const file = await download(clinician, planPdfUrl(patient, version.id));
      expect(file.status, file.problem?.detail).toBe(200);
      expect(file.headers.get('content-type')).toBe('application/pdf');
      expect(file.headers.get('content-disposition')).toBe('attachment; filename="treatment-plan-v1.pdf"');
      expect(file.headers.get('cache-control')).toBe('no-store');
      expect(file.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

      const { pageCount, pages, text } = readPdf(file.bytes);
      expect(pageCount).toBeGreaterThanOrEqual(1);
      const [signature] = version.signatures;
      expect(signature?.credential).toBeTruthy();
      const program = await db()
        .selectFrom('enrolment_segments as s')
        .innerJoin('programs as p', 'p.id', 's.program_id')
        .select('p.name')
        .where('s.patient_id', '=', patient.id)
        .executeTakeFirstOrThrow();
      for (const expected of [
        `Treatment plan: Casey ${await lastNameOf(patient)}`,
        'Date of birth: Apr 12, 1988',
        `Program: ${program.name}`,
        'Version 1 · Signed',
        'Objective 1.1.1: Names 5 triggers of Maple and a coping response for each.',
        'Objective 1.1.2: Attends 4 meetings a week near Maple, shown by a signed sheet.',
        'Relapse prevention group for Maple — Group, 3 times a week',
        'Individual counselling about Maple — Individual, Weekly',
        `Clinician: ${signature?.signerName}, ${signature?.credential} — signed Nov 24, 2026, 10:00 AM EST`,
        CONFIDENTIALITY_LINE,
        `Page 1 of ${pageCount}`,
      ])
        expect(text).toContain(asPrinted(expected));
      for (const page of pages) expect(asPrinted(page)).toContain(CONFIDENTIALITY_LINE);
      expect(text).not.toContain('Juniper');
      expect(text).not.toContain(await lastNameOf(neighbour));

      const audits = await auditRows(clinician.userId, 'plan.pdf', patient.id);
      expect(audits).toHaveLength(1);
      expect(audits[0]?.record_id).toBe(version.id);
      expect(JSON.parse(audits[0]?.patient_ids ?? '[]')).toEqual([patient.id]);

      // The same version printed at the same moment (the test clock stands still) is the same file.
      const again = await download(clinician, planPdfUrl(patient, version.id));
      expect(again.bytes.equals(file.bytes)).toBe(true);
    });

    it('marks a draft as not signed on every page', async () => {
      const patient = await newPatient();
      const draft = await writePlan(patient, 'Cedar', false);
      const file = await download(caseManager, planPdfUrl(patient, draft.id));
      expect(file.status, file.problem?.detail).toBe(200);
      const { pages, text } = readPdf(file.bytes);
      for (const page of pages) expect(asPrinted(page)).toContain('Version 1 · Draft — not signed');
      expect(text).toContain('Names 5 triggers of Cedar');
      expect(text).toContain('Signatures Not signed yet.');
    });

    it("answers 404 for a version of another patient's plan, sending no PDF", async () => {
      const patient = await newPatient();
      const neighbour = await newPatient();
      await writePlan(patient, 'Birch');
      const theirs = await writePlan(neighbour, 'Hazel');
      const file = await download(clinician, planPdfUrl(patient, theirs.id));
      expect(file.status).toBe(404);
      expect(file.problem?.code).toBe('NOT_FOUND');
      expect(file.bytes.toString('latin1')).not.toContain('%PDF-');
      expect(await auditRows(clinician.userId, 'plan.pdf', neighbour.id)).toHaveLength(0);
    });

    it('refuses callers who may not read the plan, and audits each refusal', async () => {
      const patient = await newPatient();
      const version = await writePlan(patient, 'Alder');
      const denials = (userId: string) =>
        db()
          .selectFrom('audit_events')
          .select(['detail'])
          .where('actor_user_id', '=', userId)
          .where('action', '=', 'access.denied')
          .where('patient_ids', 'like', `%${patient.id}%`)
          .execute();

      // Not on the caseload: as if the patient did not exist.
      const stranger = await download(otherClinician, planPdfUrl(patient, version.id));
      expect(stranger.status).toBe(404);
      expect(stranger.problem?.code).toBe('NOT_FOUND');
      expect(await denials(otherClinician.userId)).toHaveLength(1);

      // At the site, but the front desk reads no clinical content.
      const desk = await download(frontDesk, planPdfUrl(patient, version.id));
      expect(desk.status).toBe(403);
      expect(desk.problem?.code).toBe('FORBIDDEN');
      const [denial] = await denials(frontDesk.userId);
      expect(JSON.parse(denial?.detail ?? '{}')).toMatchObject({ attempted: 'plan.read' });

      for (const client of [otherClinician, frontDesk])
        expect(await auditRows(client.userId, 'plan.pdf', patient.id)).toHaveLength(0);
    });
  });

  describe('relapse prevention plan versions', () => {
    it('downloads a version with every section and the confidentiality footer, and audits it', async () => {
      const patient = await newPatient();
      const neighbour = await newPatient();
      await writeRelapsePlan(patient, 'Oakdale');
      await writeRelapsePlan(neighbour, 'Riverton');

      const file = await download(caseManager, rppPdfUrl(patient, 1));
      expect(file.status, file.problem?.detail).toBe(200);
      expect(file.headers.get('content-type')).toBe('application/pdf');
      expect(file.headers.get('content-disposition')).toBe(
        'attachment; filename="relapse-prevention-plan-v1.pdf"',
      );
      expect(file.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const { pageCount, text } = readPdf(file.bytes);
      expect(pageCount).toBeGreaterThanOrEqual(1);
      for (const expected of [
        `Relapse prevention plan: Casey ${await lastNameOf(patient)}`,
        'Version 1 · Current version',
        'My triggers • Payday at the Oakdale depot • Driving past the old bar',
        'My warning signs • Skipping the Oakdale meeting',
        '988 Suicide & Crisis Lifeline: 988',
        'My reasons for recovery • My kids in Oakdale',
        CONFIDENTIALITY_LINE,
      ])
        expect(text).toContain(asPrinted(expected));
      expect(text).not.toContain('Riverton');
      expect(text).not.toContain(await lastNameOf(neighbour));

      const audits = await auditRows(caseManager.userId, 'relapse_plan.pdf', patient.id);
      expect(audits).toHaveLength(1);
      expect(JSON.parse(audits[0]?.detail ?? '{}')).toEqual({ versionNumber: 1 });
    });

    it('answers 404 for a version the plan does not have, and refuses unrelated callers (audited)', async () => {
      const patient = await newPatient();
      await writeRelapsePlan(patient, 'Elmwood');
      const missing = await download(clinician, rppPdfUrl(patient, 2));
      expect(missing.status).toBe(404);
      expect(missing.problem?.code).toBe('NOT_FOUND');

      const before = await db()
        .selectFrom('audit_events')
        .select('id')
        .where('actor_user_id', '=', otherClinician.userId)
        .where('action', '=', 'access.denied')
        .execute();
      const stranger = await download(otherClinician, rppPdfUrl(patient, 1));
      expect(stranger.status).toBe(404);
      const after = await db()
        .selectFrom('audit_events')
        .select(['id', 'detail'])
        .where('actor_user_id', '=', otherClinician.userId)
        .where('action', '=', 'access.denied')
        .execute();
      expect(after.length - before.length).toBe(1);
      expect(await auditRows(otherClinician.userId, 'relapse_plan.pdf', patient.id)).toHaveLength(0);

      const desk = await download(frontDesk, rppPdfUrl(patient, 1));
      expect(desk.status).toBe(403);
      expect(desk.bytes.toString('latin1')).not.toContain('Elmwood');
    });
  });
});
