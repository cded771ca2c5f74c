import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Value } from '@sinclair/typebox/value';
import { afterAll, describe, expect, it } from 'vitest';
import { publishedSchema, ScheduleResultSchema, WeekInputSchema } from '../../core/scheduler/schema.js';
import { randomWeek } from '../../core/scheduler/testing.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const MAIN = join(ROOT, 'src/cli/main.ts');
const dir = mkdtempSync(join(tmpdir(), 'openiop-schedule-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The real CLI in a child process, as an integrator runs it. */
const cli = (...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'schedule', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });

describe('openiop schedule', () => {
  it('writes a schedule that matches the published result schema', async () => {
    const input = join(dir, 'week.json');
    const output = join(dir, 'result.json');
    writeFileSync(input, JSON.stringify(randomWeek(3, { maxSessions: 10, maxPatients: 20 })));
    const run = await cli('--input', input, '--output', output, '--time-limit-ms', '2000', '--seed', '4');
    expect(run.stderr).toMatch(/fully placed/);
    expect(run.status).toBe(0);
    const result: unknown = JSON.parse(readFileSync(output, 'utf8'));
    expect(Value.Check(ScheduleResultSchema, result)).toBe(true);
  });

  it('names the bad field and exits non-zero on invalid input', async () => {
    const input = join(dir, 'bad.json');
    const week = randomWeek(3, { maxSessions: 4, maxPatients: 4 });
    const first = week.patients[0];
    if (first)
      first.availability = [{ start: '2025-03-03T18:00:00-05:00', end: '2025-03-03T17:00:00-05:00' }];
    writeFileSync(input, JSON.stringify(week));
    const run = await cli('--input', input);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('patients[0].availability[0].end: must be after start');
  });

  it('refuses a file that is not JSON', async () => {
    const input = join(dir, 'garbage.json');
    writeFileSync(input, '{ sessions: ');
    const run = await cli('--input', input);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/is not JSON/);
  });

  it('publishes the schemas it validates with (docs/schedule-*.schema.json)', () => {
    const read = (name: string): unknown => JSON.parse(readFileSync(join(ROOT, 'docs', name), 'utf8'));
    expect(read('schedule-input.schema.json')).toEqual(publishedSchema(WeekInputSchema));
    expect(read('schedule-result.schema.json')).toEqual(publishedSchema(ScheduleResultSchema));
  });
});
