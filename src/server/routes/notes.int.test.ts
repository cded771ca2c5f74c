import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  GroupNote,
  LateNotePage,
  Note,
  NotePage,
  ProcessNote,
  ProcessNoteList,
} from '../../core/api/notes.js';
import type { CurrentObjectives } from '../../core/api/plans.js';
import type { Series } from '../../core/api/schedule.js';
import { totpCode } from '../../core/auth/totp.js';
import { canonicalJson } from '../../core/signing/canonicalJson.js';
import { TEST_DIALECTS } from '../../db/testing/testDatabases.js';
import { type PatientFixture, RouteFixtures } from '../testing/routeTable.js';
import { createPlanVersion } from '../testing/routeSpecs/treatmentPlans.js';
import { type TestClient, type TestServer, startTestServer } from '../testing/testServer.js';

interface Problem {
  code: string;
  detail: string;
  currentVersion?: number;
  fields?: { field: string; message: string }[];
}

// The test clock is Tuesday 24 November 2026, 10:00 in Hartford.
const TODAY = '2026-11-24';

describe.each(TEST_DIALECTS)('clinical notes over HTTP on %s', (dialect) => {
  let server: TestServer;
  let fx: RouteFixtures;
  let clinician: TestClient;
  let trainee: TestClient;
  let supervisor: TestClient;
  let frontDesk: TestClient;
  let caseManager: TestClient;
  let patient: PatientFixture;
  /** An objective of the patient's signed plan: what a note may link. */
  let objectiveId: string;

  const passwordOf = (client: TestClient) => {
    const user = server.demo.users.find((u) => u.email === client.email);
    if (!user) throw new Error('no such demo user');
    return user.password;
  };
  const proof = (client: TestClient) => ({ method: 'password', password: passwordOf(client) });
  const db = () => server.db.kysely;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    fx = await RouteFixtures.create(server);
    clinician = await server.signIn('clinician');
    const traineeUser = server.demo.users.find(
      (u) => u.role === 'clinician' && u.displayName === 'Sofia Reyes',
    );
    if (!traineeUser) throw new Error('no counselor in training in the demo');
    trainee = await server.signIn(traineeUser.email);
    supervisor = await server.signIn('clinical_supervisor');
    frontDesk = await server.signIn('front_desk');
    caseManager = await server.signIn('case_manager');
    patient = await fx.createPatient({
      siteId: fx.firstSiteId,
      status: 'active',
      caseload: [
        { userId: clinician.userId, kind: 'primary_clinician' },
        { userId: trainee.userId, kind: 'clinician' },
        { userId: caseManager.userId, kind: 'case_manager' },
      ],
      openEpisode: true,
    });
    await createPlanVersion(fx, patient, { status: 'signed' });
    const objectives = await clinician.get<CurrentObjectives>(
      `/api/v1/patients/${patient.id}/treatment-plan/objectives`,
    );
    objectiveId = objectives.body.items[0]?.objectiveId ?? '';
    if (!objectiveId) throw new Error('the fixture plan has no objective');
  });
  afterAll(async () => {
    await server.close();
  });

  const startDap = async (client = clinician) => {
    const created = await client.send<Note>('POST', `/api/v1/patients/${patient.id}/notes`, {
      noteType: 'individual',
      templateKey: 'dap',
      serviceDate: TODAY,
      minutes: 50,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body;
  };
  const fill = {
    data: 'Reported two cravings this week.',
    assessment: 'Progressing.',
    plan: 'Practise urge surfing.',
  };

  describe('an individual note', () => {
    it('starts as the author’s draft from the DAP template, due 24 hours later', async () => {
      const note = await startDap();
      expect(note).toMatchObject({
        status: 'draft',
        noteType: 'individual',
        templateKey: 'dap',
        title: 'Individual session',
        mayEdit: true,
        late: false,
        version: 1,
      });
      expect(note.sections.map((s) => s.key)).toEqual(['data', 'assessment', 'plan']);
      expect(note.dueAt).toBe('2026-11-25T15:00:00.000Z');
      // Nobody else sees a draft, not even the supervisor.
      expect((await supervisor.get(`/api/v1/notes/${note.id}`)).status).toBe(404);
      const list = await supervisor.get<NotePage>(`/api/v1/patients/${patient.id}/notes`);
      expect(list.body.items.map((n) => n.id)).not.toContain(note.id);
    });

    it('autosaves with the version read; a stale save gets 409 and changes nothing', async () => {
      const note = await startDap();
      const first = await clinician.send<Note>('PUT', `/api/v1/notes/${note.id}`, {
        version: 1,
        sections: { data: 'first tab' },
      });
      expect(first.status).toBe(200);
      expect(first.body.version).toBe(2);
      const stale = await clinician.send<Problem>('PUT', `/api/v1/notes/${note.id}`, {
        version: 1,
        sections: { data: 'second tab' },
      });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
      const read = await clinician.get<Note>(`/api/v1/notes/${note.id}`);
      expect(read.body.body).toEqual({ data: 'first tab' });
    });

    it('refuses unknown sections, future dates and other people’s drafts with clear errors', async () => {
      const note = await startDap();
      const unknown = await clinician.send<Problem>('PUT', `/api/v1/notes/${note.id}`, {
        version: 1,
        sections: { mood: 'x' },
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.fields).toEqual([
        { field: '/sections/mood', message: 'is not a section of this note’s template' },
      ]);
      const future = await clinician.send<Problem>('POST', `/api/v1/patients/${patient.id}/notes`, {
        noteType: 'individual',
        serviceDate: '2026-11-25',
      });
      expect(future.status).toBe(400);
      expect(future.body.fields?.[0]?.field).toBe('/serviceDate');
      const group = await clinician.send<Problem>('POST', `/api/v1/patients/${patient.id}/notes`, {
        noteType: 'group',
        serviceDate: TODAY,
      });
      expect(group.status).toBe(400);
      const byOther = await trainee.send<Problem>('PUT', `/api/v1/notes/${note.id}`, {
        version: 1,
        sections: { data: 'x' },
      });
      expect(byOther.status).toBe(404);
      const caseManagerIndividual = await caseManager.send<Problem>(
        'POST',
        `/api/v1/patients/${patient.id}/notes`,
        {
          noteType: 'individual',
          serviceDate: TODAY,
        },
      );
      expect(caseManagerIndividual.status).toBe(403);
      const read = await clinician.get<Note>(`/api/v1/notes/${note.id}`);
      expect(read.body.version).toBe(1);
    });

    it('signs only with the right password, over a hash of the canonical content, and locks the note', async () => {
      const note = await startDap();
      const saved = await clinician.send<Note>('PUT', `/api/v1/notes/${note.id}`, {
        version: 1,
        sections: fill,
        objectiveIds: [objectiveId],
      });
      const incomplete = await startDap();
      const unsignable = await clinician.send<Problem>('POST', `/api/v1/notes/${incomplete.id}/sign`, {
        version: 1,
        proof: proof(clinician),
      });
      expect(unsignable.status).toBe(400);
      expect(unsignable.body.fields?.map((f) => f.field)).toEqual([
        '/sections/data',
        '/sections/assessment',
        '/sections/plan',
      ]);

      const wrong = await clinician.send<Problem>('POST', `/api/v1/notes/${note.id}/sign`, {
        version: saved.body.version,
        proof: { method: 'password', password: 'not the password' },
      });
      expect(wrong.status).toBe(401);
      expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
      expect((await clinician.get<Note>(`/api/v1/notes/${note.id}`)).body.status).toBe('draft');

      const signed = await clinician.send<Note>('POST', `/api/v1/notes/${note.id}/sign`, {
        version: saved.body.version,
        proof: proof(clinician),
      });
      expect(signed.status, JSON.stringify(signed.body)).toBe(200);
      expect(signed.body).toMatchObject({
        status: 'signed',
        awaitingCosignature: false,
        mayEdit: false,
        mayAddAddendum: true,
      });
      const [signature] = signed.body.signatures;
      expect(signature).toMatchObject({
        purpose: 'author',
        method: 'password',
        signerName: 'Marcus Bell, LADC',
      });
      expect(signature?.credential).toMatch(/^LADC LADC\.0012655 \(CT\), valid through /);
      const expected = createHash('sha256')
        .update(
          canonicalJson({
            noteId: note.id,
            patientId: patient.id,
            noteType: 'individual',
            templateKey: 'dap',
            title: 'Individual session',
            serviceDate: TODAY,
            minutes: 50,
            authorUserId: clinician.userId,
            sections: fill,
            objectiveIds: [objectiveId],
          }),
        )
        .digest('hex');
      expect(signature?.contentHash).toBe(expected);
      const links = await db()
        .selectFrom('note_objectives')
        .selectAll()
        .where('note_id', '=', note.id)
        .execute();
      expect(links).toEqual([
        {
          note_id: note.id,
          patient_id: patient.id,
          objective_id: objectiveId,
          service_date: TODAY,
        },
      ]);

      // Every route refuses to change it, and so does the database.
      const edit = await clinician.send<Problem>('PUT', `/api/v1/notes/${note.id}`, {
        version: signed.body.version,
        sections: { data: 'x' },
      });
      expect(edit.status).toBe(400);
      expect(edit.body.code).toBe('INVALID_STATE');
      const discard = await clinician.send<Problem>('POST', `/api/v1/notes/${note.id}/discard`, {
        version: signed.body.version,
      });
      expect(discard.status).toBe(400);
      const again = await clinician.send<Problem>('POST', `/api/v1/notes/${note.id}/sign`, {
        version: signed.body.version,
        proof: proof(clinician),
      });
      expect(again.status).toBe(400);
      await expect(
        sql`update clinical_notes set body = '{}' where id = ${note.id}`.execute(db()),
      ).rejects.toThrow(/signed rows/);
      await expect(sql`delete from clinical_notes where id = ${note.id}`.execute(db())).rejects.toThrow(
        /signed rows/,
      );

      // … and takes addenda, each signed.
      const addendum = await clinician.send<Note>('POST', `/api/v1/notes/${note.id}/addenda`, {
        body: 'Patient called after the session: cravings eased.',
        proof: {
          method: 'totp',
          code: totpCode(
            server.demo.users.find((u) => u.email === clinician.email)?.totpSecret ?? '',
            server.clock.now(),
          ),
        },
      });
      expect(addendum.status, JSON.stringify(addendum.body)).toBe(201);
      expect(addendum.body.body).toEqual(fill);
      expect(addendum.body.addenda).toHaveLength(1);
      expect(addendum.body.addenda[0]).toMatchObject({
        body: 'Patient called after the session: cravings eased.',
      });
      expect(addendum.body.addenda[0]?.signature).toMatchObject({ method: 'totp', purpose: 'author' });
      const list = await supervisor.get<NotePage>(`/api/v1/patients/${patient.id}/notes`);
      expect(list.body.items.find((n) => n.id === note.id)).toMatchObject({
        status: 'signed',
        addendumCount: 1,
      });
    });

    it('discards a draft on request, with the version read', async () => {
      const note = await startDap();
      const stale = await clinician.send<Problem>('POST', `/api/v1/notes/${note.id}/discard`, { version: 2 });
      expect(stale.status).toBe(409);
      const done = await clinician.send('POST', `/api/v1/notes/${note.id}/discard`, { version: 1 });
      expect(done.status).toBe(200);
      expect((await clinician.get(`/api/v1/notes/${note.id}`)).status).toBe(404);
    });

    it('sends a supervised author’s note to their supervisor, who alone co-signs it', async () => {
      const note = await startDap(trainee);
      const saved = await trainee.send<Note>('PUT', `/api/v1/notes/${note.id}`, {
        version: 1,
        sections: fill,
      });
      const signed = await trainee.send<Note>('POST', `/api/v1/notes/${note.id}/sign`, {
        version: saved.body.version,
        proof: proof(trainee),
      });
      expect(signed.status, JSON.stringify(signed.body)).toBe(200);
      expect(signed.body).toMatchObject({ awaitingCosignature: true, cosigner: { id: supervisor.userId } });
      const byClinician = await clinician.send<Problem>('POST', `/api/v1/notes/${note.id}/cosign`, {
        proof: proof(clinician),
      });
      expect(byClinician.status).toBe(403);
      const seen = await supervisor.get<Note>(`/api/v1/notes/${note.id}`);
      expect(seen.body.mayCosign).toBe(true);
      const cosigned = await supervisor.send<Note>('POST', `/api/v1/notes/${note.id}/cosign`, {
        proof: proof(supervisor),
      });
      expect(cosigned.status, JSON.stringify(cosigned.body)).toBe(200);
      expect(cosigned.body).toMatchObject({ awaitingCosignature: false, mayCosign: false });
      expect(cosigned.body.signatures.map((s) => s.purpose)).toEqual(['author', 'cosigner']);
      expect(cosigned.body.signatures[0]?.contentHash).toBe(cosigned.body.signatures[1]?.contentHash);
      const twice = await supervisor.send<Problem>('POST', `/api/v1/notes/${note.id}/cosign`, {
        proof: proof(supervisor),
      });
      expect(twice.status).toBe(409);
    });

    it('keeps clinical notes from front desk staff', async () => {
      expect((await frontDesk.get(`/api/v1/patients/${patient.id}/notes`)).status).toBe(403);
    });

    it('lets a case manager sign case management notes without a licence', async () => {
      const created = await caseManager.send<Note>('POST', `/api/v1/patients/${patient.id}/notes`, {
        noteType: 'case_management',
        serviceDate: TODAY,
        sections: {
          contact: 'Phone call',
          needs: 'Housing',
          actions: 'Referred to shelter',
          follow_up: 'Friday',
        },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const signed = await caseManager.send<Note>('POST', `/api/v1/notes/${created.body.id}/sign`, {
        version: 1,
        proof: proof(caseManager),
      });
      expect(signed.status, JSON.stringify(signed.body)).toBe(200);
      expect(signed.body.awaitingCosignature).toBe(false);
    });

    it('refuses a run of wrong passwords for a while, and audits each one', async () => {
      const created = await caseManager.send<Note>('POST', `/api/v1/patients/${patient.id}/notes`, {
        noteType: 'case_management',
        serviceDate: TODAY,
        sections: { contact: 'Phone', needs: 'Food', actions: 'Pantry list', follow_up: 'Monday' },
      });
      const attempt = () =>
        caseManager.send<Problem>('POST', `/api/v1/notes/${created.body.id}/sign`, {
          version: 1,
          proof: { method: 'password', password: 'guess' },
        });
      for (let i = 0; i < 5; i += 1) expect((await attempt()).status).toBe(401);
      const limited = await attempt();
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe('RATE_LIMITED');
      // Even the right password waits: guessing on cannot find it.
      const right = await caseManager.send<Problem>('POST', `/api/v1/notes/${created.body.id}/sign`, {
        version: 1,
        proof: proof(caseManager),
      });
      expect(right.status).toBe(429);
      const audited = await db()
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('actor_user_id', '=', caseManager.userId)
        .where('action', 'in', ['signature.reauth_failed', 'signature.reauth_refused'])
        .executeTakeFirstOrThrow();
      expect(Number(audited.n)).toBe(7);
      expect((await caseManager.get<Note>(`/api/v1/notes/${created.body.id}`)).body.status).toBe('draft');
    });
  });

  describe('a group note written once for twelve attendees', () => {
    let attendees: PatientFixture[];
    let occurrenceKey: string;
    let group: GroupNote;

    beforeAll(async () => {
      const director = await server.signIn('program_director');
      const created = await director.send<Series>('POST', '/api/v1/series', {
        siteId: fx.firstSiteId,
        kind: 'group',
        title: 'Relapse prevention group',
        clinicianId: clinician.userId,
        capacity: 14,
        telehealthUrl: 'https://video.example.test/group/1',
        weekdays: [2],
        startTime: '08:00',
        durationMinutes: 90,
        startsOn: TODAY,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      attendees = [];
      for (let i = 0; i < 12; i += 1) {
        const p = await fx.createPatient({
          siteId: fx.firstSiteId,
          status: 'active',
          caseload: [{ userId: clinician.userId, kind: 'primary_clinician' }],
          openEpisode: true,
        });
        await db()
          .updateTable('patients')
          .set({ first_name: `Member${String.fromCharCode(65 + i)}name` })
          .where('id', '=', p.id)
          .execute();
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
        attendees.push(p);
      }
      occurrenceKey = `${created.body.id}@${TODAY}`;
      const roll = await clinician.send('PUT', `/api/v1/sessions/${occurrenceKey}/roll-call`, {
        status: 'held',
        leaderId: clinician.userId,
        entries: attendees.map((p, i) => ({
          patientId: p.id,
          mark:
            i === 11
              ? { kind: 'absent', excused: true, reason: 'Work shift' }
              : {
                  kind: 'present',
                  lateMinutes: i === 0 ? 30 : 0,
                  via: { mode: 'video', patientLocation: 'Home, Hartford CT' },
                },
        })),
      });
      expect(roll.status, JSON.stringify(roll.body)).toBe(200);
    });

    it('starts from the roll call: the eleven who attended, with their minutes', async () => {
      const opened = await clinician.send<GroupNote>('POST', `/api/v1/sessions/${occurrenceKey}/group-note`);
      expect(opened.status, JSON.stringify(opened.body)).toBe(200);
      group = opened.body;
      expect(group.attendees).toHaveLength(11);
      expect(group.attendees.map((a) => a.patientId)).not.toContain(attendees[11]?.id);
      expect(group.attendees.find((a) => a.patientId === attendees[0]?.id)?.minutes).toBe(60);
      expect(group.attendees.find((a) => a.patientId === attendees[1]?.id)?.minutes).toBe(90);
      // Opening again returns the same draft; another clinician may not take it over.
      const again = await clinician.send<GroupNote>('POST', `/api/v1/sessions/${occurrenceKey}/group-note`);
      expect(again.body.id).toBe(group.id);
      expect((await trainee.get(`/api/v1/group-notes/${group.id}`)).status).toBe(404);
    });

    it('warns when the narrative names an attendee and signs only once confirmed or fixed', async () => {
      const named = attendees[3];
      const saved = await clinician.send<GroupNote>('PUT', `/api/v1/group-notes/${group.id}`, {
        version: group.version,
        narrative: `Topic: high-risk weekends. ${'MemberDname'} opened the discussion.`,
        attendees: group.attendees.map((a, i) => ({
          patientId: a.patientId,
          section: `Participation of attendee ${i + 1}: SECTION-${a.patientId}`,
        })),
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect(saved.body.namedInNarrative).toEqual([named?.id]);
      const refused = await clinician.send<Problem>('POST', `/api/v1/group-notes/${group.id}/sign`, {
        version: saved.body.version,
        proof: proof(clinician),
      });
      expect(refused.status).toBe(400);
      expect(refused.body.fields?.[0]?.field).toBe('/narrative');
      const fixed = await clinician.send<GroupNote>('PUT', `/api/v1/group-notes/${group.id}`, {
        version: saved.body.version,
        narrative: 'Topic: high-risk weekends. Members mapped triggers and rehearsed refusal skills.',
      });
      expect(fixed.body.namedInNarrative).toEqual([]);
      group = fixed.body;
    });

    it('signs once into eleven charts, each holding the narrative and only its own section', async () => {
      const signed = await clinician.send<GroupNote>('POST', `/api/v1/group-notes/${group.id}/sign`, {
        version: group.version,
        proof: proof(clinician),
      });
      expect(signed.status, JSON.stringify(signed.body)).toBe(200);
      expect(signed.body.status).toBe('signed');
      expect(signed.body.noteIds).toHaveLength(11);
      const present = attendees.slice(0, 11);
      for (const attendee of present) {
        const list = await clinician.get<NotePage>(`/api/v1/patients/${attendee.id}/notes?type=group`);
        expect(list.body.items).toHaveLength(1);
        const copy = await clinician.get<Note>(`/api/v1/notes/${list.body.items[0]?.id ?? ''}`);
        expect(copy.body).toMatchObject({
          status: 'signed',
          noteType: 'group',
          title: 'Relapse prevention group',
          patientId: attendee.id,
        });
        expect(copy.body.body.narrative).toBe(
          'Topic: high-risk weekends. Members mapped triggers and rehearsed refusal skills.',
        );
        expect(copy.body.body.individual).toContain(`SECTION-${attendee.id}`);
        const rendered = JSON.stringify(copy.body);
        for (const other of attendees.filter((p) => p.id !== attendee.id)) {
          expect(rendered).not.toContain(other.id);
          expect(rendered).not.toContain(`SECTION-${other.id}`);
          const name = (
            await db()
              .selectFrom('patients')
              .select('first_name')
              .where('id', '=', other.id)
              .executeTakeFirstOrThrow()
          ).first_name;
          expect(rendered).not.toContain(name);
        }
      }
      const absentList = await clinician.get<NotePage>(
        `/api/v1/patients/${attendees[11]?.id ?? ''}/notes?type=group`,
      );
      expect(absentList.body.items).toHaveLength(0);
      const resign = await clinician.send<Problem>('PUT', `/api/v1/group-notes/${group.id}`, {
        version: signed.body.version,
        narrative: 'x',
      });
      expect(resign.status).toBe(400);
      await expect(
        sql`update group_notes set narrative = 'x' where id = ${group.id}`.execute(db()),
      ).rejects.toThrow(/signed rows/);
    });
  });

  describe('process notes', () => {
    it('are their author’s alone and never in the chart', async () => {
      const created = await clinician.send<ProcessNote>(
        'POST',
        `/api/v1/patients/${patient.id}/process-notes`,
        {
          serviceDate: TODAY,
          body: 'Countertransference: notice my frustration when he minimises.',
        },
      );
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const mine = await clinician.get<ProcessNoteList>(`/api/v1/patients/${patient.id}/process-notes`);
      expect(mine.body.items.map((n) => n.id)).toEqual([created.body.id]);
      const theirs = await supervisor.get<ProcessNoteList>(`/api/v1/patients/${patient.id}/process-notes`);
      expect(theirs.body.items).toEqual([]);
      const edit = await supervisor.send<Problem>('PUT', `/api/v1/process-notes/${created.body.id}`, {
        version: 1,
        body: 'x',
      });
      expect(edit.status).toBe(404);
      const chart = await clinician.get<NotePage>(`/api/v1/patients/${patient.id}/notes`);
      expect(JSON.stringify(chart.body)).not.toContain('Countertransference');
      const saved = await clinician.send<ProcessNote>('PUT', `/api/v1/process-notes/${created.body.id}`, {
        version: 1,
        body: 'Revised.',
      });
      expect(saved.body.version).toBe(2);
    });
  });

  describe('late notes', () => {
    it('lists drafts past due for their author, the supervisor and the director', async () => {
      const note = await startDap(trainee);
      await db()
        .updateTable('clinical_notes')
        .set({ due_at: '2026-11-23T15:00:00.000Z' })
        .where('id', '=', note.id)
        .execute();
      for (const client of [trainee, supervisor, await server.signIn('program_director')]) {
        const report = await client.get<LateNotePage>('/api/v1/reports/late-notes');
        expect(report.status).toBe(200);
        expect(report.body.items.map((i) => i.id)).toContain(note.id);
        expect(report.body.items.find((i) => i.id === note.id)).toMatchObject({
          kind: 'note',
          noteType: 'individual',
          serviceDate: TODAY,
          hoursOverdue: 24,
          patient: { id: patient.id },
        });
      }
      const mine = await clinician.get<LateNotePage>('/api/v1/reports/late-notes');
      expect(mine.body.items.map((i) => i.id)).not.toContain(note.id);
      expect((await frontDesk.get('/api/v1/reports/late-notes')).status).toBe(403);
      const list = await trainee.get<NotePage>(`/api/v1/patients/${patient.id}/notes?status=draft`);
      expect(list.body.items.find((n) => n.id === note.id)?.late).toBe(true);
    });
  });

  describe('note templates', () => {
    it('are edited by the clinic; new notes follow, old notes keep their sections', async () => {
      const director = await server.signIn('program_director');
      const before = await startDap();
      const written = await clinician.send<Note>('PUT', `/api/v1/notes/${before.id}`, {
        version: 1,
        sections: { plan: 'Written before the edit' },
      });
      expect(written.status).toBe(200);
      const list = await clinician.get<{
        items: { key: string; version: number; sections: { key: string }[] }[];
      }>('/api/v1/note-templates');
      expect(list.body.items.find((t) => t.key === 'dap')).toMatchObject({ version: 0 });
      const edit = {
        version: 0,
        name: 'Individual — DAP with risk',
        sections: [
          { key: 'data', label: 'Data', hint: 'What happened' },
          { key: 'assessment', label: 'Assessment', hint: '' },
          { key: 'risk', label: 'Risk review', hint: 'Suicide, overdose and relapse risk today' },
        ],
      };
      expect((await clinician.send<Problem>('PUT', '/api/v1/note-templates/dap', edit)).status).toBe(403);
      const bad = await director.send<Problem>('PUT', '/api/v1/note-templates/dap', {
        ...edit,
        sections: [...edit.sections, { key: 'data', label: '', hint: '' }],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.fields?.map((f) => f.field)).toEqual(['/sections/3/key', '/sections/3/label']);
      const saved = await director.send<{ version: number; name: string }>(
        'PUT',
        '/api/v1/note-templates/dap',
        edit,
      );
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect(saved.body).toMatchObject({ version: 1, name: 'Individual — DAP with risk' });
      expect((await director.send<Problem>('PUT', '/api/v1/note-templates/dap', edit)).status).toBe(409);

      const after = await startDap();
      expect(after.sections.map((x) => x.key)).toEqual(['data', 'assessment', 'risk']);
      // The draft started before keeps its plan section, and may still save it.
      const saveOld = await clinician.send<Note>('PUT', `/api/v1/notes/${before.id}`, {
        version: 2,
        sections: { plan: 'Still mine' },
      });
      expect(saveOld.status, JSON.stringify(saveOld.body)).toBe(200);
      expect(saveOld.body.sections.map((x) => x.key)).toEqual(['data', 'assessment', 'risk', 'plan']);
      expect(saveOld.body.body.plan).toBe('Still mine');
    });
  });
});
