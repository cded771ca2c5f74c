import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import {
  type EscalationSettings,
  ESCALATION_SETTINGS_KEY,
  escalationSettingsFrom,
} from '../../core/alerts/escalation.js';
import type { RecipientFacts } from '../../core/alerts/recipients.js';
import type { AlertsTable, Database } from '../schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** An alert with the names a list shows: its patient's and its recipient's. */
export interface AlertRow extends AlertsTable {
  patient_first_name: string | null;
  patient_last_name: string | null;
  recipient_name: string;
}

/** `unresolved` = open or acknowledged: what still needs someone. */
export type AlertStatusFilter = 'open' | 'acknowledged' | 'resolved' | 'unresolved';

const alertsWithNames = (executor: Executor) =>
  executor
    .selectFrom('alerts as a')
    .leftJoin('patients as p', 'p.id', 'a.patient_id')
    .innerJoin('users as r', 'r.id', 'a.recipient_user_id')
    .selectAll('a')
    .select([
      'p.first_name as patient_first_name',
      'p.last_name as patient_last_name',
      'r.display_name as recipient_name',
    ]);

type AlertEb = ExpressionBuilder<Database & { a: AlertsTable }, 'a'>;

const statusFilter = (eb: AlertEb, status: AlertStatusFilter) =>
  status === 'unresolved' ? eb('a.status', 'in', ['open', 'acknowledged']) : eb('a.status', '=', status);

// Urgent before high before normal; within a severity, the newest first.
const severityOrder = (eb: AlertEb) =>
  eb.case().when('a.severity', '=', 'urgent').then(0).when('a.severity', '=', 'high').then(1).else(2).end();

export const loadAlert = (executor: Executor, alertId: string): Promise<AlertRow | undefined> =>
  alertsWithNames(executor).where('a.id', '=', alertId).executeTakeFirst();

/**
 * One page of alerts in inbox order, with names. The page is chosen from `alerts` alone and only then
 * joined to patients and users: joining first lets PostgreSQL hash-join the whole patients table
 * when a recipient holds a few thousand alerts.
 */
const alertPage = (
  executor: Executor,
  filter: (eb: AlertEb) => ReturnType<AlertEb['and']>,
  limit: number,
): Promise<AlertRow[]> => {
  const page = executor
    .selectFrom('alerts as a')
    .selectAll('a')
    .where(filter)
    .orderBy(severityOrder)
    .orderBy('a.raised_at', 'desc')
    .orderBy('a.id')
    .limit(limit);
  return executor
    .selectFrom(page.as('a'))
    .leftJoin('patients as p', 'p.id', 'a.patient_id')
    .innerJoin('users as r', 'r.id', 'a.recipient_user_id')
    .selectAll('a')
    .select([
      'p.first_name as patient_first_name',
      'p.last_name as patient_last_name',
      'r.display_name as recipient_name',
    ])
    .orderBy(severityOrder)
    .orderBy('a.raised_at', 'desc')
    .orderBy('a.id')
    .execute();
};

export const listAlertsForRecipient = (
  executor: Executor,
  recipientUserId: string,
  status: AlertStatusFilter,
  limit: number,
): Promise<AlertRow[]> =>
  alertPage(
    executor,
    (eb) => eb.and([eb('a.recipient_user_id', '=', recipientUserId), statusFilter(eb, status)]),
    limit,
  );

export const listAlertsForPatient = (
  executor: Executor,
  patientId: string,
  status: AlertStatusFilter | null,
  limit: number,
): Promise<AlertRow[]> =>
  alertPage(
    executor,
    (eb) =>
      eb.and([eb('a.patient_id', '=', patientId), ...(status !== null ? [statusFilter(eb, status)] : [])]),
    limit,
  );

/** The not-yet-resolved alert a source already raised, if any: a source raises one alert of a kind at a time. */
export const findUnresolvedAlertBySource = (
  executor: Executor,
  kind: string,
  sourceType: string,
  sourceId: string,
): Promise<Pick<AlertsTable, 'id' | 'recipient_user_id'> | undefined> =>
  executor
    .selectFrom('alerts')
    .select(['id', 'recipient_user_id'])
    .where('kind', '=', kind)
    .where('source_type', '=', sourceType)
    .where('source_id', '=', sourceId)
    .where('status', 'in', ['open', 'acknowledged'])
    .orderBy('raised_at')
    .limit(1)
    .executeTakeFirst();

export const insertAlert = async (trx: Transaction<Database>, row: AlertsTable): Promise<void> => {
  await trx.insertInto('alerts').values(row).execute();
};

