import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { PAPERWORK_ITEMS } from '../src/core/intake/paperwork.js';
import { calendarDateIn } from '../src/core/runtime.js';
import { TEST_NOW, type TestServer, startTestServer } from '../src/server/testing/testServer.js';
import {
  UI_TIMEOUT,
  apiFromPage,
  currentCode,
  demoUser,
  expectText,
  goTo,
  heading,
  mainNav,
  shownDate,
  signIn,
  signOut,
  statusFromPage,
  submitCode,
  submitPassword,
  userIdOf,
  webStorageDump,
  wrongCode,
} from './support/app.js';
import { type TestBrowser, launchBrowser } from './support/browser.js';

// README screenshots are refreshed on request only (UPDATE_SCREENSHOTS=1), so test runs leave the tree clean.
const SCREENSHOTS =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? fileURLToPath(new URL('../docs/screenshots/', import.meta.url))
    : null;

const CLINICIAN = 'clinician@demo.openiop.org';
const SUPERVISOR = 'clinical-supervisor@demo.openiop.org';

const NEW_PATIENT = { firstName: 'Marisol', lastName: 'Quenneville', dateOfBirth: '1987-03-14' };
const ADMISSION_BACKDATE = 'Admitted on paper during the records system outage.';
const STEP_DOWN_REASON = 'Withdrawal resolved and sleep restored; ready for evening IOP while back at work.';
const STEP_DOWN_BACKDATE = 'Team meeting decision entered after the weekend.';
const AGREEMENT_WAIVER = 'Agreement read aloud with an interpreter; signed copy to follow.';
const PAPERWORK = [
  'Consent to treatment',
  'Part 2 patient notice',
  'Privacy-notice acknowledgment',
  'Patient rights and grievance procedure',
  'Program agreement',
];

