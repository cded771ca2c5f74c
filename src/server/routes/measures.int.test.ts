import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, Task } from '../../core/api/alerts.js';
import type {
  AdministeredMeasure,
  Instrument,
  MeasureResponse,
  MeasureSchedule,
  MeasuresDue,
  MeasureTrend,
  SafetyAssessment,
  ScoreResult,
} from '../../core/api/measures.js';
import { BUILT_IN_INSTRUMENTS, scoreInstrument } from '../../core/measures/index.js';
import { addDays, DEFAULT_MEASURE_SCHEDULE } from '../../core/measures/due.js';
import { TEST_DIALECTS } from '../../db/testing/testDatabases.js';
import { MEASURE_WORSENING_ALERT_KIND, recordMeasureResponse } from '../services/measures.js';
import { type PatientFixture, RouteFixtures } from '../testing/routeTable.js';
import { type TestClient, type TestServer, startTestServer } from '../testing/testServer.js';

interface Problem {
  code: string;
  detail: string;
  fields?: { field: string; message: string }[];
}

/** PHQ-9 answers adding up to `total` over items 1–8, with item 9 answered `item9`. */
const phq9 = (total: number, item9 = 0): number[] => {
  const answers = Array.from({ length: 8 }, (_, i) => Math.max(0, Math.min(3, total - 3 * i)));
  return [...answers, item9];
};
/** GAD-7 answers adding up to `total`. */
const gad7 = (total: number): number[] =>
  Array.from({ length: 7 }, (_, i) => Math.max(0, Math.min(3, total - 3 * i)));

