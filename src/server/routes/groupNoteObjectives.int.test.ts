import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupNote, Note, NotePage } from '../../core/api/notes.js';
import type { CurrentObjectives, PlanContent } from '../../core/api/plans.js';
import type { Series } from '../../core/api/schedule.js';
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

describe.each(TEST_DIALECTS)('plan objectives linked per attendee in a group note, on %s', (dialect) => {
  let server: TestServer;
  let fx: RouteFixtures;
  let clinician: TestClient;
  /** Ana and Ben have signed plans; Cleo has none yet. */
  let ana: PatientFixture;
  let ben: PatientFixture;
  let cleo: PatientFixture;
  const objectiveOf: Record<string, string> = {};
  let group: GroupNote;
  const db = () => server.db.kysely;

  const attendee = (patientId: string, objectiveIds?: string[]) => ({
    patientId,
    section: `Participation of ${patientId}`,
    ...(objectiveIds ? { objectiveIds } : {}),
  });
  const save = (body: object) =>
    clinician.send<GroupNote & Problem>('PUT', `/api/v1/group-notes/${group.id}`, {
      version: group.version,
      ...body,
    });

  beforeAll(async () => {
    server = await startTestServer(dialect);
    fx = await RouteFixtures.create(server);
    clinician = await server.signIn('clinician');
    const director = await server.signIn('program_director');
    const created = await director.send<Series>('POST', '/api/v1/series', {
      siteId: fx.firstSiteId,
      kind: 'group',
      title: 'Coping skills group',
      clinicianId: clinician.userId,
      capacity: 10,
      telehealthUrl: 'https://video.example.test/group/coping',
      weekdays: [2],
      startTime: '08:00',
      durationMinutes: 90,
      startsOn: TODAY,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const members: PatientFixture[] = [];
    for (let i = 0; i < 3; i += 1) {
      const p = await fx.createPatient({
        siteId: fx.firstSiteId,
        status: 'active',
        caseload: [{ userId: clinician.userId, kind: 'primary_clinician' }],
        openEpisode: true,
      });
      await db()
        .insertInto('series_memberships')
        .values({
          id: randomUUID(),
          series_id: created.body.id,
          patient_id: p.id,
          joined_on: '2026-11-02',
          left_on: null,
          pinned: 0,
          recorded_at: '2026-10-01T00:00:00.000Z',
          created_by: director.userId,
          ended_by: null,
          updated_at: '2026-10-01T00:00:00.000Z',
          version: 1,
        })
        .execute();
      members.push(p);
    }
    [ana, ben, cleo] = members as [PatientFixture, PatientFixture, PatientFixture];
    for (const p of [ana, ben]) {
      await createPlanVersion(fx, p, { status: 'signed' });
      const objectives = await clinician.get<CurrentObjectives>(
        `/api/v1/patients/${p.id}/treatment-plan/objectives`,
      );
      const [first] = objectives.body.items;
      if (!first) throw new Error('the fixture plan has no objective');
      objectiveOf[p.id] = first.objectiveId;
    }
    const occurrenceKey = `${created.body.id}@${TODAY}`;
    const roll = await clinician.send('PUT', `/api/v1/sessions/${occurrenceKey}/roll-call`, {
      status: 'held',
      leaderId: clinician.userId,
      entries: members.map((p) => ({
        patientId: p.id,
        mark: {
          kind: 'present',
          lateMinutes: 0,
          via: { mode: 'video', patientLocation: 'Home, Hartford CT' },
        },
      })),
    });
    expect(roll.status, JSON.stringify(roll.body)).toBe(200);
    const opened = await clinician.send<GroupNote>('POST', `/api/v1/sessions/${occurrenceKey}/group-note`);
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    group = opened.body;
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses an objective that is not of that attendee’s own current plan, and changes nothing', async () => {
    const anaObjective = objectiveOf[ana.id] ?? '';
    const cases: { attendees: object[]; field: string }[] = [
      // Ben's section may not link Ana's objective, even though Ana attends too.
      {
        attendees: [attendee(ana.id), attendee(ben.id, [anaObjective])],
        field: '/attendees/1/objectiveIds/0',
      },
      // An id of no plan at all.
      { attendees: [attendee(ana.id, [anaObjective, randomUUID()])], field: '/attendees/0/objectiveIds/1' },
      // Cleo has no signed plan, so nothing to link.
      { attendees: [attendee(cleo.id, [anaObjective])], field: '/attendees/0/objectiveIds/0' },
    ];
    for (const c of cases) {
      const refused = await save({ narrative: 'Should not be saved.', attendees: c.attendees });
      expect(refused.status, JSON.stringify(refused.body)).toBe(400);
      expect(refused.body.code).toBe('VALIDATION_FAILED');
      expect(refused.body.fields).toEqual([
        { field: c.field, message: 'is not an objective of this patient’s current treatment plan' },
      ]);
    }
    const read = await clinician.get<GroupNote>(`/api/v1/group-notes/${group.id}`);
    expect(read.body.version).toBe(group.version);
    expect(read.body.narrative).toBe('');
    expect(read.body.attendees.map((a) => a.objectiveIds)).toEqual([[], [], []]);
  });

  it('saves each attendee’s own objectives with the draft', async () => {
    const anaObjective = objectiveOf[ana.id] ?? '';
    const saved = await save({
      narrative: 'Topic: coping with cravings at work. Members practised urge surfing.',
      attendees: [attendee(ana.id, [anaObjective, anaObjective]), attendee(ben.id, []), attendee(cleo.id)],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const byPatient = Object.fromEntries(saved.body.attendees.map((a) => [a.patientId, a.objectiveIds]));
    expect(byPatient).toEqual({ [ana.id]: [anaObjective], [ben.id]: [], [cleo.id]: [] });
    group = saved.body;
    const read = await clinician.get<GroupNote>(`/api/v1/group-notes/${group.id}`);
    expect(read.body.attendees.find((a) => a.patientId === ana.id)?.objectiveIds).toEqual([anaObjective]);
  });

  it('keeps a link the draft already holds after a plan review drops its objective', async () => {
    const anaObjective = objectiveOf[ana.id] ?? '';
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
    const kept = await save({ attendees: [attendee(ana.id, [anaObjective, revisedObjective])] });
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    group = kept.body;
    // … but a dropped objective the draft never linked is refused.
    const other = await save({ attendees: [attendee(ben.id, [anaObjective])] });
    expect(other.status).toBe(400);
    const restored = await save({ attendees: [attendee(ana.id, [anaObjective])] });
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    group = restored.body;
  });

  it('carries each attendee’s objectives into their signed copy only', async () => {
    const anaObjective = objectiveOf[ana.id] ?? '';
    const benObjective = objectiveOf[ben.id] ?? '';
    const saved = await save({ attendees: [attendee(ben.id, [benObjective])] });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const user = server.demo.users.find((u) => u.email === clinician.email);
    const signed = await clinician.send<GroupNote>('POST', `/api/v1/group-notes/${group.id}/sign`, {
      version: saved.body.version,
      proof: { method: 'password', password: user?.password ?? '' },
    });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);

    const copyOf = async (p: PatientFixture) => {
      const list = await clinician.get<NotePage>(`/api/v1/patients/${p.id}/notes?type=group`);
      const copy = await clinician.get<Note>(`/api/v1/notes/${list.body.items[0]?.id ?? ''}`);
      return copy.body;
    };
    const [anaCopy, benCopy, cleoCopy] = [await copyOf(ana), await copyOf(ben), await copyOf(cleo)];
    expect(anaCopy.objectiveIds).toEqual([anaObjective]);
    expect(benCopy.objectiveIds).toEqual([benObjective]);
    expect(cleoCopy.objectiveIds).toEqual([]);
    expect(JSON.stringify(anaCopy)).not.toContain(benObjective);
    expect(JSON.stringify(benCopy)).not.toContain(anaObjective);

    // Plan reviews find the note under the patient's own objective, and nobody else's.
    const links = await db()
      .selectFrom('note_objectives')
      .select(['note_id', 'patient_id', 'objective_id'])
      .where('patient_id', 'in', [ana.id, ben.id, cleo.id])
      .orderBy('objective_id')
      .execute();
    expect(links).toEqual(
      [
        { note_id: anaCopy.id, patient_id: ana.id, objective_id: anaObjective },
        { note_id: benCopy.id, patient_id: ben.id, objective_id: benObjective },
      ].sort((a, b) => (a.objective_id < b.objective_id ? -1 : 1)),
    );
  });
});
