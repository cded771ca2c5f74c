import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Today } from '../../core/api/home.js';
import type { TimelineEntry, TimelinePage } from '../../core/api/timeline.js';
import { addDays } from '../../core/schedule/localTime.js';
import {
  insertMeasure,
  insertNote,
  insertProcessNote,
  insertRelapsePlanVersion,
  insertScreen,
  insertSignedPlanVersion,
} from '../../db/seed/chartHistory.js';
import { TEST_DIALECTS } from '../../db/testing/testDatabases.js';
import { type PatientFixture, RouteFixtures } from '../testing/routeTable.js';
import { type TestServer, startTestServer } from '../testing/testServer.js';

interface Problem {
  code: string;
  fields?: { field: string }[];
}

const HOUR = 3_600_000;

describe.each(TEST_DIALECTS)('chart timeline and Today over HTTP on %s', (dialect) => {
  let server: TestServer;
  let fx: RouteFixtures;
  /** A fresh clinician, supervisor and colleague, so the demo's own records never mix in. */
  let clinicianId: string;
  let supervisorId: string;
  let colleagueId: string;
  let patient: PatientFixture;
  let today: string;
  const ids: Record<string, string> = {};

  const db = () => server.db.kysely;
  const nowIso = () => server.clock.now().toISOString();
  const ago = (hours: number) => new Date(server.clock.now().getTime() - hours * HOUR).toISOString();

  const staffAt = async (role: 'clinician' | 'clinical_supervisor', supervisor: string | null) => {
    const id = await fx.createUser({ role, active: true });
    await db().insertInto('user_sites').values({ user_id: id, site_id: fx.firstSiteId }).execute();
    await db()
      .insertInto('credentials')
      .values({
        user_id: id,
        licence_type: 'LCSW',
        licence_number: `L-${id.slice(0, 6)}`,
        licence_state: 'CT',
        licence_expires_on: '2030-01-01',
        npi: null,
        may_diagnose: 1,
        may_sign_placements: 1,
        needs_cosignature: supervisor ? 1 : 0,
        supervisor_id: supervisor,
        updated_at: nowIso(),
        version: 1,
      })
      .execute();
    return id;
  };

  const as = async (userId: string) => {
    const { cookie } = await fx.createSession(userId);
    return <T>(path: string) => server.request<T>('GET', path, { headers: { cookie } });
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    fx = await RouteFixtures.create(server);
    supervisorId = await staffAt('clinical_supervisor', null);
    clinicianId = await staffAt('clinician', supervisorId);
    colleagueId = await staffAt('clinician', supervisorId);
    patient = await fx.createPatient({
      siteId: fx.firstSiteId,
      status: 'active',
      caseload: [
        { userId: clinicianId, kind: 'primary_clinician' },
        { userId: fx.member('case_manager').userId, kind: 'case_manager' },
        { userId: fx.member('clinician').userId, kind: 'clinician' },
      ],
      openEpisode: true,
    });
    today = await fx.todayAt(fx.firstSiteId);
    const base = { patientId: patient.id, siteId: patient.siteId };
    ids.signedNote = await insertNote(db(), {
      ...base,
      authorUserId: clinicianId,
      serviceDate: addDays(today, -2),
      status: 'signed',
      title: 'Individual session — coping plan',
      cosignerUserId: supervisorId,
      at: ago(40),
    });
    ids.myDraft = await insertNote(db(), {
      ...base,
      authorUserId: clinicianId,
      serviceDate: addDays(today, -3),
      status: 'draft',
      title: 'Late draft',
      dueAt: ago(30),
      at: ago(60),
    });
    ids.othersDraft = await insertNote(db(), {
      ...base,
      authorUserId: colleagueId,
      serviceDate: addDays(today, -1),
      status: 'draft',
      title: 'Colleague draft',
      at: ago(20),
    });
    ids.processNote = await insertProcessNote(db(), {
      patientId: patient.id,
      authorUserId: clinicianId,
      serviceDate: addDays(today, -1),
      at: ago(20),
    });
    ids.measure = await insertMeasure(db(), {
      patientId: patient.id,
      administeredBy: clinicianId,
      total: 14,
      band: 'moderate',
      at: ago(5),
    });
    const wrongScreen = await insertScreen(db(), {
      patientId: patient.id,
      recordedBy: clinicianId,
      collectedOn: addDays(today, -4),
      at: ago(90),
    });
    ids.correctedScreen = wrongScreen;
    ids.screen = await insertScreen(db(), {
      patientId: patient.id,
      recordedBy: clinicianId,
      collectedOn: addDays(today, -4),
      at: ago(80),
      unexpectedPositives: ['FEN'],
      correctsId: wrongScreen,
    });
    ids.plan = await insertSignedPlanVersion(db(), {
      patientId: patient.id,
      episodeId: patient.episodeId ?? '',
      authorUserId: clinicianId,
      number: 1,
      at: ago(24 * 8),
      cosignerUserId: supervisorId,
    });
    ids.relapse = await insertRelapsePlanVersion(db(), {
      patientId: patient.id,
      savedBy: clinicianId,
      number: 1,
      at: ago(24 * 6),
    });
    ids.alert = (await fx.createAlert(patient, clinicianId)).id;
  });
  afterAll(async () => {
    await server?.close();
  });

  const timelineOf = async (userId: string, query = '') => {
    const get = await as(userId);
    return get<TimelinePage>(`/api/v1/patients/${patient.id}/timeline${query}`);
  };

  it('lists every kind newest first, without bodies, drafts of others or process notes', async () => {
    const response = await timelineOf(clinicianId);
    expect(response.status).toBe(200);
    const { items, excludedKinds, nextBefore } = response.body;
    expect(excludedKinds).toEqual([]);
    expect(nextBefore).toBeNull();
    const byId = new Map(items.map((e) => [e.id, e]));
    for (const key of ['signedNote', 'myDraft', 'measure', 'screen', 'plan', 'relapse', 'alert'])
      expect(byId.has(ids[key] ?? ''), key).toBe(true);
    expect(byId.has(ids.othersDraft ?? '')).toBe(false);
    expect(byId.has(ids.processNote ?? '')).toBe(false);
    expect(byId.has(ids.correctedScreen ?? '')).toBe(false);
    expect(items.some((e) => e.kind === 'admission')).toBe(true);
    const sorted = [...items].sort((a, b) =>
      a.sortAt === b.sortAt ? (a.id < b.id ? 1 : -1) : a.sortAt < b.sortAt ? 1 : -1,
    );
    expect(items.map((e) => e.id)).toEqual(sorted.map((e) => e.id));
    expect(byId.get(ids.myDraft ?? '')?.flags).toContain('draft');
    expect(byId.get(ids.signedNote ?? '')?.flags).toContain('awaiting_cosignature');
    expect(byId.get(ids.signedNote ?? '')?.link).toEqual({ tab: 'note', recordId: ids.signedNote });
    expect(byId.get(ids.screen ?? '')?.flags).toContain('needs_review');
    expect(byId.get(ids.screen ?? '')?.summary).toContain('Unexpected positive: FEN');
    expect(byId.get(ids.measure ?? '')?.score).toEqual({ total: 14, band: 'Moderate' });
    const note = byId.get(ids.signedNote ?? '') as TimelineEntry;
    expect(note.dated).toBe(true);
    expect(note.occurredAt).toBe(addDays(today, -2));
    expect(JSON.stringify(items)).not.toContain('Talked through the week');
    expect(JSON.stringify(items)).not.toContain('Private process note');
  });

  it('describes each kind from its own columns', async () => {
    const { items } = (await timelineOf(clinicianId)).body;
    const byId = new Map(items.map((e) => [e.id, e]));
    const textOf = (key: string) => {
      const found = byId.get(ids[key] ?? '');
      return found && { kind: found.kind, title: found.title, summary: found.summary, flags: found.flags };
    };
    expect(textOf('signedNote')).toMatchObject({
      kind: 'note',
      title: 'Individual session — coping plan',
      flags: ['awaiting_cosignature'],
    });
    expect(textOf('myDraft')?.summary).toMatch(/draft \(yours\)$/);
    expect(textOf('plan')).toMatchObject({ kind: 'treatment_plan', title: 'Treatment plan signed' });
    expect(textOf('plan')?.summary).toMatch(/^Version 1 · .+/);
    expect(textOf('relapse')).toMatchObject({
      kind: 'relapse_plan',
      title: 'Relapse prevention plan written',
    });
    expect(textOf('relapse')?.summary).toMatch(/^Version 1 · .+/);
    expect(textOf('alert')).toEqual({
      kind: 'alert',
      title: 'Missed two sessions in a row',
      summary: 'Normal alert · open',
      flags: ['open'],
    });
    expect(textOf('measure')?.kind).toBe('measure');
    expect(textOf('screen')?.kind).toBe('screen');
    const admission = items.find((e) => e.kind === 'admission');
    expect(admission?.title).toMatch(/^Admitted to /);
    expect(admission?.dated).toBe(true);
  });

  it('filters by kind', async () => {
    const response = await timelineOf(clinicianId, '?types=screen,measure');
    expect(response.status).toBe(200);
    expect(new Set(response.body.items.map((e) => e.kind))).toEqual(new Set(['screen', 'measure']));
  });

  it('pages by keyset cursor through every entry exactly once', async () => {
    const all = (await timelineOf(clinicianId)).body.items.map((e) => e.id);
    const seen: string[] = [];
    let before: string | null = null;
    for (let page = 0; page < 20; page += 1) {
      const query: string = `?limit=2${before ? `&before=${encodeURIComponent(before)}` : ''}`;
      const response = await timelineOf(clinicianId, query);
      expect(response.status).toBe(200);
      seen.push(...response.body.items.map((e) => e.id));
      before = response.body.nextBefore;
      if (!before) break;
    }
    expect(seen).toEqual(all);
  });

  it('refuses a malformed cursor, an unknown kind and a cursor for an impossible day', async () => {
    for (const query of [
      '?before=yesterday',
      '?types=process_note',
      `?before=2026-02-30T10:00:00.000Z_${randomUUID()}`,
    ]) {
      const response = await timelineOf(clinicianId, query);
      expect(response.status, query).toBe(400);
      expect((response.body as unknown as Problem).code).toBe('VALIDATION_FAILED');
    }
  });

  it('leaves out what a case manager may not read and says so; a biller sees only the episode', async () => {
    const caseManager = await timelineOf(fx.member('case_manager').userId);
    expect(caseManager.status).toBe(200);
    expect(caseManager.body.excludedKinds).toEqual([]);
    expect(caseManager.body.items.some((e) => e.id === ids.processNote)).toBe(false);
    expect(caseManager.body.items.some((e) => e.id === ids.myDraft)).toBe(false);

    const biller = await timelineOf(fx.member('biller').userId);
    expect(biller.status).toBe(200);
    expect(biller.body.excludedKinds).toEqual([
      'note',
      'measure',
      'screen',
      'treatment_plan',
      'relapse_plan',
      'alert',
    ]);
    expect(new Set(biller.body.items.map((e) => e.kind))).toEqual(new Set(['admission']));
  });

  it('refuses front desk (403) and an unrelated clinician (404), and audits one read per view', async () => {
    expect((await timelineOf(fx.member('front_desk').userId)).status).toBe(403);
    expect((await timelineOf(fx.bystanderId)).status).toBe(404);
    const before = await db()
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'timeline.read')
      .where('actor_user_id', '=', colleagueId)
      .execute();
    expect(before).toHaveLength(0);
    // The colleague has no relationship with the patient until a caseload assignment.
    await db()
      .insertInto('caseload_assignments')
      .values({
        id: randomUUID(),
        patient_id: patient.id,
        user_id: colleagueId,
        kind: 'clinician',
        assigned_at: nowIso(),
        assigned_by: fx.member('program_director').userId,
        ended_at: null,
      })
      .execute();
    const response = await timelineOf(colleagueId);
    expect(response.status).toBe(200);
    expect(response.body.items.some((e) => e.id === ids.othersDraft)).toBe(true);
    expect(response.body.items.some((e) => e.id === ids.myDraft)).toBe(false);
    await new Promise((r) => setTimeout(r, 50));
    const events = await db()
      .selectFrom('audit_events')
      .select(['patient_ids', 'record_id'])
      .where('action', '=', 'timeline.read')
      .where('actor_user_id', '=', colleagueId)
      .execute();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]?.patient_ids ?? '[]')).toEqual([patient.id]);
  });

  it("shows the clinician's day: the session, the late note, the due plan, the alert", async () => {
    const session = await fx.createSessionSeries(fx.firstSiteId, clinicianId);
    // Admitted ten days ago with no plan yet: the initial plan is overdue.
    const planless = await fx.createPatient({
      siteId: fx.firstSiteId,
      status: 'active',
      caseload: [{ userId: clinicianId, kind: 'clinician' }],
      openEpisode: true,
    });
    const get = await as(clinicianId);
    const response = await get<Today>('/api/v1/home/today');
    expect(response.status).toBe(200);
    const body = response.body;
    expect(body.date).toBe(today);
    const mine = body.sessions.find((s) => s.occurrenceKey === session.occurrenceKey);
    expect(mine).toMatchObject({
      title: 'Coping skills',
      rollCall: 'not_taken',
      note: { kind: 'group_note', status: 'none', id: null },
    });
    expect(body.notes.lateCount).toBe(1);
    expect(body.notes.items).toEqual([
      expect.objectContaining({
        kind: 'note',
        id: ids.myDraft,
        late: true,
        patient: expect.objectContaining({ id: patient.id }),
      }),
    ]);
    expect(body.plans.items).toEqual([
      expect.objectContaining({ patientId: planless.id, status: 'overdue', kind: 'initial' }),
    ]);
    expect(body.plans.overdueCount).toBe(1);
    expect(body.alerts.count).toBe(1);
    expect(body.alerts.items[0]).toMatchObject({ id: ids.alert, patient: { id: patient.id } });
    expect(body.tasks.count).toBe(0);
    expect(body.supervision).toBeNull();
  });

  it('marks a held roll call and its group note', async () => {
    const session = await fx.createSessionSeries(fx.firstSiteId, colleagueId);
    const rollCallId = randomUUID();
    const at = ago(1);
    await db()
      .insertInto('roll_calls')
      .values({
        id: rollCallId,
        occurrence_key: session.occurrenceKey,
        series_id: session.id,
        scheduled_date: today,
        local_date: today,
        status: 'held',
        cancellation_reason: null,
        actual_start_at: ago(6),
        actual_end_at: ago(5),
        leader_id: colleagueId,
        recorded_by: colleagueId,
        recorded_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
    const groupNoteId = randomUUID();
    await db()
      .insertInto('group_notes')
      .values({
        id: groupNoteId,
        site_id: fx.firstSiteId,
        roll_call_id: rollCallId,
        series_id: session.id,
        service_date: today,
        title: 'Coping skills',
        author_user_id: colleagueId,
        narrative: '',
        attendees: '[]',
        status: 'draft',
        signed_at: null,
        due_at: new Date(server.clock.now().getTime() + 20 * HOUR).toISOString(),
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
    const get = await as(colleagueId);
    const body = (await get<Today>('/api/v1/home/today')).body;
    expect(body.sessions.find((s) => s.occurrenceKey === session.occurrenceKey)).toMatchObject({
      rollCall: 'held',
      note: { kind: 'group_note', status: 'draft', id: groupNoteId },
    });
    expect(body.notes.items.find((n) => n.id === groupNoteId)).toMatchObject({
      kind: 'group_note',
      late: false,
    });
  });

  it("shows the supervisor's co-signature queue and who is behind", async () => {
    const get = await as(supervisorId);
    const response = await get<Today>('/api/v1/home/today');
    expect(response.status).toBe(200);
    const supervision = response.body.supervision;
    expect(supervision?.awaitingCosignature.notes.map((n) => n.id)).toEqual([ids.signedNote]);
    expect(supervision?.awaitingCosignature.plans.map((p) => p.versionId)).toEqual([ids.plan]);
    const behind = supervision?.overdueByClinician.find((r) => r.clinician.id === clinicianId);
    expect(behind).toMatchObject({ lateNotes: 1, overduePlans: 1 });
  });

  it('refuses Today to roles with their own pages', async () => {
    for (const role of ['front_desk', 'biller', 'admin', 'intake_coordinator'] as const) {
      const get = await as(fx.member(role).userId);
      expect((await get('/api/v1/home/today')).status, role).toBe(403);
    }
  });
});
