import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { SAFETY_ALERT_KIND } from '../../core/alerts/closing.js';
import { escalationChain, nextRecipient } from '../../core/alerts/recipients.js';
import type { AlertSeverity } from '../../core/alerts/severity.js';
import type {
  AdministerMeasureBody,
  AdministeredMeasure,
  Instrument,
  MeasureListQuery,
  MeasureResponse,
  MeasureTrend,
  ScoreBody,
  ScoreResult,
} from '../../core/api/measures.js';
import { DomainError } from '../../core/errors/domainError.js';
import {
  BUILT_IN_INSTRUMENTS,
  INSTRUMENT_CODES,
  type InstrumentDefinition,
  type InstrumentScore,
  RELIABLE_WORSENING_RULES,
  type Sex,
  bandOf,
  isInstrumentCode,
  reliableWorsening,
  scoreInstrument,
  totalRange,
} from '../../core/measures/index.js';
import { recordAudit, recordReadAudit } from '../../db/audit.js';
import { loadRecipientContext } from '../../db/repositories/alerts.js';
import {
  findPreviousResponse,
  insertMeasureResponse,
  listMeasureResponses,
  listResponseItems,
  listTrendRows,
  loadChainHead,
  type MeasureResponseRow,
} from '../../db/repositories/measures.js';
import type { Database, MeasureResponseItemsTable, MeasureResponsesTable } from '../../db/schema.js';
import {
  bandRef,
  parseFlags,
  parseSubscales,
  presentInstrument,
  presentMeasureResponse,
} from '../presenters/measures.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor, authorizePatient } from './access.js';
import { type AlertDeps, type RaisedAlert, raiseAlert, type SystemOrUserActor } from './alerts.js';
import { createTask, type CreatedTask } from './tasks.js';

/** PHQ-9 item 9 raises this flag (core/measures/instruments/phq9.ts); any instrument may. */
export const SUICIDE_RISK_FLAG = 'suicide-risk';
/** Review alert for a reliable worsening between two administrations (SPEC §4). */
export const MEASURE_WORSENING_ALERT_KIND = 'measure.worsening';
/** Responses are recorded as given up to this long ago (paper forms entered later), never in the future. */
export const BACK_ENTRY_LIMIT_DAYS = 365;
/** Clock skew between a tablet and the server that still counts as "now". */
const FUTURE_SKEW_MS = 5 * 60_000;

// --- Instruments ---------------------------------------------------------------------------------

const INSTRUMENTS: Instrument[] = INSTRUMENT_CODES.map((code) =>
  presentInstrument(BUILT_IN_INSTRUMENTS[code]),
);

export const listInstruments = (): Instrument[] => INSTRUMENTS;

export const builtInInstrument = (code: string): InstrumentDefinition | undefined =>
  isInstrumentCode(code) ? BUILT_IN_INSTRUMENTS[code] : undefined;

/** For a code in a body or query: an unknown one is a bad field, not a missing page. */
export const instrumentOrInvalid = (code: string, field: string): InstrumentDefinition => {
  const def = builtInInstrument(code);
  if (def) return def;
  const message = `There is no instrument ${JSON.stringify(code.slice(0, 40))}; use one of ${INSTRUMENT_CODES.join(', ')}.`;
  throw new DomainError('VALIDATION_FAILED', message, { fields: [{ field, message }] });
};

const resultOf = (score: InstrumentScore): ScoreResult => ({
  ...(score.total !== undefined ? { total: score.total } : {}),
  ...(score.band ? { band: { key: score.band.key, label: score.band.label } } : {}),
  ...(score.subscales ? { subscales: score.subscales } : {}),
  flags: score.flags.map((f) => ({ key: f.key, label: f.label, severity: f.severity })),
});

/** Scores answers without storing anything (live previews, calculators). No patient data: not audited. */
export const scoreAnswers = (code: string, body: ScoreBody): ScoreResult => {
  const def = builtInInstrument(code);
  if (!def)
    throw new DomainError('NOT_FOUND', `There is no instrument ${JSON.stringify(code.slice(0, 40))}.`);
  return resultOf(scoreInstrument(def, { answers: body.answers, sex: body.sex }));
};

// --- Storing a response --------------------------------------------------------------------------

export interface RecordMeasureInput {
  patientId: string;
  def: InstrumentDefinition;
  /** The answers as given; already scored into `score`. */
  answers: readonly number[];
  score: InstrumentScore;
  sex: Sex | null;
  source: 'staff' | 'portal';
  administeredAt: Date;
  /** The staff member who gave it; null when the patient answered in the portal. */
  administeredBy: string | null;
  actor: SystemOrUserActor;
}

