import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { RouteFixtures } from '../src/server/testing/routeTable.js';
import { TEST_NOW, type TestServer, startTestServer } from '../src/server/testing/testServer.js';
import { UI_TIMEOUT, demoUser, settled, expectText, goTo, signIn } from './support/app.js';
import { type TestBrowser, launchBrowser, seriousAccessibilityViolations } from './support/browser.js';

const CLINICIAN = 'clinician@demo.openiop.org';
const ADMIN = 'admin@demo.openiop.org';
const SUPERVISOR = 'clinical-supervisor@demo.openiop.org';

describe('placement: the guided assessment, signing with an override, a referral out, the rule table', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let fx: RouteFixtures;
  const violations: Record<string, string[]> = {};

  const check = async (page: Page, name: string): Promise<void> => {
    await settled(page, /^Loading|^Working out/);
    violations[name] = await seriousAccessibilityViolations(page);
  };

  beforeAll(async () => {
    // WEB_ROOT: a web build other than dist/web, to try a change without rebuilding the shared one.
    [server, browser] = await Promise.all([
      startTestServer('sqlite', process.env.WEB_ROOT ? { webRoot: process.env.WEB_ROOT } : {}),
      launchBrowser({ now: TEST_NOW }),
    ]);
    fx = await RouteFixtures.create(server);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'rates the six dimensions with suggestions, signs an override, and is refused sending a packet without consent',
    { timeout: 180_000 },
    async () => {
      const { page } = browser;
      const clinician = demoUser(server, CLINICIAN);
      const clinicianId = (
        await server.db.kysely
          .selectFrom('users')
          .select('id')
          .where('email', '=', CLINICIAN)
          .executeTakeFirstOrThrow()
      ).id;
      const patient = await fx.createPatient({
        siteId: fx.firstSiteId,
        status: 'intake',
        caseload: [{ userId: clinicianId, kind: 'primary_clinician' }],
        openEpisode: false,
      });
      await signIn(page, server, clinician);
      await page.goto(`${server.baseUrl}/patients/${patient.id}/placement`);
      await page.getByRole('tab', { name: 'Placement', selected: true }).waitFor({ timeout: UI_TIMEOUT });
      await expectText(page.locator('main'), 'No placement assessments yet');
      await check(page, 'placement tab, empty');

      await page.getByRole('button', { name: 'Start a placement assessment' }).click();
      await page.getByRole('heading', { name: /Dimension 1: Intoxication/ }).waitFor({ timeout: UI_TIMEOUT });
      await page
        .getByRole('radiogroup', { name: 'Which withdrawal signs does the patient show now?' })
        .getByRole('radio', { name: /^Moderate/ })
        .check();
      await expectText(page.locator('main'), 'Suggested rating: 2');
      // Rated lower than suggested: a note is asked for.
      const rating = page.getByRole('radiogroup', { name: 'Your rating for dimension 1' });
      await rating.getByRole('radio', { name: /^1/ }).check();
      await page
        .getByLabel(/Why dimension 1 is rated 1 rather than 2/)
        .fill('Symptoms eased after the first dose.');
      await check(page, 'dimension 1');

      for (const n of [2, 3, 4, 5, 6]) {
        await page.getByRole('button', { name: 'Next', exact: true }).click();
        await page
          .getByRole('heading', { name: new RegExp(`^Dimension ${n}:`) })
          .waitFor({ timeout: UI_TIMEOUT });
        await page
          .getByRole('radiogroup', { name: `Your rating for dimension ${n}` })
          .getByRole('radio', { name: /^0/ })
          .check();
      }
      await page.getByRole('button', { name: 'Next', exact: true }).click();
      await page.getByLabel('DSM-5 SUD criteria met in the past 12 months').fill('5');
      await expectText(page.locator('main'), 'Moderate (4–5 criteria)');
      await page.getByRole('button', { name: 'Next', exact: true }).click();
      await page.getByLabel('Preferred schedule').selectOption('evening');
      await check(page, 'factors');
      await page.getByRole('button', { name: 'Next', exact: true }).click();
      await page.getByRole('heading', { name: 'Sign', exact: true }).waitFor({ timeout: UI_TIMEOUT });
      // The live recommendation: OP, and why.
      await expectText(page.locator('main'), 'Why a higher level is not needed', 'Needs an evening track');

      await page.getByRole('radio', { name: 'Override with another level' }).check();
      await page.getByRole('button', { name: 'Sign the override' }).click();
      await expectText(page.locator('main'), 'The decision is not complete.', 'an override needs a reason');
      await page.getByLabel('Level chosen instead').selectOption('IOP');
      await page
        .getByLabel('Reason for the override')
        .fill('Two returns to use after outpatient care this year; needs more structure.');
      await check(page, 'sign');
      await page.getByRole('button', { name: 'Sign the override' }).click();
      await expectText(page.locator('main'), 'Overridden to IOP', 'Result when signed');
      await check(page, 'signed assessment');

      await page.getByRole('button', { name: 'Refer out' }).click();
      await page.getByLabel('Refer to').fill('Harbor View Residential Treatment');
      await page.getByRole('button', { name: 'Save referral' }).click();
      await page
        .getByRole('button', { name: 'Send the referral packet to Harbor View Residential Treatment' })
        .click();
      await expectText(
        page.getByRole('alert').filter({ hasText: 'no consent' }),
        'Not sent: no consent on file',
      );
      await expectText(page.locator('main'), 'Blocked: no consent');
      await check(page, 'referral refused');
    },
  );

  it(
    'lets an administrator edit the rule table cell by cell, refusing a decreasing row',
    { timeout: 120_000 },
    async () => {
      const { page } = browser;
      await signIn(page, server, demoUser(server, ADMIN));
      await page.goto(`${server.baseUrl}/admin/placement-rules`);
      await page.getByRole('heading', { name: 'Placement rule table' }).waitFor({ timeout: UI_TIMEOUT });
      await check(page, 'rule table');
      await page.getByLabel('Dimension 5, rating 3: level').selectOption('OP');
      await expectText(page.locator('main'), 'a row may not decrease');
      expect(await page.getByRole('button', { name: 'Save as a new version' }).isDisabled()).toBe(true);
      await page.getByLabel('Dimension 5, rating 3: level').selectOption('RES');
      await page.getByLabel('Name of the new version').fill('clinic-e2e');
      await page.getByRole('button', { name: 'Save as a new version' }).click();
      await expectText(page.locator('main'), 'Saved as version clinic-e2e');
    },
  );

  it(
    'lets the intake coordinator draft on an inquiry, leaving the signature to a clinician',
    { timeout: 60_000 },
    async () => {
      const { page } = browser;
      const inquiry = await fx.createInquiry(fx.firstSiteId);
      await signIn(page, server, demoUser(server, 'intake-coordinator@demo.openiop.org'));
      await page.goto(`${server.baseUrl}/intake/inquiries/${inquiry.id}`);
      await page.getByRole('heading', { name: 'Placement', exact: true }).waitFor({ timeout: UI_TIMEOUT });
      await page.getByRole('button', { name: 'Start a placement assessment' }).click();
      await page.getByRole('heading', { name: /Dimension 1: Intoxication/ }).waitFor({ timeout: UI_TIMEOUT });
      await page.getByRole('button', { name: /^9\s*Sign/ }).click();
      await expectText(page.locator('main'), 'a clinician whose credentials allow it rates and signs');
      await check(page, 'inquiry draft');
      await page.getByRole('button', { name: 'Save draft' }).click();
      await expectText(page.getByRole('status').filter({ hasText: 'Draft saved' }), 'Draft saved.');
    },
  );

  it('shows supervisors the overrides report', { timeout: 60_000 }, async () => {
    const { page } = browser;
    await signIn(page, server, demoUser(server, SUPERVISOR));
    await goTo(page, 'Placement overrides', 'Placement overrides');
    await expectText(page.locator('main'), 'Two returns to use after outpatient care');
    await check(page, 'overrides report');
    expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((k) => [k, []])));
  });
});
