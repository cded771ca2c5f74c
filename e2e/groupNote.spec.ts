import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PlanContent } from '../src/core/api/plans.js';
import type { Series } from '../src/core/api/schedule.js';
import { type PatientFixture, RouteFixtures } from '../src/server/testing/routeTable.js';
import { createPlanVersion } from '../src/server/testing/routeSpecs/treatmentPlans.js';
import { TEST_NOW, type TestServer, startTestServer } from '../src/server/testing/testServer.js';
import {
  UI_TIMEOUT,
  demoUser,
  expectText,
  heading,
  settled,
  signIn,
  signOut,
  webStorageDump,
} from './support/app.js';
import { type TestBrowser, launchBrowser, seriousAccessibilityViolations } from './support/browser.js';

const CLINICIAN = 'clinician@demo.openiop.org';
const TODAY = '2026-11-24';
const FIRST = [
  'Avery',
  'Blake',
  'Carmen',
  'Dmitri',
  'Esther',
  'Farid',
  'Gwen',
  'Hiro',
  'Imani',
  'Jonas',
  'Keiko',
  'Luis',
];
const NARRATIVE =
  'Topic: high-risk weekends. Members mapped their triggers, rehearsed refusal skills in pairs and planned one sober activity each.';
/** The objective statement of the fixture plan (routeSpecs/treatmentPlans completePlanContent). */
const OBJECTIVE = 'Names 5 triggers and a coping response for each';
const sectionFor = (i: number) =>
  `Participation ${i + 1}: named a personal trigger and a plan (marker P${i + 1}Q).`;

