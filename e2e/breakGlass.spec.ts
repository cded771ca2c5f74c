import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW, type TestServer, startTestServer } from '../src/server/testing/testServer.js';
import {
  UI_TIMEOUT,
  demoUser,
  expectText,
  goTo,
  heading,
  shownDate,
  signIn,
  signOut,
  statusFromPage,
  userIdOf,
} from './support/app.js';
import { type TestBrowser, launchBrowser } from './support/browser.js';

const CLINICIAN = 'clinician@demo.openiop.org';
const SUPERVISOR = 'clinical-supervisor@demo.openiop.org';
const REASON = 'Covering the crisis line tonight; patient called in distress and asked for their clinician.';

describe('break the glass: a chart outside the caseload, opened with a reason and reported', () => {
  let server: TestServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer('sqlite'), launchBrowser({ now: TEST_NOW })]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'shows only the stub until a reason is given, then reports the access',
    { timeout: 90_000 },
    async () => {
      const { page } = browser;
      const db = server.db.kysely;
      const clinician = demoUser(server, CLINICIAN);
      const clinicianId = await userIdOf(server, CLINICIAN);

      // A patient in care with someone else, with nothing tying them to this clinician.
      const other = await db
        .selectFrom('patients as p')
        .innerJoin('enrolment_segments as s', 's.patient_id', 'p.id')
        .innerJoin('programs as g', 'g.id', 's.program_id')
        .select([
          'p.id',
          'p.first_name',
          'p.last_name',
          'p.mrn',
          'p.date_of_birth',
          'p.phone',
          'g.name as program',
        ])
        .where('p.status', '=', 'active')
        .where('s.end_on', 'is', null)
        .where(
          'p.id',
          'not in',
          db.selectFrom('caseload_assignments').select('patient_id').where('user_id', '=', clinicianId),
        )
        .orderBy('p.mrn')
        .executeTakeFirstOrThrow();
      const fullName = `${other.first_name} ${other.last_name}`;

      await signIn(page, server, clinician);

      // Not on the caseload: search finds nothing and the chart's API refuses.
      await page.getByLabel('Search patients').fill(other.mrn);
      await expectText(page.getByRole('status'), 'No patients match this search.');
      expect(await statusFromPage(page, `/api/v1/patients/${other.id}`)).toBe(404);

      await goTo(page, 'Break the glass', 'Break the glass');

      // Exact lookup only: part of the MRN finds nobody.
      await page.getByLabel('MRN').fill(other.mrn.slice(0, -1));
      await page.getByRole('button', { name: 'Find patient' }).click();
      await expectText(page.getByRole('alert'), 'No exact match');

      await page.getByLabel('MRN').fill(other.mrn.toLowerCase());
      await page.getByRole('button', { name: 'Find patient' }).click();
      const stub = page
        .locator('main#main form')
        .filter({ has: page.getByRole('heading', { name: fullName }) });
      await expectText(
        stub,
        shownDate(other.date_of_birth),
        other.mrn,
        'This access is audited and reported',
      );

      // The stub is all there is: no clinical detail, no contact details, no tabs.
      const shown = await page.locator('main#main').innerText();
      expect(shown).not.toContain(other.program);
      expect(shown).not.toContain('Level of care');
      if (other.phone) expect(shown).not.toContain(other.phone);
      expect(await page.getByRole('tab').count()).toBe(0);
      expect(await db.selectFrom('break_glass_grants').select('id').execute()).toHaveLength(0);

      // A reason is required before the chart opens.
      await page.getByLabel('Reason for access').fill('urgent');
      await page.getByRole('button', { name: 'Open chart' }).click();
      await expectText(stub, 'Give a reason of at least 10 characters.');
      expect(await db.selectFrom('break_glass_grants').select('id').execute()).toHaveLength(0);

      await page.getByLabel('Reason for access').fill(REASON);
      await page.getByRole('button', { name: 'Open chart' }).click();
      await heading(page, fullName).waitFor({ timeout: UI_TIMEOUT });
      expect(page.url()).toBe(`${server.baseUrl}/patients/${other.id}`);
      await expectText(
        page.getByText('You opened this chart through break-the-glass.'),
        'reported to supervisors',
      );
      await expectText(page.locator('main#main'), other.mrn, other.program);

      const grants = await db
        .selectFrom('break_glass_grants')
        .select(['user_id', 'patient_id', 'reason'])
        .execute();
      expect(grants).toEqual([{ user_id: clinicianId, patient_id: other.id, reason: REASON }]);

      await signOut(page);

      // The supervisor sees the access in the report, with who, whom and why.
      await signIn(page, server, demoUser(server, SUPERVISOR));
      await goTo(page, 'Break-glass report', 'Break-glass report');
      const report = page.getByRole('table', { name: 'Break-glass grants' });
      const row = report.locator('tbody tr').filter({ hasText: REASON });
      await expectText(row, clinician.displayName, fullName);
      expect(await report.locator('tbody tr').count()).toBe(1);

      // And in the patient's access history, marked as break-the-glass.
      await row.getByRole('link', { name: fullName }).click();
      await heading(page, fullName).waitFor({ timeout: UI_TIMEOUT });
      await page.getByRole('tab', { name: 'Audit' }).click();
      const history = page.getByRole('table', { name: 'Access history' });
      const grantRow = history.locator('tbody tr').filter({ hasText: 'breakGlass.grant' });
      await expectText(grantRow, clinician.displayName);
      const readsUnderGrant = history
        .locator('tbody tr')
        .filter({ hasText: clinician.displayName })
        .filter({ hasText: 'patient.read' })
        .filter({ hasText: 'Break the glass' });
      await readsUnderGrant.first().waitFor({ timeout: UI_TIMEOUT });

      await signOut(page);
    },
  );
});
