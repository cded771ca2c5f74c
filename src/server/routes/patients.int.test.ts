import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Episode, Patient, PatientList } from '../../core/api/patients.js';
import type { Program } from '../../core/api/admin.js';
import { PAPERWORK_ITEMS } from '../../core/intake/paperwork.js';
import { sealAuditChain } from '../../db/audit.js';
import { TEST_DIALECTS } from '../../db/testing/testDatabases.js';
import { startTestServer, TEST_NOW, type TestClient, type TestServer } from '../testing/testServer.js';

const auditCount = async (server: TestServer, action: string, actorId: string): Promise<number> => {
  const row = await server.db.kysely
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', action)
    .where('actor_user_id', '=', actorId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

describe.each(TEST_DIALECTS)('patients, episodes and audit on %s', (dialect) => {
  let server: TestServer;
  let clinician: TestClient;
  let intake: TestClient;
  let programs: Program[];
  beforeAll(async () => {
    server = await startTestServer(dialect);
    clinician = await server.signIn('clinician');
    intake = await server.signIn('intake_coordinator');
    programs = (await clinician.get<Program[]>('/api/v1/programs')).body;
  });
  afterAll(async () => {
    await server.close();
  });

  const siteId = () => server.demo.sites[0]!.id;
  const iopAt = (site: string) => programs.find((p) => p.siteId === site && p.levelOfCare === 'IOP')!;
  const phpAt = (site: string) => programs.find((p) => p.siteId === site && p.levelOfCare === 'PHP');

  it('lists only the clinician’s caseload and writes one audit event naming every patient shown', async () => {
    const list = await clinician.get<PatientList>('/api/v1/patients?limit=200');
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    const caseload = await server.db.kysely
      .selectFrom('caseload_assignments')
      .select('patient_id')
      .where('user_id', '=', clinician.userId)
      .where('ended_at', 'is', null)
      .execute();
    // Members of the groups the clinician leads are theirs to see too (SPEC §5).
    const groupMembers = await server.db.kysely
      .selectFrom('series_memberships')
      .innerJoin('session_series', 'session_series.id', 'series_memberships.series_id')
      .select('series_memberships.patient_id')
      .where('session_series.clinician_id', '=', clinician.userId)
      .execute();
    const allowed = new Set([...caseload, ...groupMembers].map((c) => c.patient_id));
    for (const item of list.body.items) expect(allowed.has(item.id)).toBe(true);
    const event = await server.db.kysely
      .selectFrom('audit_events')
      .select(['patient_ids'])
      .where('action', '=', 'patient.list')
      .where('actor_user_id', '=', clinician.userId)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(new Set(JSON.parse(event.patient_ids) as string[])).toEqual(
      new Set(list.body.items.map((i) => i.id)),
    );
  });

  it('searches by name fragment, MRN and date of birth in either format', async () => {
    const director = await server.signIn('program_director');
    const all = await director.get<PatientList>('/api/v1/patients?limit=200');
    const target = all.body.items[3]!;
    const byName = await director.get<PatientList>(
      `/api/v1/patients?q=${encodeURIComponent(target.lastName.slice(0, 4))}`,
    );
    expect(byName.body.items.map((i) => i.id)).toContain(target.id);
    const byMrn = await director.get<PatientList>(`/api/v1/patients?q=${target.mrn}`);
    expect(byMrn.body.items.map((i) => i.id)).toEqual([target.id]);
    const [y, m, d] = target.dateOfBirth.split('-');
    const byUsDate = await director.get<PatientList>(
      `/api/v1/patients?q=${encodeURIComponent(`${m}/${d}/${y}`)}`,
    );
    expect(byUsDate.body.items.map((i) => i.id)).toContain(target.id);
    const byFullName = await director.get<PatientList>(
      `/api/v1/patients?q=${encodeURIComponent(`${target.firstName} ${target.lastName}`)}`,
    );
    expect(byFullName.body.items.map((i) => i.id)).toContain(target.id);
    const nothing = await director.get<PatientList>('/api/v1/patients?q=zzzqqqxxx');
    expect(nothing.body).toMatchObject({ items: [], total: 0 });
  });

  it('registers a patient with contact preferences, then edits with optimistic concurrency', async () => {
    const created = await intake.send<Patient>('POST', '/api/v1/patients', {
      firstName: ' Rosa ',
      lastName: 'Delgado',
      dateOfBirth: '1991-04-12',
      siteId: siteId(),
      phone: '860-555-0100',
      preferredLanguage: 'es',
      priorityPopulation: 'pregnant',
      contactPreferences: { voicemailOk: false, textsOk: true, nameClinicOk: false, smsOptIn: true },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      firstName: 'Rosa',
      status: 'intake',
      version: 1,
      preferredLanguage: 'es',
      contactPreferences: { voicemailOk: false, textsOk: true, nameClinicOk: false, smsOptIn: true },
    });
    expect(created.body.mrn).toMatch(/^MRN-\d{6}$/);
    const id = created.body.id;

    const first = await intake.send<Patient>('PATCH', `/api/v1/patients/${id}`, {
      version: 1,
      preferredName: 'Rosi',
      contactPreferences: { smsOptIn: false },
    });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    expect(first.body.contactPreferences.smsOptedOutAt).not.toBeNull();

    const stale = await intake.send<{ code: string; currentVersion: number }>(
      'PATCH',
      `/api/v1/patients/${id}`,
      { version: 1, phone: '860-555-0199' },
    );
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
    const reread = await intake.get<Patient>(`/api/v1/patients/${id}`);
    expect(reread.body.phone).toBe('860-555-0100');

    const search = await intake.get<PatientList>('/api/v1/patients?q=rosi');
    expect(search.body.items.map((i) => i.id)).toContain(id);
  });

  it('refuses bad input with named fields and changes nothing', async () => {
    const before = await server.db.kysely
      .selectFrom('patients')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const future = await intake.send<{ fields: { field: string }[] }>('POST', '/api/v1/patients', {
      firstName: 'A',
      lastName: 'B',
      dateOfBirth: '2099-01-01',
      siteId: siteId(),
    });
    expect(future.status).toBe(400);
    expect(future.body.fields.map((f) => f.field)).toContain('/dateOfBirth');
    const impossible = await intake.send('POST', '/api/v1/patients', {
      firstName: 'A',
      lastName: 'B',
      dateOfBirth: '2001-02-30',
      siteId: siteId(),
    });
    expect(impossible.status).toBe(400);
    const extra = await intake.send<{ fields: { field: string }[] }>('POST', '/api/v1/patients', {
      firstName: 'A',
      lastName: 'B',
      dateOfBirth: '2001-02-03',
      siteId: siteId(),
      ssn: '123',
    });
    expect(extra.status).toBe(400);
    expect(extra.body.fields.map((f) => f.field)).toContain('/ssn');
    const after = await server.db.kysely
      .selectFrom('patients')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('admits, steps down and discharges, keeping one episode with its segments', async () => {
    const site = siteId();
    const created = await intake.send<Patient>('POST', '/api/v1/patients', {
      firstName: 'Dana',
      lastName: 'Whitfield',
      dateOfBirth: '1984-09-30',
      siteId: site,
    });
    const id = created.body.id;
    const php = phpAt(site) ?? iopAt(site);
    const today = '2026-11-24';
    // Admission waits for the paperwork checklist (SPEC §2); the refusal itself is tested in admission.int.test.ts.
    for (const item of PAPERWORK_ITEMS) {
      const recorded = await intake.send('PUT', `/api/v1/patients/${id}/paperwork/${item}`, {
        status: 'complete',
      });
      expect(recorded.status).toBe(200);
    }

    const backdatedWithoutReason = await intake.send<{ fields: { field: string }[] }>(
      'POST',
      `/api/v1/patients/${id}/episodes`,
      {
        programId: php.id,
        trackId: php.tracks[0]?.id ?? null,
        startOn: '2026-11-20',
        primaryClinicianId: clinician.userId,
      },
    );
    expect(backdatedWithoutReason.status).toBe(400);
    expect(backdatedWithoutReason.body.fields.map((f) => f.field)).toContain('/backdateReason');

    const admitted = await intake.send<Episode>('POST', `/api/v1/patients/${id}/episodes`, {
      programId: php.id,
      trackId: php.tracks[0]?.id ?? null,
      startOn: '2026-11-02',
      primaryClinicianId: clinician.userId,
      backdateReason: 'Admitted on paper during the network outage',
    });
    expect(admitted.status).toBe(201);
    expect(admitted.body.segments).toHaveLength(1);
    expect(admitted.body.segments[0]).toMatchObject({
      changeKind: 'admission',
      levelOfCare: php.levelOfCare,
      endOn: null,
    });

    // Once admitted the patient leaves intake, and with it the intake coordinator's view.
    expect((await intake.get(`/api/v1/patients/${id}`)).status).toBe(404);
    const again = await clinician.send('POST', `/api/v1/patients/${id}/episodes`, {
      programId: php.id,
      startOn: today,
      primaryClinicianId: clinician.userId,
    });
    expect(again.status).toBe(409);

    // The admitting clinician now has the patient on their caseload.
    const chart = await clinician.get<Patient>(`/api/v1/patients/${id}`);
    expect(chart.status).toBe(200);
    expect(chart.body).toMatchObject({ status: 'active', primaryClinician: { id: clinician.userId } });
    expect(chart.body.currentEpisode?.id).toBe(admitted.body.id);

    // Intake coordinators admit but do not change levels.
    const iop = iopAt(site);
    const byIntake = await intake.send(
      'POST',
      `/api/v1/patients/${id}/episodes/${admitted.body.id}/segments`,
      {
        version: admitted.body.version,
        programId: iop.id,
        levelOfCare: 'IOP',
        startOn: '2026-11-16',
        reason: 'Stable',
        backdateReason: 'Entered late',
      },
    );
    expect([403, 404]).toContain(byIntake.status);

    const stepped = await clinician.send<Episode>(
      'POST',
      `/api/v1/patients/${id}/episodes/${admitted.body.id}/segments`,
      {
        version: admitted.body.version,
        programId: iop.id,
        trackId: iop.tracks[0]?.id ?? null,
        levelOfCare: 'IOP',
        startOn: '2026-11-16',
        reason: 'Withdrawal resolved; stable mood; ready for fewer hours.',
        backdateReason: 'Decided at the team meeting on the 16th',
      },
    );
    expect(stepped.status).toBe(200);
    expect(stepped.body.segments).toHaveLength(2);
    expect(stepped.body.segments[0]).toMatchObject({ endOn: '2026-11-15' });
    expect(stepped.body.segments[1]).toMatchObject({
      levelOfCare: 'IOP',
      changeKind: php.levelOfCare === 'PHP' ? 'step_down' : 'lateral',
      changeReason: 'Withdrawal resolved; stable mood; ready for fewer hours.',
      createdBy: { id: clinician.userId },
    });

    const staleChange = await clinician.send(
      'POST',
      `/api/v1/patients/${id}/episodes/${admitted.body.id}/segments`,
      {
        version: admitted.body.version,
        programId: iop.id,
        levelOfCare: 'PHP',
        startOn: '2026-11-20',
        reason: 'Relapse',
        backdateReason: 'Late entry',
      },
    );
    expect(staleChange.status).toBe(409);

    const earlyDischarge = await clinician.send(
      'POST',
      `/api/v1/patients/${id}/episodes/${admitted.body.id}/discharge`,
      {
        version: stepped.body.version,
        dischargeType: 'completed',
        dischargedOn: '2026-11-10',
      },
    );
    expect(earlyDischarge.status).toBe(400);
    const futureDischarge = await clinician.send(
      'POST',
      `/api/v1/patients/${id}/episodes/${admitted.body.id}/discharge`,
      {
        version: stepped.body.version,
        dischargeType: 'completed',
        dischargedOn: '2026-11-25',
      },
    );
    expect(futureDischarge.status).toBe(400);

    const discharged = await clinician.send<Episode>(
      'POST',
      `/api/v1/patients/${id}/episodes/${admitted.body.id}/discharge`,
      {
        version: stepped.body.version,
        dischargeType: 'completed',
        dischargedOn: today,
        note: 'Completed IOP; aftercare with outpatient counselor.',
      },
    );
    expect(discharged.status).toBe(200);
    expect(discharged.body).toMatchObject({
      status: 'closed',
      dischargeType: 'completed',
      dischargedOn: today,
    });
    expect(discharged.body.segments[1]?.endOn).toBe(today);

    const episodes = await clinician.get<Episode[]>(`/api/v1/patients/${id}/episodes`);
    expect(episodes.body).toHaveLength(1);
    const after = await clinician.get<Patient>(`/api/v1/patients/${id}`);
    expect(after.body).toMatchObject({ status: 'discharged', currentEpisode: null });
  });

  it('shows a clinician the members of the groups they lead, while they are members', async () => {
    const mine = new Set(
      (await clinician.get<PatientList>('/api/v1/patients?limit=200')).body.items.map((p) => p.id),
    );
    const colleaguePatient = await server.db.kysely
      .selectFrom('patients')
      .innerJoin('caseload_assignments as c', 'c.patient_id', 'patients.id')
      .select(['patients.id', 'patients.site_id'])
      .where('c.user_id', '!=', clinician.userId)
      .where('c.ended_at', 'is', null)
      .where('patients.status', '=', 'active')
      .executeTakeFirstOrThrow();
    expect(mine.has(colleaguePatient.id)).toBe(false);
    expect((await clinician.get(`/api/v1/patients/${colleaguePatient.id}`)).status).toBe(404);

    const nowIso = TEST_NOW.toISOString();
    const seriesId = randomUUID();
    await server.db.kysely
      .insertInto('session_series')
      .values({
        id: seriesId,
        site_id: colleaguePatient.site_id,
        program_id: null,
        track_id: null,
        kind: 'group',
        title: 'Relapse prevention',
        clinician_id: clinician.userId,
        room_id: null,
        telehealth_url: null,
        capacity: 12,
        enrolment: 'rolling',
        audience: 'adult',
        gender: null,
        weekdays: '1,3,5',
        start_time: '09:00',
        duration_minutes: 90,
        every_weeks: 1,
        starts_on: '2026-11-02',
        ends_on: null,
        archived_at: null,
        created_by: clinician.userId,
        created_at: nowIso,
        updated_at: nowIso,
        version: 1,
      })
      .execute();
    const membershipId = randomUUID();
    await server.db.kysely
      .insertInto('series_memberships')
      .values({
        id: membershipId,
        series_id: seriesId,
        patient_id: colleaguePatient.id,
        joined_on: '2026-11-02',
        left_on: null,
        pinned: 0,
        recorded_at: nowIso,
        created_by: clinician.userId,
        ended_by: null,
        updated_at: nowIso,
        version: 1,
      })
      .execute();
    const listed = await clinician.get<PatientList>('/api/v1/patients?limit=200');
    expect(listed.body.items.map((p) => p.id)).toContain(colleaguePatient.id);
    const chart = await clinician.get<Patient>(`/api/v1/patients/${colleaguePatient.id}`);
    expect(chart.status).toBe(200);
    expect(chart.body.accessBasis).toBe('group');

    // Having left the group (before today), the patient is a colleague's again.
    await server.db.kysely
      .updateTable('series_memberships')
      .set({ left_on: '2026-11-20' })
      .where('id', '=', membershipId)
      .execute();
    expect((await clinician.get(`/api/v1/patients/${colleaguePatient.id}`)).status).toBe(404);
    const after = await clinician.get<PatientList>('/api/v1/patients?limit=200');
    expect(after.body.items.map((p) => p.id)).not.toContain(colleaguePatient.id);
  });

  it('hides other caseloads as not found, and audits the denial', async () => {
    const other = await server.db.kysely
      .selectFrom('patients')
      .select('id')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('caseload_assignments')
              .select('id')
              .whereRef('caseload_assignments.patient_id', '=', 'patients.id')
              .where('user_id', '=', clinician.userId),
          ),
        ),
      )
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('series_memberships')
              .innerJoin('session_series', 'session_series.id', 'series_memberships.series_id')
              .select('series_memberships.id')
              .whereRef('series_memberships.patient_id', '=', 'patients.id')
              .where('session_series.clinician_id', '=', clinician.userId),
          ),
        ),
      )
      .executeTakeFirstOrThrow();
    const before = await auditCount(server, 'access.denied', clinician.userId);
    const response = await clinician.get(`/api/v1/patients/${other.id}`);
    expect(response.status).toBe(404);
    expect(await auditCount(server, 'access.denied', clinician.userId)).toBe(before + 1);
  });

  it('breaks the glass with an exact lookup and a reason; supervisors see it in the report and the audit trail', async () => {
    const other = await server.db.kysely
      .selectFrom('patients')
      .select(['id', 'mrn', 'first_name', 'last_name', 'date_of_birth'])
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('caseload_assignments')
              .select('id')
              .whereRef('caseload_assignments.patient_id', '=', 'patients.id')
              .where('user_id', '=', clinician.userId),
          ),
        ),
      )
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('series_memberships')
              .innerJoin('session_series', 'session_series.id', 'series_memberships.series_id')
              .select('series_memberships.id')
              .whereRef('series_memberships.patient_id', '=', 'patients.id')
              .where('session_series.clinician_id', '=', clinician.userId),
          ),
        ),
      )
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    const fuzzy = await clinician.send('POST', '/api/v1/break-glass/lookup', {
      fullName: other.first_name,
      dateOfBirth: other.date_of_birth,
    });
    expect(fuzzy.status).toBe(400);
    const stub = await clinician.send<{ id: string; name: string; mrn: string }>(
      'POST',
      '/api/v1/break-glass/lookup',
      {
        fullName: `${other.first_name} ${other.last_name}`,
        dateOfBirth: other.date_of_birth,
      },
    );
    expect(stub.status).toBe(200);
    expect(Object.keys(stub.body).sort()).toEqual(['dateOfBirth', 'id', 'mrn', 'name']);
    const byMrn = await clinician.send<{ id: string }>('POST', '/api/v1/break-glass/lookup', {
      mrn: other.mrn.toLowerCase(),
    });
    expect(byMrn.body.id).toBe(other.id);

    const shortReason = await clinician.send('POST', '/api/v1/break-glass', {
      patientId: other.id,
      reason: 'need it',
    });
    expect(shortReason.status).toBe(400);
    const grant = await clinician.send<{ expiresAt: string }>('POST', '/api/v1/break-glass', {
      patientId: other.id,
      reason: 'Patient in crisis at the front desk; primary clinician unreachable.',
    });
    expect(grant.status).toBe(201);
    const chart = await clinician.get<Patient>(`/api/v1/patients/${other.id}`);
    expect(chart.status).toBe(200);
    expect(chart.body.accessBasis).toBe('break_glass');

    const frontDesk = await server.signIn('front_desk');
    expect((await frontDesk.send('POST', '/api/v1/break-glass/lookup', { mrn: other.mrn })).status).toBe(403);

    const supervisor = await server.signIn('clinical_supervisor');
    const report = await supervisor.get<{ patientId: string; reason: string }[]>('/api/v1/break-glass');
    expect(report.status).toBe(200);
    expect(report.body.find((g) => g.patientId === other.id)?.reason).toContain('crisis');

    const director = await server.signIn('program_director');
    const trail = await director.get<{
      items: { action: string; actor: { id: string } | null; breakGlass: boolean }[];
    }>(`/api/v1/patients/${other.id}/audit`);
    expect(trail.status).toBe(200);
    const mine = trail.body.items.filter((e) => e.actor?.id === clinician.userId);
    expect(mine.map((e) => e.action)).toEqual(expect.arrayContaining(['breakGlass.grant', 'patient.read']));
    expect(mine.find((e) => e.action === 'patient.read')?.breakGlass).toBe(true);

    // Grants expire.
    server.clock.advance(61 * 60_000);
    const relogged = await server.signIn('clinician');
    expect((await relogged.get(`/api/v1/patients/${other.id}`)).status).toBe(404);
    server.clock.set(new Date('2026-11-24T15:00:00Z'));
  });

  it('shows a read in the audit trail at once, and the same trail once the sealer has indexed it', async () => {
    const mine = (await clinician.get<PatientList>('/api/v1/patients')).body.items[0]!;
    const supervisor = await server.signIn('clinical_supervisor');
    type Trail = { items: { id: string; action: string; actor: { id: string } | null }[]; total: number };
    const path = `/api/v1/patients/${mine.id}/audit`;
    await sealAuditChain(server.db);
    expect((await clinician.get(`/api/v1/patients/${mine.id}`)).status).toBe(200);
    const before = (await supervisor.get<Trail>(`${path}?limit=200`)).body;
    // Unsealed yet: found among the unsealed rows.
    expect(before.items[0]).toMatchObject({ action: 'patient.read', actor: { id: clinician.userId } });
    expect(before.total).toBe(before.items.length);

    await sealAuditChain(server.db);
    const after = (await supervisor.get<Trail>(`${path}?limit=200`)).body;
    // The supervisor's own first look is now part of the trail too; nothing appears twice.
    expect(after.total).toBe(before.total + 1);
    expect(new Set(after.items.map((e) => e.id)).size).toBe(after.items.length);
    expect(after.items.slice(1).map((e) => e.id)).toEqual(before.items.map((e) => e.id));

    // A page mixing the newest unsealed event (the last look) with indexed ones.
    const page = (await supervisor.get<Trail>(`${path}?limit=2&offset=1`)).body;
    expect(page.items.map((e) => e.id)).toEqual(after.items.slice(0, 2).map((e) => e.id));
  });

  it('lets only supervisors, directors and admins read the audit trail', async () => {
    const mine = (await clinician.get<PatientList>('/api/v1/patients')).body.items[0]!;
    expect((await clinician.get(`/api/v1/patients/${mine.id}/audit`)).status).toBe(403);
    const supervisor = await server.signIn('clinical_supervisor');
    expect((await supervisor.get(`/api/v1/patients/${mine.id}/audit`)).status).toBe(200);
  });

  it('refuses every disclosure until consents exist, saying why', async () => {
    const mine = (await clinician.get<PatientList>('/api/v1/patients')).body.items[0]!;
    const response = await clinician.send<{ code: string; detail: string }>(
      'POST',
      `/api/v1/patients/${mine.id}/disclosures`,
      {
        recipient: 'County probation office',
        purpose: 'court report',
        information: 'attendance',
      },
    );
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('NO_CONSENT_ON_FILE');
    expect(response.body.detail).toMatch(/no consent on file/i);
  });

  it('shows front desk demographics only', async () => {
    const frontDesk = await server.signIn('front_desk');
    const list = await frontDesk.get<PatientList>('/api/v1/patients?status=active');
    expect(list.status).toBe(200);
    const first = list.body.items[0]!;
    expect(first.levelOfCare).toBeNull();
    const chart = await frontDesk.get<Patient>(`/api/v1/patients/${first.id}`);
    expect(chart.body.currentEpisode).toBeNull();
    expect(chart.body.openAlertCount).toBeNull();
    expect((await frontDesk.get(`/api/v1/patients/${first.id}/episodes`)).status).toBe(403);
  });
});