describe('a group note for twelve attendees, written once and signed into each chart', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let fx: RouteFixtures;
  let occurrenceKey: string;
  const attendees: (PatientFixture & { firstName: string; lastName: string })[] = [];
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
    fx = await RouteFixtures.create(server);
    const clinician = await server.signIn(CLINICIAN);
    const director = await server.signIn('program_director');
    const created = await director.send<Series>('POST', '/api/v1/series', {
      siteId: fx.firstSiteId,
      kind: 'group',
      title: 'Relapse prevention group',
      clinicianId: clinician.userId,
      telehealthUrl: 'https://video.example.test/group/rp',
      capacity: 14,
      weekdays: [2],
      startTime: '08:00',
      durationMinutes: 90,
      startsOn: '2026-11-03',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    for (const [i, firstName] of FIRST.entries()) {
      const p = await fx.createPatient({
        siteId: fx.firstSiteId,
        status: 'active',
        caseload: [{ userId: clinician.userId, kind: 'primary_clinician' }],
        openEpisode: true,
      });
      const lastName = `Groupmember${String.fromCharCode(65 + i)}`;
      await server.db.kysely
        .updateTable('patients')
        .set({ first_name: firstName, last_name: lastName })
        .where('id', '=', p.id)
        .execute();
      await server.db.kysely
        .insertInto('series_memberships')
        .values({
          id: randomUUID(),
          series_id: created.body.id,
          patient_id: p.id,
          joined_on: '2026-11-03',
          left_on: null,
          pinned: 0,
          recorded_at: '2026-11-02T00:00:00.000Z',
          created_by: director.userId,
          ended_by: null,
          updated_at: '2026-11-02T00:00:00.000Z',
          version: 1,
        })
        .execute();
      attendees.push({ ...p, firstName, lastName });
    }
    // The first attendee has a signed plan whose objective the group addressed.
    const first = attendees[0];
    if (!first) throw new Error('missing attendee');
    await createPlanVersion(fx, first, { status: 'signed' });
    occurrenceKey = `${created.body.id}@${TODAY}`;
    const roll = await clinician.send('PUT', `/api/v1/sessions/${occurrenceKey}/roll-call`, {
      status: 'held',
      leaderId: clinician.userId,
      entries: attendees.map((p) => ({
        patientId: p.id,
        mark: {
          kind: 'present',
          lateMinutes: 0,
          via: { mode: 'video', patientLocation: 'Home, Hartford CT' },
        },
      })),
    });
    expect(roll.status, JSON.stringify(roll.body)).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'warns about a named attendee, signs once, and each chart holds only its own section',
    { timeout: 180_000 },
    async () => {
      const { page } = browser;
      const user = demoUser(server, CLINICIAN);
      await signIn(page, server, user);
      await page.goto(`${server.baseUrl}/sessions/${encodeURIComponent(occurrenceKey)}/roll-call`);
      await page.getByRole('button', { name: 'Write group note' }).click();
      await heading(page, 'Group note: Relapse prevention group').waitFor({ timeout: UI_TIMEOUT });
      await expectText(page.locator('main'), '0 of 12 participation sections written');

      // Naming an attendee in the shared narrative is caught while typing.
      const narrative = page.getByLabel('Group narrative');
      await narrative.fill(`Carmen opened the group. ${NARRATIVE}`);
      await expectText(page.getByRole('alert'), 'It mentions Carmen GroupmemberC');
      await check(page, 'named-attendee warning');
      await narrative.fill(NARRATIVE);
      await expect
        .poll(() => page.getByText('The narrative names an attendee').count(), { timeout: UI_TIMEOUT })
        .toBe(0);

      // One short section each: typed, never pasted.
      for (const [i, p] of attendees.entries()) {
        await page.getByLabel(new RegExp(`^${p.firstName} ${p.lastName} — 90 min`)).fill(sectionFor(i));
      }
      // The first attendee's own plan objective, linked from the keyboard.
      const first = attendees[0];
      if (!first) throw new Error('missing attendee');
      const objective = page
        .getByRole('group', { name: `Plan objectives addressed, ${first.firstName} ${first.lastName}` })
        .getByRole('checkbox', { name: new RegExp(`^${OBJECTIVE}`) });
      await objective.focus();
      await page.keyboard.press('Space');
      await expect.poll(() => objective.isChecked(), { timeout: UI_TIMEOUT }).toBe(true);
      await expectText(page.locator('main'), '12 of 12 participation sections written');
      await expectText(page.getByRole('status').filter({ hasText: /saved/i }).first(), 'All changes saved');
      await check(page, 'group note editor');

      // A plan review replaces that objective while the draft links it: the link shows as removed
      // and is let go, and the reviewed plan's objective linked instead.
      const current = await server.db.kysely
        .selectFrom('treatment_plan_versions')
        .selectAll()
        .where('patient_id', '=', first.id)
        .executeTakeFirstOrThrow();
      const content = JSON.parse(current.content) as PlanContent;
      for (const problem of content.problems)
        for (const goal of problem.goals) for (const o of goal.objectives) o.id = randomUUID();
      await server.db.kysely
        .insertInto('treatment_plan_versions')
        .values({
          ...current,
          id: randomUUID(),
          number: 2,
          kind: 'review',
          reviews_version_id: current.id,
          content: JSON.stringify(content),
        })
        .execute();
      await page.reload();
      const firstObjectives = page.getByRole('group', {
        name: `Plan objectives addressed, ${first.firstName} ${first.lastName}`,
      });
      const unlink = firstObjectives.getByRole('button', { name: /^Unlink .*no longer in the current plan/ });
      await unlink.waitFor({ timeout: UI_TIMEOUT });
      await expect.poll(() => objective.isChecked(), { timeout: UI_TIMEOUT }).toBe(false);
      await check(page, 'objective removed by a plan review');
      await unlink.click();
      await expect.poll(() => unlink.count(), { timeout: UI_TIMEOUT }).toBe(0);
      await objective.check();
      await expectText(page.getByRole('status').filter({ hasText: /saved/i }).first(), 'All changes saved');

      await page.getByRole('button', { name: 'Sign group note' }).click();
      const dialog = page.getByRole('dialog', { name: 'Sign the group note' });
      await dialog.getByLabel('Your password').fill('not the password');
      await dialog.getByRole('button', { name: 'Sign for all attendees' }).click();
      await expectText(dialog, 'That password is not correct, so nothing was signed.');
      await dialog.getByLabel('Your password').fill(user.password);
      await check(page, 'sign dialog');
      await dialog.getByRole('button', { name: 'Sign for all attendees' }).click();
      await expectText(
        page.getByRole('status').filter({ hasText: 'Each of the' }),
        'Each of the 12 attendees’ charts',
      );

      // Three charts, each rendered as the reader sees it and as it prints.
      for (const index of [0, 5, 11]) {
        const p = attendees[index];
        if (!p) throw new Error('missing attendee');
        await page.goto(`${server.baseUrl}/patients/${p.id}/notes`);
        await page.getByRole('link', { name: 'Relapse prevention group' }).click();
        await heading(page, 'Relapse prevention group').waitFor({ timeout: UI_TIMEOUT });
        const main = page.locator('main');
        await expectText(main, NARRATIVE, sectionFor(index), 'Signed by Marcus Bell, LADC');
        // Only the first attendee's copy addressed a plan objective: theirs.
        if (index === 0) await expectText(main, 'Plan objectives addressed', OBJECTIVE);
        await page.emulateMedia({ media: 'print' });
        const rendered = await main.innerText();
        await page.emulateMedia({ media: 'screen' });
        const html = await page.content();
        for (const [j, other] of attendees.entries()) {
          if (j === index) continue;
          for (const text of [rendered, html]) {
            expect(text).not.toContain(`P${j + 1}Q`);
            expect(text).not.toContain(other.firstName);
            expect(text).not.toContain(other.lastName);
            expect(text).not.toContain(other.id);
          }
        }
        if (index !== 0) expect(rendered).not.toContain(OBJECTIVE);
        if (index === 0) await check(page, 'signed group note copy');
      }

      await signOut(page);
      const storage = await webStorageDump(page);
      expect(storage).not.toContain('P1Q');
      expect(storage).not.toContain('high-risk weekends');
      expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((k) => [k, []])));
    },
  );
});
