import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { insertNote } from '../src/db/seed/chartHistory.js';
import { TEST_NOW, type TestServer, startTestServer } from '../src/server/testing/testServer.js';
import {
  UI_TIMEOUT,
  demoUser,
  settled,
  expectText,
  goTo,
  heading,
  signIn,
  signOut,
  userIdOf,
} from './support/app.js';
import { type TestBrowser, launchBrowser, seriousAccessibilityViolations } from './support/browser.js';

const CLINICIAN = 'clinician@demo.openiop.org';
const SUPERVISOR = 'clinical-supervisor@demo.openiop.org';
const ADMIN = 'admin@demo.openiop.org';

describe('accessibility: WCAG 2.1 A/AA on every page, and the keyboard path into the page', () => {
  let server: TestServer;
  let browser: TestBrowser;
  /** Serious and critical violations by page; every page must have none. */
  const found: Record<string, string[]> = {};

  const check = async (page: Page, name: string): Promise<void> => {
    await settled(page);
    found[name] = await seriousAccessibilityViolations(page);
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer('sqlite'), launchBrowser({ now: TEST_NOW })]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the checker reports violations where there are some', async () => {
    const { page } = browser;
    await page.setContent(
      '<html lang="en"><head><title>Broken</title></head><body><main><img src="data:,"><button></button></main></body></html>',
    );
    const violations = await seriousAccessibilityViolations(page);
    expect(violations.map((v) => v.split(':')[0])).toEqual(
      expect.arrayContaining(['image-alt', 'button-name']),
    );
  });

  it('signed-out pages in English and Spanish', { timeout: 60_000 }, async () => {
    const { page } = browser;
    await page.goto(`${server.baseUrl}/sign-in`);
    await heading(page, 'Sign in').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await check(page, 'sign-in (en)');

    await page.getByRole('button', { name: 'Español' }).click();
    await heading(page, 'Iniciar sesión').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await expectText(page.getByRole('complementary', { name: 'Recursos para crisis' }), 'Llamar al 988');
    await check(page, 'sign-in (es)');

    await page.goto(`${server.baseUrl}/sign-in?lang=es`);
    await heading(page, 'Iniciar sesión').waitFor({ timeout: UI_TIMEOUT });
    const user = demoUser(server, CLINICIAN);
    await page.getByLabel('Correo electrónico').fill(user.email);
    await page.getByLabel('Contraseña', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await heading(page, 'Escriba su código').waitFor({ timeout: UI_TIMEOUT });
    await check(page, 'code step (es)');

    expect(found).toEqual({ 'sign-in (en)': [], 'sign-in (es)': [], 'code step (es)': [] });
  });

  it('Tab reaches "Skip to content" first, and it moves focus to the main region', async () => {
    const { page } = browser;
    await signIn(page, server, demoUser(server, CLINICIAN));
    await page.goto(`${server.baseUrl}/patients`);
    await heading(page, 'Patients').waitFor({ timeout: UI_TIMEOUT });
    await settled(page);

    await page.keyboard.press('Tab');
    const focused = () =>
      page.evaluate(() => ({
        tag: document.activeElement?.tagName ?? '',
        id: document.activeElement?.id ?? '',
        text: document.activeElement?.textContent?.trim() ?? '',
      }));
    expect(await focused()).toMatchObject({ tag: 'A', text: 'Skip to content' });
    const link = page.getByRole('link', { name: 'Skip to content' });
    const box = await link.boundingBox();
    expect(box && box.y >= 0 && box.height > 0).toBe(true);

    await page.keyboard.press('Enter');
    await expect.poll(focused, { timeout: UI_TIMEOUT }).toMatchObject({ tag: 'MAIN', id: 'main' });

    // The next Tab continues inside the page, not back in the header or menu.
    await page.keyboard.press('Tab');
    const inMain = await page.evaluate(() =>
      document.getElementById('main')?.contains(document.activeElement),
    );
    expect(inMain).toBe(true);
    await signOut(page);
  });

  it(
    "a clinician's pages: patients, new patient, inbox, worklist, break the glass",
    { timeout: 60_000 },
    async () => {
      const { page } = browser;
      const db = server.db.kysely;
      await signIn(page, server, demoUser(server, CLINICIAN));
      await page.getByRole('table', { name: 'Patients' }).waitFor({ timeout: UI_TIMEOUT });
      await check(page, 'patients');

      await page.getByRole('button', { name: 'New patient' }).click();
      await heading(page, 'New patient').waitFor({ timeout: UI_TIMEOUT });
      await page.getByRole('button', { name: 'Create patient' }).click();
      await expectText(page.locator('form'), 'Enter the first name.');
      await check(page, 'new patient (with errors)');

      await goTo(page, /^Inbox/, 'Inbox');
      await page.getByRole('table', { name: 'Alerts' }).waitFor({ timeout: UI_TIMEOUT });
      await check(page, 'inbox');
      await page.getByRole('button', { name: 'Resolve' }).first().click();
      await page.getByRole('dialog', { name: 'Resolve alert' }).waitFor({ timeout: UI_TIMEOUT });
      await check(page, 'inbox: resolve dialog');
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached', timeout: UI_TIMEOUT });

      await goTo(page, 'Worklist', 'Worklist');
      await page.getByRole('table', { name: 'Tasks' }).waitFor({ timeout: UI_TIMEOUT });
      await check(page, 'worklist');
      await page.getByRole('button', { name: 'New task' }).click();
      await page.getByLabel('Task title').waitFor({ timeout: UI_TIMEOUT });
      await check(page, 'worklist: new task');

      await goTo(page, 'Break the glass', 'Break the glass');
      await check(page, 'break the glass: lookup');
      const clinicianId = await userIdOf(server, CLINICIAN);
      const outside = await db
        .selectFrom('patients')
        .select(['mrn', 'first_name', 'last_name'])
        .where('status', '=', 'active')
        .where(
          'id',
          'not in',
          db.selectFrom('caseload_assignments').select('patient_id').where('user_id', '=', clinicianId),
        )
        .orderBy('mrn')
        .executeTakeFirstOrThrow();
      await page.getByLabel('MRN').fill(outside.mrn);
      await page.getByRole('button', { name: 'Find patient' }).click();
      await page.getByLabel('Reason for access').waitFor({ timeout: UI_TIMEOUT });
      await check(page, 'break the glass: reason');

      await signOut(page);
      expect(found).toMatchObject({
        patients: [],
        'new patient (with errors)': [],
        inbox: [],
        'inbox: resolve dialog': [],
        worklist: [],
        'worklist: new task': [],
        'break the glass: lookup': [],
        'break the glass: reason': [],
      });
    },
  );

  it(
    "a supervisor's pages: every chart tab, the episode forms, the reports",
    { timeout: 90_000 },
    async () => {
      const { page } = browser;
      const db = server.db.kysely;
      const supervised = await db
        .selectFrom('alerts as a')
        .innerJoin('patients as p', 'p.id', 'a.patient_id')
        .select(['p.id', 'p.first_name', 'p.last_name'])
        .where('p.status', '=', 'active')
        .orderBy('p.mrn')
        .executeTakeFirstOrThrow();
      await signIn(page, server, demoUser(server, SUPERVISOR));
      await goTo(page, /^Today$/, 'Today');
      await page.getByRole('region', { name: 'My sessions today' }).waitFor({ timeout: UI_TIMEOUT });
      await page.getByRole('region', { name: 'Awaiting my co-signature' }).waitFor({ timeout: UI_TIMEOUT });
      await check(page, 'today (supervisor)');
      await page.goto(`${server.baseUrl}/patients/${supervised.id}`);
      await heading(page, `${supervised.first_name} ${supervised.last_name}`).waitFor({
        timeout: UI_TIMEOUT,
      });

      const tabs = [
        'Overview',
        'Timeline',
        'Notes',
        'Episodes',
        'Admission',
        'Placement',
        'Measures',
        'Treatment plan',
        'Medications',
        'Drug screens',
        'Hours',
        'Recovery plan',
        'Case management',
        'Alerts',
        'Process notes',
        'Audit',
      ];
      expect(await page.getByRole('tab').allInnerTexts()).toEqual([
        'Overview',
        'Timeline',
        'Notes',
        'Episodes',
        'Admission',
        'Placement',
        'Measures',
        'Treatment plan',
        'Medications',
        'Drug screens',
        'Hours',
        'Recovery plan',
        'Case management',
        expect.stringMatching(/^Alerts \(\d+\)$/),
        'Process notes',
        'Audit',
      ]);
      // Whole names ("Notes" is also in "Process notes"); the alerts tab carries its count.
      const tabName = (tab: string) => new RegExp(`^${tab}( \\(\\d+\\))?$`);
      for (const tab of tabs) {
        await page.getByRole('tab', { name: tabName(tab) }).click();
        await expect
          .poll(() => page.getByRole('tab', { name: tabName(tab) }).getAttribute('aria-selected'), {
            timeout: UI_TIMEOUT,
          })
          .toBe('true');
        await settled(page);
        await check(page, `chart: ${tab}`);
      }

      await page.getByRole('tab', { name: 'Admission' }).click();
      await page.getByRole('button', { name: 'Add diagnosis' }).click();
      const diagnosisForm = page.getByRole('form', { name: 'New diagnosis' });
      await diagnosisForm.getByLabel('Substance').selectOption({ label: 'Alcohol (F10)' });
      await diagnosisForm.getByLabel('DSM-5 criteria met').selectOption('1');
      await diagnosisForm.getByRole('button', { name: 'Save diagnosis' }).click();
      await expectText(diagnosisForm, 'not a use disorder');
      await check(page, 'chart: new diagnosis (with errors)');
      await diagnosisForm.getByRole('button', { name: 'Cancel' }).click();
      await page
        .getByRole('table', { name: 'Admission paperwork' })
        .getByRole('button', { name: 'Waive Consent to treatment' })
        .click();
      await page
        .getByRole('dialog', { name: 'Waive: Consent to treatment' })
        .waitFor({ timeout: UI_TIMEOUT });
      await check(page, 'chart: waive paperwork');
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached', timeout: UI_TIMEOUT });

      await page.getByRole('tab', { name: 'Measures' }).click();
      await page.getByRole('button', { name: 'Give a measure' }).click();
      await page.getByRole('group', { name: /^1\. / }).first().waitFor({ timeout: UI_TIMEOUT });
      await check(page, 'chart: give a measure');

      await page.getByRole('tab', { name: 'Medications' }).click();
      await page.getByRole('button', { name: 'Add medication' }).click();
      const medicationForm = page.getByRole('form', { name: 'New medication' });
      await medicationForm.getByLabel('Medication for the use disorder (MAT)').selectOption('methadone_otp');
      await medicationForm.getByRole('button', { name: 'Save medication' }).click();
      await expectText(medicationForm, 'Enter the medication name.');
      await check(page, 'chart: new medication (with errors)');
      await medicationForm.getByRole('button', { name: 'Cancel' }).click();

      await page.getByRole('tab', { name: 'Drug screens' }).click();
      await page.getByRole('button', { name: 'Record a screen' }).click();
      const screenForm = page.getByRole('form', { name: 'Record a drug screen' });
      await screenForm
        .getByRole('radiogroup', { name: /^THC/ })
        .getByRole('radio', { name: 'Positive' })
        .check();
      await screenForm
        .getByRole('radiogroup', { name: /^COC/ })
        .getByRole('radio', { name: 'Dilute' })
        .check();
      await screenForm.getByRole('radio', { name: 'Confirmed (laboratory)' }).check();
      await check(page, 'chart: record a drug screen');
      await screenForm.getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('tab', { name: 'Recovery plan' }).click();
      await page.getByRole('button', { name: 'Add contact' }).click();
      await page.getByRole('button', { name: 'Add contact', exact: true }).last().click();
      await expectText(page.getByRole('form', { name: 'New contact' }), 'Enter the contact’s name.');
      await check(page, 'chart: new support contact (with errors)');
      await page.getByRole('form', { name: 'New contact' }).getByRole('button', { name: 'Cancel' }).click();

      await page.getByRole('tab', { name: 'Case management' }).click();
      await page.getByRole('button', { name: 'Record a food need' }).click();
      await page.getByRole('form', { name: 'New Food need' }).waitFor({ timeout: UI_TIMEOUT });
      await page.getByRole('button', { name: 'Add referral' }).click();
      await page.getByRole('form', { name: 'New referral' }).waitFor({ timeout: UI_TIMEOUT });
      await check(page, 'chart: new need and referral');
      await page.getByRole('form', { name: 'New referral' }).getByRole('button', { name: 'Cancel' }).click();

      await page.getByRole('tab', { name: 'Overview' }).click();
      await page.getByRole('button', { name: 'Edit demographics' }).click();
      await page.getByRole('button', { name: 'Save changes' }).waitFor({ timeout: UI_TIMEOUT });
      await check(page, 'chart: edit demographics');
      await page.getByRole('button', { name: 'Cancel' }).click();

      await page.getByRole('tab', { name: 'Episodes' }).click();
      await page.getByRole('button', { name: 'Change level of care' }).click();
      await page.getByRole('button', { name: 'Save level change' }).waitFor({ timeout: UI_TIMEOUT });
      await page.locator('#episode-form').getByLabel('Effective date').fill('2020-01-01');
      await page.locator('#episode-form').getByLabel('Back-date reason').waitFor({ timeout: UI_TIMEOUT });
      await check(page, 'chart: change level of care');
      await page.getByRole('button', { name: 'Discharge', exact: true }).click();
      await page.getByRole('button', { name: 'End episode' }).waitFor({ timeout: UI_TIMEOUT });
      await check(page, 'chart: discharge');

      await goTo(page, 'Break-glass report', 'Break-glass report');
      await check(page, 'break-glass report');

      // The demo week's roll calls make a report with at least one track and its patients.
      await goTo(page, 'Hours compliance', 'Hours compliance');
      await page
        .getByRole('table', { name: /^Weekly hours, / })
        .first()
        .waitFor({ timeout: UI_TIMEOUT });
      await check(page, 'hours compliance');

      await goTo(page, 'Note templates', 'Note templates');
      await page.getByRole('heading', { name: 'Individual — DAP' }).waitFor({ timeout: UI_TIMEOUT });
      await check(page, 'note templates');

      // Two drafts past due: the supervisor's own opens from the report, a supervisee's does not.
      const supervisorId = await userIdOf(server, SUPERVISOR);
      const supervisee = await db
        .selectFrom('credentials')
        .select('user_id')
        .where('supervisor_id', '=', supervisorId)
        .executeTakeFirstOrThrow();
      const site = await db
        .selectFrom('patients')
        .select('site_id')
        .where('id', '=', supervised.id)
        .executeTakeFirstOrThrow();
      const late = { patientId: supervised.id, siteId: site.site_id, status: 'draft' as const };
      await insertNote(db, {
        ...late,
        authorUserId: supervisorId,
        title: 'Late own note',
        serviceDate: '2026-11-20',
        dueAt: '2026-11-21T15:00:00.000Z',
        at: '2026-11-20T16:00:00.000Z',
      });
      await insertNote(db, {
        ...late,
        authorUserId: supervisee.user_id,
        title: 'Late supervisee note',
        serviceDate: '2026-11-22',
        dueAt: '2026-11-23T15:00:00.000Z',
        at: '2026-11-22T16:00:00.000Z',
      });
      await goTo(page, 'Late notes', 'Late notes');
      const lateTable = page.getByRole('table', { name: 'Late notes' });
      await expectText(lateTable, 'Late own note', 'Late supervisee note', '72 h (3 days)', '24 h');
      const rows = lateTable.locator('tbody tr');
      await expectText(
        rows.first(),
        `${supervised.first_name} ${supervised.last_name}`,
        'Individual session',
      );
      await lateTable.getByRole('link', { name: 'Late own note' }).waitFor({ timeout: UI_TIMEOUT });
      expect(await lateTable.getByRole('link', { name: 'Late supervisee note' }).count()).toBe(0);
      await check(page, 'late notes');

      await signOut(page);
      expect(found).toMatchObject(
        Object.fromEntries(
          [
            ...tabs,
            'new diagnosis (with errors)',
            'waive paperwork',
            'give a measure',
            'new medication (with errors)',
            'record a drug screen',
            'new support contact (with errors)',
            'new need and referral',
            'edit demographics',
            'change level of care',
            'discharge',
          ]
            .map((t) => [`chart: ${t}`, []])
            .concat([
              ['today (supervisor)', []],
              ['break-glass report', []],
              ['hours compliance', []],
              ['note templates', []],
              ['late notes', []],
            ]),
        ),
      );
    },
  );

  it(
    "an administrator's pages: every section of Admin, rooms, closures and editing a series",
    { timeout: 60_000 },
    async () => {
      const { page } = browser;
      await signIn(page, server, demoUser(server, ADMIN));
      await goTo(page, 'Admin', 'Administration');
      const sections = ['Users', 'Sites', 'Programs & tracks', 'Caseloads', 'Placement rules', 'API tokens'];
      expect(await page.getByRole('tab').allInnerTexts()).toEqual(sections);
      for (const section of sections) {
        await page.getByRole('tab', { name: section }).click();
        await expect
          .poll(() => page.getByRole('tab', { name: section }).getAttribute('aria-selected'), {
            timeout: UI_TIMEOUT,
          })
          .toBe('true');
        await settled(page);
        await check(page, `admin: ${section}`);
      }
      await goTo(page, 'Rooms', 'Rooms');
      await page.getByRole('table', { name: 'Rooms' }).waitFor({ timeout: UI_TIMEOUT });
      await check(page, 'rooms');
      await page.getByRole('button', { name: 'New room' }).click();
      await page.getByRole('form', { name: 'New room' }).waitFor({ timeout: UI_TIMEOUT });
      await check(page, 'rooms: new room');
      await goTo(page, 'Closures', 'Closures');
      await page.getByRole('heading', { name: 'Upcoming' }).waitFor({ timeout: UI_TIMEOUT });
      await check(page, 'closures');
      await page.getByRole('button', { name: 'New closure' }).click();
      await page.getByRole('form', { name: 'New closure' }).waitFor({ timeout: UI_TIMEOUT });
      await check(page, 'closures: new closure');
      await goTo(page, /^Schedule$/, 'Schedule');
      await page
        .getByRole('region', { name: /Monday, November 23/ })
        .getByRole('button', { name: /^Change/ })
        .first()
        .click();
      await page.getByRole('menuitem', { name: 'Edit series…' }).click();
      const editSeries = page.getByRole('dialog', { name: /^Edit series: / });
      await editSeries.getByLabel('Start time').waitFor({ timeout: UI_TIMEOUT });
      // The Change menu fades out while the dialog fades in; a closing menu has no items left to check.
      await page.getByRole('menu').waitFor({ state: 'detached', timeout: UI_TIMEOUT });
      await settled(page);
      await check(page, 'schedule: edit series');
      await editSeries.getByRole('button', { name: 'Close', exact: true }).click();
      await editSeries.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
      await signOut(page);
      expect(found).toMatchObject({
        ...Object.fromEntries(sections.map((s) => [`admin: ${s}`, []])),
        rooms: [],
        'rooms: new room': [],
        closures: [],
        'closures: new closure': [],
        'schedule: edit series': [],
      });
    },
  );
});
