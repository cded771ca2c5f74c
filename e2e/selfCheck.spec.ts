import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CATALOGUES, type Locale, type MessageKey } from '../src/core/i18n/index.js';
import {
  SELF_CHECK_QUESTIONS,
  type SelfCheckAnswers,
  type SelfCheckQuestionId,
} from '../src/core/placement/selfCheckQuestions.js';
import { TEST_NOW, type TestServer, startTestServer } from '../src/server/testing/testServer.js';
import { UI_TIMEOUT, animationsDone, expectText, heading, webStorageDump } from './support/app.js';
import { type TestBrowser, launchBrowser, seriousAccessibilityViolations } from './support/browser.js';

/**
 * SPEC §3 and §16: the public self-check, on a phone, without signing in, in English and Spanish —
 * through to a likely level, its reasons and a call-back request; and the crisis stop.
 */

const text = (locale: Locale, key: string): string => {
  const catalogue: Readonly<Record<string, string>> = CATALOGUES[locale];
  const found = catalogue[key];
  if (found === undefined) throw new Error(`no message ${key}`);
  return found;
};
const say = (locale: Locale, key: MessageKey): string => text(locale, key);

/** A phone: 390 × 844 CSS pixels. */
const PHONE = { width: 390, height: 844 };

/** Daily drinking with mild withdrawal, a worker with insurance: likely IOP. */
const DAILY_DRINKER: SelfCheckAnswers = {
  safety_now: 'no',
  main_substance: 'alcohol',
  use_frequency: 'daily',
  past_year_problems: ['more_than_meant', 'cant_cut_down', 'cravings', 'need_more', 'withdrawal'],
  withdrawal: 'mild',
  health: 'none',
  pregnant: 'prefer_not_to_say',
  mood: 'okay',
  home: 'safe',
  support: 'yes',
  past_treatment: 'never',
  readiness: 'ready',
  responsibilities: ['work'],
  schedule: 'either',
  coverage: 'insurance',
};

/** Weekly cannabis use, a few problems, but an unsafe home: likely a day program. */
const UNSAFE_HOME: SelfCheckAnswers = {
  ...DAILY_DRINKER,
  main_substance: 'cannabis',
  use_frequency: 'weekly',
  past_year_problems: ['more_than_meant', 'cravings', 'missed_duties'],
  withdrawal: 'none',
  home: 'unsafe',
  responsibilities: ['caregiving', 'school'],
  coverage: 'medicaid',
};

const optionsOf = (answers: SelfCheckAnswers, id: SelfCheckQuestionId): readonly string[] => {
  const value: string | readonly string[] | undefined = answers[id];
  return value === undefined ? [] : typeof value === 'string' ? [value] : value;
};

const focusedText = (page: Page): Promise<{ tag: string; text: string }> =>
  page.evaluate(() => ({
    tag: document.activeElement?.tagName ?? '',
    text: document.activeElement?.textContent?.trim() ?? '',
  }));

const stepHeading = (page: Page, name: string) => page.getByRole('heading', { level: 2, name, exact: true });

