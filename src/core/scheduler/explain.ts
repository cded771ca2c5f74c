import { createPlanner, type Planner } from './plan.js';
import { describeSpan, describeSpans, formatHours, type WallClockSpan } from './time.js';
import type { Seat, UnplacedReason, WeekInput, WeekInstance } from './types.js';

/**
 * Why a patient did not get a full week (min ≤ minutes ≤ max with every required modality), as
 * reasons a coordinator can act on: what the patient's availability allows at all, then what pins
 * and the hour range allow, and only then which full sessions stood in the way.
 */
export const explainUnplaced = (
  input: WeekInput,
  week: WeekInstance,
  seats: readonly Seat[],
): { patientId: string; reasons: UnplacedReason[] }[] => {
  const planner: Planner = createPlanner(week);
  const sessionCount = week.sessionIds.length;
  const size = new Int32Array(sessionCount);
  const mine = week.patientIds.map((): number[] => []);
  for (const { patient, session } of seats) {
    size[session] = (size[session] ?? 0) + 1;
    mine[patient]?.push(session);
  }
  const empty = new Int32Array(sessionCount);
  const unplaced: { patientId: string; reasons: UnplacedReason[] }[] = [];

  week.patientIds.forEach((patientId, p) => {
    const sessions = mine[p] ?? [];
    const minutes = sessions.reduce((sum, s) => sum + (week.sessionMinutes[s] ?? 0), 0);
    const min = week.minMinutes[p] ?? 0;
    const max = week.maxMinutes[p] ?? 0;
    const required = [...(week.requiredModalities[p] ?? [])];
    const has = new Set(sessions.map((s) => week.sessionModality[s]));
    const missing = required.filter((m) => !has.has(m));
    if (minutes >= min && minutes <= max && missing.length === 0) return;

    const patient = input.patients[p];
    const reasons: UnplacedReason[] = [];
    const short = Math.max(0, min - minutes);
    const windows = week.availability[p] ?? [];
    const available = `available ${windows.length === 0 ? 'at no time' : describeSpans(windows)}`;
    const needs =
      short > 0
        ? `; needs ${formatHours(short)} more (has ${formatHours(minutes)} of ${formatHours(min)})`
        : '';
    const eligible = [...(week.eligible[p] ?? [])];
    const modalityName = (m: number) => week.modalities[m] ?? '?';
    const aModality = (m: number) => `${/^[aeiou]/i.test(modalityName(m)) ? 'an' : 'a'} ${modalityName(m)}`;
    const spansOf = (list: readonly number[]): WallClockSpan[] =>
      list.map((s) => week.sessionSpan[s]).filter((span): span is WallClockSpan => span !== undefined);

    if (eligible.length === 0) {
      // Which rule emptied the list: the audience, a gender-specific timetable, or the clock.
      const inTime = input.sessions.filter((_, s) => {
        const span = week.sessionSpan[s];
        return (
          span !== undefined &&
          windows.some((w) => w.start.epochMs <= span.start.epochMs && span.end.epochMs <= w.end.epochMs)
        );
      });
      const audience = patient?.audience ?? 'adult';
      if (inTime.length > 0 && inTime.every((s) => s.audience !== audience)) {
        reasons.push({
          code: 'NO_SESSIONS_FOR_AUDIENCE',
          minutesShort: short,
          message: `${available}; every session then is for ${audience === 'adult' ? 'adolescents' : 'adults'}${needs}`,
        });
      } else if (inTime.length > 0) {
        reasons.push({
          code: 'NO_SESSIONS_FOR_GENDER',
          minutesShort: short,
          message: `${available}; the ${audience} sessions then are gender-specific for another gender${needs}`,
        });
      } else {
        reasons.push({
          code: 'NO_AVAILABLE_SESSIONS',
          minutesShort: short,
          message: `${available}; no session is scheduled inside those times${needs}`,
        });
      }
      unplaced.push({ patientId, reasons });
      return;
    }

    for (const m of required) {
      if (eligible.some((s) => week.sessionModality[s] === m)) continue;
      reasons.push({
        code: 'MODALITY_NOT_OFFERED_IN_AVAILABILITY',
        message: `needs ${aModality(m)} session; none is offered in their availability (${describeSpans(windows)}); add one then or change the plan`,
      });
    }

    const pins = [...(week.pinned[p] ?? [])];
    const pinMinutes = pins.reduce((sum, s) => sum + (week.sessionMinutes[s] ?? 0), 0);
    if (pinMinutes > max) {
      reasons.push({
        code: 'PIN_CONFLICT',
        sessionIds: pins.map((s) => week.sessionIds[s] ?? ''),
        message: `pinned sessions add up to ${formatHours(pinMinutes)}, above the ${formatHours(max)} maximum; unpin one or raise maxHours`,
      });
    }

    if (reasons.length === 0) {
      const unlimited = planner({ patient: p, size: empty, ignoreCapacity: true });
      if (!unlimited.satisfied) {
        const withoutPins =
          pins.length > 0
            ? planner({ patient: p, size: empty, ignoreCapacity: true, ignorePins: true })
            : undefined;
        const best = planner({ patient: p, size: empty, ignoreCapacity: true, ignorePins: true });
        if (withoutPins?.satisfied) {
          reasons.push({
            code: 'PIN_CONFLICT',
            sessionIds: pins.map((s) => week.sessionIds[s] ?? ''),
            message: `the pinned ${pins.length === 1 ? 'session' : 'sessions'} (${spansOf(pins).map(describeSpan).join(', ')}) clash with the sessions that would complete the week; move or unpin`,
          });
        } else if (best.minutes < min) {
          reasons.push({
            code: 'NOT_ENOUGH_HOURS_IN_AVAILABILITY',
            minutesShort: min - best.minutes,
            message: `${available}; the sessions then add up to at most ${formatHours(best.minutes)} without clashes, ${formatHours(min - best.minutes)} short of the ${formatHours(min)} minimum; widen availability or add sessions then`,
          });
        } else if (required.length > 0) {
          // Hours are reachable; the modalities are what cannot be combined.
          const modalitySessions = eligible.filter((s) => required.includes(week.sessionModality[s] ?? -1));
          reasons.push({
            code: 'MODALITIES_CLASH',
            sessionIds: modalitySessions.map((s) => week.sessionIds[s] ?? ''),
            message: `the ${required.map(modalityName).join(' and ')} sessions they can attend (${spansOf(modalitySessions).map(describeSpan).join(', ')}) cannot be combined into ${formatHours(min)}–${formatHours(max)} without clashes`,
          });
        } else {
          reasons.push({
            code: 'MAX_HOURS_TOO_LOW',
            message: `no combination of sessions they can attend lands between ${formatHours(min)} and ${formatHours(max)}; widen the hour range or offer a session of another length`,
          });
        }
      }
    }

    if (reasons.length === 0) {
      // Attainable with unlimited seats: capacity is the obstacle. Name the full sessions.
      const taken = new Set(sessions);
      const full = eligible.filter((s) => !taken.has(s) && (size[s] ?? 0) >= (week.capacity[s] ?? 0));
      for (const m of missing) {
        const ofModality = full.filter((s) => week.sessionModality[s] === m);
        reasons.push({
          code: 'MODALITY_SESSIONS_FULL',
          sessionIds: ofModality.map((s) => week.sessionIds[s] ?? ''),
          message: `needs ${aModality(m)} session; the ones they can attend (${spansOf(ofModality).map(describeSpan).join(', ')}) are full; add ${aModality(m)} slot within ${describeSpans(windows)}`,
        });
      }
      if (short > 0 || missing.length === 0) {
        reasons.push({
          code: 'SESSIONS_FULL',
          sessionIds: full.map((s) => week.sessionIds[s] ?? ''),
          minutesShort: short,
          message: `${available}; ${full.length > 0 ? `${describeFull(week, full)} full` : 'the sessions left would clash with their week'}${needs || `; needs ${formatHours(min)}–${formatHours(max)} (has ${formatHours(minutes)})`}`,
        });
      }
    } else if (short > 0 && !reasons.some((r) => r.minutesShort !== undefined)) {
      const first = reasons[0];
      if (first) reasons[0] = { ...first, minutesShort: short, message: `${first.message}${needs}` };
    }
    unplaced.push({ patientId, reasons });
  });
  return unplaced;
};

/** "evening groups (Tue 18:00–21:00, Thu 18:00–21:00) are" — few names, then a count. */
const describeFull = (week: WeekInstance, full: readonly number[]): string => {
  const spans = full
    .map((s) => week.sessionSpan[s])
    .filter((span): span is WallClockSpan => span !== undefined);
  const parts = new Set(
    spans.map((span) =>
      span.start.minuteOfDay < 12 * 60
        ? 'morning'
        : span.start.minuteOfDay < 17 * 60
          ? 'afternoon'
          : 'evening',
    ),
  );
  const kinds = new Set(full.map((s) => week.modalities[week.sessionModality[s] ?? 0] ?? 'session'));
  const label = `${[...parts].join('/')} ${[...kinds].join('/')} sessions`;
  const listed = spans.slice(0, 4).map(describeSpan).join(', ');
  return `${label} (${listed}${spans.length > 4 ? `, and ${spans.length - 4} more` : ''}) are`;
};