export interface RecordedMeasure {
  responseId: string;
  /** What was stored, so the caller can present it without reading it back. */
  row: MeasureResponsesTable;
  items: MeasureResponseItemsTable[];
  alerts: (RaisedAlert & { kind: string; severity: AlertSeverity; title: string })[];
  tasks: (CreatedTask & { title: string })[];
}

/**
 * A rise large enough to be reliable and reaching beyond the band that triggers review (PHQ-9
 * moderately severe or severe, GAD-7 severe) is `high`; other reliable worsenings are `normal`.
 */
const worseningSeverity = (def: InstrumentDefinition, currentTotal: number): AlertSeverity => {
  const rule = isInstrumentCode(def.code) ? RELIABLE_WORSENING_RULES[def.code] : undefined;
  const bands = def.scoring.bands ?? [];
  const threshold = bands.findIndex((b) => b.key === rule?.band);
  const current = bands.findIndex((b) => b.key === bandOf(def, currentTotal)?.key);
  return threshold >= 0 && current > threshold ? 'high' : 'normal';
};

/**
 * SPEC §4: the item-9 alert goes to the clinician and the supervisor. The alert itself has one holder
 * (the first active person of the chain, usually the primary clinician) and escalates on its own; the
 * next person of the same chain (usually the clinician's supervisor) gets a task, due when the alert
 * would escalate, linked to the alert, so both know at once. With nobody after the holder, no task.
 */
const notifyNextInChain = async (
  trx: Transaction<Database>,
  deps: AlertDeps,
  input: RecordMeasureInput,
  alert: RaisedAlert,
  now: Date,
): Promise<(CreatedTask & { title: string }) | null> => {
  const head = await loadChainHead(trx, input.patientId, alert.id);
  if (!head) return null;
  let next = nextRecipient(
    escalationChain({
      primaryClinicianId: head.primary_clinician_id,
      primaryClinicianActive: head.primary_active === 1,
      supervisorId: head.supervisor_id,
      supervisorActive: head.supervisor_active === 1,
      onCallUserId: head.on_call_user_id,
      onCallActive: head.on_call_active === 1,
      fallbackUserIds: [],
    }),
    alert.recipientUserId,
  );
  if (!next) {
    // The first rungs are used up: the next person is a program director (or an administrator).
    const context = await loadRecipientContext(trx, { patientId: input.patientId, siteId: null });
    next = context ? nextRecipient(escalationChain(context.facts), alert.recipientUserId) : null;
  }
  if (!next || next.userId === alert.recipientUserId) return null;
  const title = `Safety alert on ${input.def.shortName}: make sure the risk assessment is done`;
  const task = await createTask(
    trx,
    deps,
    {
      ownerUserId: next.userId,
      patientId: input.patientId,
      dueAt: head.escalate_at ?? new Date(now.getTime() + 2 * 3_600_000),
      title,
      detail:
        'An urgent safety alert was raised to the patient’s clinician. Check that a suicide-risk assessment and safety plan (or the emergency action taken) is documented today.',
      sourceType: 'alert',
      sourceId: alert.id,
      sourceIsNew: !alert.deduplicated,
      actor: input.actor,
    },
    now,
  );
  return { ...task, title };
};

/**
 * Stores one response item by item with its score and the instrument version, and in the same
 * transaction raises what it calls for: an urgent safety alert (plus the supervisor's task) for a
 * suicide-risk flag, and a review alert for a reliable worsening since the previous response of the
 * same instrument. Anything failing here rolls back the response and its alerts together.
 */