describe('the public self-check, on a phone', () => {
  let server: TestServer;
  let browser: TestBrowser;
  /** Serious and critical axe-core violations by page state; every state must have none. */
  const found: Record<string, string[]> = {};
  const requested: { url: string; method: string; cookie: string | undefined }[] = [];

  const check = async (page: Page, name: string): Promise<void> => {
    await animationsDone(page);
    found[name] = await seriousAccessibilityViolations(page);
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer('sqlite'), launchBrowser({ now: TEST_NOW })]);
    await browser.page.setViewportSize(PHONE);
    browser.page.on('request', (request) => {
      requested.push({ url: request.url(), method: request.method(), cookie: request.headers().cookie });
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Answers every question from the current step on, checking the step counter and where focus lands. */
  const answerAll = async (
    page: Page,
    locale: Locale,
    answers: SelfCheckAnswers,
    options: { checkEach?: (id: SelfCheckQuestionId) => Promise<void> } = {},
  ): Promise<void> => {
    for (const [index, question] of SELF_CHECK_QUESTIONS.entries()) {
      const title = text(locale, question.key);
      await stepHeading(page, title).waitFor({ timeout: UI_TIMEOUT });
      await expectText(
        page.locator('main'),
        text(locale, 'selfCheck.ui.step')
          .replace('{current}', String(index + 1))
          .replace('{total}', String(SELF_CHECK_QUESTIONS.length)),
      );
      await expect.poll(() => focusedText(page), { timeout: UI_TIMEOUT }).toEqual({ tag: 'H2', text: title });
      for (const option of optionsOf(answers, question.id)) {
        await page
          .getByRole(question.multiple ? 'checkbox' : 'radio', {
            name: text(locale, `${question.key}.${option}`),
            exact: true,
          })
          .check();
      }
      await options.checkEach?.(question.id);
      const last = index === SELF_CHECK_QUESTIONS.length - 1;
      await page
        .getByRole('button', {
          name: say(locale, last ? 'selfCheck.submit' : 'selfCheck.ui.next'),
          exact: true,
        })
        .click();
    }
  };

  it(
    'English: every step to a likely level and why, then a call-back request',
    { timeout: 90_000 },
    async () => {
      const { page } = browser;
      const inquiriesBefore = await server.db.kysely
        .selectFrom('inquiries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      await page.goto(`${server.baseUrl}/self-check`);
      await heading(page, 'Is IOP right for me?').waitFor({ timeout: UI_TIMEOUT });
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await expectText(page.getByRole('complementary', { name: 'Crisis resources' }), 'Call 988');
      await check(page, 'intro (en)');

      await page.getByRole('button', { name: 'Start the self-check' }).click();
      await stepHeading(page, say('en', 'selfCheck.q.safety_now')).waitFor({ timeout: UI_TIMEOUT });
      // Next without an answer asks for one, and focus goes to the first option.
      await page.getByRole('button', { name: 'Next', exact: true }).click();
      await expectText(page.getByRole('alert'), 'Please choose an answer.');
      expect(await focusedText(page)).toEqual({ tag: 'INPUT', text: '' });
      await check(page, 'question with a missing answer (en)');
      // Back to the start and in again.
      await page.getByRole('button', { name: 'Back', exact: true }).click();
      await page.getByRole('button', { name: 'Start the self-check' }).click();

      await answerAll(page, 'en', DAILY_DRINKER, {
        checkEach: async (id) => {
          // The crisis lines stay on every step.
          expect(await page.getByRole('link', { name: 'Call 988' }).getAttribute('href')).toBe('tel:988');
          if (id === 'past_year_problems') await check(page, 'multiple-choice step (en)');
          if (id === 'support') {
            // Keyboard only: back to the options, change the answer with the arrow keys, and on.
            await page.getByRole('radio', { name: 'Yes', exact: true }).focus();
            await page.keyboard.press('ArrowDown');
            expect(await page.getByRole('radio', { name: 'Sort of', exact: true }).isChecked()).toBe(true);
            await page.keyboard.press('ArrowUp');
            expect(await page.getByRole('radio', { name: 'Yes', exact: true }).isChecked()).toBe(true);
          }
        },
      });

      await stepHeading(page, 'Your result').waitFor({ timeout: UI_TIMEOUT });
      const main = page.locator('main');
      await expectText(
        main,
        'Likely level of care: Intensive outpatient program (IOP)',
        say('en', 'selfCheck.likely.IOP'),
        'Why we say this',
        say('en', 'selfCheck.reason.daily_alcohol_or_sedatives'),
        'This is not a diagnosis.',
        say('en', 'selfCheck.always.professional'),
        say('en', 'selfCheck.callback.consent'),
      );
      expect(await focusedText(page)).toEqual({ tag: 'H2', text: 'Your result' });
      await check(page, 'result (en)');

      // The call back: refused without consent, named field by field.
      await page.getByLabel('Your name', { exact: true }).fill('Jordan');
      await page.getByLabel('Phone number', { exact: true }).fill('555-010-0100');
      await page.getByLabel('Best time to call (optional)', { exact: true }).fill('Weekday mornings');
      await page.getByLabel('You may leave me a voicemail', { exact: true }).check();
      await page.getByRole('button', { name: 'Ask for a call' }).click();
      await expectText(main, 'Please check this box so we may call you.');
      await check(page, 'call-back form with an error (en)');
      await page.getByLabel(say('en', 'selfCheck.callback.consentLabel')).check();
      await page.getByRole('button', { name: 'Ask for a call' }).click();

      await stepHeading(page, 'Thank you').waitFor({ timeout: UI_TIMEOUT });
      await expectText(main, say('en', 'selfCheck.callback.done.text'));
      await check(page, 'call-back confirmation (en)');

      const inquiries = await server.db.kysely
        .selectFrom('inquiries')
        .selectAll()
        .where('phone', '=', '555-010-0100')
        .execute();
      expect(inquiries).toHaveLength(1);
      expect(inquiries[0]).toMatchObject({
        source: 'self_check',
        stage: 'new',
        first_name: 'Jordan',
        preferred_language: 'en',
        contact_window: 'Weekday mornings',
        voicemail_ok: 1,
        texts_ok: 0,
        consent_to_contact: 1,
        presenting_concern: null,
        notes: null,
      });
      const inquiriesAfter = await server.db.kysely
        .selectFrom('inquiries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(inquiriesAfter.n)).toBe(Number(inquiriesBefore.n) + 1);
    },
  );

  it(
    'Spanish: the whole run, with a language switch half-way that keeps the answers',
    { timeout: 90_000 },
    async () => {
      const { page } = browser;
      await page.goto(`${server.baseUrl}/es/self-check`);
      await heading(page, say('es', 'selfCheck.title')).waitFor({ timeout: UI_TIMEOUT });
      expect(await page.locator('html').getAttribute('lang')).toBe('es');
      await expectText(page.getByRole('complementary', { name: 'Recursos para crisis' }), 'Llamar al 988');
      await check(page, 'intro (es)');
      await page.getByRole('button', { name: 'Empezar la prueba' }).click();

      await answerAll(page, 'es', UNSAFE_HOME, {
        checkEach: async (id) => {
          if (id !== 'home') return;
          // Switch to English and back: same step, same answer, the address follows the language.
          await page.getByRole('button', { name: 'English' }).click();
          await stepHeading(page, say('en', 'selfCheck.q.home')).waitFor({ timeout: UI_TIMEOUT });
          expect(
            await page.getByRole('radio', { name: say('en', 'selfCheck.q.home.unsafe') }).isChecked(),
          ).toBe(true);
          expect(new URL(page.url()).pathname).toBe('/self-check');
          expect(await page.locator('html').getAttribute('lang')).toBe('en');
          await page.getByRole('button', { name: 'Español' }).click();
          await stepHeading(page, say('es', 'selfCheck.q.home')).waitFor({ timeout: UI_TIMEOUT });
          expect(new URL(page.url()).pathname).toBe('/es/self-check');
          await check(page, 'question (es)');
        },
      });

      await stepHeading(page, 'Su resultado').waitFor({ timeout: UI_TIMEOUT });
      const main = page.locator('main');
      await expectText(
        main,
        'Nivel de atención probable: Programa de día (hospitalización parcial)',
        say('es', 'selfCheck.likely.PHP'),
        say('es', 'selfCheck.reason.home_unsafe'),
        'Esto no es un diagnóstico.',
      );
      await check(page, 'result (es)');

      await page.getByLabel('Su nombre', { exact: true }).fill('Marisol');
      await page.getByLabel('Número de teléfono', { exact: true }).fill('abc');
      await page.getByLabel(say('es', 'selfCheck.callback.consentLabel')).check();
      await page.getByLabel('Pueden enviarme mensajes de texto', { exact: true }).check();
      await page.getByRole('button', { name: 'Pedir una llamada' }).click();
      await expectText(main, say('es', 'selfCheck.callback.phoneInvalid'));
      await page.getByLabel('Número de teléfono', { exact: true }).fill('(555) 010-0177');
      await page.getByRole('button', { name: 'Pedir una llamada' }).click();

      await stepHeading(page, 'Gracias').waitFor({ timeout: UI_TIMEOUT });
      await expectText(main, say('es', 'selfCheck.callback.done.text'));
      await check(page, 'call-back confirmation (es)');
      const inquiry = await server.db.kysely
        .selectFrom('inquiries')
        .selectAll()
        .where('phone', '=', '(555) 010-0177')
        .executeTakeFirstOrThrow();
      expect(inquiry).toMatchObject({
        source: 'self_check',
        first_name: 'Marisol',
        preferred_language: 'es',
        texts_ok: 1,
        voicemail_ok: 0,
        contact_window: null,
      });
    },
  );

  it('"in danger now" shows crisis help at once and asks nothing more', { timeout: 60_000 }, async () => {
    const { page } = browser;
    const sentBefore = requested.filter((r) => r.url.includes('/api/v1/self-check/')).length;
    await page.goto(`${server.baseUrl}/self-check`);
    await page.getByRole('button', { name: 'Start the self-check' }).click();
    await page.getByRole('radio', { name: 'Yes, or I am not sure' }).check();
    await page.getByRole('button', { name: 'Next', exact: true }).click();

    await stepHeading(page, 'Please get help right now').waitFor({ timeout: UI_TIMEOUT });
    expect(await focusedText(page)).toEqual({ tag: 'H2', text: 'Please get help right now' });
    await expectText(page.locator('main'), say('en', 'selfCheck.crisis.text'));
    expect(await page.getByRole('link', { name: 'Call 988' }).getAttribute('href')).toBe('tel:988');
    expect(await page.getByRole('link', { name: 'Text 988' }).getAttribute('href')).toBe('sms:988');
    expect(await page.getByRole('link', { name: 'Call 911' }).getAttribute('href')).toBe('tel:911');
    expect(await page.getByRole('radio').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Next' }).count()).toBe(0);
    await check(page, 'crisis stop (en)');
    // Nothing was sent anywhere: the page knew what to do.
    expect(requested.filter((r) => r.url.includes('/api/v1/self-check/')).length).toBe(sentBefore);

    await page.getByRole('button', { name: 'Start over' }).click();
    await heading(page, 'Is IOP right for me?').waitFor({ timeout: UI_TIMEOUT });
    await page.getByRole('button', { name: 'Start the self-check' }).click();
    expect(await page.getByRole('radio', { name: 'Yes, or I am not sure' }).isChecked()).toBe(false);

    await page.goto(`${server.baseUrl}/es/self-check`);
    await page.getByRole('button', { name: 'Empezar la prueba' }).click();
    await page.getByRole('radio', { name: say('es', 'selfCheck.q.safety_now.yes') }).check();
    await page.getByRole('button', { name: 'Siguiente', exact: true }).click();
    await stepHeading(page, say('es', 'selfCheck.crisis.title')).waitFor({ timeout: UI_TIMEOUT });
    expect(await page.getByRole('link', { name: 'Llamar al 988' }).getAttribute('href')).toBe('tel:988');
    await check(page, 'crisis stop (es)');
  });

  it('stores nothing in the browser, loads nothing from elsewhere, and never asks for a session', () => {
    const origin = new URL(server.baseUrl).origin;
    const elsewhere = requested.filter((r) => !r.url.startsWith(origin) && !r.url.startsWith('data:'));
    expect(elsewhere).toEqual([]);
    expect(requested.filter((r) => r.url.includes('/api/v1/me'))).toEqual([]);
    const api = requested.filter((r) => r.url.includes('/api/v1/self-check/'));
    expect(api.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'POST /api/v1/self-check/evaluate',
      'POST /api/v1/self-check/callback',
      'POST /api/v1/self-check/evaluate',
      'POST /api/v1/self-check/callback',
    ]);
    expect(api.every((r) => r.cookie === undefined)).toBe(true);
    return expect(webStorageDump(browser.page)).resolves.toBe('');
  });

  it('the sign-in page links to the self-check, in its language', { timeout: 30_000 }, async () => {
    const { page } = browser;
    await page.goto(`${server.baseUrl}/sign-in?lang=es`);
    await heading(page, 'Iniciar sesión').waitFor({ timeout: UI_TIMEOUT });
    await page.getByRole('link', { name: say('es', 'selfCheck.link') }).click();
    await heading(page, say('es', 'selfCheck.title')).waitFor({ timeout: UI_TIMEOUT });
    expect(new URL(page.url()).pathname).toBe('/es/self-check');
    await page.getByRole('link', { name: 'Acceso para el personal' }).click();
    await heading(page, 'Iniciar sesión').waitFor({ timeout: UI_TIMEOUT });
  });

  it('has no serious or critical accessibility violations in any state', () => {
    expect(Object.keys(found).length).toBeGreaterThanOrEqual(12);
    expect(Object.entries(found).filter(([, violations]) => violations.length > 0)).toEqual([]);
  });
});
