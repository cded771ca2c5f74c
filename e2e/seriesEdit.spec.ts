import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_NOW, type TestServer, startTestServer } from '../src/server/testing/testServer.js';
import {
  UI_TIMEOUT,
  apiFromPage,
  demoUser,
  expectText,
  goTo,
  settled,
  signIn,
  userIdOf,
} from './support/app.js';
import { type TestBrowser, launchBrowser, seriousAccessibilityViolations } from './support/browser.js';

const FRONT_DESK = 'front-desk@demo.openiop.org';
const CLINICIAN = 'clinician@demo.openiop.org';
const TITLE = 'Afternoon check-in group';
/** TEST_NOW is Tuesday 10:00 in Hartford: this afternoon's session is still ahead. */
const TODAY = '2026-11-24';

describe('editing a series: front desk moves a group, then is refused fewer places than are booked', () => {
  let server: TestServer;
  let browser: TestBrowser;
  const violations: Record<string, string[]> = {};

  const check = async (page: Page, name: string): Promise<void> => {
    await settled(page);
    violations[name] = await seriousAccessibilityViolations(page);
  };

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
    'changes the time and room from the session card, keeps a change made meanwhile, and shows the dates a lower capacity cannot hold',
    { timeout: 90_000 },
    async () => {
      const { page } = browser;
      const db = server.db.kysely;
      const hartford = await db
        .selectFrom('sites')
        .select('id')
        .where('name', '=', 'Riverbend — Hartford')
        .executeTakeFirstOrThrow();
      const roomA = await db
        .selectFrom('rooms')
        .select('id')
        .where('site_id', '=', hartford.id)
        .where('name', '=', 'Group room A')
        .executeTakeFirstOrThrow();
      const patients = await db
        .selectFrom('patients')
        .select('id')
        .where('site_id', '=', hartford.id)
        .where('status', '=', 'active')
        .orderBy('last_name')
        .limit(2)
        .execute();
      expect(patients).toHaveLength(2);

      // A Tuesday group at 15:00 with two patients booked from today, set up through the API.
      await signIn(page, server, demoUser(server, FRONT_DESK));
      const created = await apiFromPage(page, 'POST', '/api/v1/series', {
        siteId: hartford.id,
        kind: 'group',
        title: TITLE,
        clinicianId: await userIdOf(server, CLINICIAN),
        roomId: roomA.id,
        capacity: 10,
        weekdays: [2],
        startTime: '15:00',
        durationMinutes: 60,
        startsOn: TODAY,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const seriesId = (created.body as { id: string }).id;
      for (const p of patients) {
        const joined = await apiFromPage(page, 'POST', `/api/v1/series/${seriesId}/members`, {
          patientId: p.id,
          joinOn: TODAY,
        });
        expect(joined.status, JSON.stringify(joined.body)).toBe(201);
      }

      await goTo(page, /^Schedule$/, 'Schedule');
      const today = page.getByRole('region', { name: /Tuesday, November 24/ });
      const card = today.getByRole('listitem').filter({ hasText: TITLE });
      await expectText(card, '15:00–16:00', 'Group room A', '2/10 booked');

      // --- Edit: an hour later, in Group room B.
      await card.getByRole('button', { name: /^Change/ }).click();
      await page.getByRole('menuitem', { name: 'Edit series…' }).click();
      const edit = page.getByRole('dialog', { name: `Edit series: ${TITLE}` });
      await edit.getByLabel('Start time').waitFor({ timeout: UI_TIMEOUT });
      expect(await edit.getByLabel('Capacity').inputValue()).toBe('10');
      await edit.getByLabel('Start time').fill('16:00');
      await edit.getByLabel('Room').selectOption({ label: 'Group room B (14 seats)' });
      await check(page, 'edit series');
      await edit.getByRole('button', { name: 'Save series' }).click();
      await expectText(page.getByRole('status').filter({ hasText: 'is saved' }), `${TITLE} is saved`);
      await edit.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
      await expectText(card, '16:00–17:00', 'Group room B');

      // --- Someone else renames the series while the form is open: the save is refused as stale,
      // their title comes into the form and the capacity typed here stays.
      await card.getByRole('button', { name: /^Change/ }).click();
      await page.getByRole('menuitem', { name: 'Edit series…' }).click();
      await edit.getByLabel('Capacity').waitFor({ timeout: UI_TIMEOUT });
      const current = await apiFromPage(page, 'GET', `/api/v1/series/${seriesId}`);
      const renamed = await apiFromPage(page, 'PATCH', `/api/v1/series/${seriesId}`, {
        version: (current.body as { version: number }).version,
        title: `${TITLE} (renamed)`,
      });
      expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
      await edit.getByLabel('Capacity').fill('1');
      await edit.getByRole('button', { name: 'Save series' }).click();
      await expectText(edit.getByRole('alert'), 'Someone else changed this record');
      await expect
        .poll(() => edit.getByLabel('Title').inputValue(), { timeout: UI_TIMEOUT })
        .toBe(`${TITLE} (renamed)`);
      expect(await edit.getByLabel('Capacity').inputValue()).toBe('1');

      // --- Saving again: one place cannot hold the two booked; the dates are named.
      await edit.getByRole('button', { name: 'Save series' }).click();
      const refusal = edit.getByRole('alert').filter({ hasText: 'More patients are booked than that' });
      await expectText(
        refusal,
        '1 place is too few',
        'Nov 24, 2026: 2 patients booked',
        'Dec 1, 2026: 2 patients booked',
      );
      await expectText(edit, 'must be at least 2');
      await check(page, 'edit series: capacity refused');
      await edit.getByRole('button', { name: 'Close', exact: true }).click();
      await edit.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
      const stored = await db
        .selectFrom('session_series')
        .select(['capacity', 'start_time', 'title'])
        .where('id', '=', seriesId)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ capacity: 10, start_time: '16:00', title: `${TITLE} (renamed)` });

      expect(Object.entries(violations).filter(([, v]) => v.length > 0)).toEqual([]);
    },
  );
});
