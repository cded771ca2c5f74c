/**
 * Opening a chart with a year of history (≈ 150 notes, 50 measures, 30 drug screens): API latency of
 * the chart header plus the first timeline page under light concurrency (target p95 ≤ 50 ms), and in
 * headless Chromium the time from navigation to the timeline's first page rendered and interactive
 * (target ≤ 1 s). Each run seeds a fresh database: the demo clinic plus one patient's year.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { totpCode } from '../src/core/auth/totp.js';
import { calendarDateIn, systemClock } from '../src/core/runtime.js';
import { addDays } from '../src/core/schedule/localTime.js';
import { createDb } from '../src/db/createDb.js';
import { migrateToLatest } from '../src/db/migrate.js';
import {
  insertAlert,
  insertMeasure,
  insertNote,
  insertRelapsePlanVersion,
  insertScreen,
  insertSignedPlanVersion,
} from '../src/db/seed/chartHistory.js';
import { DEMO_PASSWORD, demoTotpSecret, seedDemo } from '../src/db/seed/demo.js';
import { argon2Hasher } from '../src/server/auth/passwords.js';
import { launchBrowser } from '../e2e/support/browser.js';

const WORK = resolve('.tmp/bench');
const CLINICIAN = 'clinician@demo.openiop.org';
const HISTORY = { notes: 150, measures: 50, screens: 30, planVersions: 12, relapseVersions: 6, alerts: 10 };
const OPENS = 150;
/** Chart opens in flight at once: one clinician, a few, a busy clinic's morning. */
const CONCURRENCY = [1, 2, 4];
const BROWSER_LOADS = 10;
const PAGE = 30;

type Log = (line: string) => void;

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;
const figures = (values: number[]) =>
  `p50 ${ms(percentile(values, 50))}, p95 ${ms(percentile(values, 95))}, max ${ms(Math.max(...values))}`;

/** The demo clinic, then a year of one caseload patient's record, written straight into the tables. */
const seedChart = async (databaseUrl: string): Promise<{ patientId: string; counts: string }> => {
  const db = createDb({ databaseUrl });
  try {
    await migrateToLatest(db);
    await seedDemo(db, { size: 'clinic', hasher: argon2Hasher, clock: systemClock });
    const k = db.kysely;
    const clinician = await k
      .selectFrom('users')
      .select('id')
      .where('email', '=', CLINICIAN)
      .executeTakeFirstOrThrow();
    const patient = await k
      .selectFrom('caseload_assignments as ca')
      .innerJoin('patients as p', 'p.id', 'ca.patient_id')
      .innerJoin('sites as s', 's.id', 'p.site_id')
      .innerJoin('episodes as e', (j) => j.onRef('e.patient_id', '=', 'p.id').on('e.status', '=', 'open'))
      .select(['p.id', 'p.site_id', 's.time_zone', 'e.id as episode_id'])
      .where('ca.user_id', '=', clinician.id)
      .where('ca.ended_at', 'is', null)
      .where('p.status', '=', 'active')
      .orderBy('p.mrn')
      .executeTakeFirstOrThrow();
    const now = Date.now();
    const today = calendarDateIn(new Date(now), patient.time_zone);
    const daysAgo = (i: number, n: number) => Math.floor((365 * (i + 0.5)) / n);
    const instantDaysAgo = (days: number) => new Date(now - days * 86_400_000 - 3 * 3_600_000).toISOString();
    const [planMax, relapseMax] = await Promise.all([
      k
        .selectFrom('treatment_plan_versions as v')
        .innerJoin('treatment_plans as t', 't.id', 'v.plan_id')
        .select((eb) => eb.fn.max('v.number').as('n'))
        .where('t.episode_id', '=', patient.episode_id)
        .executeTakeFirst(),
      k
        .selectFrom('relapse_prevention_plan_versions')
        .select((eb) => eb.fn.max('version_number').as('n'))
        .where('patient_id', '=', patient.id)
        .executeTakeFirst(),
    ]);
    await k.transaction().execute(async (trx) => {
      for (let i = 0; i < HISTORY.notes; i += 1) {
        const days = daysAgo(i, HISTORY.notes);
        await insertNote(trx, {
          patientId: patient.id,
          siteId: patient.site_id,
          authorUserId: clinician.id,
          serviceDate: addDays(today, -days),
          status: 'signed',
          title: `Individual session ${HISTORY.notes - i}`,
          at: instantDaysAgo(days),
        });
      }
      for (let i = 0; i < HISTORY.measures; i += 1) {
        const days = daysAgo(i, HISTORY.measures);
        await insertMeasure(trx, {
          patientId: patient.id,
          administeredBy: clinician.id,
          total: 4 + (i % 15),
          band: i % 15 < 6 ? 'mild' : 'moderate',
          at: instantDaysAgo(days),
        });
      }
      for (let i = 0; i < HISTORY.screens; i += 1) {
        const days = daysAgo(i, HISTORY.screens);
        await insertScreen(trx, {
          patientId: patient.id,
          recordedBy: clinician.id,
          collectedOn: addDays(today, -days),
          at: instantDaysAgo(days),
          unexpectedPositives: i % 7 === 3 ? ['FEN'] : [],
        });
      }
      for (let i = 0; i < HISTORY.planVersions; i += 1)
        await insertSignedPlanVersion(trx, {
          patientId: patient.id,
          episodeId: patient.episode_id,
          authorUserId: clinician.id,
          number: Number(planMax?.n ?? 0) + i + 1,
          at: instantDaysAgo(365 - i * 30),
        });
      for (let i = 0; i < HISTORY.relapseVersions; i += 1)
        await insertRelapsePlanVersion(trx, {
          patientId: patient.id,
          savedBy: clinician.id,
          number: Number(relapseMax?.n ?? 0) + i + 1,
          at: instantDaysAgo(360 - i * 60),
        });
      for (let i = 0; i < HISTORY.alerts; i += 1)
        await insertAlert(trx, {
          patientId: patient.id,
          siteId: patient.site_id,
          recipientUserId: clinician.id,
          title: 'Missed two sessions in a row',
          at: instantDaysAgo(daysAgo(i, HISTORY.alerts)),
        });
    });
    const counts = Object.entries(HISTORY)
      .map(([what, n]) => `${n} ${what}`)
      .join(', ');
    return { patientId: patient.id, counts };
  } finally {
    await db.close();
  }
};

