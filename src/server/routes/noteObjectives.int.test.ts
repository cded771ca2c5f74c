import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Note } from '../../core/api/notes.js';
import type { CurrentObjectives, PlanContent } from '../../core/api/plans.js';
import type { NoteType } from '../../core/notes/noteTypes.js';
import { TEST_DIALECTS } from '../../db/testing/testDatabases.js';
import { type PatientFixture, RouteFixtures } from '../testing/routeTable.js';
import { createPlanVersion } from '../testing/routeSpecs/treatmentPlans.js';
import { type TestClient, type TestServer, startTestServer } from '../testing/testServer.js';

interface Problem {
  code: string;
  fields?: { field: string; message: string }[];
}

// The test clock is Tuesday 24 November 2026, 10:00 in Hartford.
const TODAY = '2026-11-24';
const NOT_IN_PLAN = 'is not an objective of this patient’s current treatment plan';

describe.each(TEST_DIALECTS)('plan objectives linked by an individual note, on %s', (dialect) => {
  let server: TestServer;
  let fx: RouteFixtures;
  let clinician: TestClient;
  /** Ana and Ben have signed plans; Cleo has none yet. */
  let ana: PatientFixture;
  let ben: PatientFixture;
  let cleo: PatientFixture;
  const objectiveOf: Record<string, string> = {};
  const db = () => server.db.kysely;

  const start = async (p: PatientFixture, noteType: NoteType = 'individual') => {
    const created = await clinician.send<Note>('POST', `/api/v1/patients/${p.id}/notes`, {
      noteType,
      serviceDate: TODAY,
      minutes: 50,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body;
  };
  const save = (note: Note, body: object) =>
    clinician.send<Note & Problem>('PUT', `/api/v1/notes/${note.id}`, { version: note.version, ...body });
  const dap = {
    data: 'Reported two cravings this week.',
    assessment: 'Progressing.',
    plan: 'Practise urge surfing.',
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    fx = await RouteFixtures.create(server);
    clinician = await server.signIn('clinician');
    const patients: PatientFixture[] = [];
    for (let i = 0; i < 3; i += 1)
      patients.push(
        await fx.createPatient({
          siteId: fx.firstSiteId,
          status: 'active',
          caseload: [{ userId: clinician.userId, kind: 'primary_clinician' }],
          openEpisode: true,
        }),
      );
    [ana, ben, cleo] = patients as [PatientFixture, PatientFixture, PatientFixture];
    for (const p of [ana, ben]) {
      await createPlanVersion(fx, p, { status: 'signed' });
      const objectives = await clinician.get<CurrentObjectives>(
        `/api/v1/patients/${p.id}/treatment-plan/objectives`,
      );
      const [first] = objectives.body.items;
      if (!first) throw new Error('the fixture plan has no objective');
      objectiveOf[p.id] = first.objectiveId;
    }
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses an objective outside the patient’s own current plan, and saves nothing', async () => {
    const anaObjective = objectiveOf[ana.id] ?? '';
    const benObjective = objectiveOf[ben.id] ?? '';
    const anaNote = await start(ana);
    const cleoNote = await start(cleo, 'family');
    const cases: { note: Note; objectiveIds: string[]; sections: object; field: string }[] = [
      // Another patient's objective, even one of the same clinician's caseload.
      { note: anaNote, objectiveIds: [benObjective], sections: dap, field: '/objectiveIds/0' },
      // An id of no plan at all, beside a good one.
      { note: anaNote, objectiveIds: [anaObjective, randomUUID()], sections: dap, field: '/objectiveIds/1' },
      // Cleo has no signed plan, so a family note of hers has nothing to link.
      {
        note: cleoNote,
        objectiveIds: [anaObjective],
        sections: { focus: 'Should not be saved.' },
        field: '/objectiveIds/0',
      },
    ];
    for (const c of cases) {
      const refused = await save(c.note, { sections: c.sections, objectiveIds: c.objectiveIds });
      expect(refused.status, JSON.stringify(refused.body)).toBe(400);
      expect(refused.body.code).toBe('VALIDATION_FAILED');
      expect(refused.body.fields).toEqual([{ field: c.field, message: NOT_IN_PLAN }]);
    }
    for (const note of [anaNote, cleoNote]) {
      const read = await clinician.get<Note>(`/api/v1/notes/${note.id}`);
      expect(read.body).toMatchObject({ version: 1, body: {}, objectiveIds: [] });
    }
  });

  it('saves the patient’s own objective and carries it onto the signed note', async () => {
    const anaObjective = objectiveOf[ana.id] ?? '';
    const note = await start(ana);
    const saved = await save(note, { sections: dap, objectiveIds: [anaObjective, anaObjective] });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.objectiveIds).toEqual([anaObjective]);
    const user = server.demo.users.find((u) => u.email === clinician.email);
    const signed = await clinician.send<Note>('POST', `/api/v1/notes/${note.id}/sign`, {
      version: saved.body.version,
      proof: { method: 'password', password: user?.password ?? '' },
    });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    expect(signed.body).toMatchObject({ status: 'signed', objectiveIds: [anaObjective] });
    const read = await clinician.get<Note>(`/api/v1/notes/${note.id}`);
    expect(read.body.objectiveIds).toEqual([anaObjective]);
    const links = await db()
      .selectFrom('note_objectives')
      .select(['patient_id', 'objective_id'])
      .where('note_id', '=', note.id)
      .execute();
    expect(links).toEqual([{ patient_id: ana.id, objective_id: anaObjective }]);
  });

  it('keeps a link the draft already holds after a plan review drops its objective', async () => {
    const anaObjective = objectiveOf[ana.id] ?? '';
    const held = await start(ana);
    const linked = await save(held, { objectiveIds: [anaObjective] });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);

    // A review replaces the plan's only objective with a new one.
    const current = await db()
      .selectFrom('treatment_plan_versions')
      .selectAll()
      .where('patient_id', '=', ana.id)
      .executeTakeFirstOrThrow();
    const content = JSON.parse(current.content) as PlanContent;
    const revisedObjective = randomUUID();
    for (const problem of content.problems)
      for (const goal of problem.goals)
        for (const objective of goal.objectives) objective.id = revisedObjective;
    await db()
      .insertInto('treatment_plan_versions')
      .values({
        ...current,
        id: randomUUID(),
        number: 2,
        kind: 'review',
        reviews_version_id: current.id,
        content: JSON.stringify(content),
      })
      .execute();
    // The picker still names the dropped objective, apart from the current ones.
    const objectives = await clinician.get<CurrentObjectives>(
      `/api/v1/patients/${ana.id}/treatment-plan/objectives`,
    );
    expect(objectives.body.items.map((o) => o.objectiveId)).toEqual([revisedObjective]);
    expect(objectives.body.removed).toEqual([
      expect.objectContaining({
        objectiveId: anaObjective,
        statement: 'Names 5 triggers and a coping response for each in a written plan.',
      }),
    ]);

    // Autosave of the draft that held the link keeps working, now beside the new objective …
    const kept = await save(linked.body, { objectiveIds: [anaObjective, revisedObjective] });
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    expect(kept.body.objectiveIds).toEqual([anaObjective, revisedObjective]);
    // … but a draft that never held the dropped objective may not link it now.
    const fresh = await start(ana);
    const refused = await save(fresh, { objectiveIds: [anaObjective] });
    expect(refused.status).toBe(400);
    expect(refused.body.fields).toEqual([{ field: '/objectiveIds/0', message: NOT_IN_PLAN }]);
    expect((await clinician.get<Note>(`/api/v1/notes/${fresh.id}`)).body.objectiveIds).toEqual([]);
  });
});