describe.each(TEST_DIALECTS)('measures over HTTP on %s', (dialect) => {
  let server: TestServer;
  let fx: RouteFixtures;
  let clinician: TestClient;
  let supervisor: TestClient;
  let director: TestClient;
  let frontDesk: TestClient;
  let caseManager: TestClient;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    fx = await RouteFixtures.create(server);
    clinician = await server.signIn('clinician');
    supervisor = await server.signIn('clinical_supervisor');
    director = await server.signIn('program_director');
    frontDesk = await server.signIn('front_desk');
    caseManager = await server.signIn('case_manager');
  });
  afterAll(async () => {
    await server?.close();
  });

  const db = () => server.db.kysely;

  /** An active patient on the demo clinician's caseload, the clinician also the chart's primary clinician. */
  const newPatient = async (
    options: { siteId?: string; primary?: boolean; sexAtBirth?: string | null } = {},
  ): Promise<PatientFixture> => {
    const patient = await fx.createPatient({
      siteId: options.siteId ?? fx.firstSiteId,
      status: 'active',
      caseload: [{ userId: clinician.userId, kind: 'primary_clinician' }],
      openEpisode: true,
    });
    await db()
      .updateTable('patients')
      .set({
        primary_clinician_id: options.primary === false ? null : clinician.userId,
        sex_at_birth: options.sexAtBirth ?? null,
      })
      .where('id', '=', patient.id)
      .execute();
    return patient;
  };

  const give = (client: TestClient, patientId: string, body: Record<string, unknown>) =>
    client.send<AdministeredMeasure & Problem>('POST', `/api/v1/patients/${patientId}/measures`, body);

  const count = async (table: 'measure_responses' | 'alerts' | 'tasks', patientId: string) => {
    const row = await db()
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('patient_id', '=', patientId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  const auditActions = async (patientId: string, actorId: string): Promise<string[]> => {
    const rows = await db()
      .selectFrom('audit_events')
      .select('action')
      .where('actor_user_id', '=', actorId)
      .where('patient_ids', 'like', `%${patientId}%`)
      .orderBy('seq')
      .execute();
    return rows.map((r) => r.action);
  };

  describe('instruments and scoring without storing', () => {
    it('lists every built-in instrument with its items and answer options', async () => {
      const list = await frontDesk.get<Instrument[]>('/api/v1/instruments');
      expect(list.status).toBe(200);
      expect(list.body.map((i) => i.code)).toEqual([
        'phq9',
        'gad7',
        'audit',
        'audit-c',
        'dast10',
        'bam',
        'ciwa-ar',
        'cows',
        'craving',
        'readiness',
      ]);
      const phq = list.body.find((i) => i.code === 'phq9');
      expect(phq?.items).toHaveLength(9);
      expect(phq?.items[8]?.options.map((o) => o.value)).toEqual([0, 1, 2, 3]);
      expect(phq).toMatchObject({ loincTotal: '44261-6', totalRange: { min: 0, max: 27 }, needsSex: false });
      expect(phq?.flags).toEqual([expect.objectContaining({ key: 'suicide-risk', severity: 'urgent' })]);
      expect(list.body.find((i) => i.code === 'audit-c')?.needsSex).toBe(true);
      expect(list.body.find((i) => i.code === 'bam')).toMatchObject({ totalRange: null, bands: [] });
      expect(list.body.find((i) => i.code === 'dast10')?.items[2]?.reverseScored).toBe(true);
    });

    it('scores several instruments by their published rules', async () => {
      const score = (code: string, body: unknown) =>
        clinician.send<ScoreResult & Problem>('POST', `/api/v1/instruments/${code}/score`, body);

      const phq = await score('phq9', { answers: [3, 3, 2, 2, 1, 1, 0, 0, 1] });
      expect(phq.status).toBe(200);
      expect(phq.body).toEqual({
        total: 13,
        band: { key: 'moderate', label: 'Moderate' },
        flags: [expect.objectContaining({ key: 'suicide-risk', severity: 'urgent' })],
      });
      expect((await score('gad7', { answers: [3, 3, 3, 3, 3, 0, 0] })).body).toMatchObject({
        total: 15,
        band: { key: 'severe' },
        flags: [],
      });
      // AUDIT items 9 and 10 score 0, 2 or 4.
      expect((await score('audit', { answers: [4, 4, 4, 4, 4, 4, 4, 4, 4, 4] })).body).toMatchObject({
        total: 40,
        band: { key: 'zone-4' },
      });
      // DAST-10 item 3 ("able to stop") is reverse-scored: yes (1) scores 0.
      expect((await score('dast10', { answers: [1, 0, 1, 0, 0, 0, 0, 0, 0, 0] })).body).toMatchObject({
        total: 1,
        band: { key: 'low' },
      });
      const bam = await score('bam', { answers: [2, 1, 1, 0, 0, 3, 3, 2, 4, 2, 1, 3, 4, 4, 1, 4, 3] });
      expect(bam.body.total).toBeUndefined();
      expect(bam.body.subscales).toEqual({ use: 3, risk: 8, protective: 21 });
      expect(bam.body.flags.map((f) => f.key)).toEqual(['recent-use']);
      expect((await score('craving', { answers: [9] })).body.flags.map((f) => f.key)).toEqual([
        'strong-craving',
      ]);
      // AUDIT-C's cut-off depends on sex: 3 is positive for a woman, negative for a man.
      expect((await score('audit-c', { answers: [1, 1, 1], sex: 'female' })).body.band?.key).toBe('positive');
      expect((await score('audit-c', { answers: [1, 1, 1], sex: 'male' })).body.band?.key).toBe('negative');
    });

    it('refuses a wrong length, a value the item does not allow and a missing sex with 400 naming the item', async () => {
      const score = (code: string, body: unknown) =>
        frontDesk.send<Problem>('POST', `/api/v1/instruments/${code}/score`, body);
      const short = await score('phq9', { answers: [0, 1, 2] });
      expect(short.status).toBe(400);
      expect(short.body.fields).toEqual([
        { field: '/answers', message: 'PHQ-9 has 9 items, so it takes 9 answers; 3 were given.' },
      ]);
      const odd = await score('audit', { answers: [0, 0, 0, 0, 0, 0, 0, 0, 1, 0] });
      expect(odd.status).toBe(400);
      expect(odd.body.fields).toEqual([{ field: '/answers/8', message: 'Item 9 of AUDIT takes 0, 2 or 4.' }]);
      expect(odd.body.detail).toBe('Item 9 of AUDIT takes 0, 2 or 4.');
      const two = await score('phq9', { answers: [0, 4, 0, 0, 0, 0, 1.5, 0, 0] });
      expect(two.body.fields?.map((f) => f.field)).toEqual(['/answers/1', '/answers/6']);
      const noSex = await score('audit-c', { answers: [1, 1, 1] });
      expect(noSex.status).toBe(400);
      expect(noSex.body.fields?.map((f) => f.field)).toEqual(['/sex']);
      const unknown = await score('phq10', { answers: [0] });
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('NOT_FOUND');
    });
  });

  describe('giving a measure', () => {
    it('stores item by item with version and giver, and PHQ-9 item 9 > 0 raises the urgent alert to the clinician and a task for the supervisor', async () => {
      const patient = await newPatient();
      const stored = await give(clinician, patient.id, { instrument: 'phq9', answers: phq9(11, 1) });
      expect(stored.status, JSON.stringify(stored.body)).toBe(201);
      const { response, alertsRaised, tasksCreated } = stored.body;
      expect(response).toMatchObject({
        patientId: patient.id,
        instrument: 'phq9',
        instrumentVersion: '1',
        total: 12,
        band: { key: 'moderate', label: 'Moderate' },
        source: 'staff',
        administeredBy: { id: clinician.userId },
        flags: [expect.objectContaining({ key: 'suicide-risk' })],
      });
      expect(response.items).toHaveLength(9);
      expect(response.items[8]).toEqual({ number: 9, answer: 1, score: 1 });
      expect(alertsRaised).toEqual([
        expect.objectContaining({
          kind: 'safety',
          severity: 'urgent',
          recipient: expect.objectContaining({ id: clinician.userId }) as unknown,
        }),
      ]);
      expect(tasksCreated).toEqual([
        expect.objectContaining({ owner: expect.objectContaining({ id: supervisor.userId }) as unknown }),
      ]);

      const [alert] = alertsRaised;
      const row = await db()
        .selectFrom('alerts')
        .selectAll()
        .where('id', '=', alert?.id ?? '')
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        patient_id: patient.id,
        kind: 'safety',
        severity: 'urgent',
        status: 'open',
        source_type: 'measure_response',
        source_id: response.id,
        recipient_user_id: clinician.userId,
      });
      const items = await db()
        .selectFrom('measure_response_items')
        .selectAll()
        .where('response_id', '=', response.id)
        .orderBy('item_number')
        .execute();
      expect(items.map((i) => i.answer)).toEqual(phq9(11, 1));

      // Both people see it: the clinician in the inbox, the supervisor on the worklist.
      const inbox = await clinician.get<Alert[]>('/api/v1/alerts');
      expect(inbox.body.map((a) => a.id)).toContain(alert?.id);
      const worklist = await supervisor.get<Task[]>('/api/v1/tasks');
      const task = worklist.body.find((t) => t.sourceId === alert?.id);
      expect(task).toMatchObject({ patientId: patient.id, sourceType: 'alert', status: 'open' });
      expect(task?.dueAt).toBe(row.escalate_at);

      expect(await auditActions(patient.id, clinician.userId)).toEqual(
        expect.arrayContaining(['measure.administer', 'alert.raise', 'task.create']),
      );
      const raiseAudit = await db()
        .selectFrom('audit_events')
        .select(['request_id'])
        .where('action', 'in', ['measure.administer', 'alert.raise', 'task.create'])
        .where('patient_ids', 'like', `%${patient.id}%`)
        .execute();
      expect(new Set(raiseAudit.map((r) => r.request_id)).size).toBe(1);
    });

    it('stores nothing, alert included, when the transaction fails after the alert or before it', async () => {
      // A failure after the alert: the store and the alert roll back together.
      const patient = await newPatient();
      const def = BUILT_IN_INSTRUMENTS.phq9;
      const answers = phq9(14, 2);
      const failure = new Error('a later step of the same transaction failed');
      await expect(
        db()
          .transaction()
          .execute(async (trx) => {
            const recorded = await recordMeasureResponse(
              trx,
              server.deps,
              {
                patientId: patient.id,
                def,
                answers,
                score: scoreInstrument(def, { answers }),
                sex: null,
                source: 'staff',
                administeredAt: server.clock.now(),
                administeredBy: clinician.userId,
                actor: { userId: clinician.userId, role: 'clinician' },
              },
              server.clock.now(),
            );
            expect(recorded.alerts.map((a) => a.kind)).toEqual(['safety']);
            throw failure;
          }),
      ).rejects.toBe(failure);
      expect(await count('measure_responses', patient.id)).toBe(0);
      expect(await count('alerts', patient.id)).toBe(0);
      expect(await count('tasks', patient.id)).toBe(0);

      // Over HTTP: when the urgent alert cannot reach anyone, the response stored before it is refused too.
      const orphan = await newPatient({ siteId: fx.outsideSiteId, primary: false });
      const admins = await db()
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'admin')
        .where('active', '=', 1)
        .execute();
      await db()
        .updateTable('users')
        .set({ active: 0 })
        .where(
          'id',
          'in',
          admins.map((a) => a.id),
        )
        .execute();
      try {
        const refused = await give(clinician, orphan.id, { instrument: 'phq9', answers });
        expect(refused.status, JSON.stringify(refused.body)).toBe(400);
        expect(refused.body.code).toBe('INVALID_STATE');
        expect(refused.body.detail).toMatch(/No one can receive this alert/);
      } finally {
        await db()
          .updateTable('users')
          .set({ active: 1 })
          .where(
            'id',
            'in',
            admins.map((a) => a.id),
          )
          .execute();
      }
      expect(await count('measure_responses', orphan.id)).toBe(0);
      expect(await count('alerts', orphan.id)).toBe(0);
      // Without the safety item, the same patient's measure is stored (nobody needs alerting).
      expect((await give(clinician, orphan.id, { instrument: 'phq9', answers: phq9(14) })).status).toBe(201);
    });

    it('raises a review alert for a reliable worsening (SPEC §4 thresholds) and nothing for smaller moves', async () => {
      const patient = await newPatient();
      // Each a few minutes after the one before, ending now.
      let minutesAgo = 60;
      const next = () => {
        minutesAgo -= 5;
        return new Date(server.clock.now().getTime() - minutesAgo * 60_000).toISOString();
      };
      const phq = async (total: number) => {
        const stored = await give(clinician, patient.id, {
          instrument: 'phq9',
          answers: phq9(total),
          administeredAt: next(),
        });
        expect(stored.status, JSON.stringify(stored.body)).toBe(201);
        expect(stored.body.response.total).toBe(total);
        return stored.body.alertsRaised;
      };
      expect(await phq(3)).toEqual([]); // the first has nothing to compare with
      expect(await phq(8)).toEqual([]); // +5, minimal → mild
      const worse = await phq(14); // +6 and into moderate
      expect(worse).toEqual([
        expect.objectContaining({ kind: MEASURE_WORSENING_ALERT_KIND, severity: 'normal' }),
      ]);
      expect(await phq(19)).toEqual([]); // +5 within moderate and worse: not reliable
      expect(await phq(13)).toEqual([]); // better
      expect(await phq(20)).toEqual([
        expect.objectContaining({ kind: MEASURE_WORSENING_ALERT_KIND, severity: 'high' }),
      ]); // +7 into severe
      const row = await db()
        .selectFrom('alerts')
        .select(['detail', 'source_type'])
        .where('id', '=', worse[0]?.id ?? '')
        .executeTakeFirstOrThrow();
      expect(row.detail).toMatch(/PHQ-9 rose 6 points \(8 → 14\)/);
      expect(row.source_type).toBe('measure_response');

      const gad = async (total: number) =>
        (
          await give(clinician, patient.id, {
            instrument: 'gad7',
            answers: gad7(total),
            administeredAt: next(),
          })
        ).body.alertsRaised;
      expect(await gad(2)).toEqual([]);
      expect(await gad(5)).toEqual([]); // +3
      expect(await gad(9)).toEqual([expect.objectContaining({ kind: MEASURE_WORSENING_ALERT_KIND })]); // +4
    });

    it('compares a back-entered measure with the one before it in time', async () => {
      const patient = await newPatient();
      const now = server.clock.now().getTime();
      const at = (daysAgo: number) => new Date(now - daysAgo * 86_400_000).toISOString();
      await give(clinician, patient.id, { instrument: 'phq9', answers: phq9(18), administeredAt: at(1) });
      const older = await give(clinician, patient.id, {
        instrument: 'phq9',
        answers: phq9(4),
        administeredAt: at(20),
      });
      expect(older.body.alertsRaised).toEqual([]);
      const middle = await give(clinician, patient.id, {
        instrument: 'phq9',
        answers: phq9(11),
        administeredAt: at(10),
      });
      expect(middle.body.alertsRaised.map((a) => a.kind)).toEqual([MEASURE_WORSENING_ALERT_KIND]);
    });

    it('uses the chart’s sex for AUDIT-C and refuses bad input with named fields, storing nothing', async () => {
      const woman = await newPatient({ sexAtBirth: 'female' });
      const stored = await give(clinician, woman.id, { instrument: 'audit-c', answers: [1, 1, 1] });
      expect(stored.status).toBe(201);
      expect(stored.body.response).toMatchObject({ total: 3, band: { key: 'positive' }, sex: 'female' });

      const patient = await newPatient({ sexAtBirth: 'intersex' });
      const refusals: [Record<string, unknown>, string[]][] = [
        [{ instrument: 'audit-c', answers: [1, 1, 1] }, ['/sex']],
        [{ instrument: 'phq-9', answers: phq9(3) }, ['/instrument']],
        [{ instrument: 'phq9', answers: [...phq9(3), 0] }, ['/answers']],
        [{ instrument: 'phq9', answers: phq9(3, 4) }, ['/answers/8']],
        [
          {
            instrument: 'phq9',
            answers: phq9(3),
            administeredAt: new Date(server.clock.now().getTime() + 3_600_000).toISOString(),
          },
          ['/administeredAt'],
        ],
        [
          { instrument: 'phq9', answers: phq9(3), administeredAt: '2020-01-01T00:00:00.000Z' },
          ['/administeredAt'],
        ],
        [{ instrument: 'phq9' }, ['/answers']],
        [{ instrument: 'phq9', answers: phq9(3), extra: true }, ['/extra']],
      ];
      for (const [body, fields] of refusals) {
        const refused = await give(clinician, patient.id, body);
        expect(refused.status, JSON.stringify(body)).toBe(400);
        expect(refused.body.code).toBe('VALIDATION_FAILED');
        expect(refused.body.fields?.map((f) => f.field)).toEqual(fields);
      }
      expect(await count('measure_responses', patient.id)).toBe(0);
      expect(await count('alerts', patient.id)).toBe(0);
    });

    it('refuses roles and strangers the policy refuses, audited', async () => {
      const patient = await newPatient();
      const before = await count('measure_responses', patient.id);
      const cm = await give(caseManager, patient.id, { instrument: 'phq9', answers: phq9(3, 1) });
      expect(cm.status).toBe(404); // not on the case manager's caseload
      const desk = await give(frontDesk, patient.id, { instrument: 'phq9', answers: phq9(3, 1) });
      expect(desk.status).toBe(403);
      expect(await count('measure_responses', patient.id)).toBe(before);
      expect(await count('alerts', patient.id)).toBe(0);
      expect(await auditActions(patient.id, frontDesk.userId)).toEqual(['access.denied']);
    });
  });

  describe('reading measures', () => {
    it('lists newest first, filters by instrument, charts a trend with bands, and audits each read', async () => {
      const patient = await newPatient();
      const now = server.clock.now().getTime();
      for (const [daysAgo, total] of [
        [42, 16],
        [28, 12],
        [14, 9],
        [0, 5],
      ] as const) {
        const at = new Date(now - daysAgo * 86_400_000).toISOString();
        expect(
          (
            await give(clinician, patient.id, {
              instrument: 'phq9',
              answers: phq9(total),
              administeredAt: at,
            })
          ).status,
        ).toBe(201);
      }
      await give(clinician, patient.id, { instrument: 'gad7', answers: gad7(6) });

      const all = await supervisor.get<MeasureResponse[]>(`/api/v1/patients/${patient.id}/measures`);
      expect(all.status).toBe(200);
      expect(all.body).toHaveLength(5);
      const phqOnly = await supervisor.get<MeasureResponse[]>(
        `/api/v1/patients/${patient.id}/measures?instrument=phq9`,
      );
      expect(phqOnly.body.map((r) => r.total)).toEqual([5, 9, 12, 16]);
      expect(phqOnly.body[0]?.items).toHaveLength(9);
      const limited = await supervisor.get<MeasureResponse[]>(
        `/api/v1/patients/${patient.id}/measures?limit=2`,
      );
      expect(limited.body).toHaveLength(2);

      const trend = await supervisor.get<MeasureTrend>(
        `/api/v1/patients/${patient.id}/measures/trend?instrument=phq9`,
      );
      expect(trend.status).toBe(200);
      expect(trend.body.points.map((p) => p.total)).toEqual([16, 12, 9, 5]);
      expect(trend.body.points.map((p) => p.band?.key)).toEqual([
        'moderately-severe',
        'moderate',
        'mild',
        'mild',
      ]);
      expect(trend.body.totalRange).toEqual({ min: 0, max: 27 });
      expect(trend.body.bands.map((b) => [b.min, b.max])).toEqual([
        [0, 4],
        [5, 9],
        [10, 14],
        [15, 19],
        [20, 27],
      ]);
      const bad = await supervisor.get<Problem>(
        `/api/v1/patients/${patient.id}/measures/trend?instrument=phq10`,
      );
      expect(bad.status).toBe(400);
      expect(bad.body.fields?.map((f) => f.field)).toEqual(['/instrument']);

      expect(await auditActions(patient.id, supervisor.userId)).toEqual([
        'measure.list',
        'measure.list',
        'measure.list',
        'measure.trend',
      ]);
      expect((await frontDesk.get<Problem>(`/api/v1/patients/${patient.id}/measures`)).status).toBe(403);
    });

    it('marks measures due from the program schedule of the current segment', async () => {
      const patient = await newPatient();
      const today = await fx.todayAt(fx.firstSiteId);
      const startOn = addDays(today, -10);
      const due = await clinician.get<MeasuresDue>(`/api/v1/patients/${patient.id}/measures/due`);
      expect(due.status).toBe(200);
      expect(due.body).toMatchObject({ segmentStartOn: startOn, today, program: { id: patient.programId } });
      expect(due.body.items.map((i) => [i.instrument, i.status, i.dueOn])).toEqual([
        ['gad7', 'overdue', startOn],
        ['phq9', 'overdue', startOn],
        ['bam', 'upcoming', addDays(startOn, 30)],
      ]);
      await give(clinician, patient.id, { instrument: 'phq9', answers: phq9(6) });
      const after = await clinician.get<MeasuresDue>(`/api/v1/patients/${patient.id}/measures/due`);
      expect(after.body.items.find((i) => i.instrument === 'phq9')).toMatchObject({
        status: 'upcoming',
        dueOn: addDays(today, 14),
        lastGivenOn: today,
      });
      expect(await auditActions(patient.id, clinician.userId)).toContain('measure.due');

      const intake = await fx.createPatient({
        siteId: fx.firstSiteId,
        status: 'intake',
        caseload: [{ userId: clinician.userId, kind: 'primary_clinician' }],
        openEpisode: false,
      });
      const none = await clinician.get<MeasuresDue>(`/api/v1/patients/${intake.id}/measures/due`);
      expect(none.body).toMatchObject({ program: null, segmentStartOn: null, items: [] });
    });
  });

  describe('program measure schedules', () => {
    it('lets a program director replace a schedule with the revision they read; a stale revision is 409', async () => {
      const programId = await fx.createProgram(fx.firstSiteId);
      const url = `/api/v1/programs/${programId}/measure-schedule`;
      const empty = await director.get<MeasureSchedule>(url);
      expect(empty.status).toBe(200);
      expect(empty.body.entries).toEqual([]);

      const entries = [
        { instrument: 'phq9', atAdmission: true, everyDays: 7 },
        { instrument: 'audit', atAdmission: true, everyDays: null },
      ];
      const saved = await director.send<MeasureSchedule>('PUT', url, {
        revision: empty.body.revision,
        entries,
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect(saved.body.entries.map((e) => e.instrument)).toEqual(['audit', 'phq9']);
      expect(saved.body.revision).not.toBe(empty.body.revision);

      const stale = await director.send<Problem>('PUT', url, {
        revision: empty.body.revision,
        entries: DEFAULT_MEASURE_SCHEDULE,
      });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('STALE_VERSION');

      const bad = await director.send<Problem>('PUT', url, {
        revision: saved.body.revision,
        entries: [
          { instrument: 'phq-9', atAdmission: true, everyDays: 14 },
          { instrument: 'gad7', atAdmission: false, everyDays: null },
        ],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.fields?.map((f) => f.field)).toEqual(['/entries/0/instrument', '/entries/1/everyDays']);
      expect((await director.get<MeasureSchedule>(url)).body.revision).toBe(saved.body.revision);

      expect(
        (await clinician.send<Problem>('PUT', url, { revision: saved.body.revision, entries: [] })).status,
      ).toBe(403);
      expect((await clinician.get<Problem>(url)).status).toBe(403);
      const audit = await db()
        .selectFrom('audit_events')
        .select(['action', 'record_id'])
        .where('action', '=', 'measureSchedule.update')
        .where('record_id', '=', programId)
        .execute();
      expect(audit).toHaveLength(1);

      // The due list follows the new schedule for a patient in that program.
      const patient = await newPatient();
      await db()
        .updateTable('enrolment_segments')
        .set({ program_id: programId })
        .where('patient_id', '=', patient.id)
        .execute();
      const due = await clinician.get<MeasuresDue>(`/api/v1/patients/${patient.id}/measures/due`);
      expect(due.body.items.map((i) => i.instrument)).toEqual(['audit', 'phq9']);
    });
  });

  describe('closing a safety alert', () => {
    it('refuses a resolution note and closes only with a documented assessment, in one transaction', async () => {
      const patient = await newPatient();
      const stored = await give(clinician, patient.id, { instrument: 'phq9', answers: phq9(9, 2) });
      const alertId = stored.body.alertsRaised[0]?.id ?? '';
      const note = await clinician.send<Problem>('POST', `/api/v1/alerts/${alertId}/resolve`, {
        version: 1,
        note: 'Talked with the patient; they are fine.',
      });
      expect(note.status).toBe(400);
      expect(note.body).toMatchObject({ code: 'INVALID_STATE' });
      expect(note.body.detail).toMatch(
        /suicide-risk assessment and safety plan, or a note of the emergency action taken/,
      );

      const url = `/api/v1/patients/${patient.id}/safety-assessments`;
      const incomplete = await clinician.send<Problem>('POST', url, {
        alertId,
        outcome: 'safety_plan',
        assessment: 'Passive thoughts, no plan or intent.',
      });
      expect(incomplete.status).toBe(400);
      expect(incomplete.body.fields?.map((f) => f.field)).toEqual(['/safetyPlan']);
      const other = await fx.createAlert(patient, clinician.userId, 'missed_sessions');
      const wrongKind = await clinician.send<Problem>('POST', url, {
        alertId: other.id,
        outcome: 'emergency_action',
        assessment: 'Active plan disclosed.',
        emergencyAction: 'Mobile crisis team called; patient accompanied to the emergency department.',
      });
      expect(wrongKind.status).toBe(400);
      expect(wrongKind.body.fields?.map((f) => f.field)).toEqual(['/alertId']);
      expect(
        (
          await frontDesk.send<Problem>('POST', url, {
            alertId,
            outcome: 'emergency_action',
            assessment: 'x',
            emergencyAction: 'y',
          })
        ).status,
      ).toBe(403);
      expect(
        await db()
          .selectFrom('safety_assessments')
          .select('id')
          .where('patient_id', '=', patient.id)
          .execute(),
      ).toEqual([]);
      expect(
        (await db().selectFrom('alerts').select('status').where('id', '=', alertId).executeTakeFirstOrThrow())
          .status,
      ).toBe('open');

      const documented = await clinician.send<SafetyAssessment>('POST', url, {
        alertId,
        outcome: 'emergency_action',
        riskLevel: 'imminent',
        assessment: 'Active plan with access to means disclosed during the check-in.',
        emergencyAction: 'Mobile crisis team called; patient accompanied to the emergency department.',
      });
      expect(documented.status, JSON.stringify(documented.body)).toBe(201);
      expect(documented.body).toMatchObject({
        alertId,
        outcome: 'emergency_action',
        riskLevel: 'imminent',
        safetyPlan: null,
        documentedBy: { id: clinician.userId },
      });
      const alert = await db()
        .selectFrom('alerts')
        .selectAll()
        .where('id', '=', alertId)
        .executeTakeFirstOrThrow();
      expect(alert).toMatchObject({ status: 'resolved', resolved_by: clinician.userId, escalate_at: null });
      expect(alert.resolution_note).toMatch(/safety assessment/);
      expect(alert.resolution_note).not.toMatch(/plan with access/);

      const again = await supervisor.send<Problem>('POST', url, {
        alertId,
        outcome: 'safety_plan',
        assessment: 'Follow-up the next day.',
        safetyPlan: 'Reviewed the plan made at the emergency department.',
      });
      expect(again.status).toBe(400);
      expect(again.body.code).toBe('INVALID_STATE');
      const list = await supervisor.get<SafetyAssessment[]>(url);
      expect(list.body.map((s) => s.id)).toEqual([documented.body.id]);
      expect(await auditActions(patient.id, clinician.userId)).toEqual(
        expect.arrayContaining(['access.denied', 'alert.resolve', 'safetyAssessment.create']),
      );
      expect(await auditActions(patient.id, supervisor.userId)).toContain('safetyAssessment.list');
      const resolveAudit = await db()
        .selectFrom('audit_events')
        .select('detail')
        .where('action', '=', 'alert.resolve')
        .where('record_id', '=', alertId)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(resolveAudit.detail ?? '{}')).toMatchObject({
        via: 'safety_assessment',
        safetyAssessmentId: documented.body.id,
      });
    });
  });
});