const startServer = (databaseUrl: string): Promise<{ url: string; child: ChildProcess }> =>
  new Promise((resolvePromise, reject) => {
    const child = fork('bench/server.ts', [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, DATABASE_URL: databaseUrl, SEED_DEMO: 'false', LOG_LEVEL: 'warn', PORT: '0' },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    child.on('message', (message: { ready?: string }) => {
      if (!message.ready) return;
      child.removeAllListeners('exit');
      resolvePromise({ url: message.ready, child });
    });
  });

const stopServer = (child: ChildProcess): Promise<void> =>
  new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });

/** Milliseconds of CPU (user + system) the server process has used so far. */
const serverCpuMs = (child: ChildProcess): Promise<number> =>
  new Promise((resolveCpu) => {
    const onMessage = (message: { cpu?: NodeJS.CpuUsage }) => {
      if (!message.cpu) return;
      child.off('message', onMessage);
      resolveCpu((message.cpu.user + message.cpu.system) / 1000);
    };
    child.on('message', onMessage);
    child.send({ cpu: true });
  });

const signIn = async (baseUrl: string): Promise<string> => {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: CLINICIAN,
      password: DEMO_PASSWORD,
      totp: totpCode(demoTotpSecret(CLINICIAN), new Date()),
    }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
};

const timed = async (url: string, cookie: string): Promise<number> => {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie } });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
  return performance.now() - started;
};

/** What the chart asks for when it opens: the header and the timeline's first page, together. */
const openLatency = async (baseUrl: string, cookie: string, patientId: string, concurrency: number) => {
  const header: number[] = [];
  const timeline: number[] = [];
  const open: number[] = [];
  const once = async () => {
    const started = performance.now();
    const [h, t] = await Promise.all([
      timed(`${baseUrl}/api/v1/patients/${patientId}`, cookie),
      timed(`${baseUrl}/api/v1/patients/${patientId}/timeline?limit=${PAGE}`, cookie),
    ]);
    open.push(performance.now() - started);
    header.push(h);
    timeline.push(t);
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < OPENS) {
        next += 1;
        await once();
      }
    }),
  );
  return { header, timeline, open };
};

