import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDueReminders } from '../src/server/jobs/index.js';
import { createReminderSenders } from '../src/server/reminders/sender.js';
import { TEST_NOW, type TestServer, startTestServer } from '../src/server/testing/testServer.js';
import { UI_TIMEOUT, demoUser, expectText, goTo, mainRegion, signIn } from './support/app.js';
import { type TestBrowser, launchBrowser } from './support/browser.js';

const ADMIN = 'admin@demo.openiop.org';

describe('the outbox: an administrator sees the reminders the job kept', () => {
  let server: TestServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer('sqlite'), launchBrowser({ now: TEST_NOW })]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the reminder after the job ran', { timeout: 90_000 }, async () => {
    const { page } = browser;
    const run = await sendDueReminders(
      server.db,
      createReminderSenders({ smtpUrl: null, reminderFrom: 'reminders@localhost' }, server.db, server.clock),
      server.clock.now(),
    );
    expect(run.sent).toBeGreaterThan(0);
    const newest = await server.db.kysely
      .selectFrom('outbox_messages')
      .select(['to', 'body'])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();

    await signIn(page, server, demoUser(server, ADMIN));
    await goTo(page, 'Outbox', 'Outbox');
    const table = page.getByRole('table', { name: 'Outbox messages' });
    await table.waitFor({ timeout: UI_TIMEOUT });
    await expectText(mainRegion(page), newest.to, newest.body);
  });
});
