import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CurrentObjectives,
  PlacementSuggestions,
  PlanContent,
  PlanDueList,
  PlanTemplate,
  PlanTemplateList,
  PlanVersion,
  TreatmentPlanOverview,
} from '../../core/api/plans.js';
import { addDays } from '../../core/schedule/localTime.js';
import { DEMO_PASSWORD, demoEmail } from '../../db/seed/demo.js';
import { TEST_DIALECTS } from '../../db/testing/testDatabases.js';
import { loadWeek } from '../services/scheduleRunsInput.js';
import { type PatientFixture, RouteFixtures } from '../testing/routeTable.js';
import { completePlanContent } from '../testing/routeSpecs/treatmentPlans.js';
import { TEST_NOW, type TestClient, type TestServer, startTestServer } from '../testing/testServer.js';

interface Problem {
  code: string;
  detail: string;
  fields?: { field: string; message: string }[];
  currentVersion?: number;
  current?: PlanVersion;
}

// The test clock is Tuesday 24 November 2026, 10:00 in Hartford (the first demo site).
const TODAY = '2026-11-24';
const PASSWORD = { method: 'password', password: DEMO_PASSWORD } as const;

describe.each(TEST_DIALECTS)('treatment plans over HTTP on %s', (dialect) => {
  let server: TestServer;
  let fx: RouteFixtures;
  let clinician: TestClient;
  let trainee: TestClient;
  let supervisor: TestClient;
  let frontDesk: TestClient;
  let caseManager: TestClient;

  const signInAll = async () => {
    clinician = await server.signIn('clinician');
    trainee = await server.signIn(demoEmail('clinician2'));
    supervisor = await server.signIn('clinical_supervisor');
    frontDesk = await server.signIn('front_desk');
    caseManager = await server.signIn('case_manager');
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    fx = await RouteFixtures.create(server);
    await signInAll();
  });
  afterAll(async () => {
    await server?.close();
  });

  const db = () => server.db.kysely;

  /** An admitted patient (ten days ago) on a clinician's caseload, that clinician also primary. */
  const newPatient = async (owner: TestClient = clinician): Promise<PatientFixture> => {
    const patient = await fx.createPatient({
      siteId: fx.firstSiteId,
      status: 'active',
      caseload: [{ userId: owner.userId, kind: 'primary_clinician' }],
      openEpisode: true,
    });
    await db()
      .updateTable('patients')
      .set({ primary_clinician_id: owner.userId })
      .where('id', '=', patient.id)
      .execute();
    return patient;
  };

  const url = (patient: PatientFixture, rest = '') => `/api/v1/patients/${patient.id}/treatment-plan${rest}`;
  const start = (client: TestClient, patient: PatientFixture, startFrom = 'blank') =>
    client.send<PlanVersion & Problem>('POST', url(patient, '/drafts'), { startFrom });
  const save = (
    client: TestClient,
    patient: PatientFixture,
    v: PlanVersion,
    content: PlanContent,
    progress?: unknown,
  ) =>
    client.send<PlanVersion & Problem>('PUT', url(patient, `/versions/${v.id}`), {
      version: v.version,
      content,
      ...(progress !== undefined ? { progress } : {}),
    });
  const sign = (client: TestClient, patient: PatientFixture, v: PlanVersion, proof: unknown = PASSWORD) =>
    client.send<PlanVersion & Problem>('POST', url(patient, `/versions/${v.id}/sign`), {
      version: v.version,
      proof,
    });
  const overview = async (client: TestClient, patient: PatientFixture) => {
    const response = await client.get<TreatmentPlanOverview>(url(patient));
    expect(response.status).toBe(200);
    return response.body;
  };
  const content = () => completePlanContent(clinician.userId, addDays(TODAY, 30));

  /** A draft with complete content, saved, ready to sign. */
  const readyDraft = async (client: TestClient, patient: PatientFixture): Promise<PlanVersion> => {
    const draft = await start(client, patient);
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const saved = await save(client, patient, draft.body, content());
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    return saved.body;
  };

  const signatureRows = (versionId: string) =>
    db()
      .selectFrom('signatures')
      .selectAll()
      .where('subject_id', '=', versionId)
      .orderBy('signed_at')
      .execute();

  describe('drafts', () => {
    it('starts a blank draft, saves it, and shows it on the chart with when the first plan is due', async () => {
      const patient = await newPatient();
      const before = await overview(clinician, patient);
      expect(before).toMatchObject({
        current: null,
        draft: null,
        versions: [],
        mayWrite: true,
        maySignReason: null,
      });
      // Admitted ten days ago: the first plan was due three days ago.
      expect(before.due).toMatchObject({ kind: 'initial', dueOn: addDays(TODAY, -3), status: 'overdue' });

      const draft = await start(clinician, patient);
      expect(draft.status).toBe(201);
      expect(draft.body).toMatchObject({
        number: 1,
        kind: 'initial',
        status: 'draft',
        version: 1,
        content: { problems: [] },
      });
      const saved = await save(clinician, patient, draft.body, content());
      expect(saved.status).toBe(200);
      expect(saved.body.version).toBe(2);
      expect(saved.body.staffNames[clinician.userId]).toBe('Marcus Bell, LADC');

      const after = await overview(clinician, patient);
      expect(after.draft?.content).toEqual(saved.body.content);
      expect(after.versions.map((v) => [v.number, v.status])).toEqual([[1, 'draft']]);

      const second = await start(supervisor, patient);
      expect(second.status).toBe(409);
      expect(second.body.code).toBe('CONFLICT');
    });

    it('refuses a stale save with 409, the current version and its content, and writes nothing', async () => {
      const patient = await newPatient();
      const draft = (await start(clinician, patient)).body;
      const mine = content();
      const theirs = content();
      const first = await save(supervisor, patient, draft, theirs);
      expect(first.status).toBe(200);
      const stale = await save(clinician, patient, draft, mine);
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
      expect(stale.body.current?.content).toEqual(theirs);
      const row = await db()
        .selectFrom('treatment_plan_versions')
        .select(['content', 'version'])
        .where('id', '=', draft.id)
        .executeTakeFirstOrThrow();
      expect(row.version).toBe(2);
      expect(JSON.parse(row.content)).toEqual(theirs);
      // Saving again on top of the current version is accepted.
      const retry = await save(clinician, patient, { ...draft, version: 2 }, mine);
      expect(retry.status).toBe(200);
      expect(retry.body.content).toEqual(mine);
    });

    it('refuses duplicate ids and diagnoses of someone else, naming the fields; nothing is saved', async () => {
      const patient = await newPatient();
      const draft = (await start(clinician, patient)).body;
      const plan = content();
      const problem = plan.problems[0]!;
      const goal = problem.goals[0]!;
      goal.id = problem.id;
      problem.diagnosisIds = [randomUUID()];
      const refused = await save(clinician, patient, draft, plan);
      expect(refused.status).toBe(400);
      expect(refused.body.fields?.map((f) => f.field).sort()).toEqual([
        '/content/problems/0/diagnosisIds/0',
        '/content/problems/0/goals/0/id',
      ]);
      const row = await db()
        .selectFrom('treatment_plan_versions')
        .select('version')
        .where('id', '=', draft.id)
        .executeTakeFirstOrThrow();
      expect(row.version).toBe(1);
    });

    it('lets a case manager read the plan but not write it; front desk sees no plan at all', async () => {
      const patient = await fx.createPatient({
        siteId: fx.firstSiteId,
        status: 'active',
        caseload: [
          { userId: clinician.userId, kind: 'primary_clinician' },
          { userId: caseManager.userId, kind: 'case_manager' },
        ],
        openEpisode: true,
      });
      const read = await overview(caseManager, patient);
      expect(read).toMatchObject({
        mayWrite: false,
        maySignReason: 'Your role does not write treatment plans.',
      });
      expect((await start(caseManager, patient)).status).toBe(403);
      expect((await frontDesk.get(url(patient))).status).toBe(403);
    });

    it('discards a draft', async () => {
      const patient = await newPatient();
      const draft = (await start(clinician, patient)).body;
      const discarded = await clinician.send('POST', url(patient, `/versions/${draft.id}/discard`), {
        version: 1,
      });
      expect(discarded.status).toBe(204);
      expect((await overview(clinician, patient)).draft).toBeNull();
    });
  });

  describe('starting from the placement and the template library', () => {
    it("pre-fills one problem per driver and per dimension rated moderate or worse, from the clinic's templates", async () => {
      const patient = await newPatient();
      const nowIso = TEST_NOW.toISOString();
      await db()
        .insertInto('placement_assessments')
        .values({
          id: randomUUID(),
          inquiry_id: null,
          patient_id: patient.id,
          episode_id: null,
          kind: 'initial',
          status: 'signed',
          answers: '{}',
          ratings: JSON.stringify({ d1: 0, d2: 0, d3: 2, d4: 1, d5: 3, d6: 1 }),
          rating_notes: '{}',
          flags: '{}',
          dsm5_criteria: 6,
          factors: '{}',
          measures: '{}',
          result: JSON.stringify({
            level: 'IOP',
            drivers: [
              {
                kind: 'dimension',
                dimension: 'd5',
                rating: 3,
                minimumLevel: 'IOP',
                withdrawalManagement: 'none',
                reason: 'x',
              },
            ],
            dimensions: {
              d1: { rating: 0 },
              d2: { rating: 0 },
              d3: { rating: 2 },
              d4: { rating: 1 },
              d5: { rating: 3 },
              d6: { rating: 1 },
            },
          }),
          table_version: 'v1',
          recommended_level: 'IOP',
          decision: 'accepted',
          final_level: 'IOP',
          override_reason: null,
          drafted_by: clinician.userId,
          signed_by: clinician.userId,
          signed_at: nowIso,
          applied_segment_id: null,
          created_at: nowIso,
          updated_at: nowIso,
          version: 2,
        })
        .execute();
      const suggestions = await clinician.get<PlacementSuggestions>(url(patient, '/placement-suggestions'));
      expect(suggestions.status).toBe(200);
      expect(suggestions.body.problems.map((p) => p.dimensions)).toEqual([['d5'], ['d3']]);

      const draft = await start(clinician, patient, 'placement');
      expect(draft.status).toBe(201);
      const [relapse, mood] = draft.body.content.problems;
      expect(relapse?.statement).toMatch(/relapse potential/);
      // Goals are the patient's words: the template asks, the draft leaves the words blank.
      expect(relapse?.goals[0]).toMatchObject({ statement: '', prompt: expect.stringMatching(/\?$/) });
      expect(relapse?.goals[0]?.objectives[0]?.targetDate).toBe(addDays(TODAY, 14));
      expect(relapse?.goals[0]?.objectives[0]?.interventions[0]).toMatchObject({
        modality: 'group',
        responsibleUserId: clinician.userId,
      });
      expect(mood?.dimensions).toEqual(['d3']);
    });

    it('says so when there is no signed placement to start from, and starts nothing', async () => {
      const patient = await newPatient();
      const refused = await start(clinician, patient, 'placement');
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('INVALID_STATE');
      expect((await overview(clinician, patient)).versions).toEqual([]);
    });

    it('supervisors edit the library; clinicians read it', async () => {
      const list = await clinician.get<PlanTemplateList>('/api/v1/plan-templates');
      expect(list.status).toBe(200);
      expect(list.body.mayEdit).toBe(false);
      expect(new Set(list.body.items.map((t) => t.dimension))).toEqual(
        new Set(['d1', 'd2', 'd3', 'd4', 'd5', 'd6']),
      );
      const body = {
        name: 'Tobacco use',
        dimension: 'd5',
        content: {
          problem: 'Smokes a pack a day and wants to cut down.',
          goals: [
            {
              prompt: 'What would cutting down give you?',
              objectives: [
                {
                  statement: 'Uses nicotine replacement daily for 2 weeks.',
                  targetDays: 14,
                  interventions: [],
                },
              ],
            },
          ],
        },
      };
      expect((await clinician.send('POST', '/api/v1/plan-templates', body)).status).toBe(403);
      const created = await supervisor.send<PlanTemplate>('POST', '/api/v1/plan-templates', body);
      expect(created.status).toBe(201);
      const retired = await supervisor.send<PlanTemplate & Problem>(
        'PUT',
        `/api/v1/plan-templates/${created.body.id}`,
        {
          version: 1,
          name: body.name,
          dimension: 'd5',
          content: body.content,
          active: false,
        },
      );
      expect(retired.status).toBe(200);
      expect(retired.body).toMatchObject({ active: false, version: 2 });
      const stale = await supervisor.send<Problem>('PUT', `/api/v1/plan-templates/${created.body.id}`, {
        version: 1,
        name: 'Again',
        dimension: 'd5',
        content: body.content,
        active: true,
      });
      expect(stale.status).toBe(409);
    });
  });

  describe('signing', () => {
    it('refuses to sign an incomplete plan, naming every missing field', async () => {
      const patient = await newPatient();
      const draft = (await start(clinician, patient)).body;
      const plan = content();
      plan.problems[0]!.goals[0]!.statement = '  ';
      plan.problems[0]!.goals[0]!.objectives[0]!.targetDate = addDays(TODAY, -1);
      plan.problems[0]!.goals[0]!.objectives[0]!.interventions[0]!.responsibleUserId = null;
      const saved = (await save(clinician, patient, draft, plan)).body;
      const refused = await sign(clinician, patient, saved);
      expect(refused.status).toBe(400);
      expect(refused.body.fields?.map((f) => f.field)).toEqual([
        '/content/problems/0/goals/0/statement',
        '/content/problems/0/goals/0/objectives/0/targetDate',
        '/content/problems/0/goals/0/objectives/0/interventions/0/responsibleUserId',
      ]);
      expect(await signatureRows(saved.id)).toEqual([]);
    });

    it('a wrong password is 401 and nothing is signed', async () => {
      const patient = await newPatient();
      const draft = await readyDraft(clinician, patient);
      const refused = await sign(clinician, patient, draft, {
        method: 'password',
        password: 'not-my-password',
      });
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('INVALID_CREDENTIALS');
      const row = await db()
        .selectFrom('treatment_plan_versions')
        .select(['status', 'signed_at'])
        .where('id', '=', draft.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'draft', signed_at: null });
      expect(await signatureRows(draft.id)).toEqual([]);
    });

    it('an expired licence is 403 and nothing is signed', async () => {
      // A clinician of their own, so the demo clinician's cached credentials stay as they are.
      const userId = await fx.createUser({ role: 'clinician', active: true });
      const demo = await db()
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', clinician.userId)
        .executeTakeFirstOrThrow();
      await db()
        .updateTable('users')
        .set({ password_hash: demo.password_hash })
        .where('id', '=', userId)
        .execute();
      await db().insertInto('user_sites').values({ user_id: userId, site_id: fx.firstSiteId }).execute();
      await db()
        .insertInto('credentials')
        .values({
          user_id: userId,
          licence_type: 'LADC',
          licence_number: 'LADC.0099999',
          licence_state: 'CT',
          licence_expires_on: addDays(TODAY, -1),
          npi: null,
          may_diagnose: 0,
          may_sign_placements: 0,
          needs_cosignature: 0,
          supervisor_id: null,
          updated_at: TEST_NOW.toISOString(),
          version: 1,
        })
        .execute();
      const session = await fx.createSession(userId);
      const expired: TestClient = {
        email: 'expired@example.test',
        userId,
        ...session,
        get: (path) => server.request('GET', path, { headers: { cookie: session.cookie } }),
        send: (method, path, body) =>
          server.request(method, path, {
            body,
            headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
          }),
      };
      const patient = await newPatient(expired);
      const draft = await readyDraft(expired, patient);
      const refused = await sign(expired, patient, draft);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('CREDENTIAL_EXPIRED');
      expect((await overview(expired, patient)).maySignReason).toMatch(/expired/);
      expect(await signatureRows(draft.id)).toEqual([]);
      const row = await db()
        .selectFrom('treatment_plan_versions')
        .select('status')
        .where('id', '=', draft.id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('draft');
    });

    it('the clinician signs, then the patient signs in person, witnessed; the version is locked', async () => {
      const patient = await newPatient();
      const draft = await readyDraft(clinician, patient);
      const signed = await sign(clinician, patient, draft);
      expect(signed.status, JSON.stringify(signed.body)).toBe(200);
      expect(signed.body).toMatchObject({ status: 'signed', needsCosignature: false, patientSignedAt: null });
      expect(signed.body.signatures).toEqual([
        expect.objectContaining({ purpose: 'author', signerName: 'Marcus Bell, LADC', method: 'password' }),
      ]);

      const name = await db()
        .selectFrom('patients')
        .select(['first_name', 'last_name'])
        .where('id', '=', patient.id)
        .executeTakeFirstOrThrow();
      const patientSig = (typedName: string) =>
        clinician.send<PlanVersion & Problem>(
          'POST',
          url(patient, `/versions/${draft.id}/patient-signature`),
          {
            typedName,
            agreed: true,
          },
        );
      const wrongName = await patientSig('Someone Else');
      expect(wrongName.status).toBe(400);
      expect(wrongName.body.fields?.[0]?.field).toBe('/typedName');
      const byPatient = await patientSig(`  ${name.first_name.toUpperCase()} ${name.last_name} `);
      expect(byPatient.status).toBe(200);
      expect(byPatient.body.patientSignedAt).toBe(TEST_NOW.toISOString());
      const rows = await signatureRows(draft.id);
      expect(rows.find((r) => r.purpose === 'patient')).toMatchObject({
        method: 'in_person',
        signer_name: `${name.first_name} ${name.last_name}`,
        user_id: clinician.userId,
        content_hash: rows.find((r) => r.purpose === 'author')?.content_hash,
      });
      expect((await patientSig(`${name.first_name} ${name.last_name}`)).status).toBe(409);

      const current = await overview(clinician, patient);
      expect(current.current?.id).toBe(draft.id);
      expect(current.due).toMatchObject({ kind: 'review', dueOn: addDays(TODAY, 30), status: 'upcoming' });
      const objectives = await clinician.get<CurrentObjectives>(url(patient, '/objectives'));
      expect(objectives.body).toEqual({
        planVersionId: draft.id,
        items: [
          {
            objectiveId: draft.content.problems[0]!.goals[0]!.objectives[0]!.id,
            statement: 'Names 5 triggers and a coping response for each in a written plan.',
            targetDate: addDays(TODAY, 30),
            goal: 'I want to stop drinking so I can keep my job.',
            problem: 'Drinks most evenings after work; two lapses after outpatient care.',
          },
        ],
        removed: [],
      });
    });

    it('a counselor in training signs and the supervisor co-signs; nobody else may', async () => {
      const patient = await newPatient(trainee);
      const draft = await readyDraft(trainee, patient);
      const signed = await sign(trainee, patient, draft);
      expect(signed.status, JSON.stringify(signed.body)).toBe(200);
      expect(signed.body).toMatchObject({
        needsCosignature: true,
        cosignerName: 'Dana Whitfield, LCSW',
        cosignedAt: null,
      });
      expect((await overview(supervisor, patient)).mayCosign).toBe(true);
      expect((await overview(trainee, patient)).mayCosign).toBe(false);

      const cosign = (client: TestClient, proof: unknown = PASSWORD) =>
        client.send<PlanVersion & Problem>('POST', url(patient, `/versions/${draft.id}/cosign`), { proof });
      expect((await cosign(trainee)).status).toBe(403);
      const wrong = await cosign(supervisor, { method: 'password', password: 'nope-nope' });
      expect(wrong.status).toBe(401);
      const done = await cosign(supervisor);
      expect(done.status).toBe(200);
      expect(done.body.cosignedAt).toBe(TEST_NOW.toISOString());
      expect(done.body.signatures.map((s) => s.purpose)).toEqual(['author', 'cosigner']);
      expect((await cosign(supervisor)).status).toBe(409);
    });

    it('a signed version cannot be changed through any route, nor by raw SQL', async () => {
      const patient = await newPatient();
      const draft = await readyDraft(clinician, patient);
      const signed = (await sign(clinician, patient, draft)).body;
      const changed = content();
      const attempts = [
        await save(clinician, patient, signed, changed),
        await sign(clinician, patient, signed),
        await clinician.send<Problem>('POST', url(patient, `/versions/${signed.id}/discard`), {
          version: signed.version,
        }),
        await clinician.send<Problem>('POST', url(patient, `/versions/${signed.id}/cosign`), {
          proof: PASSWORD,
        }),
      ];
      expect(attempts.map((a) => [a.status, a.body.code])).toEqual([
        [400, 'INVALID_STATE'],
        [400, 'INVALID_STATE'],
        [400, 'INVALID_STATE'],
        [400, 'INVALID_STATE'],
      ]);
      const run = (statement: string) => sql.raw(statement).execute(db());
      await expect(
        run(`update treatment_plan_versions set content = '{"problems":[]}' where id = '${signed.id}'`),
      ).rejects.toThrow(/signed rows cannot be changed/);
      await expect(
        run(`update treatment_plan_versions set status = 'draft' where id = '${signed.id}'`),
      ).rejects.toThrow(/signed rows/);
      await expect(run(`delete from treatment_plan_versions where id = '${signed.id}'`)).rejects.toThrow(
        /signed rows/,
      );
      await run(
        `update treatment_plan_versions set patient_signed_at = '2026-11-24T16:00:00.000Z' where id = '${signed.id}'`,
      );
      await expect(
        run(
          `update treatment_plan_versions set patient_signed_at = '2026-11-25T16:00:00.000Z' where id = '${signed.id}'`,
        ),
      ).rejects.toThrow(/signed rows/);
      const stored = await clinician.get<PlanVersion>(url(patient, `/versions/${signed.id}`));
      expect(stored.body.content).toEqual(signed.content);
      expect(stored.body.signatures[0]?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    });
  });

  describe('reviews', () => {
    it('a review a month later records progress per objective and lists the signed notes that addressed it', async () => {
      const patient = await newPatient();
      const draft = await readyDraft(clinician, patient);
      const initial = (await sign(clinician, patient, draft)).body;
      const objectiveId = initial.content.problems[0]!.goals[0]!.objectives[0]!.id;

      const note = async (serviceDate: string, status: 'signed' | 'draft', title: string) => {
        const id = randomUUID();
        await db()
          .insertInto('clinical_notes')
          .values({
            id,
            patient_id: patient.id,
            site_id: patient.siteId,
            episode_id: patient.episodeId,
            note_type: 'group',
            template_key: 'group',
            title,
            author_user_id: clinician.userId,
            service_date: serviceDate,
            roll_call_id: null,
            occurrence_key: null,
            minutes: 90,
            group_note_id: null,
            body: JSON.stringify({ sections: { narrative: 'Worked on triggers.' } }),
            objective_ids: JSON.stringify([objectiveId]),
            status: 'draft',
            needs_cosignature: 0,
            cosigner_user_id: null,
            signed_at: null,
            cosigned_at: null,
            cosigned_by: null,
            due_at: null,
            created_at: `${serviceDate}T20:00:00.000Z`,
            updated_at: `${serviceDate}T20:00:00.000Z`,
            version: 1,
          })
          .execute();
        if (status === 'signed') {
          await db()
            .updateTable('clinical_notes')
            .set({ status: 'signed', signed_at: `${serviceDate}T21:00:00.000Z` })
            .where('id', '=', id)
            .execute();
          await db()
            .insertInto('note_objectives')
            .values({
              note_id: id,
              patient_id: patient.id,
              objective_id: objectiveId,
              service_date: serviceDate,
            })
            .execute();
        }
        return id;
      };
      await note('2026-11-20', 'signed', 'Before the plan');
      const first = await note('2026-12-01', 'signed', 'Relapse prevention group');
      const second = await note('2026-12-15', 'signed', 'Individual session');
      await note('2026-12-16', 'draft', 'Unsigned draft');

      server.clock.set(new Date('2026-12-24T15:00:00.000Z'));
      try {
        await signInAll();
        const due = await overview(clinician, patient);
        expect(due.due).toMatchObject({ kind: 'review', dueOn: '2026-12-24', status: 'due' });

        const review = await start(clinician, patient, 'review');
        expect(review.status, JSON.stringify(review.body)).toBe(201);
        expect(review.body).toMatchObject({ number: 2, kind: 'review', content: initial.content });
        expect(review.body.progress).toEqual([{ objectiveId, status: null, comment: '' }]);
        expect(
          review.body.reviewOf?.objectives[0]?.notes?.map((n) => [
            n.noteId,
            n.serviceDate,
            n.title,
            n.authorName,
          ]),
        ).toEqual([
          [first, '2026-12-01', 'Relapse prevention group', 'Marcus Bell, LADC'],
          [second, '2026-12-15', 'Individual session', 'Marcus Bell, LADC'],
        ]);

        const unreviewed = await sign(clinician, patient, review.body);
        expect(unreviewed.status).toBe(400);
        expect(unreviewed.body.fields?.map((f) => f.field)).toEqual(['/progress/0/status']);

        const revised = structuredClone(review.body.content);
        revised.problems[0]!.goals[0]!.objectives[0]!.targetDate = '2027-01-31';
        const noComment = await save(clinician, patient, review.body, revised, [
          { objectiveId, status: 'revised', comment: '' },
        ]);
        expect(noComment.status).toBe(200);
        expect((await sign(clinician, patient, noComment.body)).body.fields?.map((f) => f.field)).toEqual([
          '/progress/0/comment',
        ]);
        const withComment = await save(clinician, patient, noComment.body, revised, [
          {
            objectiveId,
            status: 'revised',
            comment: 'Plan written; target moved to practise it over the holidays.',
          },
        ]);
        const signedReview = await sign(clinician, patient, withComment.body);
        expect(signedReview.status, JSON.stringify(signedReview.body)).toBe(200);
        expect(signedReview.body.progress[0]).toMatchObject({ status: 'revised' });

        const after = await overview(clinician, patient);
        expect(after.current?.number).toBe(2);
        expect(after.versions.map((v) => [v.number, v.kind, v.status])).toEqual([
          [2, 'review', 'signed'],
          [1, 'initial', 'signed'],
        ]);
        expect(after.due).toMatchObject({ kind: 'review', dueOn: '2027-01-23' });
        // The objective keeps its id across versions, so notes keep pointing at it.
        const objectives = await clinician.get<CurrentObjectives>(url(patient, '/objectives'));
        expect(objectives.body.items.map((o) => [o.objectiveId, o.targetDate])).toEqual([
          [objectiveId, '2027-01-31'],
        ]);
      } finally {
        server.clock.set(TEST_NOW);
        await signInAll();
      }
    });

    it('a review cannot start before a plan is signed, and a signed plan changes only through a review', async () => {
      const patient = await newPatient();
      expect((await start(clinician, patient, 'review')).status).toBe(400);
      const draft = await readyDraft(clinician, patient);
      await sign(clinician, patient, draft);
      const blank = await start(clinician, patient, 'blank');
      expect(blank.status).toBe(400);
      expect(blank.body.fields?.[0]?.field).toBe('/startFrom');
    });
  });

  describe('due plans and the scheduler', () => {
    it("lists due and overdue plans of the clinician's caseload and a supervisor's supervisees", async () => {
      const overdue = await newPatient();
      const signedPatient = await newPatient();
      await sign(clinician, signedPatient, await readyDraft(clinician, signedPatient));
      const traineePatient = await newPatient(trainee);

      const mine = await clinician.get<PlanDueList>('/api/v1/treatment-plans/due');
      expect(mine.status).toBe(200);
      const ids = mine.body.items.map((i) => i.patientId);
      expect(ids).toContain(overdue.id);
      expect(ids).not.toContain(signedPatient.id);
      expect(ids).not.toContain(traineePatient.id);
      expect(mine.body.items.find((i) => i.patientId === overdue.id)).toMatchObject({
        kind: 'initial',
        status: 'overdue',
        dueOn: addDays(TODAY, -3),
        clinicianName: 'Marcus Bell, LADC',
        draftInProgress: false,
      });
      const supervised = await supervisor.get<PlanDueList>('/api/v1/treatment-plans/due');
      expect(supervised.body.items.map((i) => i.patientId)).toEqual(
        expect.arrayContaining([overdue.id, traineePatient.id]),
      );
      expect((await frontDesk.get('/api/v1/treatment-plans/due')).status).toBe(403);
    });

    it("a signed plan's interventions become the patient's required modalities; others keep the program default", async () => {
      const planned = await newPatient();
      const unplanned = await newPatient();
      const draft = (await start(clinician, planned)).body;
      const plan = content();
      const objective = plan.problems[0]!.goals[0]!.objectives[0]!;
      objective.interventions.push({
        id: randomUUID(),
        description: 'Family session',
        modality: 'family',
        frequency: 'Every 2 weeks',
        responsibleUserId: clinician.userId,
      });
      const saved = (await save(clinician, planned, draft, plan)).body;
      const weekStart = '2026-11-30';
      const site = server.demo.sites[0]!;
      const modalities = async () => {
        const week = await loadWeek(
          db(),
          { siteId: site.id, trackId: null, weekStart, timeZone: site.timeZone },
          TEST_NOW.getTime(),
        );
        const by = new Map(week.facts.patients.map((p) => [p.id, p.requiredModalities]));
        return [by.get(planned.id), by.get(unplanned.id)];
      };
      // A draft does not count: only what was signed.
      expect(await modalities()).toEqual([
        ['group', 'individual'],
        ['group', 'individual'],
      ]);
      expect((await sign(clinician, planned, saved)).status).toBe(200);
      expect(await modalities()).toEqual([
        ['group', 'family'],
        ['group', 'individual'],
      ]);
    });
  });
});