/** Every page of the year in turn: a deep page costs what the first does. */
const pageLatency = async (baseUrl: string, cookie: string, patientId: string): Promise<number[]> => {
  let before: string | null = null;
  const pages: number[] = [];
  for (;;) {
    const started = performance.now();
    const response = await fetch(
      `${baseUrl}/api/v1/patients/${patientId}/timeline?limit=${PAGE}${before ? `&before=${encodeURIComponent(before)}` : ''}`,
      { headers: { cookie } },
    );
    const body = (await response.json()) as { nextBefore: string | null };
    pages.push(performance.now() - started);
    before = body.nextBefore;
    if (!before) break;
  }
  return pages;
};

/** Navigation to the timeline tab until its first page is on screen and "Load more" can be pressed. */
const browserLoads = async (baseUrl: string, cookie: string, patientId: string) => {
  const browser = await launchBrowser();
  const [name, value] = cookie.split('=');
  await browser.context.addCookies([{ name: name ?? '', value: value ?? '', url: baseUrl }]);
  const { page } = browser;
  const wall: number[] = [];
  const inPage: number[] = [];
  try {
    for (let i = 0; i <= BROWSER_LOADS; i += 1) {
      const started = performance.now();
      await page.goto(`${baseUrl}/patients/${patientId}/timeline`);
      const more = page.getByRole('button', { name: 'Load more' });
      await page.getByRole('list', { name: 'Timeline entries' }).waitFor({ timeout: 10_000 });
      await more.waitFor({ timeout: 10_000 });
      await page.waitForFunction(
        () => {
          const button = [...document.querySelectorAll('button')].find(
            (b) => b.textContent?.trim() === 'Load more',
          );
          return button !== undefined && !button.disabled;
        },
        undefined,
        { timeout: 10_000 },
      );
      const sinceNavigation = await page.evaluate(() => performance.now());
      if (i === 0) continue; // the first load fills the browser's cache, as a clinician's first chart of the day does
      wall.push(performance.now() - started);
      inPage.push(sinceNavigation);
    }
  } finally {
    await browser.close();
  }
  return { wall, inPage };
};

const benchOne = async (log: Log, label: string, databaseUrl: string) => {
  const seeded = await seedChart(databaseUrl);
  const server = await startServer(databaseUrl);
  try {
    const cookie = await signIn(server.url);
    for (let i = 0; i < 2; i += 1) await openLatency(server.url, cookie, seeded.patientId, 4); // warm-up
    log(`\n${label}: one chart with ${seeded.counts} over a year`);
    log(`  chart open (header + first timeline page of ${PAGE}, in parallel), ${OPENS} opens per level:`);
    for (const concurrency of CONCURRENCY) {
      const cpuBefore = await serverCpuMs(server.child);
      const api = await openLatency(server.url, cookie, seeded.patientId, concurrency);
      const cpuPerOpen = ((await serverCpuMs(server.child)) - cpuBefore) / OPENS;
      log(`    ${concurrency} at a time — whole open: ${figures(api.open)} (target p95 ≤ 50 ms)`);
      log(`      server CPU per open (both requests): ${ms(cpuPerOpen)}`);
      log(`      GET /patients/{id}: ${figures(api.header)}; GET …/timeline: ${figures(api.timeline)}`);
    }
    const pages = await pageLatency(server.url, cookie, seeded.patientId);
    log(`  every page of the timeline in turn (${pages.length} pages, one at a time): ${figures(pages)}`);
    const ui = await browserLoads(server.url, cookie, seeded.patientId);
    log(
      `  headless Chromium, navigation → first timeline page rendered and interactive, ${ui.wall.length} loads:`,
    );
    log(`    measured by the driver: ${figures(ui.wall)} (target ≤ 1 s)`);
    log(`    in-page performance.now(): ${figures(ui.inPage)}`);
  } finally {
    await stopServer(server.child);
  }
};

export const benchChart = async (log: Log, pgAdminUrl: string | undefined): Promise<void> => {
  mkdirSync(WORK, { recursive: true });
  const file = join(WORK, 'chart.sqlite');
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  await benchOne(log, 'SQLite', file);
  if (!pgAdminUrl) {
    log('\nPostgreSQL: skipped (set TEST_DATABASE_URL or BENCH_DATABASE_URL)');
    return;
  }
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  await admin.connect();
  try {
    await admin.query('drop database if exists openiop_bench_chart with (force)');
    await admin.query('create database openiop_bench_chart');
  } finally {
    await admin.end();
  }
  const url = new URL(pgAdminUrl);
  url.pathname = '/openiop_bench_chart';
  await benchOne(log, 'PostgreSQL', url.toString());
};
