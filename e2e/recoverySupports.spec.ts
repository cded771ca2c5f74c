import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readPdf } from '../src/server/testing/pdfText.js';
import { TEST_NOW, type TestServer, startTestServer } from '../src/server/testing/testServer.js';
import {
  UI_TIMEOUT,
  apiFromPage,
  demoUser,
  expectText,
  heading,
  mainNav,
  settled,
  signIn,
} from './support/app.js';
import { type TestBrowser, launchBrowser, seriousAccessibilityViolations } from './support/browser.js';

const CLINICIAN = 'clinician@demo.openiop.org';

describe('recovery supports: a relapse prevention plan in versions, its print, and a case management need', () => {
  let server: TestServer;
  let browser: TestBrowser;
  const violations: Record<string, string[]> = {};

  const check = async (page: Page, name: string): Promise<void> => {
    await settled(page);
    violations[name] = await seriousAccessibilityViolations(page);
  };

  beforeAll(async () => {
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
    'the clinician writes a plan, revises it, reads version 1 and prints it; then records a housing need, a referral and a task',
    { timeout: 90_000 },
    async () => {
      const { page } = browser;
      const db = server.db.kysely;
      const clinicianId = (
        await db.selectFrom('users').select('id').where('email', '=', CLINICIAN).executeTakeFirstOrThrow()
      ).id;
      const patient = await db
        .selectFrom('patients as p')
        .innerJoin('caseload_assignments as c', 'c.patient_id', 'p.id')
        .select(['p.id', 'p.first_name', 'p.last_name'])
        .where('c.user_id', '=', clinicianId)
        .where('c.ended_at', 'is', null)
        .where('p.status', '=', 'active')
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('relapse_prevention_plans as r')
                .select('r.id')
                .whereRef('r.patient_id', '=', 'p.id'),
            ),
          ),
        )
        .where((eb) =>
          eb.not(
            eb.exists(eb.selectFrom('case_needs as n').select('n.id').whereRef('n.patient_id', '=', 'p.id')),
          ),
        )
        .orderBy('p.mrn')
        .executeTakeFirstOrThrow();

      await signIn(page, server, demoUser(server, CLINICIAN));
      await page.goto(`${server.baseUrl}/patients/${patient.id}/recovery`);
      await heading(page, `${patient.first_name} ${patient.last_name}`).waitFor({ timeout: UI_TIMEOUT });
      const plan = page.getByRole('form', { name: 'Relapse prevention plan' });
      await expectText(plan, 'No plan yet', '988 Suicide & Crisis Lifeline');

      // --- Version 1: items added with Enter; a slip removed and undone.
      const add = async (label: string, ...items: string[]) => {
        for (const item of items) {
          await plan.getByLabel(label).fill(item);
          await plan.getByLabel(label).press('Enter');
        }
      };
      await add('Add a trigger', 'Payday Fridays', 'Arguments at home');
      await add('Add a warning sign', 'Skipping meals');
      await add('Add a coping strategy', 'Call my sponsor', 'call my sponsor');
      await expectText(plan, '“call my sponsor” is already in the list.');
      await add('Add a crisis step', 'Leave and call someone');
      await add('Add a reason', 'My kids');
      await plan.getByRole('button', { name: 'Remove trigger “Arguments at home”' }).click();
      await plan.getByRole('button', { name: 'Undo' }).click();
      await expect.poll(() => plan.getByRole('button', { name: /^Remove trigger/ }).count()).toBe(2);
      await check(page, 'recovery plan: new plan');
      await plan.getByRole('button', { name: 'Save plan' }).click();
      await expectText(plan, 'Saved as version 1.');

      // --- Version 2: one more trigger, made patient-visible.
      await add('Add a trigger', 'Old friends calling');
      await plan.getByLabel('Patient-visible (shown to the patient in the portal)').check();
      await plan.getByRole('button', { name: 'Save plan' }).click();
      await expectText(plan, 'Saved as version 2.', 'Patient-visible');

      // --- A colleague saves version 3 while a trigger is being added here: refused, nothing lost, saved next.
      await add('Add a trigger', 'Late nights alone');
      const colleague = await apiFromPage(
        page,
        'PUT',
        `/api/v1/patients/${patient.id}/relapse-prevention-plan`,
        {
          version: 2,
          patientVisible: true,
          content: {
            triggers: ['Payday Fridays'],
            warningSigns: [],
            copingStrategies: ['Walk the dog'],
            supportContactIds: [],
            otherSupports: [],
            crisisSteps: [],
            crisisLines: [{ name: '988 Suicide & Crisis Lifeline', number: '988' }],
            reasonsForRecovery: [],
          },
        },
      );
      expect(colleague.status).toBe(200);
      await plan.getByRole('button', { name: 'Save plan' }).click();
      await expectText(page.getByRole('alert'), 'Someone else saved version 3');
      await expectText(plan, 'Late nights alone', 'Old friends calling', 'Call my sponsor');
      await plan.getByRole('button', { name: 'Save plan' }).click();
      await expectText(plan, 'Saved as version 4.');
      const history = page.getByRole('table', { name: 'Plan versions' });
      await expectText(history, 'triggers: 1 added', 'First version');
      expect(await history.getByRole('row').count()).toBe(5);

      // --- Version 1, read-only: the first two triggers only, nothing to edit.
      await page.getByRole('button', { name: 'View version 1' }).click();
      const v1 = page.getByRole('region', { name: 'Version 1 (read-only)' });
      await expectText(v1, 'Payday Fridays', 'Arguments at home', 'cannot be changed');
      expect(await v1.textContent()).not.toContain('Old friends calling');
      expect(await v1.getByRole('textbox').count()).toBe(0);
      await check(page, 'recovery plan: version 1');

      // --- Version 1 as a PDF file: the first two triggers, marked as replaced by a newer version.
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: UI_TIMEOUT }),
        v1.getByRole('link', { name: 'Download PDF of version 1' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('relapse-prevention-plan-v1.pdf');
      const pdf = readPdf(readFileSync(await download.path()));
      expect(pdf.text).toContain('Version 1 · Replaced by a newer version');
      expect(pdf.text).toContain('Payday Fridays');
      expect(pdf.text).not.toContain('Old friends calling');

      // --- Print view of version 1: plain language, date and version, crisis lines; no app chrome on paper.
      await v1.getByRole('link', { name: 'Print this version' }).click();
      await heading(page, /my relapse prevention plan/).waitFor({ timeout: UI_TIMEOUT });
      const main = page.locator('main#main');
      await expectText(main, 'Version 1, written Nov 24, 2026', 'My triggers', 'Payday Fridays', '988');
      expect(await main.textContent()).not.toContain('Old friends calling');
      await check(page, 'recovery plan: print view');
      await page.emulateMedia({ media: 'print' });
      expect(await mainNav(page).isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
      expect(await page.getByRole('region', { name: 'Crisis lines' }).isVisible()).toBe(true);
      await page.emulateMedia({ media: 'screen' });

      // --- Case management: a housing need, a referral for it, and a task due in two days.
      await page.goto(`${server.baseUrl}/patients/${patient.id}/case`);
      await page.getByRole('button', { name: 'Record a housing need' }).click();
      const needForm = page.getByRole('form', { name: 'New Housing need' });
      await needForm.getByLabel('Priority').selectOption('high');
      await needForm.getByLabel('Note').fill('Lease ends Nov 30; staying with a cousin.');
      await needForm.getByRole('button', { name: 'Record need' }).click();
      const housing = page.getByRole('region', { name: 'Housing' });
      await expectText(housing, 'Identified', 'High priority', 'Lease ends Nov 30');

      await page.getByRole('button', { name: 'Add referral' }).click();
      const referralForm = page.getByRole('form', { name: 'New referral' });
      await referralForm.getByLabel('Organisation').fill('Harbor Street Recovery Residences');
      await referralForm.getByLabel('Phone (optional)').fill('860 555 0140');
      await referralForm.getByLabel('Status').selectOption('sent');
      await referralForm.getByRole('button', { name: 'Add referral' }).click();
      const referrals = page.getByRole('table', { name: 'Referrals' });
      await expectText(referrals, 'Harbor Street Recovery Residences', '(860) 555-0140', 'Housing', 'Sent');

      await page.getByRole('button', { name: 'Add task' }).click();
      const taskForm = page.getByRole('form', { name: 'New task' });
      await taskForm
        .getByLabel('About')
        .selectOption({ label: 'Referral to Harbor Street Recovery Residences' });
      await taskForm.getByLabel('Task').fill('Call Harbor Street about a bed');
      await taskForm.getByLabel('Due date').fill('2026-11-26');
      await taskForm.getByRole('button', { name: 'Add task' }).click();
      const tasks = page.getByRole('table', { name: 'Case management tasks' });
      await expectText(
        tasks,
        'Call Harbor Street about a bed',
        'Referral to Harbor Street Recovery Residences',
        'Nov 26, 2026, 5:00 PM EST',
        'Open',
      );
      await check(page, 'case management');

      // The task is in the clinician's worklist with the same due date.
      await page.goto(`${server.baseUrl}/worklist`);
      await expectText(page.locator('main#main'), 'Call Harbor Street about a bed');

      expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((k) => [k, []])));
    },
  );
});
