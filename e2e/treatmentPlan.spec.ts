import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CONFIDENTIALITY_LINE } from '../src/server/pdf/pdfDocument.js';
import { readPdf } from '../src/server/testing/pdfText.js';
import { TEST_NOW, type TestServer, startTestServer } from '../src/server/testing/testServer.js';
import { UI_TIMEOUT, demoUser, expectText, heading, settled, signIn, userIdOf } from './support/app.js';
import { type TestBrowser, launchBrowser, seriousAccessibilityViolations } from './support/browser.js';

const CLINICIAN = 'clinician@demo.openiop.org';
/** A month after TEST_NOW, at the same time of day: the plan's review is due. */
const A_MONTH_LATER = new Date('2026-12-24T15:00:00.000Z');

describe('treatment plan: write and sign a plan with the patient, then review it a month later', () => {
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
    'the clinician builds the plan from the library, signs it, the patient signs in person; a month later the review lists the notes and is signed',
    { timeout: 120_000 },
    async () => {
      const { page } = browser;
      const db = server.db.kysely;
      const clinician = demoUser(server, CLINICIAN);
      const clinicianId = await userIdOf(server, CLINICIAN);
      const patient = await db
        .selectFrom('patients as p')
        .innerJoin('caseload_assignments as ca', 'ca.patient_id', 'p.id')
        .innerJoin('episodes as e', 'e.patient_id', 'p.id')
        .select(['p.id', 'p.first_name', 'p.last_name', 'p.site_id', 'e.id as episode_id'])
        .where('ca.user_id', '=', clinicianId)
        .where('ca.ended_at', 'is', null)
        .where('p.status', '=', 'active')
        .where('e.status', '=', 'open')
        .where((eb) =>
          eb.not(
            eb.exists(
              eb.selectFrom('treatment_plans as tp').select('tp.id').whereRef('tp.patient_id', '=', 'p.id'),
            ),
          ),
        )
        .orderBy('p.mrn')
        .executeTakeFirstOrThrow();

      // --- Today: a plan from the library, signed by the clinician and then by the patient.
      await signIn(page, server, clinician);
      await page.goto(`${server.baseUrl}/patients/${patient.id}/treatment-plan`);
      await page.getByRole('heading', { name: 'Treatment plan', level: 2 }).waitFor({ timeout: UI_TIMEOUT });
      await check(page, 'treatment plan: none yet');
      await page.getByRole('button', { name: 'Start a blank plan' }).click();
      await page.getByLabel('Template').selectOption({ label: 'Relapse and continued use' });
      await page.getByRole('button', { name: 'Add from template' }).click();
      await expectText(
        page.getByRole('status').filter({ hasText: 'from the library' }),
        'Added "Relapse and continued use"',
      );

      // Signing an unfinished plan points at the goal still missing the patient's words.
      await page.getByRole('button', { name: 'Sign plan' }).click();
      await expectText(
        page.getByRole('alert').filter({ hasText: 'Not ready to sign' }),
        '1 field needs attention',
      );
      const goal = page.getByLabel("Goal 1.1 in the patient's own words");
      await expect.poll(() => goal.getAttribute('aria-invalid'), { timeout: UI_TIMEOUT }).toBe('true');
      await check(page, 'treatment plan: editor with a field to fix');
      await goal.fill('I want to stop drinking so I can be there for my kids.');
      await page.getByRole('button', { name: 'Save draft' }).click();
      await expectText(page.getByRole('status').filter({ hasText: 'Draft saved' }), 'version 2');

      await page.getByRole('button', { name: 'Sign plan' }).click();
      const dialog = page.getByRole('dialog', { name: 'Sign the treatment plan' });
      await dialog.getByLabel('Your password').fill('not-the-password');
      await dialog.getByRole('button', { name: 'Sign', exact: true }).click();
      await expectText(dialog.getByRole('alert'), 'nothing was signed');
      await check(page, 'treatment plan: sign dialog with a wrong password');
      await dialog.getByLabel('Your password').fill(clinician.password);
      await dialog.getByRole('button', { name: 'Sign', exact: true }).click();
      await page.getByRole('heading', { name: 'Current plan: version 1' }).waitFor({ timeout: UI_TIMEOUT });

      await page.getByRole('button', { name: 'Patient signs on this device' }).click();
      const patientDialog = page.getByRole('dialog', { name: 'Patient signature' });
      await patientDialog
        .getByLabel('Patient: type your full name')
        .fill(`${patient.first_name} ${patient.last_name}`);
      await patientDialog.getByLabel(/I have read this treatment plan/).check();
      await check(page, 'treatment plan: patient signature');
      await patientDialog.getByRole('button', { name: 'Sign as patient' }).click();
      await patientDialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
      await expectText(
        page.getByRole('list').filter({ hasText: 'Patient:' }),
        `Patient: ${patient.first_name} ${patient.last_name}`,
        'in person, witnessed',
      );
      await check(page, 'treatment plan: signed');

      const signed = await db
        .selectFrom('treatment_plan_versions')
        .select(['content', 'signed_at'])
        .where('patient_id', '=', patient.id)
        .where('status', '=', 'signed')
        .executeTakeFirstOrThrow();
      const objectives = (
        JSON.parse(signed.content) as { problems: { goals: { objectives: { id: string }[] }[] }[] }
      ).problems.flatMap((p) => p.goals.flatMap((g) => g.objectives.map((o) => o.id)));
      expect(objectives).toHaveLength(2);

      // --- Meanwhile: two signed notes addressed the first objective.
      for (const [serviceDate, title] of [
        ['2026-12-02', 'Relapse prevention group'],
        ['2026-12-16', 'Individual session on triggers'],
      ] as const) {
        const noteId = randomUUID();
        await db
          .insertInto('clinical_notes')
          .values({
            id: noteId,
            patient_id: patient.id,
            site_id: patient.site_id,
            episode_id: patient.episode_id,
            note_type: 'individual',
            template_key: 'dap',
            title,
            author_user_id: clinicianId,
            service_date: serviceDate,
            roll_call_id: null,
            occurrence_key: null,
            minutes: 50,
            group_note_id: null,
            body: JSON.stringify({ sections: { data: 'Named triggers; practised urge surfing.' } }),
            objective_ids: JSON.stringify([objectives[0]]),
            status: 'signed',
            needs_cosignature: 0,
            cosigner_user_id: null,
            signed_at: `${serviceDate}T22:00:00.000Z`,
            cosigned_at: null,
            cosigned_by: null,
            due_at: null,
            created_at: `${serviceDate}T21:00:00.000Z`,
            updated_at: `${serviceDate}T22:00:00.000Z`,
            version: 1,
          })
          .execute();
        await db
          .insertInto('note_objectives')
          .values({
            note_id: noteId,
            patient_id: patient.id,
            objective_id: objectives[0] ?? '',
            service_date: serviceDate,
          })
          .execute();
      }

      // --- A month later: the review is due; it shows the notes and records progress.
      server.clock.set(A_MONTH_LATER);
      await signIn(page, server, clinician);
      await page.goto(`${server.baseUrl}/patients/${patient.id}/treatment-plan`);
      await expectText(page.getByText(/^Review by/), 'Dec 24, 2026');
      await page.getByRole('button', { name: 'Start review' }).click();
      await page.getByRole('heading', { name: 'Progress since version 1' }).waitFor({ timeout: UI_TIMEOUT });
      await expectText(
        page.getByRole('list', { name: 'Notes that addressed this objective' }).first(),
        'Dec 2, 2026 — Relapse prevention group',
        'Dec 16, 2026 — Individual session on triggers',
      );
      await page.getByLabel('Progress on objective 1').selectOption({ label: 'Met' });
      await page.getByLabel('Progress on objective 2').selectOption({ label: 'Not met' });
      await page.getByRole('button', { name: 'Sign plan' }).click();
      await expect
        .poll(() => page.getByLabel('Comment on objective 2').getAttribute('aria-invalid'), {
          timeout: UI_TIMEOUT,
        })
        .toBe('true');
      await page.getByLabel('Comment on objective 2').fill('One lapse on Dec 12; screens continue weekly.');
      await check(page, 'treatment plan: review');
      await page.getByRole('button', { name: 'Sign plan' }).click();
      const reviewDialog = page.getByRole('dialog', { name: 'Sign the treatment plan' });
      await reviewDialog.getByLabel('Your password').fill(clinician.password);
      await reviewDialog.getByRole('button', { name: 'Sign', exact: true }).click();
      await page
        .getByRole('heading', { name: 'Current plan: version 2 (review)' })
        .waitFor({ timeout: UI_TIMEOUT });
      await expectText(page.getByRole('table', { name: 'Version history' }), 'Review', 'Initial');

      // --- The printable view: the plan alone on paper (or in a PDF from the print dialog).
      await page.getByRole('link', { name: 'Printable view of version 2' }).click();
      await heading(page, 'Treatment plan, version 2').waitFor({ timeout: UI_TIMEOUT });
      await expectText(
        page.locator('main'),
        'Review of version 1',
        'Met',
        'One lapse on Dec 12',
        '42 CFR Part 2',
      );
      await check(page, 'treatment plan: print view');
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(false);
      await page.emulateMedia({ media: 'screen' });

      // --- The same version as a PDF file, downloaded with the session like any link.
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: UI_TIMEOUT }),
        page.getByRole('link', { name: 'Download PDF of version 2' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('treatment-plan-v2.pdf');
      const pdf = readPdf(readFileSync(await download.path()));
      for (const fragment of [
        'Version 2 · Signed',
        'Progress: Met',
        'One lapse on Dec 12',
        CONFIDENTIALITY_LINE,
      ])
        expect(pdf.text).toContain(fragment);

      server.clock.set(TEST_NOW);
      expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((k) => [k, []])));
    },
  );
});