/** Optimistic update: applies only if the row still has `expectedVersion`, and bumps it. */
export const updateAlertIfVersion = async (
  trx: Transaction<Database>,
  alertId: string,
  expectedVersion: number,
  changes: Partial<Omit<AlertsTable, 'id' | 'version'>>,
): Promise<boolean> => {
  const result = await trx
    .updateTable('alerts')
    .set({ ...changes, version: expectedVersion + 1 })
    .where('id', '=', alertId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
};

/** Unacknowledged alerts whose escalation time has come, oldest deadline first. */
export const listDueEscalations = (
  executor: Executor,
  now: Date,
  limit: number,
): Promise<Pick<AlertsTable, 'id'>[]> =>
  executor
    .selectFrom('alerts')
    .select('id')
    .where('status', '=', 'open')
    .where('escalate_at', 'is not', null)
    .where('escalate_at', '<=', now.toISOString())
    .orderBy('escalate_at')
    .orderBy('id')
    .limit(limit)
    .execute();

export interface RecipientContext {
  facts: RecipientFacts;
  /** The site the alert belongs to (the patient's site when there is a patient); null for organization-wide alerts. */
  siteId: string | null;
  /** The site's time zone, for opening hours; null without a site. */
  timeZone: string | null;
}

interface Rungs {
  site_id: string;
  time_zone: string;
  primary_clinician_id: string | null;
  primary_active: number | null;
  supervisor_id: string | null;
  supervisor_active: number | null;
  on_call_user_id: string | null;
  on_call_active: number | null;
}

/** The first rungs of the chain with who is active, in one round trip: alerts are raised in write paths. */
const patientRungs = (executor: Executor, patientId: string): Promise<Rungs | undefined> =>
  executor
    .selectFrom('patients as p')
    .innerJoin('sites as s', 's.id', 'p.site_id')
    .leftJoin('users as pc', 'pc.id', 'p.primary_clinician_id')
    .leftJoin('credentials as c', 'c.user_id', 'p.primary_clinician_id')
    .leftJoin('users as sup', 'sup.id', 'c.supervisor_id')
    .leftJoin('users as oc', 'oc.id', 's.on_call_user_id')
    .select([
      's.id as site_id',
      's.time_zone',
      'p.primary_clinician_id',
      'pc.active as primary_active',
      'c.supervisor_id',
      'sup.active as supervisor_active',
      's.on_call_user_id',
      'oc.active as on_call_active',
    ])
    .where('p.id', '=', patientId)
    .executeTakeFirst();

const siteRungs = async (executor: Executor, siteId: string): Promise<Rungs | undefined> => {
  const site = await executor
    .selectFrom('sites as s')
    .leftJoin('users as oc', 'oc.id', 's.on_call_user_id')
    .select(['s.id as site_id', 's.time_zone', 's.on_call_user_id', 'oc.active as on_call_active'])
    .where('s.id', '=', siteId)
    .executeTakeFirst();
  return (
    site && {
      ...site,
      primary_clinician_id: null,
      primary_active: null,
      supervisor_id: null,
      supervisor_active: null,
    }
  );
};

const contextOf = (rungs: Rungs | null, fallbackUserIds: string[]): RecipientContext => ({
  facts: {
    primaryClinicianId: rungs?.primary_clinician_id ?? null,
    primaryClinicianActive: rungs?.primary_active === 1,
    supervisorId: rungs?.supervisor_id ?? null,
    supervisorActive: rungs?.supervisor_active === 1,
    onCallUserId: rungs?.on_call_user_id ?? null,
    onCallActive: rungs?.on_call_active === 1,
    fallbackUserIds,
  },
  siteId: rungs?.site_id ?? null,
  timeZone: rungs?.time_zone ?? null,
});

/**
 * Gathers who could receive an alert about a patient, or about a site when there is no patient.
 * Fallback: the site's active program directors; the organization's active admins only when the
 * site has no director, since admins are not clinical staff (SPEC §1) and should see clinical alerts
 * only when nobody clinical can.
 */
export const loadRecipientContext = async (
  executor: Executor,
  target: { patientId: string | null; siteId: string | null },
  /** `firstRecipient`: the caller needs only who holds a new alert, so the fallback people are read only when no rung is active. */
  need: 'wholeChain' | 'firstRecipient' = 'wholeChain',
): Promise<RecipientContext | null> => {
  const rungs =
    target.patientId !== null
      ? await patientRungs(executor, target.patientId)
      : target.siteId !== null
        ? await siteRungs(executor, target.siteId)
        : null;
  if (rungs === undefined) return null;
  const rungHolds =
    rungs !== null &&
    ((rungs.primary_clinician_id !== null && rungs.primary_active === 1) ||
      (rungs.supervisor_id !== null && rungs.supervisor_active === 1) ||
      (rungs.on_call_user_id !== null && rungs.on_call_active === 1));
  if (need === 'firstRecipient' && rungHolds) return contextOf(rungs, []);
  const directors = rungs
    ? await executor
        .selectFrom('users')
        .innerJoin('user_sites', 'user_sites.user_id', 'users.id')
        .select('users.id')
        .where('user_sites.site_id', '=', rungs.site_id)
        .where('users.role', '=', 'program_director')
        .where('users.active', '=', 1)
        .orderBy('users.created_at')
        .orderBy('users.id')
        .execute()
    : [];
  const admins =
    directors.length > 0
      ? []
      : await executor
          .selectFrom('users')
          .select('id')
          .where('role', '=', 'admin')
          .where('active', '=', 1)
          .orderBy('created_at')
          .orderBy('id')
          .execute();
  return contextOf(
    rungs,
    [...directors, ...admins].map((u) => u.id),
  );
};

/** The clinic's escalation settings (SPEC: defaults a clinic can change), or the defaults. */
export const loadEscalationSettings = async (executor: Executor): Promise<EscalationSettings> => {
  const row = await executor
    .selectFrom('settings')
    .select('value')
    .where('key', '=', ESCALATION_SETTINGS_KEY)
    .executeTakeFirst();
  if (!row) return escalationSettingsFrom(undefined);
  try {
    return escalationSettingsFrom(JSON.parse(row.value));
  } catch {
    return escalationSettingsFrom(undefined);
  }
};

/** Whether a user is the supervisor named in another user's credentials. */
export const isSupervisorOf = async (
  executor: Executor,
  supervisorId: string,
  userId: string,
): Promise<boolean> => {
  const row = await executor
    .selectFrom('credentials')
    .select('supervisor_id')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.supervisor_id === supervisorId;
};