export const recordMeasureResponse = async (
  trx: Transaction<Database>,
  deps: AlertDeps,
  input: RecordMeasureInput,
  now: Date,
): Promise<RecordedMeasure> => {
  const { def, score } = input;
  const administeredAt = input.administeredAt.toISOString();
  const previous = await findPreviousResponse(trx, input.patientId, def.code, administeredAt);
  const id = randomUUID();
  const row: MeasureResponsesTable = {
    id,
    patient_id: input.patientId,
    instrument_code: def.code,
    instrument_version: def.version,
    total: score.total ?? null,
    band: score.band?.key ?? null,
    subscales: score.subscales ? JSON.stringify(score.subscales) : null,
    flags: JSON.stringify(score.flags),
    sex: input.sex,
    source: input.source,
    administered_by: input.administeredBy,
    administered_at: administeredAt,
    created_at: now.toISOString(),
  };
  const items: MeasureResponseItemsTable[] = def.items.map((item, index) => ({
    response_id: id,
    item_number: item.number,
    answer: input.answers[index] ?? 0,
    score: score.itemScores[index] ?? 0,
  }));
  await insertMeasureResponse(trx, row, items);
  await recordAudit(
    trx,
    {
      actorUserId: input.actor.userId,
      actorRole: input.actor.role,
      ip: input.actor.ip ?? null,
      requestId: input.actor.requestId ?? null,
      action: 'measure.administer',
      patientIds: [input.patientId],
      recordType: 'measure_response',
      recordId: id,
      detail: {
        instrument: def.code,
        version: def.version,
        source: input.source,
        flags: score.flags.map((f) => f.key),
      },
    },
    now,
  );

  const recorded: RecordedMeasure = { responseId: id, row, items, alerts: [], tasks: [] };
  if (score.flags.some((f) => f.key === SUICIDE_RISK_FLAG)) {
    const title = `${def.shortName}: thoughts of self-harm reported — assess suicide risk today`;
    const alert = await raiseAlert(
      trx,
      deps,
      {
        patientId: input.patientId,
        kind: SAFETY_ALERT_KIND,
        severity: 'urgent',
        title,
        detail:
          'Complete a suicide-risk assessment and safety plan, or document the emergency action taken. Only that documentation closes this alert.',
        sourceType: 'measure_response',
        sourceId: id,
        sourceIsNew: true,
        actor: input.actor,
      },
      now,
    );
    recorded.alerts.push({ ...alert, kind: SAFETY_ALERT_KIND, severity: 'urgent', title });
    const task = await notifyNextInChain(trx, deps, input, alert, now);
    if (task) recorded.tasks.push(task);
  }

  if (previous && previous.total !== null && score.total !== undefined) {
    const range = totalRange(def);
    // A total scored by another edition may not fit today's range: no comparison across editions then.
    const comparable =
      previous.instrument_version === def.version &&
      previous.total >= range.min &&
      previous.total <= range.max;
    const change = comparable ? reliableWorsening(def.code, previous.total, score.total, def) : null;
    if (change?.worsened) {
      const severity = worseningSeverity(def, score.total);
      const title = `${def.shortName} reliably worse: review the treatment plan`;
      const alert = await raiseAlert(
        trx,
        deps,
        {
          patientId: input.patientId,
          kind: MEASURE_WORSENING_ALERT_KIND,
          severity,
          title,
          ...(change.reason ? { detail: change.reason } : {}),
          sourceType: 'measure_response',
          sourceId: id,
          sourceIsNew: true,
          actor: input.actor,
        },
        now,
      );
      recorded.alerts.push({ ...alert, kind: MEASURE_WORSENING_ALERT_KIND, severity, title });
    }
  }
  return recorded;
};

const checkAdministeredAt = (value: string | undefined, now: Date): Date => {
  if (value === undefined) return now;
  const at = new Date(value);
  const earliest = now.getTime() - BACK_ENTRY_LIMIT_DAYS * 86_400_000;
  const message = Number.isNaN(at.getTime())
    ? 'is not a date and time'
    : at.getTime() > now.getTime() + FUTURE_SKEW_MS
      ? 'cannot be in the future'
      : at.getTime() < earliest
        ? `must be within the last ${BACK_ENTRY_LIMIT_DAYS} days`
        : null;
  if (message)
    throw new DomainError('VALIDATION_FAILED', `The time the measure was given ${message}.`, {
      fields: [{ field: '/administeredAt', message }],
    });
  return at;
};

const loadResponses = async (
  deps: AppDeps,
  rows: readonly MeasureResponseRow[],
): Promise<MeasureResponse[]> => {
  const items = await listResponseItems(
    deps.db.kysely,
    rows.map((r) => r.id),
  );
  const byResponse = new Map<string, typeof items>();
  for (const item of items) {
    const list = byResponse.get(item.response_id);
    if (list) list.push(item);
    else byResponse.set(item.response_id, [item]);
  }
  return rows.map((r) =>
    presentMeasureResponse(r, builtInInstrument(r.instrument_code), byResponse.get(r.id) ?? []),
  );
};

/**
 * A staff member gives a measure in the chart. For a sex-specific screen (AUDIT-C) without `sex`,
 * the chart's sex at birth is used when it is male or female; otherwise the request names `/sex`.
 */
