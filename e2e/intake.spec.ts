import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_NOW, type TestServer, startTestServer } from '../src/server/testing/testServer.js';
import { UI_TIMEOUT, demoUser, settled, expectText, goTo, heading, signIn } from './support/app.js';
import { type TestBrowser, launchBrowser, seriousAccessibilityViolations } from './support/browser.js';

const INTAKE = 'intake-coordinator@demo.openiop.org';

describe('intake: from a phone call to a patient record, the waitlist and a referral import', () => {
  let server: TestServer;
  let browser: TestBrowser;
  const violations: Record<string, string[]> = {};

  const check = async (page: Page, name: string): Promise<void> => {
    await settled(page);
    violations[name] = await seriousAccessibilityViolations(page);
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer('sqlite'), launchBrowser({ now: TEST_NOW })]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'records a call, moves it along, converts it, and every intake page passes WCAG 2.1 AA',
    { timeout: 120_000 },
    async () => {
      const { page } = browser;
      await signIn(page, server, demoUser(server, INTAKE));

      await goTo(page, 'Intake', 'Intake');
      await page.getByRole('tab', { name: /^New/ }).waitFor({ timeout: UI_TIMEOUT });
      await expectText(page.getByRole('table', { name: 'New inquiries' }), 'Pregnant ·');
      await check(page, 'board');

      await page.getByRole('button', { name: 'New inquiry' }).click();
      await heading(page, 'New inquiry').waitFor({ timeout: UI_TIMEOUT });
      await check(page, 'new inquiry');
      await page.getByRole('button', { name: 'Save inquiry' }).click();
      await expectText(
        page.getByRole('alert').filter({ hasText: 'highlighted' }),
        'Check the highlighted fields',
      );
      await page.getByLabel('First name').fill('Noor');
      await page.getByLabel('Last name').fill('Haddad-Quist');
      await page.getByLabel('Phone').fill('(203) 555-0190');
      await page.getByLabel('Priority population').selectOption('pregnant');
      await page.getByLabel('Agreed to be contacted').check();
      await page.getByRole('button', { name: 'Save inquiry' }).click();
      await heading(page, 'Haddad-Quist, Noor').waitFor({ timeout: UI_TIMEOUT });
      await expectText(page.locator('main'), 'Pregnant · 4', 'h left');
      await check(page, 'inquiry');

      await page.getByRole('button', { name: 'Edit', exact: true }).click();
      const assignee = page.getByLabel('Assigned to');
      await expect.poll(() => assignee.isEnabled(), { timeout: UI_TIMEOUT }).toBe(true);
      await assignee.selectOption({ label: `${demoUser(server, INTAKE).displayName} (Intake coordinator)` });
      await page.getByLabel('Best time to call').fill('Weekdays after 5 pm');
      await check(page, 'edit inquiry');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await expectText(page.getByRole('status').filter({ hasText: 'Changes saved' }), 'Changes saved.');
      await expectText(page.locator('main'), 'Weekdays after 5 pm', demoUser(server, INTAKE).displayName);

      await page.getByRole('radio', { name: 'Screened' }).check();
      await page.getByRole('button', { name: 'Move…' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Move to screened' }).click();
      await expectText(page.getByRole('status').filter({ hasText: 'Stage changed' }), 'Stage changed.');

      await page.getByRole('button', { name: 'Check for existing records' }).click();
      await expectText(
        page.getByRole('status').filter({ hasText: 'No existing record' }),
        'No existing record matches',
      );
      await page.getByLabel('Date of birth', { exact: false }).last().fill('1993-08-21');
      await check(page, 'conversion');
      await page.getByRole('button', { name: 'Create patient record…' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Create record' }).click();
      await expectText(page.getByRole('status').filter({ hasText: 'linked' }), 'linked to a patient record');
      await page.getByRole('link', { name: 'Open the chart' }).click();
      await heading(page, /Haddad-Quist/).waitFor({ timeout: UI_TIMEOUT });

      await page.goto(`${server.baseUrl}/intake/waitlist`);
      await heading(page, 'Waitlist').waitFor({ timeout: UI_TIMEOUT });
      await page.getByRole('table', { name: 'Capacity per track' }).waitFor({ timeout: UI_TIMEOUT });
      await expectText(page.getByRole('table', { name: /Waitlist/ }), 'Pregnant');
      await check(page, 'waitlist');

      await page.goto(`${server.baseUrl}/intake/import`);
      await heading(page, 'Import referrals').waitFor({ timeout: UI_TIMEOUT });
      const header = 'first_name,last_name,phone,referrer_organization,date_of_birth\n';
      await page
        .getByLabel('CSV text')
        .fill(`${header}Ivy,Lund,203-555-0191,County Drug Court,1990-01-02\nBo,,,,2099-01-01\n`);
      await page.getByRole('button', { name: 'Preview' }).click();
      await expectText(
        page.getByRole('table', { name: 'Preview of the referrals' }),
        'date_of_birth',
        'phone',
      );
      await expect(page.getByRole('button', { name: /^Import/ }).isDisabled()).resolves.toBe(true);
      await check(page, 'import preview');
      await page.getByLabel('CSV text').fill(`${header}Ivy,Lund,203-555-0191,County Drug Court,1990-01-02\n`);
      await page.getByRole('button', { name: 'Preview' }).click();
      await page.getByRole('button', { name: 'Import 1 referral' }).click();
      await expectText(page.getByRole('status').filter({ hasText: 'imported' }), '1 new inquiry');

      expect(Object.entries(violations).filter(([, v]) => v.length > 0)).toEqual([]);
    },
  );
});
