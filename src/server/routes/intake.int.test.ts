import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ConvertResult,
  Coverage,
  DuplicateCandidate,
  ImportResult,
  Inquiry,
  InquiryBoard,
  TrackCapacity,
  Waitlist,
} from '../../core/api/intake.js';
import type { Patient } from '../../core/api/patients.js';
import { TRACK_CAPACITY_SETTING } from '../../core/intake/capacity.js';
import { PAPERWORK_ITEMS } from '../../core/intake/paperwork.js';
import { TEST_DIALECTS } from '../../db/testing/testDatabases.js';
import { createInquiryFromCallback } from '../services/inquiries.js';
import { startTestServer, TEST_NOW, type TestClient, type TestServer } from '../testing/testServer.js';

interface ProblemBody {
  code: string;
  detail: string;
  fields?: { field: string; message: string }[];
  currentVersion?: number;
  candidates?: DuplicateCandidate[];
}

const HOUR = 3_600_000;

describe.each(TEST_DIALECTS)('the intake pipeline on %s', (dialect) => {
  let server: TestServer;
  let intake: TestClient;
  let director: TestClient;
  let clinician: TestClient;
  let frontDesk: TestClient;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    intake = await server.signIn('intake_coordinator');
    director = await server.signIn('program_director');
    clinician = await server.signIn('clinician');
    frontDesk = await server.signIn('front_desk');
  });
  afterAll(async () => {
    await server?.close();
  });

  const firstSite = () => server.demo.sites[0]?.id ?? '';
  const secondSite = () => server.demo.sites[1]?.id ?? '';

  const create = async (body: Record<string, unknown>, client: TestClient = intake): Promise<Inquiry> => {
    const response = await client.send<Inquiry>('POST', '/api/v1/inquiries', {
      siteId: firstSite(),
      firstName: 'Jordan',
      lastName: `Caller${randomUUID().slice(0, 6)}`,
      phone: '203-555-0100',
      ...body,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  };

  const move = (inquiry: { id: string; version: number }, body: Record<string, unknown>, client = intake) =>
    client.send<Inquiry & ProblemBody>('POST', `/api/v1/inquiries/${inquiry.id}/stage`, {
      version: inquiry.version,
      ...body,
    });

  /** An inquiry written straight to the database, for ages and waits the fixed clock cannot produce. */
  const insertInquiry = async (over: { createdAt: string; waitlistedAt?: string; siteId?: string }) => {
    const id = randomUUID();
    await server.db.kysely
      .insertInto('inquiries')
      .values({
        id,
        site_id: over.siteId ?? firstSite(),
        source: 'phone',
        stage: 'new',
        stage_changed_at: over.createdAt,
        close_reason: null,
        first_name: 'Alex',
        last_name: `Older${id.slice(0, 6)}`,
        date_of_birth: null,
        phone: '203-555-0101',
        email: null,
        preferred_language: 'en',
        contact_window: null,
        voicemail_ok: 0,
        texts_ok: 0,
        name_clinic_ok: 0,
        consent_to_contact: 1,
        referrer_name: null,
        referrer_organization: null,
        presenting_concern: null,
        substances: '[]',
        priority_population: null,
        priority_deadline: null,
        preferred_schedule: null,
        wanted_track_id: null,
        waitlisted_at: over.waitlistedAt ?? null,
        assessment_at: null,
        assigned_user_id: null,
        patient_id: null,
        notes: null,
        created_by: null,
        created_at: over.createdAt,
        updated_at: over.createdAt,
        version: 1,
      })
      .execute();
    return id;
  };

  const audits = (action: string, recordId?: string) =>
    server.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', action)
      .$if(recordId !== undefined, (qb) => qb.where('record_id', '=', recordId ?? ''))
      .orderBy('seq', 'desc')
      .execute();

  const count = async (table: 'patients' | 'inquiries' | 'coverages'): Promise<number> => {
    const row = await server.db.kysely
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it('records a phone inquiry with its 48-hour priority deadline, edits it with versions, and audits each step', async () => {
    const created = await create({
      priorityPopulation: 'pregnant',
      presentingConcern: 'Daily opioid use; wants to start before the baby is due.',
      substances: ['opioids'],
      contactPreferences: { voicemailOk: false, textsOk: true },
    });
    expect(created).toMatchObject({
      stage: 'new',
      source: 'phone',
      version: 1,
      ageMinutes: 0,
      priorityDeadline: new Date(TEST_NOW.getTime() + 48 * HOUR).toISOString(),
      contactPreferences: { voicemailOk: false, textsOk: true, nameClinicOk: false },
      nextStages: ['screened', 'closed'],
      createdBy: { id: intake.userId },
    });

    const read = await intake.get<Inquiry>(`/api/v1/inquiries/${created.id}`);
    expect(read.status).toBe(200);
    expect(read.body.presentingConcern).toMatch(/opioid/);
    const [readEvent] = await audits('inquiry.read', created.id);
    expect(readEvent).toMatchObject({
      actor_user_id: intake.userId,
      record_type: 'inquiry',
      patient_ids: '[]',
    });

    const edited = await intake.send<Inquiry>('PATCH', `/api/v1/inquiries/${created.id}`, {
      version: 1,
      notes: 'Call after 5 pm.',
      priorityPopulation: null,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, notes: 'Call after 5 pm.', priorityDeadline: null });

    const stale = await intake.send<ProblemBody>('PATCH', `/api/v1/inquiries/${created.id}`, {
      version: 1,
      notes: 'Overwrite',
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });

    const badDate = await intake.send<ProblemBody>('PATCH', `/api/v1/inquiries/${created.id}`, {
      version: 2,
      dateOfBirth: '2099-01-01',
      notes: 'Should not be saved',
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.fields?.map((f) => f.field)).toContain('/dateOfBirth');
    const unknownField = await intake.send<ProblemBody>('PATCH', `/api/v1/inquiries/${created.id}`, {
      version: 2,
      ssn: '000',
    });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.fields?.map((f) => f.field)).toContain('/ssn');
    const after = (await intake.get<Inquiry>(`/api/v1/inquiries/${created.id}`)).body;
    expect(after).toMatchObject({ version: 2, notes: 'Call after 5 pm.' });

    const [createEvent] = await audits('inquiry.create', created.id);
    const [updateEvent] = await audits('inquiry.update', created.id);
    expect(createEvent).toMatchObject({ actor_user_id: intake.userId, record_type: 'inquiry' });
    expect(JSON.parse(updateEvent?.detail ?? '{}')).toEqual({
      fields: ['priority_population', 'priority_deadline', 'notes'],
    });
    // What the person said about substance use stays out of the audit trail.
    const events = await server.db.kysely
      .selectFrom('audit_events')
      .select('detail')
      .where('record_id', '=', created.id)
      .execute();
    for (const e of events) expect(e.detail ?? '').not.toMatch(/opioid/i);
  });

  it('moves through the stages and refuses moves the pipeline does not allow', async () => {
    let inquiry = await create({});
    const skip = await move(inquiry, { to: 'assessed' });
    expect(skip.status).toBe(400);
    expect(skip.body.code).toBe('INVALID_STATE');

    const screened = await move(inquiry, { to: 'screened' });
    expect(screened.status).toBe(200);
    inquiry = screened.body;
    expect(inquiry).toMatchObject({ stage: 'screened', stageChangedAt: TEST_NOW.toISOString(), version: 2 });

    const noTime = await move(inquiry, { to: 'assessment_scheduled' });
    expect(noTime.status).toBe(400);
    expect(noTime.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(noTime.body.fields?.map((f) => f.field)).toEqual(['/assessmentAt']);
    const assessmentAt = new Date(TEST_NOW.getTime() + 26 * HOUR).toISOString();
    inquiry = (await move(inquiry, { to: 'assessment_scheduled', assessmentAt })).body;
    expect(inquiry).toMatchObject({ stage: 'assessment_scheduled', assessmentAt });

    inquiry = (await move(inquiry, { to: 'assessed' })).body;
    const admitWithoutChart = await move(inquiry, { to: 'admitted' });
    expect(admitWithoutChart.status).toBe(400);
    expect(admitWithoutChart.body.code).toBe('INVALID_STATE');

    const noReason = await move(inquiry, { to: 'closed', reason: '   ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields?.map((f) => f.field)).toEqual(['/reason']);
    const stale = await move({ ...inquiry, version: 1 }, { to: 'closed', reason: 'x' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');

    const closed = await move(inquiry, { to: 'closed', reason: 'Chose a program closer to home' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      stage: 'closed',
      closeReason: 'Chose a program closer to home',
      nextStages: [],
    });
    const reopen = await move(closed.body, { to: 'screened' });
    expect(reopen.status).toBe(400);
    expect(reopen.body.code).toBe('INVALID_STATE');

    const board = await intake.get<InquiryBoard>('/api/v1/inquiries?stage=closed&limit=200');
    expect(board.body.items.map((i) => i.id)).toContain(inquiry.id);
    const stageEvents = await audits('inquiry.stage', inquiry.id);
    expect(stageEvents.map((e) => JSON.parse(e.detail ?? '{}') as unknown)).toEqual([
      { from: 'assessed', to: 'closed' },
      { from: 'assessment_scheduled', to: 'assessed' },
      { from: 'screened', to: 'assessment_scheduled' },
      { from: 'new', to: 'screened' },
    ]);
  });

  it('shows the board per stage with ages, priority deadlines first, counts, and one audit event', async () => {
    const old = await insertInquiry({ createdAt: new Date(TEST_NOW.getTime() - 3 * HOUR).toISOString() });
    const older = await insertInquiry({ createdAt: new Date(TEST_NOW.getTime() - 50 * HOUR).toISOString() });
    const priority = await create({ priorityPopulation: 'injecting_drug_use' });

    const board = await intake.get<InquiryBoard>('/api/v1/inquiries?stage=new&limit=200');
    expect(board.status).toBe(200);
    const ids = board.body.items.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([old, older, priority.id]));
    expect(board.body.items.find((i) => i.id === old)).toMatchObject({
      ageMinutes: 180,
      stageAgeMinutes: 180,
    });
    expect(board.body.items.find((i) => i.id === older)?.ageMinutes).toBe(50 * 60);
    // Priority deadlines lead; without one, the oldest comes first.
    const withDeadline = board.body.items.filter((i) => i.priorityDeadline !== null);
    expect(ids.slice(0, withDeadline.length)).toEqual(withDeadline.map((i) => i.id));
    expect(ids.indexOf(older)).toBeLessThan(ids.indexOf(old));
    expect(board.body.total).toBe(board.body.counts.new);
    expect(board.body.items.every((i) => i.stage === 'new')).toBe(true);
    const rows = await server.db.kysely
      .selectFrom('inquiries')
      .select('stage')
      .where('site_id', 'in', [firstSite()])
      .execute();
    expect(board.body.counts.new).toBe(rows.filter((r) => r.stage === 'new').length);

    const [event] = await audits('inquiry.list');
    expect(event).toMatchObject({ actor_user_id: intake.userId, record_type: 'inquiry', patient_ids: '[]' });
    expect((JSON.parse(event?.detail ?? '{}') as { inquiryIds: string[] }).inquiryIds).toEqual(ids);

    const open = await intake.get<InquiryBoard>('/api/v1/inquiries?priorityOnly=true&limit=200');
    expect(
      open.body.items.every(
        (i) => i.priorityPopulation !== null && !['admitted', 'closed', 'referred_out'].includes(i.stage),
      ),
    ).toBe(true);
    expect(open.body.items.map((i) => i.id)).toContain(priority.id);
    const named = await intake.get<InquiryBoard>(
      `/api/v1/inquiries?q=${encodeURIComponent(priority.lastName?.toLowerCase() ?? '')}`,
    );
    expect(named.body.items.map((i) => i.id)).toEqual([priority.id]);
  });

  it('orders the waitlist by priority deadline, then the longest wait, and shows capacity per track', async () => {
    const programs = await server.db.kysely
      .selectFrom('tracks')
      .innerJoin('programs', 'programs.id', 'tracks.program_id')
      .select(['tracks.id'])
      .where('programs.site_id', '=', firstSite())
      .where('programs.level_of_care', '=', 'IOP')
      .execute();
    const trackId = programs[0]?.id ?? '';
    const waitedLong = await insertInquiry({
      createdAt: new Date(TEST_NOW.getTime() - 10 * 24 * HOUR).toISOString(),
      waitlistedAt: new Date(TEST_NOW.getTime() - 9 * 24 * HOUR).toISOString(),
    });
    const plain = await create({});
    const listedPlain = await intake.send<Inquiry>('POST', `/api/v1/inquiries/${plain.id}/waitlist`, {
      version: 1,
      wantedTrackId: trackId,
    });
    expect(listedPlain.status).toBe(200);
    expect(listedPlain.body).toMatchObject({ waitlistedAt: TEST_NOW.toISOString(), wantedTrackId: trackId });
    const pregnant = await create({ priorityPopulation: 'pregnant' });
    expect(
      (await intake.send('POST', `/api/v1/inquiries/${pregnant.id}/waitlist`, { version: 1 })).status,
    ).toBe(200);

    const list = await intake.get<Waitlist>('/api/v1/intake/waitlist?limit=200');
    expect(list.status).toBe(200);
    const ids = list.body.items.map((i) => i.id);
    const position = (id: string) => ids.indexOf(id);
    expect(position(pregnant.id)).toBeGreaterThanOrEqual(0);
    expect(position(pregnant.id)).toBeLessThan(position(waitedLong));
    expect(position(waitedLong)).toBeLessThan(position(plain.id));
    const deadlines = list.body.items.map((i) => i.priorityDeadline);
    const firstWithout = deadlines.indexOf(null);
    expect(deadlines.slice(firstWithout).every((d) => d === null)).toBe(true);
    expect(deadlines.slice(0, firstWithout)).toEqual([...deadlines.slice(0, firstWithout)].sort());
    expect(list.body.items.map((i) => i.position)).toEqual(ids.map((_, i) => i + 1));

    const capacity = await intake.get<TrackCapacity[]>('/api/v1/intake/capacity');
    expect(capacity.status).toBe(200);
    const track = capacity.body.find((t) => t.trackId === trackId);
    const enrolled = await server.db.kysely
      .selectFrom('enrolment_segments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('track_id', '=', trackId)
      .where('end_on', 'is', null)
      .executeTakeFirstOrThrow();
    expect(track).toMatchObject({ capacity: null, available: null, enrolled: Number(enrolled.n) });
    expect(track?.waitlisted).toBeGreaterThanOrEqual(1);
    await server.db.kysely
      .insertInto('settings')
      .values({
        key: TRACK_CAPACITY_SETTING,
        value: JSON.stringify({ default: 40, tracks: { [trackId]: 1 } }),
        updated_at: TEST_NOW.toISOString(),
        updated_by: null,
      })
      .execute();
    const configured = await intake.get<TrackCapacity[]>('/api/v1/intake/capacity');
    expect(configured.body.find((t) => t.trackId === trackId)).toMatchObject({
      capacity: 1,
      available: Math.max(0, 1 - Number(enrolled.n)),
    });
    expect(configured.body.filter((t) => t.trackId !== trackId).every((t) => t.capacity === 40)).toBe(true);

    const removed = await intake.send<Inquiry>('POST', `/api/v1/inquiries/${plain.id}/waitlist/remove`, {
      version: listedPlain.body.version,
    });
    expect(removed.status).toBe(200);
    expect(removed.body.waitlistedAt).toBeNull();
    const again = await intake.send<ProblemBody>('POST', `/api/v1/inquiries/${plain.id}/waitlist/remove`, {
      version: removed.body.version,
    });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('INVALID_STATE');
    const after = await intake.get<Waitlist>('/api/v1/intake/waitlist?limit=200');
    expect(after.body.items.map((i) => i.id)).not.toContain(plain.id);
  });

  const demoPatient = async () =>
    server.db.kysely
      .selectFrom('patients')
      .selectAll()
      .where('site_id', '=', firstSite())
      .where('status', '=', 'intake')
      .orderBy('mrn')
      .executeTakeFirstOrThrow();

  it('finds possible duplicates by name and date of birth, by phone and by MRN, and audits who was shown', async () => {
    const patient = await demoPatient();
    const byName = await create({
      firstName: ` ${patient.first_name.toUpperCase()} `,
      lastName: patient.last_name.toLowerCase(),
      dateOfBirth: patient.date_of_birth,
      phone: '203-555-0111',
    });
    const found = await intake.get<DuplicateCandidate[]>(`/api/v1/inquiries/${byName.id}/duplicates`);
    expect(found.status).toBe(200);
    expect(found.body.find((c) => c.patientId === patient.id)).toMatchObject({
      mrn: patient.mrn,
      matchedOn: ['name_dob'],
      mayOpen: true,
    });
    const [event] = await audits('inquiry.duplicates', byName.id);
    expect(JSON.parse(event?.patient_ids ?? '[]')).toContain(patient.id);

    const digits = (patient.phone ?? '').replace(/\D/g, '');
    const byPhone = await create({
      firstName: 'Someone',
      phone: `+1 (${digits.slice(0, 3)}) ${digits.slice(3, 6)}.${digits.slice(6)}`,
    });
    const phoneMatches = await intake.get<DuplicateCandidate[]>(`/api/v1/inquiries/${byPhone.id}/duplicates`);
    expect(phoneMatches.body.find((c) => c.patientId === patient.id)?.matchedOn).toEqual(['phone']);

    const byMrn = await create({ firstName: 'Returning', phone: '203-555-0112' });
    const none = await intake.get<DuplicateCandidate[]>(`/api/v1/inquiries/${byMrn.id}/duplicates`);
    expect(none.body).toEqual([]);
    const mrnMatches = await intake.get<DuplicateCandidate[]>(
      `/api/v1/inquiries/${byMrn.id}/duplicates?mrn=${encodeURIComponent(` ${patient.mrn.toLowerCase()}`)}`,
    );
    expect(mrnMatches.body.map((c) => [c.patientId, c.matchedOn])).toEqual([[patient.id, ['mrn']]]);
  });

  it('converts an inquiry into a patient, keeping what was gathered and its coverage', async () => {
    const inquiry = await create({
      firstName: 'Marisol',
      lastName: `Quintero${randomUUID().slice(0, 4)}`,
      dateOfBirth: '1994-06-15',
      phone: '203-555-0177',
      email: 'marisol@example.com',
      preferredLanguage: 'es',
      priorityPopulation: 'pregnant_and_injecting',
      contactPreferences: { voicemailOk: true, textsOk: false, nameClinicOk: true },
    });
    const coverage = await intake.send<Coverage>('POST', `/api/v1/inquiries/${inquiry.id}/coverage`, {
      payerName: 'Medicaid (state plan)',
      memberId: 'M77881234',
      authorizationNumber: 'PA-2026-118',
      authorizedUnits: 30,
      unitKind: 'days',
      startsOn: '2026-11-24',
      endsOn: '2026-12-23',
    });
    expect(coverage.status).toBe(201);
    const patientsBefore = await count('patients');

    const converted = await intake.send<ConvertResult>('POST', `/api/v1/inquiries/${inquiry.id}/convert`, {
      version: inquiry.version,
    });
    expect(converted.status, JSON.stringify(converted.body)).toBe(201);
    expect(converted.body).toMatchObject({ created: true, coverageMoved: 1, inquiry: { version: 2 } });
    expect(await count('patients')).toBe(patientsBefore + 1);
    const patientId = converted.body.patientId;
    expect(converted.body.inquiry.patientId).toBe(patientId);

    const chart = await intake.get<Patient>(`/api/v1/patients/${patientId}`);
    expect(chart.status).toBe(200);
    expect(chart.body).toMatchObject({
      status: 'intake',
      firstName: 'Marisol',
      lastName: inquiry.lastName,
      dateOfBirth: '1994-06-15',
      phone: '203-555-0177',
      email: 'marisol@example.com',
      preferredLanguage: 'es',
      priorityPopulation: 'pregnant',
      siteId: firstSite(),
      contactPreferences: { voicemailOk: true, textsOk: false, nameClinicOk: true, smsOptIn: false },
    });
    const patientCoverage = await director.get<Coverage[]>(`/api/v1/patients/${patientId}/coverage`);
    expect(patientCoverage.status).toBe(200);
    expect(patientCoverage.body).toEqual([
      expect.objectContaining({
        id: coverage.body.id,
        patientId,
        inquiryId: inquiry.id,
        payerName: 'Medicaid (state plan)',
        memberId: 'M77881234',
        authorizedUnits: 30,
      }),
    ]);
    const [convertEvent] = await audits('inquiry.convert', inquiry.id);
    expect(JSON.parse(convertEvent?.patient_ids ?? '[]')).toEqual([patientId]);
    expect(await audits('patient.create', patientId)).toHaveLength(1);

    const twice = await intake.send<ProblemBody>('POST', `/api/v1/inquiries/${inquiry.id}/convert`, {
      version: 2,
    });
    expect(twice.status).toBe(400);
    expect(twice.body.code).toBe('INVALID_STATE');
    const lateCoverage = await intake.send<ProblemBody>('POST', `/api/v1/inquiries/${inquiry.id}/coverage`, {
      payerName: 'Another plan',
    });
    expect(lateCoverage.status).toBe(400);
    expect(lateCoverage.body.code).toBe('INVALID_STATE');

    // Once linked to a chart, the inquiry can reach "admitted".
    let current = converted.body.inquiry;
    for (const step of [
      { to: 'screened' },
      { to: 'assessment_scheduled', assessmentAt: new Date(TEST_NOW.getTime() + HOUR).toISOString() },
      { to: 'assessed' },
      { to: 'admitted' },
    ]) {
      const moved = await move(current, step);
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      current = moved.body;
    }
    expect(current.stage).toBe('admitted');
  });

  it('moves the inquiry to admitted when its patient is admitted, in the same transaction', async () => {
    const inquiry = await create({ firstName: 'Teodoro', dateOfBirth: '1990-03-04' });
    const converted = await intake.send<ConvertResult>('POST', `/api/v1/inquiries/${inquiry.id}/convert`, {
      version: inquiry.version,
    });
    expect(converted.status, JSON.stringify(converted.body)).toBe(201);
    const patientId = converted.body.patientId;
    for (const item of PAPERWORK_ITEMS) {
      const done = await intake.send('PUT', `/api/v1/patients/${patientId}/paperwork/${item}`, {
        status: 'complete',
      });
      expect(done.status).toBe(200);
    }
    const program = await server.db.kysely
      .selectFrom('programs')
      .select('id')
      .where('site_id', '=', firstSite())
      .where('level_of_care', '=', 'IOP')
      .executeTakeFirstOrThrow();
    const stillNew = await intake.get<Inquiry>(`/api/v1/inquiries/${inquiry.id}`);
    expect(stillNew.body.stage).toBe('new');

    const admitted = await intake.send('POST', `/api/v1/patients/${patientId}/episodes`, {
      programId: program.id,
      startOn: '2026-11-24',
      primaryClinicianId: clinician.userId,
    });
    expect(admitted.status, JSON.stringify(admitted.body)).toBe(201);
    const after = await intake.get<Inquiry>(`/api/v1/inquiries/${inquiry.id}`);
    expect(after.body).toMatchObject({ stage: 'admitted', version: stillNew.body.version + 1, patientId });
    const events = await server.db.kysely
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'inquiry.stage')
      .where('record_id', '=', inquiry.id)
      .execute();
    expect(events.map((e) => JSON.parse(e.detail ?? '{}') as unknown)).toEqual([
      { from: 'new', to: 'admitted', by: 'admission' },
    ]);
  });

  it('refuses to convert while duplicates are unresolved, then links or creates as chosen', async () => {
    const patient = await demoPatient();
    const inquiry = await create({
      firstName: patient.first_name,
      lastName: patient.last_name,
      dateOfBirth: patient.date_of_birth,
      phone: '203-555-0133',
    });
    await intake.send('POST', `/api/v1/inquiries/${inquiry.id}/coverage`, {
      payerName: 'Commercial plan',
      memberId: 'C-1',
    });
    const patientsBefore = await count('patients');

    const refused = await intake.send<ProblemBody>('POST', `/api/v1/inquiries/${inquiry.id}/convert`, {
      version: inquiry.version,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CONFLICT');
    expect(refused.body.candidates?.map((c) => c.patientId)).toContain(patient.id);
    expect(await count('patients')).toBe(patientsBefore);
    expect((await intake.get<Inquiry>(`/api/v1/inquiries/${inquiry.id}`)).body).toMatchObject({
      patientId: null,
      version: 1,
    });

    const stranger = await server.db.kysely
      .selectFrom('patients')
      .select('id')
      .where('id', '!=', patient.id)
      .executeTakeFirstOrThrow();
    const wrong = await intake.send<ProblemBody>('POST', `/api/v1/inquiries/${inquiry.id}/convert`, {
      version: 1,
      existingPatientId: stranger.id,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.fields?.map((f) => f.field)).toEqual(['/existingPatientId']);

    const linked = await intake.send<ConvertResult>('POST', `/api/v1/inquiries/${inquiry.id}/convert`, {
      version: 1,
      existingPatientId: patient.id,
    });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    expect(linked.body).toMatchObject({ created: false, patientId: patient.id, coverageMoved: 1 });
    expect(await count('patients')).toBe(patientsBefore);
    const coverage = await intake.get<Coverage[]>(`/api/v1/patients/${patient.id}/coverage`);
    expect(coverage.body.map((c) => c.memberId)).toContain('C-1');

    const second = await create({
      firstName: patient.first_name,
      lastName: patient.last_name,
      dateOfBirth: patient.date_of_birth,
      phone: '203-555-0134',
    });
    const anyway = await intake.send<ConvertResult>('POST', `/api/v1/inquiries/${second.id}/convert`, {
      version: 1,
      createAnyway: true,
    });
    expect(anyway.status).toBe(201);
    expect(anyway.body.patientId).not.toBe(patient.id);
    expect(await count('patients')).toBe(patientsBefore + 1);
  });

  it('asks for what a chart needs that the inquiry does not hold', async () => {
    const inquiry = await create({ firstName: 'Sam', lastName: null, phone: '203-555-0145' });
    const missing = await intake.send<ProblemBody>('POST', `/api/v1/inquiries/${inquiry.id}/convert`, {
      version: 1,
    });
    expect(missing.status).toBe(400);
    expect(missing.body.fields?.map((f) => f.field)).toEqual(['/lastName', '/dateOfBirth']);
    const completed = await intake.send<ConvertResult>('POST', `/api/v1/inquiries/${inquiry.id}/convert`, {
      version: 1,
      lastName: `Okafor${randomUUID().slice(0, 4)}`,
      dateOfBirth: '1979-01-30',
    });
    expect(completed.status, JSON.stringify(completed.body)).toBe(201);
  });

  it('keeps coverage on an inquiry: add, check, edit with versions, remove', async () => {
    const inquiry = await create({});
    const coveragesBefore = await count('coverages');
    const bad = await intake.send<ProblemBody>('POST', `/api/v1/inquiries/${inquiry.id}/coverage`, {
      payerName: 'Medicaid',
      startsOn: '2026-12-01',
      endsOn: '2026-11-01',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields?.map((f) => f.field)).toEqual(['/endsOn']);
    expect(await count('coverages')).toBe(coveragesBefore);
    const added = await intake.send<Coverage>('POST', `/api/v1/inquiries/${inquiry.id}/coverage`, {
      payerName: 'Medicaid',
      memberId: 'M-1',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      unitKind: 'days',
      verified: false,
      version: 1,
      inquiryId: inquiry.id,
      patientId: null,
    });
    const edited = await intake.send<Coverage>(
      'PATCH',
      `/api/v1/inquiries/${inquiry.id}/coverage/${added.body.id}`,
      { version: 1, authorizedUnits: 20, unitKind: 'sessions', verified: true },
    );
    expect(edited.body).toMatchObject({
      version: 2,
      authorizedUnits: 20,
      unitKind: 'sessions',
      verified: true,
    });
    const stale = await intake.send<ProblemBody>(
      'PATCH',
      `/api/v1/inquiries/${inquiry.id}/coverage/${added.body.id}`,
      {
        version: 1,
        memberId: 'M-2',
      },
    );
    expect(stale.status).toBe(409);
    const other = await create({});
    const elsewhere = await intake.send<ProblemBody>(
      'PATCH',
      `/api/v1/inquiries/${other.id}/coverage/${added.body.id}`,
      { version: 2, memberId: 'M-3' },
    );
    expect(elsewhere.status).toBe(404);
    const list = await intake.get<Coverage[]>(`/api/v1/inquiries/${inquiry.id}/coverage`);
    expect(list.body.map((c) => c.memberId)).toEqual(['M-1']);
    const removed = await intake.send(
      'POST',
      `/api/v1/inquiries/${inquiry.id}/coverage/${added.body.id}/remove`,
      {
        version: 2,
      },
    );
    expect(removed.status).toBe(204);
    expect((await intake.get<Coverage[]>(`/api/v1/inquiries/${inquiry.id}/coverage`)).body).toEqual([]);
    expect((await audits('coverage.remove', added.body.id)).length).toBe(1);
  });

  it('previews a referral CSV with per-row errors and imports nothing unless every row is good', async () => {
    const header = 'First Name,Last Name,DOB,Phone,Referring Organization,Priority,Payer,Member ID,Units\r\n';
    const good = 'Dana,Import1,03/04/1990,860-555-0150,County Drug Court,pregnant,Medicaid,M-9,30\r\n';
    const bad = 'Eli,Import2,02/30/1990,not a phone,,,,,\r\n';
    const before = { inquiries: await count('inquiries'), coverages: await count('coverages') };

    const preview = await intake.send<ImportResult>('POST', '/api/v1/inquiries/import', {
      siteId: firstSite(),
      csv: header + good + bad,
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ dryRun: true, fileErrors: [], rowsWithErrors: 1, created: 0 });
    expect(preview.body.rows[0]).toMatchObject({
      row: 1,
      errors: [],
      values: {
        firstName: 'Dana',
        dateOfBirth: '1990-03-04',
        priorityPopulation: 'pregnant',
        payerName: 'Medicaid',
      },
    });
    expect(preview.body.rows[1]?.errors.map((e) => e.column)).toEqual([
      'date_of_birth',
      'phone',
      'referrer_organization',
    ]);

    const refused = await intake.send<ProblemBody>('POST', '/api/v1/inquiries/import?dryRun=false', {
      siteId: firstSite(),
      csv: header + good + bad,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    expect(refused.body.fields?.map((f) => f.field)).toEqual([
      '/csv/rows/2/date_of_birth',
      '/csv/rows/2/phone',
      '/csv/rows/2/referrer_organization',
    ]);
    expect({ inquiries: await count('inquiries'), coverages: await count('coverages') }).toEqual(before);

    const second = 'Fay,Import3,1985-07-08,860-555-0151,Hartford Hospital ED,,,,\r\n';
    const imported = await intake.send<ImportResult>('POST', '/api/v1/inquiries/import?dryRun=false', {
      siteId: firstSite(),
      csv: header + good + second,
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body).toMatchObject({ dryRun: false, created: 2, rowsWithErrors: 0 });
    expect({ inquiries: await count('inquiries'), coverages: await count('coverages') }).toEqual({
      inquiries: before.inquiries + 2,
      coverages: before.coverages + 1,
    });
    const first = await intake.get<Inquiry>(`/api/v1/inquiries/${imported.body.inquiryIds[0] ?? ''}`);
    expect(first.body).toMatchObject({
      source: 'referral',
      stage: 'new',
      referrerOrganization: 'County Drug Court',
      priorityDeadline: new Date(TEST_NOW.getTime() + 48 * HOUR).toISOString(),
    });
    expect((await intake.get<Coverage[]>(`/api/v1/inquiries/${first.body.id}/coverage`)).body).toMatchObject([
      { payerName: 'Medicaid', memberId: 'M-9', authorizedUnits: 30 },
    ]);
    const [event] = await audits('inquiry.import');
    expect(JSON.parse(event?.detail ?? '{}')).toMatchObject({ created: 2, coverages: 1 });

    const broken = await intake.send<ImportResult>('POST', '/api/v1/inquiries/import', {
      siteId: firstSite(),
      csv: 'first_name,ssn\nDana,123\n',
    });
    expect(broken.body.fileErrors).toEqual(['Unknown column "ssn".']);
  });

  it('keeps inquiries to their site: another site’s inquiry is not found, and every refusal is audited', async () => {
    const elsewhere = await create({ siteId: secondSite() }, director);
    const denialsBefore = (await audits('access.denied')).length;

    const hidden = await intake.get<ProblemBody>(`/api/v1/inquiries/${elsewhere.id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe('NOT_FOUND');
    const [denial] = await audits('access.denied');
    expect(denial).toMatchObject({
      actor_user_id: intake.userId,
      record_type: 'inquiry',
      record_id: elsewhere.id,
    });
    const board = await intake.get<InquiryBoard>('/api/v1/inquiries?limit=200');
    expect(board.body.items.map((i) => i.id)).not.toContain(elsewhere.id);
    expect(board.body.items.every((i) => i.siteId === firstSite())).toBe(true);
    const createThere = await intake.send<ProblemBody>('POST', '/api/v1/inquiries', {
      siteId: secondSite(),
      firstName: 'Nope',
    });
    expect(createThere.status).toBe(403);

    expect((await director.get(`/api/v1/inquiries/${elsewhere.id}`)).status).toBe(200);
    // Clinicians assess the people intake schedules: they read inquiries but do not convert them.
    const byClinician = await clinician.send<ProblemBody>(
      'POST',
      `/api/v1/inquiries/${elsewhere.id}/convert`,
      {
        version: 1,
      },
    );
    expect(byClinician.status).toBe(403);
    const deskBoard = await frontDesk.get<ProblemBody>('/api/v1/inquiries');
    expect(deskBoard.status).toBe(403);
    expect((await audits('access.denied')).length).toBe(denialsBefore + 4);
  });

  it('records a call-back request from the public self-check at the first site, audited without an actor', async () => {
    const { id, siteId } = await createInquiryFromCallback(server.deps, {
      firstName: 'Taylor',
      phone: '(203) 555-0160',
      contactWindow: 'Weekday mornings',
      voicemailOk: false,
      textsOk: true,
      consentToContact: true,
      preferredLanguage: 'es',
      priorityPopulation: 'pregnant',
      origin: { ip: '203.0.113.9', requestId: 'req-1' },
    });
    expect(siteId).toBe(firstSite());
    const inquiry = (await intake.get<Inquiry>(`/api/v1/inquiries/${id}`)).body;
    expect(inquiry).toMatchObject({
      source: 'self_check',
      stage: 'new',
      firstName: 'Taylor',
      contactWindow: 'Weekday mornings',
      contactPreferences: { voicemailOk: false, textsOk: true },
      consentToContact: true,
      preferredLanguage: 'es',
      createdBy: null,
      priorityDeadline: new Date(TEST_NOW.getTime() + 48 * HOUR).toISOString(),
    });
    const [event] = await audits('inquiry.create', id);
    expect(event).toMatchObject({ actor_user_id: null, actor_role: null, ip: '203.0.113.9' });
    await expect(
      createInquiryFromCallback(server.deps, {
        firstName: ' ',
        phone: 'call me',
        voicemailOk: false,
        textsOk: false,
        consentToContact: true,
        preferredLanguage: 'en',
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: '/firstName' }, { field: '/phone' }],
    });
  });
});
