import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { DomainError } from '../errors/domainError.js';
import { ineligibility, mergeWindows, spanOf } from './feasibility.js';
import { WeekInputSchema } from './schema.js';
import { describeSpan, describeSpans, parseIsoWithOffset, type WallClockSpan } from './time.js';
import type { WeekInput } from './types.js';

/** One thing wrong with a week file, at a path like `patients[3].availability[0].end`. */
export interface InputProblem {
  readonly path: string;
  readonly message: string;
}

export type WeekInputCheck =
  | { readonly ok: true; readonly week: WeekInput }
  | { readonly ok: false; readonly problems: readonly InputProblem[] };

/** Enough to fix a file in one pass without drowning the reader. */
const MAX_PROBLEMS = 20;

/** `/patients/3/availability/0/end` → `patients[3].availability[0].end`. */
export const fieldPath = (pointer: string): string =>
  pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');

const show = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

const structuralMessage = (schema: TSchema, value: unknown, message: string): string => {
  if (message === 'Expected required property') return 'is required';
  if (message === 'Unexpected property') return 'is not a known field (check the spelling)';
  const choices = (schema.anyOf as TSchema[] | undefined)?.map((option) => option.const as unknown);
  if (choices && choices.every((c) => typeof c === 'string'))
    return `must be one of ${choices.map((c) => `'${String(c)}'`).join(', ')}, not ${show(value)}`;
  if (typeof schema.pattern === 'string')
    return `must be an ISO 8601 date-time with an offset such as 2025-03-03T18:00:00-05:00, not ${show(value)}`;
  return `${message.replace(/^Expected/, 'must be')}, not ${show(value)}`;
};

const structuralProblems = (json: unknown): InputProblem[] => {
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  for (const error of Value.Errors(WeekInputSchema, json)) {
    const path = fieldPath(error.path) || '(the whole file)';
    // TypeBox reports a missing field twice (required, then wrong type): the first says it best.
    if (seen.has(path)) continue;
    seen.add(path);
    problems.push({ path, message: structuralMessage(error.schema, error.value, error.message) });
    if (problems.length >= MAX_PROBLEMS) break;
  }
  return problems;
};

const overlapping = (a: WallClockSpan, b: WallClockSpan): boolean =>
  a.start.epochMs < b.end.epochMs && b.start.epochMs < a.end.epochMs;

const describeHours = (hours: number): string => `${hours} h`;

/**
 * Checks that the types alone cannot express: real dates, end after start, unique ids, hour ranges,
 * references to sessions that exist, clinicians and rooms in one place at a time, and pins the
 * solver can keep (pins are hard: staff decided them).
 */
