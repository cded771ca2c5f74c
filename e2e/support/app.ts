import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { totpCode } from '../../src/core/auth/totp.js';
import type { TestServer } from '../../src/server/testing/testServer.js';

export type DemoUser = TestServer['demo']['users'][number];

/** How long a journey waits for the app to show something before failing. */
export const UI_TIMEOUT = 10_000;

export const demoUser = (server: TestServer, email: string): DemoUser => {
  const user = server.demo.users.find((u) => u.email === email);
  if (!user) throw new Error(`no demo user ${email}`);
  return user;
};

export const userIdOf = async (server: TestServer, email: string): Promise<string> => {
  const row = await server.db.kysely
    .selectFrom('users')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return row.id;
};

/** The code the server accepts now: its clock is fixed, the browser's is not. */
export const currentCode = (server: TestServer, user: DemoUser): string =>
  totpCode(user.totpSecret, server.clock.now());

/** A 6-digit code the server refuses: none of the codes valid one step either side of its clock. */
export const wrongCode = (server: TestServer, user: DemoUser): string => {
  const now = server.clock.now().getTime();
  const valid = new Set([-30_000, 0, 30_000].map((d) => totpCode(user.totpSecret, new Date(now + d))));
  let n = Number(currentCode(server, user));
  let candidate = '';
  do {
    n = (n + 111_111) % 1_000_000;
    candidate = String(n).padStart(6, '0');
  } while (valid.has(candidate));
  return candidate;
};

export const mainNav = (page: Page): Locator => page.getByRole('navigation', { name: 'Main' });
export const mainRegion = (page: Page): Locator => page.locator('main#main');
export const heading = (page: Page, name: string | RegExp): Locator =>
  page.getByRole('heading', { level: 1, name });

/** Waits until the locator's text contains every fragment. */
export const expectText = async (locator: Locator, ...fragments: string[]): Promise<void> => {
  await locator.first().waitFor({ timeout: UI_TIMEOUT });
  for (const fragment of fragments) {
    await expect
      .poll(async () => (await locator.first().textContent()) ?? '', { timeout: UI_TIMEOUT })
      .toContain(fragment);
  }
};

/** Email and password, then the code from the user's authenticator. */
export const submitPassword = async (page: Page, server: TestServer, user: DemoUser): Promise<void> => {
  // Starts from no session, even if an earlier step failed while signed in.
  await page.context().clearCookies();
  await page.goto(`${server.baseUrl}/sign-in`);
  await page.getByLabel('Email', { exact: true }).fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByLabel('6-digit code').waitFor({ timeout: UI_TIMEOUT });
};

export const submitCode = async (page: Page, code: string): Promise<void> => {
  await page.getByLabel('6-digit code').fill(code);
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
};

/** Signs in through the sign-in page and waits for the user's landing page ("Today" or the patient list). */
export const signInToLanding = async (page: Page, server: TestServer, user: DemoUser): Promise<void> => {
  await submitPassword(page, server, user);
  await submitCode(page, currentCode(server, user));
  await mainNav(page).waitFor({ timeout: UI_TIMEOUT });
  await heading(page, /^(Today|Patients)$/).waitFor({ timeout: UI_TIMEOUT });
};

/** Signs in and waits for the patient list (clinical staff land on "Today" and go on from there). */
export const signIn = async (page: Page, server: TestServer, user: DemoUser): Promise<void> => {
  await signInToLanding(page, server, user);
  if (await heading(page, 'Today').count()) await goTo(page, /^Patients$/, 'Patients');
};

/** Signs out from the header and waits for the sign-in page. */
export const signOut = async (page: Page): Promise<void> => {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL(/\/sign-in\?ended=signed_out/, { timeout: UI_TIMEOUT });
  await heading(page, 'Sign in').waitFor({ timeout: UI_TIMEOUT });
};

/** Follows a link of the main menu. */
export const goTo = async (page: Page, section: string | RegExp, title: string): Promise<void> => {
  await mainNav(page).getByRole('link', { name: section }).click();
  await heading(page, title).waitFor({ timeout: UI_TIMEOUT });
};

/** Everything the page keeps in Web Storage, keys and values, as one string. */
export const webStorageDump = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const dump = (storage: Storage): string[] =>
      Array.from({ length: storage.length }, (_, i) => {
        const key = storage.key(i) ?? '';
        return `${key}=${storage.getItem(key) ?? ''}`;
      });
    return [...dump(window.localStorage), ...dump(window.sessionStorage)].join('\n');
  });

/** Status of a same-origin API call made from the page, with its cookies. */
export const statusFromPage = (page: Page, path: string): Promise<number> =>
  page.evaluate(async (url) => (await fetch(url, { credentials: 'same-origin' })).status, path);

/** `2026-11-24` → `Nov 24, 2026`, as the app writes dates. */
export const shownDate = (isoDate: string): string =>
  new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', dateStyle: 'medium' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );

export interface PageResponse {
  status: number;
  body: unknown;
}

/** A JSON API call from the page, with its session cookie and CSRF token, as the app makes them. */
export const apiFromPage = (
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<PageResponse> =>
  page.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch('/api/v1/me', { credentials: 'same-origin' })).json()) as {
        csrfToken?: string;
      };
      const response = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(me.csrfToken ? { 'x-csrf-token': me.csrfToken } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
    },
    { method, path, body },
  );

/** No animation is running: dialogs and transitions have finished moving. */
export const animationsDone = async (page: Page): Promise<void> => {
  await expect
    .poll(
      () => page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running').length),
      { timeout: UI_TIMEOUT },
    )
    .toBe(0);
};

/** Nothing is loading (no status message matching `busy`) and no dialog is fading in or out. */
export const settled = async (page: Page, busy: RegExp = /^Loading/): Promise<void> => {
  await page
    .getByRole('status')
    .filter({ hasText: busy })
    .first()
    .waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  await animationsDone(page);
};