const addDays = (isoDate: string, days: number): string => {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

/** Fills a date field; if the browser's own calendar says it is in the past, gives the reason too. */
const fillDate = async (
  form: Locator,
  label: string,
  date: string,
  backdateReason: string,
): Promise<void> => {
  await form.getByLabel(label).fill(date);
  const reason = form.getByLabel('Back-date reason');
  if (await reason.isVisible()) await reason.fill(backdateReason);
};

const chartHeader = (page: Page): Locator =>
  page.locator('main#main .mantine-Paper-root').filter({ has: page.getByText('MRN', { exact: true }) });

const openTab = async (page: Page, name: string | RegExp): Promise<void> => {
  await page.getByRole('tab', { name }).click();
  await expect
    .poll(() => page.getByRole('tab', { name }).getAttribute('aria-selected'), { timeout: UI_TIMEOUT })
    .toBe('true');
};

const bodyRows = (table: Locator): Locator => table.locator('tbody tr');

describe('staff journey: sign in, find a patient, admit, step down, discharge, alerts, audit', () => {
  let server: TestServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer('sqlite'), launchBrowser({ now: TEST_NOW })]);
    if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('runs a clinician and a supervisor through a full episode of care', { timeout: 120_000 }, async () => {
    const { page } = browser;
    const db = server.db.kysely;
    const clinician = demoUser(server, CLINICIAN);
    const supervisor = demoUser(server, SUPERVISOR);
    const clinicianId = await userIdOf(server, CLINICIAN);
    const clinicianName = clinician.displayName;

    // A patient on the clinician's caseload, in care at the IOP level.
    const mine = await db
      .selectFrom('caseload_assignments as c')
      .innerJoin('patients as p', 'p.id', 'c.patient_id')
      .innerJoin('enrolment_segments as s', 's.patient_id', 'p.id')
      .select(['p.id', 'p.first_name', 'p.last_name', 'p.mrn', 's.level_of_care'])
      .where('c.user_id', '=', clinicianId)
      .where('c.ended_at', 'is', null)
      .where('p.status', '=', 'active')
      .where('s.end_on', 'is', null)
      .orderBy('p.last_name')
      .executeTakeFirstOrThrow();
    const php = await db
      .selectFrom('programs')
      .select(['id', 'site_id'])
      .where('name', '=', 'Adult PHP')
      .executeTakeFirstOrThrow();
    const site = server.demo.sites.find((s) => s.id === php.site_id);
    if (!site) throw new Error('the PHP program has no demo site');
    const today = calendarDateIn(server.clock.now(), site.timeZone);
    const admittedOn = addDays(today, -14);
    const steppedDownOn = addDays(today, -7);

    // --- Sign-in: a wrong code is refused, the right one lets the clinician in.
    await submitPassword(page, server, clinician);
    await submitCode(page, wrongCode(server, clinician));
    await expectText(page.getByRole('alert'), 'The 6-digit code is not correct');
    expect(await page.getByLabel('6-digit code').inputValue()).toBe('');
    expect(await mainNav(page).count()).toBe(0);
    await submitCode(page, currentCode(server, clinician));
    await mainNav(page).waitFor({ timeout: UI_TIMEOUT });
    await expectText(page.locator('header'), 'Sign out');

    // --- Clinicians land on Today; the patient list is one click away.
    await heading(page, 'Today').waitFor({ timeout: UI_TIMEOUT });
    await goTo(page, /^Patients$/, 'Patients');

    // --- Patient list: the caseload, then a search by part of the last name.
    await heading(page, 'Patients').waitFor();
    const patients = page.getByRole('table', { name: 'Patients' });
    await bodyRows(patients).first().waitFor({ timeout: UI_TIMEOUT });
    const fullCount = await bodyRows(patients).count();
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}patients.png` });

    const fragment = mine.last_name.slice(1, 5).toLowerCase();
    await page.getByLabel('Search patients').fill(fragment);
    const myRow = bodyRows(patients).filter({ hasText: `${mine.last_name}, ${mine.first_name}` });
    await myRow.waitFor({ timeout: UI_TIMEOUT });
    await expect
      .poll(
        async () => {
          const names = await bodyRows(patients).locator('td:first-child').allTextContents();
          return names.every((n) => n.toLowerCase().includes(fragment)) && names.length < fullCount;
        },
        { timeout: UI_TIMEOUT },
      )
      .toBe(true);
    await expectText(myRow, mine.mrn);
    // The search stays out of the address bar, so names do not land in the browser's history.
    expect(page.url()).toBe(`${server.baseUrl}/patients`);

    // --- The chart: header with MRN and level of care.
    await myRow.getByRole('link').click();
    await heading(page, `${mine.first_name} ${mine.last_name}`).waitFor({ timeout: UI_TIMEOUT });
    await expectText(chartHeader(page), mine.mrn, `${mine.level_of_care} · Intensive outpatient`);
    await page.getByRole('tab', { name: 'Episodes' }).waitFor();
    expect(await page.title()).toBe('Patient chart · OpenIOP');
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}chart.png` });

    // --- Registration: a new patient in intake.
    await goTo(page, 'Patients', 'Patients');
    await page.getByRole('button', { name: 'New patient' }).click();
    await heading(page, 'New patient').waitFor({ timeout: UI_TIMEOUT });
    const siteSelect = page.getByLabel('Site');
    await expect.poll(() => siteSelect.isEnabled(), { timeout: UI_TIMEOUT }).toBe(true);
    await siteSelect.selectOption(php.site_id);
    await page.getByLabel('First name').fill(NEW_PATIENT.firstName);
    await page.getByLabel('Last name').fill(NEW_PATIENT.lastName);
    await page.getByLabel('Date of birth').fill(NEW_PATIENT.dateOfBirth);
    await page.getByLabel('May leave voicemail').check();
    await page.getByRole('button', { name: 'Create patient' }).click();
    await heading(page, `${NEW_PATIENT.firstName} ${NEW_PATIENT.lastName}`).waitFor({ timeout: UI_TIMEOUT });
    const created = await db
      .selectFrom('patients')
      .select(['id', 'mrn', 'status', 'voicemail_ok', 'texts_ok'])
      .where('last_name', '=', NEW_PATIENT.lastName)
      .executeTakeFirstOrThrow();
    expect(created).toMatchObject({ status: 'intake', voicemail_ok: 1, texts_ok: 0 });
    expect(page.url()).toBe(`${server.baseUrl}/patients/${created.id}`);
    await expectText(chartHeader(page), created.mrn, 'Intake', 'Level of care—');

    // --- Admission to PHP, back-dated two weeks with a reason: refused until the paperwork is done.
    await openTab(page, 'Episodes');
    await expectText(page.getByRole('tabpanel'), 'No episodes of care yet');
    await page.getByRole('button', { name: 'Admit' }).click();
    const form = page.locator('#episode-form');
    const fillAdmission = async () => {
      await form.getByRole('button', { name: 'Save admission' }).waitFor({ timeout: UI_TIMEOUT });
      await form.getByLabel('Program').selectOption({ label: 'Adult PHP' });
      expect(await form.getByLabel('Level of care').inputValue()).toBe('PHP');
      await form.getByLabel('Primary clinician').selectOption({ label: clinicianName });
      expect(await form.getByLabel('Primary clinician').inputValue()).toBe(clinicianId);
      await fillDate(form, 'Start date', admittedOn, ADMISSION_BACKDATE);
      await form.getByRole('button', { name: 'Save admission' }).click();
    };
    await fillAdmission();
    const missing = form.getByRole('alert').filter({ hasText: 'Admission paperwork is not complete' });
    await expectText(missing, ...PAPERWORK);

    // --- The admission checklist: four documents complete, the program agreement waived with a reason.
    await missing.getByRole('link', { name: 'Open the admission paperwork checklist' }).click();
    await expect
      .poll(() => page.getByRole('tab', { name: 'Admission' }).getAttribute('aria-selected'), {
        timeout: UI_TIMEOUT,
      })
      .toBe('true');
    const checklist = page.getByRole('table', { name: 'Admission paperwork' });
    await expectText(page.getByRole('status').filter({ hasText: 'Still needed' }), ...PAPERWORK);
    for (const item of PAPERWORK.slice(0, 4)) {
      await checklist.getByRole('button', { name: `Mark complete: ${item}` }).click();
      await expectText(bodyRows(checklist).filter({ hasText: item }), 'Complete', clinicianName);
    }
    await checklist.getByRole('button', { name: 'Waive Program agreement' }).click();
    const waive = page.getByRole('dialog', { name: 'Waive: Program agreement' });
    await waive.getByRole('button', { name: 'Save waiver' }).click();
    await expectText(waive, 'Say why this document is waived.');
    await waive.getByLabel('Reason for waiving').fill(AGREEMENT_WAIVER);
    await waive.getByRole('button', { name: 'Save waiver' }).click();
    await waive.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
    await expectText(
      bodyRows(checklist).filter({ hasText: 'Program agreement' }),
      'Waived',
      AGREEMENT_WAIVER,
    );
    await expectText(
      page.getByRole('status').filter({ hasText: 'Paperwork complete' }),
      'the patient may be admitted',
    );

    // --- A diagnosis by the licensed clinician, and the overdose-safety prompt it brings.
    await page.getByRole('button', { name: 'Add diagnosis' }).click();
    const diagnosisForm = page.getByRole('form', { name: 'New diagnosis' });
    await diagnosisForm.getByLabel('Substance').selectOption({ label: 'Opioid (F11)' });
    await diagnosisForm.getByLabel('DSM-5 criteria met').selectOption('7');
    await expectText(diagnosisForm, 'Severity: Severe (6 or more criteria)');
    await diagnosisForm.getByLabel('On maintenance therapy').check();
    expect(await diagnosisForm.getByLabel('ICD-10-CM code').inputValue()).toBe('F11.20');
    await diagnosisForm.getByRole('button', { name: 'Save diagnosis' }).click();
    const diagnoses = page.getByRole('table', { name: 'Diagnoses' });
    await expectText(
      bodyRows(diagnoses).first(),
      'F11.20',
      'Opioid use disorder',
      'Severe',
      'On maintenance therapy',
    );
    await expectText(
      page.getByRole('status').filter({ hasText: 'Overdose safety not documented' }),
      'naloxone',
    );
    await page.getByLabel('Naloxone status').selectOption({ label: 'Naloxone prescribed' });
    await page.getByLabel('Overdose-risk education given on').fill(today);
    await page.getByRole('button', { name: 'Save overdose safety' }).click();
    await expectText(
      page.locator('section[aria-labelledby="overdose-safety-heading"]'),
      'Naloxone prescribed',
    );
    expect(await page.getByText('Overdose safety not documented').count()).toBe(0);

    // --- Now the admission goes through.
    await openTab(page, 'Episodes');
    await page.getByRole('button', { name: 'Admit' }).click();
    await fillAdmission();
    await expectText(page.getByRole('status').filter({ hasText: 'Admission saved.' }), 'Admission saved.');
    await expectText(chartHeader(page), 'Active', 'PHP · Partial hospitalization', 'Adult PHP');
    const current = page.getByRole('table', { name: 'Current episode segments' });
    await expectText(current, 'Admission', shownDate(admittedOn), `Recorded late: ${ADMISSION_BACKDATE}`);

    // --- Step-down PHP → IOP inside the episode, with a reason.
    await page.getByRole('button', { name: 'Change level of care' }).click();
    await form.getByRole('button', { name: 'Save level change' }).waitFor({ timeout: UI_TIMEOUT });
    await form.getByLabel('Program').selectOption({ label: 'Adult SUD IOP' });
    await expectText(form, 'Step down: PHP → IOP');
    await form.getByLabel('Reason for the change').fill(STEP_DOWN_REASON);
    await fillDate(form, 'Effective date', steppedDownOn, STEP_DOWN_BACKDATE);
    await form.getByRole('button', { name: 'Save level change' }).click();
    await expectText(page.getByRole('status').filter({ hasText: 'Level of care' }), 'Level of care changed.');
    await expectText(chartHeader(page), 'IOP · Intensive outpatient', 'Adult SUD IOP');
    await expect.poll(() => bodyRows(current).count(), { timeout: UI_TIMEOUT }).toBe(2);

    // --- Discharge, confirmed in a dialog.
    await page.getByRole('button', { name: 'Discharge' }).click();
    await form.getByLabel('Discharge type').selectOption({ label: 'Completed treatment' });
    await fillDate(form, 'Discharge date', today, 'Entered the next morning.');
    await form.getByRole('button', { name: 'End episode' }).click();
    const dialog = page.getByRole('dialog', { name: 'End this episode?' });
    await expectText(dialog, `${NEW_PATIENT.firstName} ${NEW_PATIENT.lastName} will be discharged`);
    await dialog.getByRole('button', { name: 'Yes, end the episode' }).click();
    await expectText(
      page.getByRole('status').filter({ hasText: 'discharged' }),
      'Patient discharged; the episode is closed.',
    );
    await dialog.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });

    // --- The closed episode and its two segments.
    await expectText(chartHeader(page), 'Discharged', 'Level of care—');
    expect(await page.getByRole('heading', { name: /Current episode/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Admit' }).isVisible()).toBe(true);
    const past = page.locator('section[aria-labelledby="past-episodes"]');
    await expectText(past, `${shownDate(admittedOn)} – ${shownDate(today)} · Completed treatment`);
    const segments = past.getByRole('table', {
      name: `Segments of the episode admitted ${shownDate(admittedOn)}`,
    });
    await expect.poll(() => bodyRows(segments).count(), { timeout: UI_TIMEOUT }).toBe(2);
    // Newest first: level, program / track, from, to, change, primary clinician, recorded by.
    const cells = async (row: number) =>
      (await bodyRows(segments).nth(row).locator('td').allInnerTexts()).map((t) =>
        t.replace(/\s+/g, ' ').trim(),
      );
    expect(await cells(0)).toEqual([
      'IOP · Intensive outpatient',
      expect.stringMatching(/^Adult SUD IOP( · .+)?$/),
      shownDate(steppedDownOn),
      shownDate(today),
      `Step down ${STEP_DOWN_REASON} Recorded late: ${STEP_DOWN_BACKDATE}`,
      clinicianName,
      clinicianName,
    ]);
    expect(await cells(1)).toEqual([
      'PHP · Partial hospitalization',
      expect.stringMatching(/^Adult PHP( · .+)?$/),
      shownDate(admittedOn),
      shownDate(addDays(steppedDownOn, -1)),
      `Admission Recorded late: ${ADMISSION_BACKDATE}`,
      clinicianName,
      clinicianName,
    ]);

    // --- Inbox: acknowledge one of the alerts raised to this clinician.
    const recipient = await db
      .selectFrom('alerts as a')
      .innerJoin('users as u', 'u.id', 'a.recipient_user_id')
      .leftJoin('patients as p', 'p.id', 'a.patient_id')
      .select(['a.id', 'a.title', 'a.recipient_user_id', 'u.email', 'p.first_name', 'p.last_name'])
      .where('a.status', '=', 'open')
      .where('u.role', '=', 'clinician')
      .orderBy((eb) => eb.case().when('u.email', '=', CLINICIAN).then(0).else(1).end())
      .orderBy('a.raised_at')
      .executeTakeFirstOrThrow();
    if (recipient.email !== CLINICIAN) {
      await signOut(page);
      await signIn(page, server, demoUser(server, recipient.email));
    }
    const openCount = await db
      .selectFrom('alerts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('recipient_user_id', '=', recipient.recipient_user_id)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    const inboxLink = (n: number) => mainNav(page).getByRole('link', { name: `Inbox, ${n} open alerts` });
    await inboxLink(Number(openCount.n)).waitFor({ timeout: UI_TIMEOUT });
    await goTo(page, /^Inbox/, 'Inbox');
    const alerts = page.getByRole('table', { name: 'Alerts' });
    const alertRow = bodyRows(alerts)
      .filter({ hasText: recipient.title })
      .filter({
        hasText: recipient.last_name ? `${recipient.last_name}, ${recipient.first_name ?? ''}` : '',
      });
    await expectText(alertRow, 'Open');
    await alertRow.getByRole('button', { name: 'Acknowledge' }).click();
    await expectText(alertRow, 'Acknowledged');
    expect(await alertRow.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
    expect(await alertRow.getByRole('button', { name: 'Resolve' }).isVisible()).toBe(true);
    await inboxLink(Number(openCount.n) - 1).waitFor({ timeout: UI_TIMEOUT });
    const acknowledged = await db
      .selectFrom('alerts')
      .select(['status', 'acknowledged_by'])
      .where('id', '=', recipient.id)
      .executeTakeFirstOrThrow();
    expect(acknowledged).toEqual({ status: 'acknowledged', acknowledged_by: recipient.recipient_user_id });

    // --- Nothing clinical stays behind after signing out.
    const clinical = [
      NEW_PATIENT.lastName,
      created.mrn,
      mine.last_name,
      mine.mrn,
      ...(recipient.last_name ? [recipient.last_name] : []),
    ];
    const expectSignedOut = async () => {
      await expectText(page.getByRole('status'), 'You have signed out.');
      expect(await mainNav(page).count()).toBe(0);
      expect(await statusFromPage(page, '/api/v1/me')).toBe(401);
      const stored = await webStorageDump(page);
      for (const value of clinical) expect(stored).not.toContain(value);
      expect(stored).not.toMatch(/MRN-\d{6}/);
    };
    await signOut(page);
    await expectSignedOut();

    // --- A clinical supervisor reviews who looked at the new patient.
    await signIn(page, server, supervisor);
    await page.getByLabel('Search patients').fill(NEW_PATIENT.lastName);
    const newRow = bodyRows(patients).filter({ hasText: created.mrn });
    await newRow.getByRole('link').click();
    await heading(page, `${NEW_PATIENT.firstName} ${NEW_PATIENT.lastName}`).waitFor({ timeout: UI_TIMEOUT });
    await openTab(page, 'Audit');
    const history = page.getByRole('table', { name: 'Access history' });
    await bodyRows(history).first().waitFor({ timeout: UI_TIMEOUT });
    const actionsBy = async (who: string): Promise<string[]> => {
      const rows = await bodyRows(history).filter({ hasText: who }).all();
      return Promise.all(rows.map((row) => row.locator('td').nth(3).innerText()));
    };
    const byClinician = await actionsBy(clinicianName);
    expect(byClinician).toEqual(
      expect.arrayContaining([
        'patient.create',
        'patient.read',
        'paperwork.record',
        'diagnosis.create',
        'overdoseSafety.record',
        'episode.list',
        'episode.admit',
        'episode.changeSegment',
        'episode.discharge',
      ]),
    );
    expect(byClinician.filter((a) => a === 'patient.read').length).toBeGreaterThanOrEqual(2);
    await expectText(
      bodyRows(history).filter({ hasText: 'episode.admit' }),
      clinicianName,
      'Clinician',
      'Regular',
    );

    await signOut(page);
    await expectSignedOut();
    expect(await page.getByLabel('Email', { exact: true }).inputValue()).toBe('');

    // Going back does not bring the last patient list back on screen.
    await page.goBack();
    await heading(page, 'Sign in').waitFor({ timeout: UI_TIMEOUT });
    const after = await page.locator('body').innerText();
    for (const value of clinical) expect(after).not.toContain(value);
    expect(await statusFromPage(page, '/api/v1/me')).toBe(401);
  });

  it('refuses a back-dated discharge without a reason, as it does admissions and level changes', async () => {
    const { page } = browser;
    const clinician = demoUser(server, CLINICIAN);
    const clinicianId = await userIdOf(server, CLINICIAN);
    const iop = await server.db.kysely
      .selectFrom('programs')
      .select(['id', 'site_id'])
      .where('name', '=', 'Adult SUD IOP')
      .orderBy('site_id')
      .executeTakeFirstOrThrow();
    const site = server.demo.sites.find((s) => s.id === iop.site_id);
    if (!site) throw new Error('the IOP program has no demo site');
    const today = calendarDateIn(server.clock.now(), site.timeZone);

    await signIn(page, server, clinician);
    const patient = await apiFromPage(page, 'POST', '/api/v1/patients', {
      firstName: 'Tobias',
      lastName: 'Brightwater',
      dateOfBirth: '1979-08-02',
      siteId: iop.site_id,
    });
    expect(patient.status).toBe(201);
    const patientId = (patient.body as { id: string }).id;
    for (const item of PAPERWORK_ITEMS) {
      const recorded = await apiFromPage(page, 'PUT', `/api/v1/patients/${patientId}/paperwork/${item}`, {
        status: 'complete',
      });
      expect(recorded.status).toBe(200);
    }
    const admitted = await apiFromPage(page, 'POST', `/api/v1/patients/${patientId}/episodes`, {
      programId: iop.id,
      levelOfCare: 'IOP',
      startOn: addDays(today, -10),
      backdateReason: ADMISSION_BACKDATE,
      primaryClinicianId: clinicianId,
    });
    expect(admitted.status).toBe(201);
    const episode = admitted.body as { id: string; version: number };

    // The form asks for the reason before it lets a past date through…
    await page.goto(`${server.baseUrl}/patients/${patientId}/episodes`);
    await page.getByRole('button', { name: 'Discharge' }).click();
    const form = page.locator('#episode-form');
    await form.getByLabel('Discharge type').selectOption({ label: 'Left against advice' });
    await form.getByLabel('Discharge date').fill(addDays(today, -3));
    await form.getByRole('button', { name: 'End episode' }).click();
    await expectText(form, 'Say why this date is in the past.');
    expect(await page.getByRole('dialog').count()).toBe(0);

    // …and the server must hold the same rule for every client.
    const discharged = await apiFromPage(
      page,
      'POST',
      `/api/v1/patients/${patientId}/episodes/${episode.id}/discharge`,
      { version: episode.version, dischargeType: 'left_against_advice', dischargedOn: addDays(today, -3) },
    );
    const problem = discharged.body as { code?: string; fields?: { field: string }[] };
    expect({
      status: discharged.status,
      code: problem.code,
      fields: problem.fields?.map((f) => f.field),
    }).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields: ['/backdateReason'] });
  });
});