const semanticProblems = (week: WeekInput): InputProblem[] => {
  const problems: InputProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });

  const checkSpan = (path: string, item: { start: string; end: string }): boolean => {
    const start = parseIsoWithOffset(item.start);
    const end = parseIsoWithOffset(item.end);
    if (!start) add(`${path}.start`, `is not a real date-time: ${show(item.start)}`);
    if (!end) add(`${path}.end`, `is not a real date-time: ${show(item.end)}`);
    if (!start || !end) return false;
    if (end.epochMs <= start.epochMs) {
      add(`${path}.end`, `must be after start (${item.start}), not ${item.end}`);
      return false;
    }
    return true;
  };

  const sessionIndex = new Map<string, number>();
  const sessionsOk = week.sessions.map((session, s) => {
    const path = `sessions[${s}]`;
    if (sessionIndex.has(session.id)) {
      add(`${path}.id`, `"${session.id}" is already the id of sessions[${sessionIndex.get(session.id)}]`);
    } else {
      sessionIndex.set(session.id, s);
    }
    return checkSpan(path, session);
  });

  // Validation cannot stop at a first clash: a coordinator fixes the whole timetable in one go.
  const sessionSpans = week.sessions.map((session, s) => (sessionsOk[s] ? spanOf(session) : undefined));
  for (const key of ['clinicianId', 'roomId'] as const) {
    const byHolder = new Map<string, number[]>();
    week.sessions.forEach((session, s) => {
      if (!sessionSpans[s]) return;
      const list = byHolder.get(session[key]) ?? [];
      list.push(s);
      byHolder.set(session[key], list);
    });
    for (const [holder, list] of byHolder) {
      list.sort((a, b) => (sessionSpans[a]?.start.epochMs ?? 0) - (sessionSpans[b]?.start.epochMs ?? 0));
      for (let i = 1; i < list.length; i += 1) {
        const a = list[i - 1] as number;
        const b = list[i] as number;
        const spanA = sessionSpans[a] as WallClockSpan;
        const spanB = sessionSpans[b] as WallClockSpan;
        if (overlapping(spanA, spanB)) {
          const who = key === 'clinicianId' ? 'clinician' : 'room';
          add(
            `sessions[${b}].${key}`,
            `${who} "${holder}" is already booked for sessions[${a}] (${describeSpan(spanA)}) at that time`,
          );
        }
      }
    }
  }

  const patientIndex = new Map<string, number>();
  const pinCount = new Map<number, string[]>();
  week.patients.forEach((patient, p) => {
    const path = `patients[${p}]`;
    if (patientIndex.has(patient.id)) {
      add(`${path}.id`, `"${patient.id}" is already the id of patients[${patientIndex.get(patient.id)}]`);
    } else {
      patientIndex.set(patient.id, p);
    }
    if (patient.minHours > patient.maxHours)
      add(
        `${path}.maxHours`,
        `must be at least minHours (${describeHours(patient.minHours)}), not ${describeHours(patient.maxHours)}`,
      );
    const windowsOk = patient.availability.map((window, w) =>
      checkSpan(`${path}.availability[${w}]`, window),
    );
    const seenModalities = new Set<string>();
    patient.requiredModalities.forEach((modality, m) => {
      if (seenModalities.has(modality))
        add(`${path}.requiredModalities[${m}]`, `"${modality}" is listed twice`);
      seenModalities.add(modality);
    });
    for (const field of ['pinned', 'previous'] as const) {
      const seen = new Set<string>();
      (patient[field] ?? []).forEach((id, i) => {
        if (!sessionIndex.has(id)) add(`${path}.${field}[${i}]`, `no session has the id "${id}"`);
        else if (seen.has(id)) add(`${path}.${field}[${i}]`, `"${id}" is listed twice`);
        seen.add(id);
      });
    }
    if (!windowsOk.every(Boolean)) return;
    const windows = mergeWindows(patient.availability.map(spanOf));
    const pinnedSpans: { index: number; span: WallClockSpan }[] = [];
    (patient.pinned ?? []).forEach((id, i) => {
      const s = sessionIndex.get(id);
      if (s === undefined) return;
      const session = week.sessions[s];
      const span = sessionSpans[s];
      if (!session || !span) return;
      const pinPath = `${path}.pinned[${i}]`;
      const why = ineligibility(patient, windows, session, span);
      if (why === 'audience')
        add(
          pinPath,
          `session "${id}" is for ${session.audience}s; the patient is ${patient.audience === 'adult' ? 'an adult' : 'an adolescent'}`,
        );
      else if (why === 'gender')
        add(
          pinPath,
          `session "${id}" is for gender "${session.gender ?? ''}"; the patient's is ${patient.gender === undefined ? 'not given' : `"${patient.gender}"`}`,
        );
      else if (why === 'availability')
        add(
          pinPath,
          `session "${id}" (${describeSpan(span)}) is outside the patient's availability (${describeSpans(windows)})`,
        );
      for (const other of pinnedSpans)
        if (overlapping(other.span, span))
          add(pinPath, `session "${id}" (${describeSpan(span)}) overlaps ${path}.pinned[${other.index}]`);
      pinnedSpans.push({ index: i, span });
      const holders = pinCount.get(s) ?? [];
      holders.push(pinPath);
      pinCount.set(s, holders);
    });
  });
  for (const [s, holders] of pinCount) {
    const session = week.sessions[s];
    if (session && holders.length > session.capacity)
      add(
        holders[session.capacity] ?? `sessions[${s}]`,
        `session "${session.id}" has capacity ${session.capacity} but ${holders.length} patients are pinned to it`,
      );
  }
  return problems;
};

/** Structure first: semantic checks assume the types hold. */
export const checkWeekInput = (json: unknown): WeekInputCheck => {
  const structural = structuralProblems(json);
  if (structural.length > 0) return { ok: false, problems: structural };
  const week = json as WeekInput;
  const semantic = semanticProblems(week).slice(0, MAX_PROBLEMS);
  return semantic.length > 0 ? { ok: false, problems: semantic } : { ok: true, week };
};

export const describeProblems = (problems: readonly InputProblem[]): string =>
  problems.map((problem) => `${problem.path}: ${problem.message}`).join('\n');

/** The week, or a VALIDATION_FAILED DomainError whose fields name every bad path. */
export const parseWeekInput = (json: unknown): WeekInput => {
  const check = checkWeekInput(json);
  if (check.ok) return check.week;
  const first = check.problems[0];
  throw new DomainError(
    'VALIDATION_FAILED',
    first ? `invalid week: ${first.path}: ${first.message}` : 'invalid week',
    { fields: check.problems.map((problem) => ({ field: problem.path, message: problem.message })) },
  );
};
