import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AxeResults, RunOptions } from 'axe-core';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium, never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /**
   * Starts the browser's clock at this instant (it then runs on). The test server's clock is fixed, so
   * this keeps "today" the same on both sides, as it is in real use.
   */
  now?: Date;
}

/** A fresh, isolated profile per journey; the flags keep Chromium off the (closed) network. */
export const launchBrowser = async (options: LaunchOptions = {}): Promise<TestBrowser> => {
  const userDataDir = mkdtempSync(join(tmpdir(), 'openiop-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
    viewport: { width: 1280, height: 900 },
    timezoneId: 'UTC',
    locale: 'en-US',
  });
  if (options.now) await context.clock.install({ time: options.now });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
};

export type { Browser, Page };

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The axe-core build that @axe-core/playwright ships with, read once. */
let axeSource: string | undefined;
const loadAxeSource = (): string => {
  if (axeSource === undefined) {
    const fromAxePlaywright = createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright'));
    axeSource = readFileSync(fromAxePlaywright.resolve('axe-core/axe.min.js'), 'utf8');
  }
  return axeSource;
};

/**
 * axe-core against WCAG 2.1 A/AA rules; returns the serious and critical violations.
 * The engine is injected once per document (the app navigates without reloading), which keeps a
 * check to a fraction of a second; AxeBuilder re-injects it and opens a helper page on every run.
 */
export const seriousAccessibilityViolations = async (page: Page): Promise<string[]> => {
  const injected = await page.evaluate(() => 'axe' in window);
  if (!injected) await page.evaluate(loadAxeSource());
  const options: RunOptions = { runOnly: { type: 'tag', values: WCAG_21_AA }, resultTypes: ['violations'] };
  const results = await page.evaluate(
    (runOptions) =>
      (window as unknown as { axe: { run: (c: Document, o: RunOptions) => Promise<AxeResults> } }).axe.run(
        document,
        runOptions,
      ),
    options,
  );
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
};