export const administerMeasure = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  body: AdministerMeasureBody,
): Promise<AdministeredMeasure> => {
  await authorizePatient(deps, ctx, patientId, 'measure.administer');
  const def = instrumentOrInvalid(body.instrument, '/instrument');
  const now = deps.clock.now();
  const administeredAt = checkAdministeredAt(body.administeredAt, now);
  let sex: Sex | undefined = body.sex;
  if (sex === undefined && def.scoring.sexSpecificPositive) {
    const patient = await deps.db.kysely
      .selectFrom('patients')
      .select('sex_at_birth')
      .where('id', '=', patientId)
      .executeTakeFirst();
    const recorded = patient?.sex_at_birth;
    if (recorded === 'male' || recorded === 'female') sex = recorded;
  }
  const score = scoreInstrument(def, { answers: body.answers, sex });
  const recorded = await deps.db.kysely.transaction().execute((trx) =>
    recordMeasureResponse(
      trx,
      deps,
      {
        patientId,
        def,
        answers: body.answers,
        score,
        sex: def.scoring.sexSpecificPositive ? (sex ?? null) : (body.sex ?? null),
        source: 'staff',
        administeredAt,
        administeredBy: ctx.actor.userId,
        actor: { userId: ctx.actor.userId, role: ctx.actor.role, ip: ctx.ip, requestId: ctx.requestId },
      },
      now,
    ),
  );
  const userIds = [
    ...new Set([
      ctx.actor.userId,
      ...recorded.alerts.map((a) => a.recipientUserId),
      ...recorded.tasks.map((t) => t.ownerUserId),
    ]),
  ];
  const users = await deps.db.kysely
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', userIds)
    .execute();
  const names = new Map(users.map((u) => [u.id, u.display_name]));
  const staffRef = (id: string) => ({ id, displayName: names.get(id) ?? 'Staff member' });
  const response = presentMeasureResponse(
    { ...recorded.row, administered_by_name: names.get(ctx.actor.userId) ?? null },
    def,
    recorded.items,
  );
  return {
    response,
    alertsRaised: recorded.alerts.map((a) => ({
      id: a.id,
      kind: a.kind,
      severity: a.severity,
      title: a.title,
      recipient: staffRef(a.recipientUserId),
    })),
    tasksCreated: recorded.tasks.map((t) => ({ id: t.id, title: t.title, owner: staffRef(t.ownerUserId) })),
  };
};

// --- Reading -------------------------------------------------------------------------------------

export const listMeasures = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  query: MeasureListQuery,
): Promise<MeasureResponse[]> => {
  await authorizePatient(deps, ctx, patientId, 'measure.read');
  if (query.instrument !== undefined) instrumentOrInvalid(query.instrument, '/instrument');
  const rows = await listMeasureResponses(deps.db.kysely, patientId, {
    instrument: query.instrument,
    limit: query.limit ?? 50,
  });
  const [responses] = await Promise.all([
    loadResponses(deps, rows),
    recordReadAudit(
      deps.db,
      {
        ...auditFor(ctx),
        action: 'measure.list',
        patientIds: [patientId],
        recordType: 'measure_response',
        detail: { instrument: query.instrument ?? null, resultCount: rows.length },
      },
      deps.clock.now(),
    ),
  ]);
  return responses;
};

/** At most this many points on a chart: a year of weekly measures and then some. */
const TREND_POINTS = 100;

export const getMeasureTrend = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  instrument: string,
): Promise<MeasureTrend> => {
  await authorizePatient(deps, ctx, patientId, 'measure.read');
  const def = instrumentOrInvalid(instrument, '/instrument');
  const rows = await listTrendRows(deps.db.kysely, patientId, def.code, TREND_POINTS);
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'measure.trend',
      patientIds: [patientId],
      recordType: 'measure_response',
      detail: { instrument: def.code, resultCount: rows.length },
    },
    deps.clock.now(),
  );
  return {
    instrument: def.code,
    name: def.name,
    shortName: def.shortName,
    totalRange: def.scoring.total ? totalRange(def) : null,
    bands: (def.scoring.bands ?? []).map((b) => ({ key: b.key, label: b.label, min: b.min, max: b.max })),
    points: rows.map((r) => ({
      responseId: r.id,
      administeredAt: r.administered_at,
      total: r.total,
      band: bandRef(def, r.band, r.total),
      subscales: parseSubscales(r.subscales),
      flagged: parseFlags(r.flags).length > 0,
    })),
  };
};
