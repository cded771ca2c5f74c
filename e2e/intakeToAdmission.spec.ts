import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { PAPERWORK_LABELS, PAPERWORK_ITEMS } from '../src/core/intake/paperwork.js';
import { calendarDateIn } from '../src/core/runtime.js';
import { TEST_NOW, type TestServer, startTestServer } from '../src/server/testing/testServer.js';
import {
  UI_TIMEOUT,
  apiFromPage,
  demoUser,
  expectText,
  goTo,
  heading,
  settled,
  shownDate,
  signIn,
  signOut,
} from './support/app.js';
import { type TestBrowser, launchBrowser, seriousAccessibilityViolations } from './support/browser.js';

const INTAKE = 'intake-coordinator@demo.openiop.org';
const CLINICIAN = 'clinician@demo.openiop.org';

/** The person who calls in the first journey: IOP. */
const CALLER = {
  firstName: 'Teodora',
  lastName: 'Lindqvist-Amaro',
  dateOfBirth: '1991-04-12',
  phone: '(860) 555-0299',
};
/** The person of the second journey: residential, referred out. */
const RESIDENTIAL = { firstName: 'Ansel', lastName: 'Okonkwo-Brandt', dateOfBirth: '1984-09-30' };
const RESIDENTIAL_PROGRAM = 'Harbor View Residential Treatment';

const chartHeader = (page: Page): Locator =>
  page.locator('main#main .mantine-Paper-root').filter({ has: page.getByText('MRN', { exact: true }) });

const openTab = async (page: Page, name: string | RegExp): Promise<void> => {
  await page.getByRole('tab', { name }).click();
  await expect
    .poll(() => page.getByRole('tab', { name }).getAttribute('aria-selected'), { timeout: UI_TIMEOUT })
    .toBe('true');
};

/** Confirms the dialog a ConfirmButton opened and waits for it to close. */
const confirmDialog = async (page: Page, label: string): Promise<void> => {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: label, exact: true }).click();
  await dialog.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
};

/** Rates one dimension of the guided assessment, after answering its questions. */
const rateDimension = async (
  page: Page,
  n: number,
  answers: readonly [question: string, answer: string | RegExp][],
  rating: number,
): Promise<void> => {
  await page.getByRole('heading', { name: new RegExp(`^Dimension ${n}:`) }).waitFor({ timeout: UI_TIMEOUT });
  for (const [question, answer] of answers) {
    await page
      .getByRole('radiogroup', { name: question })
      .getByRole('radio', { name: answer, exact: typeof answer === 'string' })
      .check();
  }
  // The answers suggest exactly this rating, so no note is needed.
  await expectText(page.locator('main'), `Suggested rating: ${rating}`);
  await page
    .getByRole('radiogroup', { name: `Your rating for dimension ${n}` })
    .getByRole('radio', { name: new RegExp(`^${rating}`) })
    .check();
};

/** Goes through the six dimensions, the criteria and the factors, up to the Sign step. */
const assess = async (
  page: Page,
  ratings: Record<number, { answers: readonly [string, string | RegExp][]; rating: number }>,
  criteria: number,
  severity: string,
): Promise<void> => {
  await page.getByRole('button', { name: 'Start a placement assessment' }).click();
  for (const n of [1, 2, 3, 4, 5, 6]) {
    if (n > 1) await page.getByRole('button', { name: 'Next', exact: true }).click();
    const wanted = ratings[n] ?? { answers: [], rating: 0 };
    await rateDimension(page, n, wanted.answers, wanted.rating);
  }
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByLabel('DSM-5 SUD criteria met in the past 12 months').fill(String(criteria));
  await expectText(page.locator('main'), severity);
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('heading', { name: 'Decision factors' }).waitFor({ timeout: UI_TIMEOUT });
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('heading', { name: 'Sign', exact: true }).waitFor({ timeout: UI_TIMEOUT });
};

