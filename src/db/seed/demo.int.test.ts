import { hash, verify } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyTotp, totpCode } from '../../core/auth/totp.js';
import { DISCHARGE_TYPES } from '../../core/care/levels.js';
import { dayBefore } from '../../core/care/episodes.js';
import type { Specifier } from '../../core/diagnoses/specifiers.js';
import type { Substance } from '../../core/diagnoses/substances.js';
import { checkDiagnosis } from '../../core/diagnoses/validate.js';
import { paperworkGate } from '../../core/intake/paperwork.js';
import { patientSearchText } from '../../core/patients/searchText.js';
import { calendarDateIn, fixedClock } from '../../core/runtime.js';
import { sealAuditChain, verifyAuditChain } from '../audit.js';
import { createDb, type Db } from '../createDb.js';
import { migrateToLatest } from '../migrate.js';
import { freshDatabaseUrl, TEST_DIALECTS, type TestDatabase } from '../testing/testDatabases.js';
import type { PasswordHashing } from './common.js';
import { type DemoSummary, demoTotpSecret, isDatabaseEmpty, seedDemo } from './demo.js';

const NOW = new Date('2026-11-24T15:30:00.000Z');
const TODAY = '2026-11-24';

/** Real Argon2id, hashed once per password: the seed's behaviour without paying for it per test. */
const cachingHasher = (): PasswordHashing => {
  const hashes = new Map<string, Promise<string>>();
  return {
    hash: (password) => {
      const existing = hashes.get(password) ?? hash(password);
      hashes.set(password, existing);
      return existing;
    },
  };
};
const hasher = cachingHasher();

