import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_NOW, type TestServer, startTestServer } from '../src/server/testing/testServer.js';
import { UI_TIMEOUT, demoUser, expectText, goTo, heading, settled, signIn, userIdOf } from './support/app.js';
import { type TestBrowser, launchBrowser, seriousAccessibilityViolations } from './support/browser.js';

const CLINICIAN = 'clinician@demo.openiop.org';
const EXPECTED_NEGATIVE_TITLE = 'Drug screen needs review: expected medication not detected';

describe('recovery supports: a buprenorphine prescription and a screen where it is not detected', () => {
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
    'the clinician records Suboxone, then a cup with BUP negative, reads the finding, and finds the alert in the chart and the inbox',
    { timeout: 90_000 },
    async () => {
      const { page } = browser;
      const db = server.db.kysely;
      const clinicianId = await userIdOf(server, CLINICIAN);
      const displayName = server.demo.users.find((u) => u.email === CLINICIAN)?.displayName ?? '';
      // One of the clinician's own patients (alerts go to the primary clinician), with no medications yet.
      const patient = await db
        .selectFrom('patients')
        .select(['id', 'first_name', 'last_name'])
        .where('primary_clinician_id', '=', clinicianId)
        .where('status', '=', 'active')
        .where('id', 'not in', db.selectFrom('medications').select('patient_id'))
        .orderBy('mrn')
        .executeTakeFirstOrThrow();

      await signIn(page, server, demoUser(server, CLINICIAN));
      await page.goto(`${server.baseUrl}/patients/${patient.id}/medications`);
      await heading(page, `${patient.first_name} ${patient.last_name}`).waitFor({ timeout: UI_TIMEOUT });
      await expectText(page.getByRole('tabpanel'), 'No medications recorded yet.');
      await check(page, 'medications (empty)');

      // --- The prescription, MAT buprenorphine, started three weeks ago.
      await page.getByRole('button', { name: 'Add medication' }).click();
      const medForm = page.getByRole('form', { name: 'New medication' });
      await medForm.getByRole('button', { name: 'Save medication' }).click();
      await expectText(medForm, 'Enter the medication name.');
      await check(page, 'medications: new (with errors)');
      await medForm.getByLabel('Medication name').fill('Suboxone 8 mg/2 mg film');
      await expectText(medForm, 'Expected on drug screens as BUP.');
      await medForm.getByLabel('Dose').fill('8 mg/2 mg');
      await medForm.getByLabel('Route').selectOption('sublingual');
      await medForm.getByLabel('Frequency and instructions').fill('One film under the tongue daily');
      await medForm.getByLabel('Prescriber', { exact: true }).fill('Dr. Samuel Whitcomb');
      await medForm.getByLabel('Started on').fill('2026-11-03');
      await medForm.getByLabel('Medication for the use disorder (MAT)').selectOption('buprenorphine');
      await medForm.getByRole('button', { name: 'Save medication' }).click();
      const medications = page.getByRole('table', { name: 'Medications' });
      await expectText(medications, 'Suboxone 8 mg/2 mg film', 'MAT · Buprenorphine', 'BUP');
      await check(page, 'medications (one)');

      // --- A 12-panel cup, every analyte negative: the grid starts there.
      await page.getByRole('tab', { name: 'Drug screens' }).click();
      await expectText(page.getByRole('tabpanel'), 'No drug screens recorded yet.');
      await page.getByRole('button', { name: 'Record a screen' }).click();
      const screenForm = page.getByRole('form', { name: 'Record a drug screen' });
      const bup = screenForm.getByRole('radiogroup', { name: /^BUP/ });
      expect(await bup.getByRole('radio', { name: 'Negative' }).isChecked()).toBe(true);
      // The keyboard moves a result and back: arrows within an analyte's group.
      await bup.getByRole('radio', { name: 'Negative' }).focus();
      await page.keyboard.press('ArrowRight');
      expect(await bup.getByRole('radio', { name: 'Positive' }).isChecked()).toBe(true);
      await expectText(screenForm, '1 of 12 analytes not negative.');
      await page.keyboard.press('ArrowLeft');
      expect(await bup.getByRole('radio', { name: 'Negative' }).isChecked()).toBe(true);
      await check(page, 'drug screens: record');
      await screenForm.getByRole('button', { name: 'Save screen' }).click();

      const notice = page.getByRole('status').filter({ hasText: 'Screen saved' });
      await expectText(
        notice,
        'needs review',
        'Expected buprenorphine not detected (Suboxone 8 mg/2 mg film: BUP negative)',
        `alert raised for ${displayName}`,
      );
      const screens = page.getByRole('table', { name: 'Drug screens' });
      await expectText(screens, '12-panel urine cup', 'All negative', 'Expected buprenorphine not detected');
      await screens.getByRole('button', { name: /^Details of the screen/ }).click();
      await expectText(screens, 'BUP negative');
      await check(page, 'drug screens (one, details open)');

      // --- The alert, in the chart's Alerts tab and in the clinician's inbox; its title holds no result.
      await page.getByRole('tab', { name: /^Alerts/ }).click();
      await expectText(page.getByRole('table', { name: 'Alerts' }), EXPECTED_NEGATIVE_TITLE);
      await goTo(page, /^Inbox/, 'Inbox');
      await expectText(page.getByRole('table', { name: 'Alerts' }), EXPECTED_NEGATIVE_TITLE);
      const stored = await db
        .selectFrom('alerts')
        .select(['kind', 'severity', 'recipient_user_id', 'source_type'])
        .where('patient_id', '=', patient.id)
        .where('kind', '=', 'drug_screen_expected_negative')
        .execute();
      expect(stored).toEqual([
        {
          kind: 'drug_screen_expected_negative',
          severity: 'high',
          recipient_user_id: clinicianId,
          source_type: 'drug_screen',
        },
      ]);

      expect(violations).toEqual({
        'medications (empty)': [],
        'medications: new (with errors)': [],
        'medications (one)': [],
        'drug screens: record': [],
        'drug screens (one, details open)': [],
      });
    },
  );
});
