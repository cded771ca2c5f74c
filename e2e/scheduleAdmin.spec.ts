import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sendDueReminders } from '../src/server/jobs/index.js';
import { createReminderSenders } from '../src/server/reminders/sender.js';
import { TEST_NOW, type TestServer, startTestServer } from '../src/server/testing/testServer.js';
import {
  UI_TIMEOUT,
  demoUser,
  expectText,
  goTo,
  heading,
  settled,
  signIn,
  signOut,
  userIdOf,
} from './support/app.js';
import { type TestBrowser, launchBrowser, seriousAccessibilityViolations } from './support/browser.js';

const ADMIN = 'admin@demo.openiop.org';
const CLINICIAN = 'clinician@demo.openiop.org';
const HARTFORD = 'Riverbend — Hartford';
/** A Wednesday a week ahead of TEST_NOW: the morning, evening and day groups all meet. */
const CLOSED_DAY = '2026-12-02';

describe('rooms and closures: an administrator keeps them; a clinician sees a patient’s reminders', () => {
  let server: TestServer;
  let browser: TestBrowser;
  const violations: Record<string, string[]> = {};

  const check = async (page: Page, name: string): Promise<void> => {
    await settled(page);
    violations[name] = await seriousAccessibilityViolations(page);
  };

  /** The admin works at every site: the pages show Hartford's. */
  const chooseHartford = async (page: Page): Promise<void> => {
    const site = page.getByLabel('Site');
    await site.waitFor({ timeout: UI_TIMEOUT });
    await site.selectOption({ label: HARTFORD });
    await settled(page);
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
    'adds a room, is refused fewer seats than a group has booked, takes the room out of use; closes a day after seeing what it cancels, and withdraws it',
    { timeout: 90_000 },
    async () => {
      const { page } = browser;
      await signIn(page, server, demoUser(server, ADMIN));

      // --- Rooms
      await goTo(page, 'Rooms', 'Rooms');
      await chooseHartford(page);
      const rooms = page.getByRole('table', { name: 'Rooms' });
      await expectText(rooms, 'Group room A', 'Office 1');
      await check(page, 'rooms');

      await page.getByRole('button', { name: 'New room' }).click();
      const newRoom = page.getByRole('form', { name: 'New room' });
      await newRoom.getByRole('button', { name: 'Add room' }).click();
      await expectText(newRoom, 'Enter the room’s name.', 'Whole number, 1 to 500.');
      await newRoom.getByLabel('Room name').fill('Quiet room');
      await newRoom.getByLabel('Seats').fill('6');
      await check(page, 'rooms: new room (with errors)');
      await newRoom.getByRole('button', { name: 'Add room' }).click();
      await expectText(page.getByRole('status').filter({ hasText: 'added' }), 'Quiet room added.');
      await expectText(rooms.getByRole('row').filter({ hasText: 'Quiet room' }), '6', 'In use');

      // The adult morning and evening groups meet in Group room A: one seat cannot hold them.
      await page.getByRole('button', { name: 'Edit Group room A' }).click();
      const edit = page.getByRole('form', { name: 'Edit Group room A' });
      await edit.getByLabel('Seats').fill('1');
      await edit.getByRole('button', { name: 'Save room' }).click();
      await expectText(edit, 'must be at least', 'the most patients booked into one session');
      await expectText(edit.getByRole('alert'), '1 seat is too few');
      await check(page, 'rooms: seats refused');
      await edit.getByRole('button', { name: 'Cancel' }).click();
      await expectText(rooms.getByRole('row').filter({ hasText: 'Group room A' }), '14');

      await page.getByRole('button', { name: 'Take Quiet room out of use' }).click();
      const confirmRoom = page.getByRole('dialog', { name: 'Take Quiet room out of use?' });
      await confirmRoom.getByRole('button', { name: 'Take out of use' }).click();
      await expectText(
        page.getByRole('status').filter({ hasText: 'out of use' }),
        'Quiet room is out of use.',
      );
      await expectText(rooms.getByRole('row').filter({ hasText: 'Quiet room' }), 'Out of use');
      await page.getByRole('button', { name: 'Put Quiet room back in use' }).waitFor({ timeout: UI_TIMEOUT });

      // --- Closures
      await goTo(page, 'Closures', 'Closures');
      await chooseHartford(page);
      await expectText(page.getByRole('region', { name: 'Upcoming' }), 'No closures ahead.');
      await check(page, 'closures');

      await page.getByRole('button', { name: 'New closure' }).click();
      const closure = page.getByRole('form', { name: 'New closure' });
      await closure.getByLabel('First day closed').fill(CLOSED_DAY);
      await expectText(
        closure.getByRole('status').filter({ hasText: 'will be cancelled' }),
        'booked patients',
      );
      expect(await closure.getByLabel('Last day closed').inputValue()).toBe(CLOSED_DAY);
      const submit = closure.getByRole('button', { name: /^Close and cancel \d+ sessions$/ });
      await submit.click();
      await expectText(closure, 'Say why the site is closed; patients are told.');
      await closure.getByLabel('Reason').fill('Staff training day');
      await check(page, 'closures: new closure with its preview');
      const label = (await submit.textContent()) ?? '';
      const sessions = /(\d+) sessions/.exec(label)?.[1] ?? '';
      await submit.click();
      await expectText(
        page.getByRole('status').filter({ hasText: 'Closed' }),
        `(Staff training day): ${sessions} sessions cancelled`,
      );
      const upcoming = page.getByRole('table', { name: 'Upcoming closures' });
      const row = upcoming.getByRole('row').filter({ hasText: 'Staff training day' });
      await expectText(row, 'Dec 2, 2026', 'Closed');

      await row.getByRole('button', { name: 'Withdraw the closure on Dec 2, 2026' }).click();
      const confirmWithdraw = page.getByRole('dialog', { name: 'Withdraw the closure on Dec 2, 2026?' });
      await check(page, 'closures: withdraw');
      await confirmWithdraw.getByRole('button', { name: 'Withdraw closure' }).click();
      await expectText(page.getByRole('status').filter({ hasText: 'Withdrawn' }), 'back on the calendar');
      await expectText(row, 'Withdrawn');
      await expect
        .poll(() => row.getByRole('button', { name: /^Withdraw/ }).count(), { timeout: UI_TIMEOUT })
        .toBe(0);
      await signOut(page);

      expect(Object.entries(violations).filter(([, v]) => v.length > 0)).toEqual([]);
    },
  );

  it('a clinician sees the reminders the job prepared in the chart', { timeout: 60_000 }, async () => {
    const { page } = browser;
    const db = server.db.kysely;
    const run = await sendDueReminders(
      server.db,
      createReminderSenders({ smtpUrl: null, reminderFrom: 'reminders@localhost' }, server.db, server.clock),
      server.clock.now(),
    );
    expect(run.sent).toBeGreaterThan(0);
    const clinicianId = await userIdOf(server, CLINICIAN);
    const patient = await db
      .selectFrom('patients')
      .select(['id', 'first_name', 'last_name'])
      .where(
        'id',
        'in',
        db.selectFrom('caseload_assignments').select('patient_id').where('user_id', '=', clinicianId),
      )
      .where('id', 'in', db.selectFrom('reminder_deliveries').select('patient_id'))
      .orderBy('mrn')
      .executeTakeFirstOrThrow();
    const deliveries = await db
      .selectFrom('reminder_deliveries')
      .select(['status', 'channel'])
      .where('patient_id', '=', patient.id)
      .execute();

    await signIn(page, server, demoUser(server, CLINICIAN));
    await page.goto(`${server.baseUrl}/patients/${patient.id}/hours`);
    await heading(page, `${patient.first_name} ${patient.last_name}`).waitFor({ timeout: UI_TIMEOUT });
    const reminders = page.getByRole('region', { name: 'Reminders' });
    const table = reminders.getByRole('table', { name: 'Reminders' });
    await table.waitFor({ timeout: UI_TIMEOUT });
    await expect
      .poll(() => table.locator('tbody tr').count(), { timeout: UI_TIMEOUT })
      .toBe(deliveries.length);
    const shown = { sent: 'Sent', skipped: 'Not sent', queued: 'Queued', failed: 'Failed' } as const;
    for (const d of deliveries) await expectText(table, shown[d.status as keyof typeof shown]);
    await check(page, 'chart: reminders');
    await signOut(page);
    expect(violations['chart: reminders']).toEqual([]);
  });
});
