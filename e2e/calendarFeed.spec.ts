import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFeed } from '../src/core/calendarFeed/parsedFeed.js';
import { TEST_NOW, type TestServer, startTestServer } from '../src/server/testing/testServer.js';
import { UI_TIMEOUT, demoUser, settled, signIn } from './support/app.js';
import { type TestBrowser, launchBrowser, seriousAccessibilityViolations } from './support/browser.js';

const CLINICIAN = 'clinician@demo.openiop.org';

describe('calendar feed: a patient’s opt-in feed created, subscribed to and revoked from the chart', () => {
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
    'the clinician creates the feed, the address parses as iCalendar, and after revoking it answers 404',
    { timeout: 90_000 },
    async () => {
      const { page } = browser;
      const db = server.db.kysely;
      const clinicianId = (
        await db.selectFrom('users').select('id').where('email', '=', CLINICIAN).executeTakeFirstOrThrow()
      ).id;
      // A patient on the clinician's caseload who is booked into at least one series.
      const patient = await db
        .selectFrom('patients')
        .innerJoin('caseload_assignments as c', 'c.patient_id', 'patients.id')
        .innerJoin('series_memberships as m', 'm.patient_id', 'patients.id')
        .select(['patients.id', 'patients.first_name', 'patients.last_name'])
        .where('c.user_id', '=', clinicianId)
        .where('c.ended_at', 'is', null)
        .where('patients.status', '=', 'active')
        .where('m.left_on', 'is', null)
        .orderBy('patients.last_name')
        .executeTakeFirst();
      if (!patient) throw new Error('the demo has no booked patient on the clinician’s caseload');

      await signIn(page, server, demoUser(server, CLINICIAN));
      await page.goto(`${server.baseUrl}/patients/${patient.id}/hours`);
      const card = page.getByRole('region', { name: 'Calendar feed' });
      await card.waitFor({ timeout: UI_TIMEOUT });
      await settled(page);
      await card.getByText('This patient has no calendar feed.').waitFor({ timeout: UI_TIMEOUT });

      await card.getByRole('button', { name: 'Create feed' }).click();
      const address = card.getByRole('textbox', { name: 'Feed address' });
      await address.waitFor({ timeout: UI_TIMEOUT });
      await expect.poll(() => address.evaluate((el) => el === document.activeElement)).toBe(true);
      await card.getByText('It will not be shown again.', { exact: false }).waitFor();
      const url = await address.inputValue();
      expect(url).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
      await settled(page);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);

      // A calendar app fetches it without the staff session: no cookie, only the secret address.
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
      const text = await response.text();
      const feed = parseFeed(text);
      expect(feed.events.length).toBeGreaterThan(0);
      expect(feed.events.every((e) => /^(Cancelled: )?Appointment$/.test(e.summary))).toBe(true);
      expect(text).not.toContain(patient.last_name);
      expect(text).not.toContain('Riverbend');

      // Revoke it in the page, confirming in the dialog.
      await card.getByRole('button', { name: 'Done' }).click();
      await card.getByRole('button', { name: /^Revoke the feed created/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Revoke this calendar feed?' });
      await dialog.getByRole('button', { name: 'Revoke feed' }).click();
      await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
      await card.getByText('Revoked', { exact: true }).waitFor({ timeout: UI_TIMEOUT });
      expect(await card.getByRole('button', { name: /^Revoke the feed created/ }).count()).toBe(0);

      expect((await fetch(url)).status).toBe(404);
    },
  );
});
