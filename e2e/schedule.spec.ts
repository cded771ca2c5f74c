import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_NOW, type TestServer, startTestServer } from '../src/server/testing/testServer.js';
import {
  UI_TIMEOUT,
  apiFromPage,
  demoUser,
  expectText,
  goTo,
  heading,
  settled,
  signIn,
} from './support/app.js';
import { type TestBrowser, launchBrowser, seriousAccessibilityViolations } from './support/browser.js';

const FRONT_DESK = 'front-desk@demo.openiop.org';
const CLINICIAN = 'clinician@demo.openiop.org';
const TITLE = 'Early check-in group';
/**
 * TEST_NOW is Tuesday 10:00 in Hartford and the server's clock stands still: a 10:00 session has begun
 * (its roll call is open) yet was not under way when the patients joined (so they are booked).
 */
const TODAY = '2026-11-24';

/** Hours as the chart writes them. */
const shownHours = (minutes: number): string => {
  const h = Math.round((minutes / 60) * 10) / 10;
  return `${h.toFixed(h % 1 === 0 ? 0 : 1)} h`;
};

describe('schedule: a new group, the weekly scheduler, its first roll call, and the hours it adds', () => {
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
    'front desk creates a series, enrols patients and applies the scheduler; the clinician takes the roll (one late, one on video); the chart shows the hours',
    { timeout: 90_000 },
    async () => {
      const { page } = browser;
      const db = server.db.kysely;
      const hartford = await db
        .selectFrom('sites')
        .select('id')
        .where('name', '=', 'Riverbend — Hartford')
        .executeTakeFirstOrThrow();
      const [first, second] = await db
        .selectFrom('patients')
        .select(['id', 'first_name', 'last_name'])
        .where('site_id', '=', hartford.id)
        .where('status', '=', 'active')
        .orderBy('last_name')
        .limit(2)
        .execute();
      if (!first || !second) throw new Error('the demo has no admitted Hartford patients');
      const clinician = demoUser(server, CLINICIAN);

      // --- Front desk: a new Tuesday group at 10:00, led by the clinician, in a group room.
      await signIn(page, server, demoUser(server, FRONT_DESK));
      await goTo(page, /^Schedule$/, 'Schedule');
      await page.getByRole('region', { name: /Tuesday, November 24, 2026/ }).waitFor({ timeout: UI_TIMEOUT });
      await check(page, 'schedule week');

      await page.getByRole('button', { name: 'New series' }).click();
      const form = page.getByRole('dialog', { name: 'New session series' });
      await form.getByLabel('Title').waitFor({ timeout: UI_TIMEOUT });
      await form.getByRole('button', { name: 'Create series' }).click();
      await expectText(
        form.getByRole('alert').filter({ hasText: 'highlighted' }),
        'Check the highlighted fields',
      );
      await form.getByLabel('Title').fill(TITLE);
      await form.getByRole('checkbox', { name: 'Tuesday' }).check();
      await form.getByLabel('Start time').fill('10:00');
      await form.getByLabel('Duration (minutes)').fill('60');
      await form.getByLabel('Leader').selectOption({ label: clinician.displayName });
      await form.getByLabel('Room').selectOption({ label: 'Group room A (14 seats)' });
      await check(page, 'new series');
      await form.getByRole('button', { name: 'Create series' }).click();
      await expectText(page.getByRole('status').filter({ hasText: 'is on the calendar' }), TITLE);

      // One patient joins from the card's menu, the other through the API, as an import would.
      const card = page
        .getByRole('region', { name: /Tuesday, November 24/ })
        .getByRole('listitem')
        .filter({ hasText: TITLE });
      // Dragging the card onto Wednesday proposes that day in the move dialog; keeping it changes nothing.
      // The drag events a browser sends, carrying one DataTransfer from the card to the day.
      const wednesday = page.getByRole('region', { name: /Wednesday, November 25/ });
      const dataTransfer = await page.evaluateHandle(() => new DataTransfer());
      await card.dispatchEvent('dragstart', { dataTransfer });
      await wednesday.dispatchEvent('dragover', { dataTransfer });
      await wednesday.dispatchEvent('drop', { dataTransfer });
      const dropped = page.getByRole('dialog', { name: /^Move/ });
      expect(await dropped.getByLabel('New date').inputValue()).toBe('2026-11-25');
      expect(await dropped.getByLabel('New start time').inputValue()).toBe('10:00');
      await dropped.getByRole('button', { name: 'Keep it' }).click();
      await dropped.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
      await card.getByRole('button', { name: /^Change/ }).click();
      await page.getByRole('menuitem', { name: 'Add a patient…' }).click();
      const enrol = page.getByRole('dialog', { name: /Add a patient to/ });
      await enrol.getByLabel(/^Patient/).fill(first.last_name);
      await page
        .getByRole('option', { name: new RegExp(`^${first.last_name}, ${first.first_name}`) })
        .first()
        .click();
      await check(page, 'add a patient');
      await enrol.getByRole('button', { name: 'Add to the group' }).click();
      await expectText(page.getByRole('status').filter({ hasText: 'joins' }), `joins ${TITLE}`);
      const series = await db
        .selectFrom('session_series')
        .select('id')
        .where('title', '=', TITLE)
        .executeTakeFirstOrThrow();
      const joined = await apiFromPage(page, 'POST', `/api/v1/series/${series.id}/members`, {
        patientId: second.id,
        joinOn: TODAY,
      });
      expect(joined.status).toBe(201);

      // --- Front desk: the scheduler for this week; today's session has begun, so its seats stay.
      await goTo(page, 'Scheduler', 'Scheduler');
      await page.getByLabel('Week of').fill(TODAY);
      await check(page, 'scheduler');
      await page.getByRole('button', { name: 'Run the scheduler' }).click();
      await page.getByRole('heading', { name: 'Changes to the schedule' }).waitFor({ timeout: 60_000 });
      await check(page, 'scheduler result');
      const diff = page.getByRole('table', { name: 'Changes to the schedule' });
      if (await diff.isVisible()) {
        await page.getByRole('button', { name: 'Apply changes' }).click();
        const confirm = page.getByRole('dialog', { name: 'Apply these changes?' });
        await confirm.getByRole('button', { name: /^Apply \d+ changes$/ }).click();
        await expectText(page.getByRole('status').filter({ hasText: 'Applied:' }), 'sessions booked');
      } else {
        await expectText(page.getByRole('status').filter({ hasText: 'Nothing to change' }), 'best one found');
      }
      const roster = await apiFromPage(page, 'GET', `/api/v1/sessions/${series.id}@${TODAY}/roll-call`);
      expect(
        (roster.body as { roster: { patientId: string }[] }).roster.map((p) => p.patientId).sort(),
      ).toEqual([first.id, second.id].sort());

      // --- The clinician: today's roll call from the schedule.
      await signIn(page, server, clinician);
      const before = await apiFromPage(page, 'GET', `/api/v1/patients/${first.id}/weekly-hours?weeks=8`);
      expect(before.status).toBe(200);
      const minutesBefore = (before.body as { weeks: { minutes: number }[] }).weeks.at(-1)?.minutes ?? 0;

      await goTo(page, /^Schedule$/, 'Schedule');
      // The clinician works at both sites: the week shown is Hartford's, where the group meets.
      const siteSelect = page.getByLabel('Site');
      if ((await siteSelect.count()) > 0) await siteSelect.selectOption(hartford.id);
      await settled(page);
      // The leader may move their session, but not onto their own evening group: the server says why.
      const clinicianCard = page
        .getByRole('region', { name: /Tuesday, November 24/ })
        .getByRole('listitem')
        .filter({ hasText: TITLE });
      await clinicianCard.getByRole('button', { name: /^Change/ }).click();
      await page.getByRole('menuitem', { name: 'Move…' }).click();
      const move = page.getByRole('dialog', { name: /^Move/ });
      await move.getByLabel('New start time').fill('18:00');
      await move.getByRole('button', { name: 'Move session' }).click();
      await expectText(move.getByRole('alert'), 'cannot move there');
      await check(page, 'move refused');
      await move.getByRole('button', { name: 'Keep it' }).click();
      await move.waitFor({ state: 'detached', timeout: UI_TIMEOUT });

      await page.getByRole('link', { name: `Take roll call: ${TITLE} at 10:00` }).click();
      await heading(page, `Roll call: ${TITLE}`).waitFor({ timeout: UI_TIMEOUT });
      await settled(page);
      await page.getByRole('button', { name: 'Everyone present' }).click();
      await page.getByLabel(new RegExp(`^Minutes late, ${first.last_name}`)).fill('10');
      await page.getByLabel(new RegExp(`^Attended, ${second.last_name}`)).selectOption('video');
      await page.getByLabel(new RegExp(`^Patient's location, ${second.last_name}`)).fill('Hartford, CT');
      await check(page, 'roll call');
      await page.getByRole('button', { name: 'Save roll call' }).click();
      const saved = page.getByRole('table', { name: 'Minutes attended' });
      await expectText(saved, `${first.last_name}, ${first.first_name}`, '50', '60');

      // Someone else saves meanwhile: the next save is refused, and what the user typed stays.
      const key = new URL(page.url()).pathname.split('/')[2] ?? '';
      const current = (await apiFromPage(page, 'GET', `/api/v1/sessions/${key}/roll-call`)).body as {
        rollCall: {
          version: number;
          leader: { id: string };
          entries: { patientId: string; mark: unknown }[];
        };
      };
      const other = await apiFromPage(page, 'PUT', `/api/v1/sessions/${key}/roll-call`, {
        version: current.rollCall.version,
        status: 'held',
        leaderId: current.rollCall.leader.id,
        entries: current.rollCall.entries.map((e) => ({ patientId: e.patientId, mark: e.mark })),
      });
      expect(other.status).toBe(200);
      const late = page.getByLabel(new RegExp(`^Minutes late, ${first.last_name}`));
      await late.fill('15');
      await page.getByRole('button', { name: 'Save roll call' }).click();
      await expectText(page.getByRole('alert').filter({ hasText: 'Someone else' }), 'were not saved');
      expect(await late.inputValue()).toBe('15');
      await page.getByRole('button', { name: 'Save mine instead' }).click();
      await expectText(page.getByRole('table', { name: 'Minutes attended' }), '45');

      // --- The chart's Hours: this week now counts the 45 minutes.
      await page.goto(`${server.baseUrl}/patients/${first.id}/hours`);
      const hours = page.getByRole('table', { name: 'Weekly hours attended' });
      await expectText(
        hours.getByRole('row').filter({ hasText: 'this week' }),
        shownHours(minutesBefore + 45),
      );
      await check(page, 'chart hours');

      // --- Availability for the scheduler: a mistyped window is caught before saving, then saved.
      const availability = page.getByRole('region', { name: 'Availability' });
      await expectText(availability, 'None recorded');
      await availability.getByRole('button', { name: 'Add a window' }).click();
      await availability.getByLabel('Day of window 1').selectOption({ label: 'Wednesday' });
      await availability.getByLabel('Start of window 1').fill('17:00');
      await availability.getByLabel('End of window 1').fill('16:00');
      await availability.getByRole('button', { name: 'Save availability' }).click();
      await expectText(availability.getByRole('alert'), 'Check the highlighted windows');
      await expectText(availability, 'The end must be after the start.');
      await availability.getByLabel('End of window 1').fill('21:00');
      await check(page, 'availability');
      await availability.getByRole('button', { name: 'Save availability' }).click();
      await expect
        .poll(
          async () => (await apiFromPage(page, 'GET', `/api/v1/patients/${first.id}/availability`)).body,
          {
            timeout: UI_TIMEOUT,
          },
        )
        .toMatchObject({ recorded: true, windows: [{ weekday: 3, start: '17:00', end: '21:00' }] });
      await expect
        .poll(() => availability.getByRole('button', { name: 'Save availability' }).isDisabled(), {
          timeout: UI_TIMEOUT,
        })
        .toBe(true);

      expect(Object.entries(violations).filter(([, v]) => v.length > 0)).toEqual([]);
    },
  );
});
