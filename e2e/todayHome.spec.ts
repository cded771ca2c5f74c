import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDateIn } from '../src/core/runtime.js';
import { addDays } from '../src/core/schedule/localTime.js';
import { insertMeasure, insertNote } from '../src/db/seed/chartHistory.js';
import { TEST_NOW, type TestServer, startTestServer } from '../src/server/testing/testServer.js';
import {
  UI_TIMEOUT,
  demoUser,
  expectText,
  goTo,
  heading,
  mainRegion,
  settled,
  signInToLanding,
  userIdOf,
} from './support/app.js';
import { type TestBrowser, launchBrowser, seriousAccessibilityViolations } from './support/browser.js';

const CLINICIAN = 'clinician@demo.openiop.org';
const SESSION_TITLE = 'Evening relapse prevention group';
const LATE_NOTE = 'Individual session — late e2e note';
const SIGNED_NOTE = 'Individual session — e2e signed note';

describe("Today: the clinician's day, and the chart timeline", () => {
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
    'lands on Today, sees the session and the late note, follows their links; the timeline filters and opens a note on demand',
    { timeout: 90_000 },
    async () => {
      const { page } = browser;
      const db = server.db.kysely;
      const clinicianId = await userIdOf(server, CLINICIAN);
      const patient = await db
        .selectFrom('caseload_assignments as ca')
        .innerJoin('patients as p', 'p.id', 'ca.patient_id')
        .innerJoin('sites as s', 's.id', 'p.site_id')
        .select(['p.id', 'p.first_name', 'p.last_name', 'p.site_id', 's.time_zone'])
        .where('ca.user_id', '=', clinicianId)
        .where('ca.ended_at', 'is', null)
        .where('p.status', '=', 'active')
        .orderBy('p.mrn')
        .executeTakeFirstOrThrow();
      const today = calendarDateIn(TEST_NOW, patient.time_zone);
      const nowIso = TEST_NOW.toISOString();

      // A group the clinician leads tonight, a note overdue since yesterday, and a signed note.
      const seriesId = randomUUID();
      const program = await db
        .selectFrom('programs')
        .select('id')
        .where('site_id', '=', patient.site_id)
        .executeTakeFirstOrThrow();
      await db
        .insertInto('session_series')
        .values({
          id: seriesId,
          site_id: patient.site_id,
          program_id: program.id,
          track_id: null,
          kind: 'group',
          title: SESSION_TITLE,
          clinician_id: clinicianId,
          room_id: null,
          telehealth_url: null,
          capacity: 12,
          enrolment: 'rolling',
          audience: 'adult',
          gender: null,
          weekdays: '1,2,3,4,5,6,7',
          start_time: '18:00',
          duration_minutes: 90,
          every_weeks: 1,
          starts_on: addDays(today, -7),
          ends_on: null,
          archived_at: null,
          created_by: clinicianId,
          created_at: nowIso,
          updated_at: nowIso,
          version: 1,
        })
        .execute();
      const lateNoteId = await insertNote(db, {
        patientId: patient.id,
        siteId: patient.site_id,
        authorUserId: clinicianId,
        serviceDate: addDays(today, -2),
        status: 'draft',
        title: LATE_NOTE,
        dueAt: new Date(TEST_NOW.getTime() - 20 * 3_600_000).toISOString(),
        at: nowIso,
      });
      await insertNote(db, {
        patientId: patient.id,
        siteId: patient.site_id,
        authorUserId: clinicianId,
        serviceDate: addDays(today, -1),
        status: 'signed',
        title: SIGNED_NOTE,
        at: nowIso,
      });
      await insertMeasure(db, {
        patientId: patient.id,
        administeredBy: clinicianId,
        total: 9,
        band: 'mild',
        at: new Date(TEST_NOW.getTime() - 3_600_000).toISOString(),
      });

      // --- The clinician lands on Today.
      await signInToLanding(page, server, demoUser(server, CLINICIAN));
      await heading(page, 'Today').waitFor({ timeout: UI_TIMEOUT });
      const sessions = page.getByRole('region', { name: 'My sessions today' });
      const row = sessions.getByRole('row').filter({ hasText: SESSION_TITLE });
      await expectText(row, '18:00', 'Take roll call', 'After roll call');
      const notes = page.getByRole('region', { name: 'Notes due' });
      await expectText(notes, LATE_NOTE, 'Late');
      await check(page, 'today');

      // --- Its links go straight to the work: the roll call, then the late note.
      await row.getByRole('link', { name: 'Take roll call' }).click();
      await heading(page, `Roll call: ${SESSION_TITLE}`).waitFor({ timeout: UI_TIMEOUT });
      await goTo(page, /^Today$/, 'Today');
      await notes.getByRole('link', { name: LATE_NOTE }).click();
      await heading(page, LATE_NOTE).waitFor({ timeout: UI_TIMEOUT });
      expect(page.url()).toContain(`/notes/${lateNoteId}`);

      // --- The chart timeline: newest first, filtered to notes, a body loaded only when opened.
      await page.goto(`${server.baseUrl}/patients/${patient.id}/timeline`);
      await heading(page, `${patient.first_name} ${patient.last_name}`).waitFor({ timeout: UI_TIMEOUT });
      const entries = page.getByRole('list', { name: 'Timeline entries' });
      await expectText(entries, SIGNED_NOTE, 'PHQ-9', LATE_NOTE);
      await check(page, 'chart: timeline');

      const filters = page.getByRole('group', { name: 'Show on the timeline' });
      for (const chip of [
        'Admissions & changes',
        'Measures',
        'Drug screens',
        'Treatment plans',
        'Relapse prevention',
        'Alerts',
      ])
        await filters.getByText(chip, { exact: true }).click();
      await expect
        .poll(
          async () =>
            (await entries.getByText('PHQ-9').count()) === 0 &&
            (await entries.getByText(SIGNED_NOTE).count()) > 0,
          {
            timeout: UI_TIMEOUT,
          },
        )
        .toBe(true);
      const kindBadges = await entries.locator('li .mantine-Badge-root').allInnerTexts();
      // Badges print in capitals; only notes (and their state) are left.
      expect(
        kindBadges
          .map((b) => b.toLowerCase())
          .filter((b) => !['note', 'draft', 'awaiting co-signature'].includes(b)),
      ).toEqual([]);

      expect(await mainRegion(page).getByText('Talked through the week.').count()).toBe(0);
      const entry = entries.getByRole('button', { name: new RegExp(SIGNED_NOTE) });
      await entry.click();
      expect(await entry.getAttribute('aria-expanded')).toBe('true');
      await expectText(entries, 'Talked through the week.', 'Open the note');
      await check(page, 'chart: timeline with a note open');

      expect(violations).toEqual({
        today: [],
        'chart: timeline': [],
        'chart: timeline with a note open': [],
      });
    },
  );
});