describe('from a phone call to admission, and a residential referral held back for consent', () => {
  let server: TestServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    // WEB_ROOT: a web build other than dist/web, to try a change without rebuilding the shared one.
    [server, browser] = await Promise.all([
      startTestServer('sqlite', process.env.WEB_ROOT ? { webRoot: process.env.WEB_ROOT } : {}),
      launchBrowser({ now: TEST_NOW }),
    ]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'coordinator takes the call, a clinician recommends IOP, the paperwork is done and the patient is admitted',
    { timeout: 120_000 },
    async () => {
      const { page } = browser;
      const db = server.db.kysely;
      const coordinator = demoUser(server, INTAKE);
      const clinician = demoUser(server, CLINICIAN);
      const inquiryTitle = `${CALLER.lastName}, ${CALLER.firstName}`;
      const fullName = `${CALLER.firstName} ${CALLER.lastName}`;

      // --- The intake coordinator takes the call and writes the inquiry down.
      await signIn(page, server, coordinator);
      await goTo(page, 'Intake', 'Intake');
      await page.getByRole('button', { name: 'New inquiry' }).click();
      await heading(page, 'New inquiry').waitFor({ timeout: UI_TIMEOUT });
      expect(await page.getByLabel('How they reached us').inputValue()).toBe('phone');
      await page.getByLabel('First name').fill(CALLER.firstName);
      await page.getByLabel('Last name').fill(CALLER.lastName);
      await page.getByLabel('Date of birth').fill(CALLER.dateOfBirth);
      await page.getByLabel('Phone').fill(CALLER.phone);
      await page.getByLabel('Agreed to be contacted').check();
      await page.getByLabel('Reason for calling').fill('Drinking most days since losing a job; wants help.');
      await page.getByRole('checkbox', { name: 'Alcohol' }).check();
      await page.getByRole('button', { name: 'Save inquiry' }).click();
      await heading(page, inquiryTitle).waitFor({ timeout: UI_TIMEOUT });
      const inquiryId = /\/intake\/inquiries\/([^/?#]+)/.exec(page.url())?.[1] ?? '';
      expect(inquiryId).not.toBe('');
      await expectText(page.locator('main'), 'Phone call', 'Now: New.');

      // On the board, among the new inquiries: screened with the quick action.
      await page.getByRole('link', { name: '← Intake board' }).click();
      await heading(page, 'Intake').waitFor({ timeout: UI_TIMEOUT });
      const newRow = page
        .getByRole('table', { name: 'New inquiries' })
        .locator('tbody tr')
        .filter({ hasText: inquiryTitle });
      await newRow.getByRole('button', { name: 'Mark screened' }).click();
      await confirmDialog(page, 'Move to screened');
      await expectText(
        page.getByRole('status').filter({ hasText: 'moved to' }),
        `${inquiryTitle} moved to screened.`,
      );

      // Screened: assigned to the clinician and booked for a placement assessment.
      await openTab(page, /^Screened/);
      await page
        .getByRole('table', { name: 'Screened inquiries' })
        .locator('tbody tr')
        .filter({ hasText: inquiryTitle })
        .getByRole('link', { name: 'Schedule assessment' })
        .click();
      await heading(page, inquiryTitle).waitFor({ timeout: UI_TIMEOUT });
      await page.getByRole('button', { name: 'Edit', exact: true }).click();
      const assignee = page.getByLabel('Assigned to');
      await expect.poll(() => assignee.isEnabled(), { timeout: UI_TIMEOUT }).toBe(true);
      await assignee.selectOption({ label: `${clinician.displayName} (Clinician)` });
      await page.getByRole('button', { name: 'Save changes' }).click();
      await expectText(page.getByRole('status').filter({ hasText: 'Changes saved' }), 'Changes saved.');
      await page.getByRole('radio', { name: 'Assessment scheduled' }).check();
      await page.getByRole('button', { name: 'Move…' }).click();
      await confirmDialog(page, 'Move to assessment scheduled');
      await expectText(page.getByRole('status').filter({ hasText: 'Stage changed' }), 'Stage changed.');
      await expectText(page.locator('main'), 'Now: Assessment scheduled.', clinician.displayName);
      await signOut(page);

      // --- The clinician finds the booked inquiry, rates the six dimensions and signs: IOP.
      await signIn(page, server, clinician);
      await goTo(page, 'Intake', 'Intake');
      await openTab(page, /^Assessment scheduled/);
      await page
        .getByRole('table', { name: 'Assessment scheduled inquiries' })
        .getByRole('link', { name: inquiryTitle })
        .click();
      await heading(page, inquiryTitle).waitFor({ timeout: UI_TIMEOUT });
      // Weekly use with strong cravings rates relapse potential 2, which the default rule table maps
      // to IOP (the ASAM-style level 2.1); readiness 1 and everything else 0 ask for no more than OP.
      await assess(
        page,
        {
          1: { answers: [['Which withdrawal signs does the patient show now?', 'None']], rating: 0 },
          4: {
            answers: [['Does the patient see their substance use as a problem?', 'Partly or unsure']],
            rating: 1,
          },
          5: {
            answers: [
              ['How often has the patient used in the past 30 days?', 'Weekly'],
              ['How strong are cravings?', 'Strong and hard to resist'],
            ],
            rating: 2,
          },
        },
        5,
        'Moderate (4–5 criteria)',
      );
      const accept = page.getByRole('radio', {
        name: 'Accept the recommendation: IOP · Intensive outpatient',
      });
      await accept.waitFor({ timeout: UI_TIMEOUT });
      expect(await accept.isChecked()).toBe(true);
      await expectText(page.locator('main'), 'Relapse or continued-use potential (dimension 5) rated 2');
      await page.getByRole('button', { name: 'Sign and accept' }).click();
      await expectText(page.locator('main'), 'Accepted: IOP · Intensive outpatient', 'Result when signed');
      await page.getByRole('button', { name: 'Close', exact: true }).click();
      const assessments = page.getByRole('table', { name: 'Placement assessments' });
      await expectText(assessments.locator('tbody tr').first(), 'Signed', 'IOP', clinician.displayName);
      await signOut(page);

      // --- The coordinator marks it assessed, converts it, completes the paperwork and admits.
      await signIn(page, server, coordinator);
      await goTo(page, 'Intake', 'Intake');
      await openTab(page, /^Assessment scheduled/);
      await page
        .getByRole('table', { name: 'Assessment scheduled inquiries' })
        .locator('tbody tr')
        .filter({ hasText: inquiryTitle })
        .getByRole('button', { name: 'Mark assessed' })
        .click();
      await confirmDialog(page, 'Move to assessed');
      await expectText(
        page.getByRole('status').filter({ hasText: 'moved to' }),
        `${inquiryTitle} moved to assessed.`,
      );
      await openTab(page, /^Assessed/);
      await page
        .getByRole('table', { name: 'Assessed inquiries' })
        .getByRole('link', { name: inquiryTitle })
        .click();
      await heading(page, inquiryTitle).waitFor({ timeout: UI_TIMEOUT });
      await expectText(
        page.getByRole('table', { name: 'Placement assessments' }).locator('tbody tr').first(),
        'Signed',
        'IOP',
        clinician.displayName,
      );

      await page.getByRole('button', { name: 'Check for existing records' }).click();
      await expectText(
        page.getByRole('status').filter({ hasText: 'No existing record' }),
        'No existing record matches',
      );
      await page.getByRole('button', { name: 'Create patient record…' }).click();
      await confirmDialog(page, 'Create record');
      await expectText(page.getByRole('status').filter({ hasText: 'linked' }), 'linked to a patient record');
      await page.getByRole('link', { name: 'Open the chart' }).click();
      await heading(page, fullName).waitFor({ timeout: UI_TIMEOUT });
      const patient = await db
        .selectFrom('patients')
        .innerJoin('sites', 'sites.id', 'patients.site_id')
        .select(['patients.id', 'patients.mrn', 'patients.status', 'sites.time_zone'])
        .where('patients.last_name', '=', CALLER.lastName)
        .executeTakeFirstOrThrow();
      expect(patient.status).toBe('intake');
      expect(page.url()).toBe(`${server.baseUrl}/patients/${patient.id}`);
      await expectText(chartHeader(page), patient.mrn, 'Intake', 'Level of care—');
      const today = calendarDateIn(server.clock.now(), patient.time_zone);

      await openTab(page, 'Admission');
      const checklist = page.getByRole('table', { name: 'Admission paperwork' });
      for (const item of PAPERWORK_ITEMS) {
        const label = PAPERWORK_LABELS[item];
        await checklist.getByRole('button', { name: `Mark complete: ${label}` }).click();
        await expectText(
          checklist.locator('tbody tr').filter({ hasText: label }),
          'Complete',
          coordinator.displayName,
        );
      }
      await expectText(
        page.getByRole('status').filter({ hasText: 'Paperwork complete' }),
        'the patient may be admitted',
      );

      await openTab(page, 'Episodes');
      await expectText(page.getByRole('tabpanel'), 'No episodes of care yet');
      await page.getByRole('button', { name: 'Admit' }).click();
      const form = page.locator('#episode-form');
      await form.getByRole('button', { name: 'Save admission' }).waitFor({ timeout: UI_TIMEOUT });
      await form.getByLabel('Program').selectOption({ label: 'Adult SUD IOP' });
      expect(await form.getByLabel('Level of care').inputValue()).toBe('IOP');
      await form.getByLabel('Primary clinician').selectOption({ label: clinician.displayName });
      expect(await form.getByLabel('Start date').inputValue()).toBe(today);
      await form.getByRole('button', { name: 'Save admission' }).click();
      // The patient is in care now: intake staff no longer see the chart, and are told so.
      await expectText(
        page.getByRole('status').filter({ hasText: 'Admitted: the chart is with the care team' }),
        `${fullName} is no longer in intake`,
      );
      expect(await page.getByText('No such patient').count()).toBe(0);
      await settled(page);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);

      // Admission finished the intake: the inquiry is admitted without another step.
      await page.getByRole('link', { name: 'Back to the intake board' }).click();
      await heading(page, 'Intake').waitFor({ timeout: UI_TIMEOUT });
      await openTab(page, /^Admitted/);
      await page
        .getByRole('table', { name: 'Admitted inquiries' })
        .getByRole('link', { name: inquiryTitle })
        .click();
      await heading(page, inquiryTitle).waitFor({ timeout: UI_TIMEOUT });
      await expectText(page.locator('main'), 'This inquiry is admitted: it does not move any more.');
      await signOut(page);

      // --- The clinician, now the primary clinician, finds the patient in care at the IOP level.
      await signIn(page, server, clinician);
      await page.getByLabel('Search patients').fill(CALLER.lastName);
      const row = page
        .getByRole('table', { name: 'Patients' })
        .locator('tbody tr')
        .filter({ hasText: patient.mrn });
      await row.getByRole('link').click();
      await heading(page, fullName).waitFor({ timeout: UI_TIMEOUT });
      await expectText(
        chartHeader(page),
        patient.mrn,
        'Active',
        'IOP · Intensive outpatient',
        'Adult SUD IOP',
        clinician.displayName,
      );
      await openTab(page, 'Episodes');
      await expectText(
        page.getByRole('heading', { name: /^Current episode/ }),
        `admitted ${shownDate(today)}`,
      );
      const segments = page.getByRole('table', { name: 'Current episode segments' }).locator('tbody tr');
      await expect.poll(() => segments.count(), { timeout: UI_TIMEOUT }).toBe(1);
      await expectText(
        segments.first(),
        'IOP · Intensive outpatient',
        'Adult SUD IOP',
        'Admission',
        shownDate(today),
      );
      // The assessment signed on the inquiry came along to the chart.
      await openTab(page, 'Placement');
      await expectText(
        page.getByRole('table', { name: 'Placement assessments' }).locator('tbody tr').first(),
        'Signed',
        'IOP',
        clinician.displayName,
      );

      // The same through the API: one open episode, its first segment at IOP in the IOP program.
      const episodes = await apiFromPage(page, 'GET', `/api/v1/patients/${patient.id}/episodes`);
      expect(episodes.status).toBe(200);
      expect(episodes.body).toEqual([
        expect.objectContaining({
          status: 'open',
          admittedOn: today,
          segments: [
            expect.objectContaining({
              levelOfCare: 'IOP',
              programName: 'Adult SUD IOP',
              changeKind: 'admission',
            }),
          ],
        }),
      ]);
      const inquiry = await apiFromPage(page, 'GET', `/api/v1/inquiries/${inquiryId}`);
      expect(inquiry.body).toMatchObject({ stage: 'admitted', patientId: patient.id });
    },
  );

  it(
    'a residential recommendation becomes a referral out, refused for want of consent with nothing sent',
    { timeout: 60_000 },
    async () => {
      const { page } = browser;
      const db = server.db.kysely;
      const clinician = demoUser(server, CLINICIAN);
      const inquiryTitle = `${RESIDENTIAL.lastName}, ${RESIDENTIAL.firstName}`;

      // A second call, booked for an assessment: by the coordinator through the API, as the first
      // journey did through the board.
      await signIn(page, server, demoUser(server, INTAKE));
      const site = server.demo.sites[0];
      if (!site) throw new Error('the demo has no site');
      const today = calendarDateIn(server.clock.now(), site.timeZone);
      const created = await apiFromPage(page, 'POST', '/api/v1/inquiries', {
        siteId: site.id,
        firstName: RESIDENTIAL.firstName,
        lastName: RESIDENTIAL.lastName,
        dateOfBirth: RESIDENTIAL.dateOfBirth,
        phone: '860-555-0298',
      });
      expect(created.status).toBe(201);
      let inquiry = created.body as { id: string; version: number };
      for (const to of ['screened', 'assessment_scheduled'] as const) {
        const moved = await apiFromPage(page, 'POST', `/api/v1/inquiries/${inquiry.id}/stage`, {
          version: inquiry.version,
          to,
          ...(to === 'assessment_scheduled' ? { assessmentAt: '2026-11-25T15:00:00.000Z' } : {}),
        });
        expect(moved.status).toBe(200);
        inquiry = moved.body as typeof inquiry;
      }
      const disclosuresBefore = await db
        .selectFrom('disclosures')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      await signOut(page);

      // --- The clinician assesses: an overdose in the past 3 months rates relapse potential 4 → residential.
      await signIn(page, server, clinician);
      await goTo(page, 'Intake', 'Intake');
      await openTab(page, /^Assessment scheduled/);
      await page
        .getByRole('table', { name: 'Assessment scheduled inquiries' })
        .getByRole('link', { name: inquiryTitle })
        .click();
      await heading(page, inquiryTitle).waitFor({ timeout: UI_TIMEOUT });
      await assess(
        page,
        {
          5: {
            answers: [['An overdose in the past 3 months, or use that puts life at immediate risk?', 'Yes']],
            rating: 4,
          },
        },
        8,
        'Severe (6 or more criteria)',
      );
      const accept = page.getByRole('radio', { name: 'Accept the recommendation: RES · Residential' });
      await accept.waitFor({ timeout: UI_TIMEOUT });
      await expectText(page.locator('main'), 'Relapse or continued-use potential (dimension 5) rated 4');
      await page.getByRole('button', { name: 'Sign and accept' }).click();
      await expectText(page.locator('main'), 'Accepted: RES · Residential', 'Result when signed');

      // The program offers no residential care: a referral out, resting on the signed assessment.
      await page.getByRole('button', { name: 'Refer out' }).click();
      const referralForm = page.getByRole('form', { name: 'New referral out' });
      await referralForm.getByLabel('Refer to').fill(RESIDENTIAL_PROGRAM);
      expect(await referralForm.getByLabel('Level of care').inputValue()).toBe('RES');
      const restsOn = referralForm.getByLabel('Assessment it rests on');
      expect(await restsOn.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.text)).toBe(
        `${shownDate(today)} · RES (signed)`,
      );
      await referralForm.getByRole('button', { name: 'Save referral' }).click();
      const referrals = page.getByRole('table', { name: 'Referrals out' });
      const referralRow = referrals.locator('tbody tr').filter({ hasText: RESIDENTIAL_PROGRAM });
      await expectText(referralRow, 'RES · Residential', 'Draft', clinician.displayName);

      // Sending the packet is refused: no consent on file. The reason is on screen, the referral blocked.
      await referralRow
        .getByRole('button', { name: `Send the referral packet to ${RESIDENTIAL_PROGRAM}` })
        .click();
      const refusal = page.getByRole('alert').filter({ hasText: 'Not sent: no consent on file' });
      await expectText(refusal, 'Nothing was sent.', '42 CFR Part 2');
      await expectText(referralRow, 'Blocked: no consent');
      await settled(page);

      // Nothing left the program: the referral is blocked, no disclosure was logged, the refusal was audited.
      const listed = await apiFromPage(page, 'GET', `/api/v1/inquiries/${inquiry.id}/referrals`);
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual([
        expect.objectContaining({
          toOrganization: RESIDENTIAL_PROGRAM,
          level: 'RES',
          status: 'blocked_no_consent',
        }),
      ]);
      const disclosuresAfter = await db
        .selectFrom('disclosures')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(disclosuresAfter.n)).toBe(Number(disclosuresBefore.n));
      const [referral] = listed.body as { id: string }[];
      const audit = await db
        .selectFrom('audit_events')
        .select('action')
        .where('record_type', '=', 'referral_out')
        .where('record_id', '=', referral?.id ?? '')
        .where('action', 'like', 'disclosure.%')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['disclosure.refused']);
      const after = await apiFromPage(page, 'GET', `/api/v1/inquiries/${inquiry.id}`);
      expect(after.body).toMatchObject({ stage: 'assessment_scheduled', patientId: null });
    },
  );
});