const count = async (
  db: Db,
  table: 'patients' | 'episodes' | 'audit_events' | 'sites' | 'users',
): Promise<number> => {
  const row = await db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

const openMigrated = async (testDb: TestDatabase): Promise<Db> => {
  const db = createDb({ databaseUrl: testDb.url });
  await migrateToLatest(db);
  return db;
};

describe.each(TEST_DIALECTS)('demo clinic seed on %s', (dialect) => {
  let testDb: TestDatabase;
  let db: Db;
  let summary: DemoSummary;
  const progress: [number, number][] = [];

  beforeAll(async () => {
    testDb = await freshDatabaseUrl(dialect);
    db = await openMigrated(testDb);
    expect(await isDatabaseEmpty(db)).toBe(true);
    summary = await seedDemo(db, {
      size: 'clinic',
      hasher,
      clock: fixedClock(NOW),
      onProgress: (done, total) => progress.push([done, total]),
    });
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  it('creates one organization with two sites in different time zones, each on call to the supervisor', async () => {
    expect(await isDatabaseEmpty(db)).toBe(false);
    expect(summary.organization).toBe('Riverbend Recovery (demo)');
    const sites = await db.kysely.selectFrom('sites').selectAll().execute();
    expect(sites).toHaveLength(2);
    expect(new Set(sites.map((s) => s.time_zone)).size).toBe(2);
    const supervisor = await db.kysely
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'clinical-supervisor@demo.openiop.org')
      .executeTakeFirstOrThrow();
    for (const site of sites) expect(site.on_call_user_id).toBe(supervisor.id);
    expect(summary.sites.map((s) => s.timeZone).sort()).toEqual(['America/Los_Angeles', 'America/New_York']);
  });

  it('offers two IOP programs with morning and evening tracks at each site, and PHP at the first', async () => {
    const programs = await db.kysely.selectFrom('programs').selectAll().execute();
    const tracks = await db.kysely.selectFrom('tracks').selectAll().execute();
    const iop = programs.filter((p) => p.level_of_care === 'IOP');
    expect(iop.length).toBeGreaterThanOrEqual(4);
    for (const program of iop) {
      expect(program.min_weekly_hours).toBe(9);
      expect(program.max_weekly_hours).toBe(19);
      const own = tracks.filter((t) => t.program_id === program.id);
      expect(own).toHaveLength(2);
      for (const track of own) {
        const pattern = JSON.parse(track.weekly_pattern) as { weekday: number; start: string; end: string }[];
        const hours = pattern.reduce(
          (sum, slot) => sum + (Number(slot.end.slice(0, 2)) - Number(slot.start.slice(0, 2))),
          0,
        );
        expect(hours).toBeGreaterThanOrEqual(9);
        expect(hours).toBeLessThanOrEqual(19);
      }
    }
    const php = programs.filter((p) => p.level_of_care === 'PHP');
    expect(php).toHaveLength(1);
    expect(php[0]?.min_weekly_hours).toBe(20);
    expect(php[0]?.site_id).toBe(summary.sites[0]?.id);
  });

  it('creates one user per staff role plus a supervised counselor in training, all with TOTP enrolled', async () => {
    const users = await db.kysely.selectFrom('users').selectAll().execute();
    expect(users.length).toBeGreaterThanOrEqual(9);
    expect(new Set(users.map((u) => u.role))).toEqual(
      new Set([
        'admin',
        'program_director',
        'clinical_supervisor',
        'clinician',
        'case_manager',
        'intake_coordinator',
        'front_desk',
        'biller',
      ]),
    );
    for (const user of users) {
      expect(user.totp_secret).toBe(demoTotpSecret(user.email));
      expect(user.totp_enrolled_at).not.toBeNull();
    }
    const clinician = users.find((u) => u.email === 'clinician@demo.openiop.org');
    expect(await verify(clinician?.password_hash ?? '', 'demo-password-2026')).toBe(true);
    for (const user of summary.users) {
      expect(verifyTotp(user.totpSecret, totpCode(user.totpSecret, NOW), NOW)).toBe(true);
      expect(user.password).toBe('demo-password-2026');
    }

    const credentials = await db.kysely
      .selectFrom('credentials')
      .innerJoin('users', 'users.id', 'credentials.user_id')
      .select([
        'users.email',
        'credentials.may_diagnose',
        'credentials.may_sign_placements',
        'credentials.needs_cosignature',
      ])
      .select(['credentials.supervisor_id', 'credentials.licence_expires_on', 'credentials.npi'])
      .execute();
    expect(credentials).toHaveLength(users.length);
    const byEmail = new Map(credentials.map((c) => [c.email, c]));
    const supervisorId = users.find((u) => u.role === 'clinical_supervisor')?.id;
    expect(byEmail.get('clinician@demo.openiop.org')).toMatchObject({
      may_diagnose: 1,
      needs_cosignature: 0,
      supervisor_id: supervisorId,
    });
    expect(byEmail.get('clinician2@demo.openiop.org')).toMatchObject({
      may_diagnose: 0,
      needs_cosignature: 1,
      supervisor_id: supervisorId,
    });
    expect(byEmail.get('clinical-supervisor@demo.openiop.org')).toMatchObject({
      may_diagnose: 1,
      may_sign_placements: 1,
    });
    expect(byEmail.get('program-director@demo.openiop.org')).toMatchObject({
      may_diagnose: 1,
      may_sign_placements: 1,
    });
    for (const c of credentials) {
      if (c.licence_expires_on !== null) expect(c.licence_expires_on > TODAY).toBe(true);
      if (c.npi !== null) expect(c.npi).toMatch(/^\d{10}$/);
    }
  });

  it('seeds 35–45 synthetic patients in intake, in care and discharged, with MRNs from the counter', async () => {
    const patients = await db.kysely.selectFrom('patients').selectAll().execute();
    expect(patients.length).toBeGreaterThanOrEqual(35);
    expect(patients.length).toBeLessThanOrEqual(45);
    expect(summary.patients).toBe(patients.length);
    const byStatus = (status: string) => patients.filter((p) => p.status === status).length;
    expect(byStatus('intake')).toBeGreaterThanOrEqual(5);
    expect(byStatus('active')).toBeGreaterThanOrEqual(20);
    expect(byStatus('discharged')).toBeGreaterThanOrEqual(5);
    expect(patients.some((p) => p.priority_population === 'pregnant')).toBe(true);
    expect(patients.some((p) => p.priority_population === 'injects_drugs')).toBe(true);
    expect(patients.some((p) => p.preferred_language === 'es')).toBe(true);
    expect(new Set(patients.map((p) => p.mrn)).size).toBe(patients.length);
    for (const p of patients) {
      expect(p.mrn).toMatch(/^MRN-\d{6}$/);
      expect(p.phone).toMatch(/^\d{3}-555-01\d{2}$/);
      expect(p.date_of_birth >= '1960-01-01' && p.date_of_birth <= '2006-12-31').toBe(true);
      expect(p.search_text).toBe(
        patientSearchText({
          firstName: p.first_name,
          lastName: p.last_name,
          preferredName: p.preferred_name,
          mrn: p.mrn,
          dateOfBirth: p.date_of_birth,
        }),
      );
    }
    const counter = await db.kysely
      .selectFrom('counters')
      .select('value')
      .where('name', '=', 'mrn')
      .executeTakeFirstOrThrow();
    expect(Number(counter.value)).toBe(patients.length);
    expect(progress.at(-1)).toEqual([patients.length, patients.length]);
  });

  it('gives active patients an open episode, a current segment and a primary clinician with a caseload row', async () => {
    const patients = await db.kysely.selectFrom('patients').selectAll().execute();
    const episodes = await db.kysely.selectFrom('episodes').selectAll().execute();
    const segments = await db.kysely
      .selectFrom('enrolment_segments')
      .selectAll()
      .orderBy('start_on')
      .execute();
    const caseloads = await db.kysely.selectFrom('caseload_assignments').selectAll().execute();
    const sites = new Map(summary.sites.map((s) => [s.id, s.timeZone]));
    for (const p of patients.filter((x) => x.status === 'active')) {
      const open = episodes.filter((e) => e.patient_id === p.id && e.status === 'open');
      expect(open).toHaveLength(1);
      const episode = open[0];
      const today = calendarDateIn(NOW, sites.get(p.site_id) ?? 'UTC');
      expect(episode?.admitted_on && episode.admitted_on <= today).toBe(true);
      // Admissions spread over the last ten weeks.
      expect(episode?.admitted_on && episode.admitted_on >= '2026-09-15').toBe(true);
      const own = segments.filter((s) => s.episode_id === episode?.id);
      expect(own.filter((s) => s.end_on === null)).toHaveLength(1);
      expect(p.primary_clinician_id).not.toBeNull();
      expect(
        caseloads.some(
          (c) =>
            c.patient_id === p.id &&
            c.user_id === p.primary_clinician_id &&
            c.kind === 'primary_clinician' &&
            c.ended_at === null,
        ),
      ).toBe(true);
    }
    const stepDowns = segments.filter((s) => s.change_kind === 'step_down');
    expect(stepDowns.length).toBeGreaterThanOrEqual(1);
    for (const iop of stepDowns) {
      const php = segments.find((s) => s.episode_id === iop.episode_id && s.change_kind === 'admission');
      expect(php?.level_of_care).toBe('PHP');
      expect(iop.level_of_care).toBe('IOP');
      expect(php?.end_on).toBe(dayBefore(iop.start_on));
      expect(iop.change_reason).toBeTruthy();
    }
    const clinicians = new Set(
      patients.filter((p) => p.status === 'active').map((p) => p.primary_clinician_id),
    );
    expect(clinicians.size).toBe(2);
    expect(caseloads.some((c) => c.kind === 'case_manager' && c.ended_at === null)).toBe(true);
  });

  it('closes the episodes of discharged patients and leaves intake patients without one', async () => {
    const patients = await db.kysely.selectFrom('patients').selectAll().execute();
    const episodes = await db.kysely.selectFrom('episodes').selectAll().execute();
    const segments = await db.kysely.selectFrom('enrolment_segments').selectAll().execute();
    for (const p of patients.filter((x) => x.status === 'discharged')) {
      const own = episodes.filter((e) => e.patient_id === p.id);
      expect(own).toHaveLength(1);
      const episode = own[0];
      expect(episode?.status).toBe('closed');
      expect(DISCHARGE_TYPES).toContain(episode?.discharge_type);
      expect(
        episode?.discharged_on &&
          episode.discharged_on < TODAY &&
          episode.discharged_on > episode.admitted_on,
      ).toBe(true);
      for (const s of segments.filter((x) => x.episode_id === episode?.id))
        expect(s.end_on).toBe(episode?.discharged_on);
    }
    for (const p of patients.filter((x) => x.status === 'intake')) {
      expect(episodes.filter((e) => e.patient_id === p.id)).toHaveLength(0);
      expect(p.primary_clinician_id).toBeNull();
    }
  });

  it('raises open alerts and tasks for the clinicians, with the urgent one escalating after 2 hours', async () => {
    const alerts = await db.kysely.selectFrom('alerts').selectAll().execute();
    const tasks = await db.kysely.selectFrom('tasks').selectAll().execute();
    const safety = alerts.find((a) => a.kind === 'safety');
    expect(safety?.severity).toBe('urgent');
    expect(Date.parse(safety?.escalate_at ?? '') - Date.parse(safety?.raised_at ?? '')).toBe(2 * 3_600_000);
    expect(alerts.some((a) => a.kind === 'missed_sessions' && a.severity === 'normal')).toBe(true);
    for (const a of alerts) expect(a.status).toBe('open');
    expect(tasks.some((t) => t.due_at < NOW.toISOString())).toBe(true);
    expect(tasks.some((t) => t.due_at > NOW.toISOString())).toBe(true);
  });

  it('audits every seeded patient in the same transactions, and the chain verifies once sealed', async () => {
    const events = await db.kysely.selectFrom('audit_events').selectAll().execute();
    expect(events.length).toBeGreaterThanOrEqual(2);
    for (const e of events)
      expect(e).toMatchObject({ action: 'demo.seed', actor_role: 'system', actor_user_id: null });
    // Sealing indexes each event under every patient it names.
    expect(await sealAuditChain(db)).toBe(events.length);
    const indexed = await db.kysely
      .selectFrom('audit_patient_index')
      .select('patient_id')
      .distinct()
      .execute();
    const patients = await db.kysely.selectFrom('patients').select('id').execute();
    expect(new Set(indexed.map((r) => r.patient_id))).toEqual(new Set(patients.map((p) => p.id)));
    const verification = await verifyAuditChain(db);
    expect(verification).toMatchObject({ ok: true, sealedRows: events.length, unsealedRows: 0 });
  });

  it('gives every admitted patient complete paperwork and a diagnosis that passes the checks', async () => {
    const [episodes, paperwork, diagnoses, safety, users] = await Promise.all([
      db.kysely.selectFrom('episodes').select(['patient_id', 'admitted_on']).execute(),
      db.kysely.selectFrom('admission_paperwork').selectAll().execute(),
      db.kysely.selectFrom('diagnoses').selectAll().execute(),
      db.kysely.selectFrom('overdose_safety').select('patient_id').execute(),
      db.kysely
        .selectFrom('users')
        .innerJoin('credentials', 'credentials.user_id', 'users.id')
        .select(['users.id', 'credentials.may_diagnose'])
        .execute(),
    ]);
    for (const episode of episodes) {
      const entries = paperwork
        .filter((r) => r.patient_id === episode.patient_id)
        .map((r) => ({ item: r.item, status: r.status, waivedReason: r.waived_reason }));
      expect(paperworkGate(entries)).toEqual({ complete: true, missing: [] });
    }
    expect(paperwork.some((r) => r.status === 'waived' && r.waived_reason)).toBe(true);
    const admitted = new Set(episodes.map((e) => e.patient_id));
    expect(new Set(diagnoses.map((d) => d.patient_id))).toEqual(admitted);
    const diagnosers = new Set(users.filter((u) => u.may_diagnose === 1).map((u) => u.id));
    for (const d of diagnoses) {
      expect(diagnosers.has(d.diagnosed_by)).toBe(true);
      expect(
        checkDiagnosis(
          {
            substance: d.substance as Substance,
            icd10Code: d.icd10_code,
            dsm5Criteria: d.dsm5_criteria,
            specifiers: JSON.parse(d.specifiers) as Specifier[],
            diagnosedOn: d.diagnosed_on,
          },
          TODAY,
        ),
      ).toMatchObject({ ok: true, code: d.icd10_code, severity: d.severity });
    }
    // Opioid use disorder patients have overdose safety recorded, but one, for the chart to prompt.
    const opioid = diagnoses.filter((d) => d.substance === 'opioid').map((d) => d.patient_id);
    const recorded = new Set(safety.map((s) => s.patient_id));
    expect(opioid.filter((id) => !recorded.has(id))).toHaveLength(1);
  });

  it('refuses to seed a database that is not empty', async () => {
    await expect(seedDemo(db, { size: 'clinic', hasher, clock: fixedClock(NOW) })).rejects.toThrow(
      /not empty/,
    );
  });
});

describe.each(TEST_DIALECTS)('operator bench seed on %s', (dialect) => {
  let testDb: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    testDb = await freshDatabaseUrl(dialect);
    db = await openMigrated(testDb);
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  it('seeds 3,000 patients over ten sites in audited batches', async () => {
    const progress: number[] = [];
    const summary = await seedDemo(db, {
      size: 'operator',
      patients: 3000,
      hasher,
      clock: fixedClock(NOW),
      onProgress: (done) => progress.push(done),
    });
    expect(summary.patients).toBe(3000);
    expect(summary.sites).toHaveLength(10);
    expect(progress).toEqual([0, 1000, 2000, 3000]);
    expect(await count(db, 'patients')).toBe(3000);
    expect(await count(db, 'sites')).toBe(10);
    expect(await count(db, 'users')).toBe(9);

    const programs = await db.kysely.selectFrom('programs').select(['site_id', 'level_of_care']).execute();
    for (const site of summary.sites) {
      expect(programs.filter((p) => p.site_id === site.id && p.level_of_care === 'IOP')).toHaveLength(2);
    }
    const statuses = await db.kysely
      .selectFrom('patients')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    const byStatus = new Map(statuses.map((s) => [s.status, Number(s.n)]));
    expect(byStatus.get('intake')).toBeGreaterThan(300);
    expect(byStatus.get('active')).toBeGreaterThan(1500);
    expect(byStatus.get('discharged')).toBeGreaterThan(500);
    expect(await count(db, 'episodes')).toBe(
      (byStatus.get('active') ?? 0) + (byStatus.get('discharged') ?? 0),
    );
    const openEpisodes = await db.kysely
      .selectFrom('episodes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    expect(Number(openEpisodes.n)).toBe(byStatus.get('active'));

    const mrns = await db.kysely.selectFrom('patients').select('mrn').distinct().execute();
    expect(mrns).toHaveLength(3000);
    // One event per batch of 1,000 patients, and one for the bench's open inquiries.
    expect(await count(db, 'audit_events')).toBe(4);
    await sealAuditChain(db);
    const indexed = await db.kysely
      .selectFrom('audit_patient_index')
      .select((eb) => eb.fn.count<number>('patient_id').distinct().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(indexed.n)).toBe(3000);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
