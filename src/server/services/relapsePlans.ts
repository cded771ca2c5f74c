import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type {
  PlanVersion,
  PlanVersionSummary,
  RelapsePreventionPlan,
  SavePlanBody,
} from '../../core/api/recovery.js';
import { DomainError, type FieldError } from '../../core/errors/domainError.js';
import {
  diffPlans,
  EMPTY_DRAFT,
  isEmptyPlan,
  normaliseDraft,
  type PlanContent,
  samePlanContent,
  SUGGESTED_CRISIS_LINES,
  summariseChanges,
} from '../../core/recovery/relapsePlan.js';
import { type Relationship, relationshipLabel } from '../../core/recovery/supportContacts.js';
import { recordAudit, recordReadAudit } from '../../db/audit.js';
import type { Database } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor, authorizePatient } from './access.js';
import { lockSourceKey } from './alerts.js';
import { invalid, stale } from './scheduleAccess.js';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * The relapse prevention plan (SPEC §9), versioned: each save that changes the content appends a
 * version (the versions table refuses UPDATE and DELETE in the database), and the plan row holds
 * the number of the newest one and the patient-visible flag. The plan row's `version` guards both
 * against lost updates: a save from an older plan is refused with the current version, changing nothing.
 */

const EMPTY_CONTENT: PlanContent = {
  triggers: [],
  warningSigns: [],
  copingStrategies: [],
  supportContacts: [],
  otherSupports: [],
  crisisSteps: [],
  crisisLines: [],
  reasonsForRecovery: [],
};

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** Reads stored content defensively: a field missing from an old row is an empty list. */
export const parseContent = (json: string): PlanContent => {
  let raw: Record<string, unknown> = {};
  try {
    const value: unknown = JSON.parse(json);
    if (value !== null && typeof value === 'object') raw = value as Record<string, unknown>;
  } catch {
    return EMPTY_CONTENT;
  }
  const objects = (value: unknown): Record<string, unknown>[] =>
    Array.isArray(value)
      ? value.filter((v): v is Record<string, unknown> => v !== null && typeof v === 'object')
      : [];
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  return {
    triggers: strings(raw.triggers),
    warningSigns: strings(raw.warningSigns),
    copingStrategies: strings(raw.copingStrategies),
    supportContacts: objects(raw.supportContacts).map((c) => ({
      contactId: text(c.contactId),
      name: text(c.name),
      relationship: text(c.relationship),
      phone: text(c.phone),
    })),
    otherSupports: strings(raw.otherSupports),
    crisisSteps: strings(raw.crisisSteps),
    crisisLines: objects(raw.crisisLines).map((l) => ({ name: text(l.name), number: text(l.number) })),
    reasonsForRecovery: strings(raw.reasonsForRecovery),
  };
};

const selectVersions = (executor: Executor, patientId: string) =>
  executor
    .selectFrom('relapse_prevention_plan_versions as v')
    .innerJoin('users as u', 'u.id', 'v.saved_by')
    .select(['v.version_number', 'v.content', 'v.saved_at', 'v.saved_by', 'u.display_name'])
    .where('v.patient_id', '=', patientId);

type VersionRow = Awaited<ReturnType<ReturnType<typeof selectVersions>['execute']>>[number];

const presentVersion = (
  row: VersionRow,
  previous: VersionRow | undefined,
  currentNumber: number,
): PlanVersion => {
  const content = parseContent(row.content);
  return {
    versionNumber: row.version_number,
    savedAt: row.saved_at,
    savedBy: { id: row.saved_by, displayName: row.display_name },
    current: row.version_number === currentNumber,
    content,
    changes: previous ? diffPlans(parseContent(previous.content), content) : [],
  };
};

const loadPlan = async (executor: Executor, patientId: string): Promise<RelapsePreventionPlan> => {
  const plan = await executor
    .selectFrom('relapse_prevention_plans')
    .selectAll()
    .where('patient_id', '=', patientId)
    .executeTakeFirst();
  const suggestedCrisisLines = SUGGESTED_CRISIS_LINES.map((l) => ({ ...l }));
  if (!plan)
    return {
      patientId,
      exists: false,
      version: 0,
      patientVisible: false,
      current: null,
      versions: [],
      suggestedCrisisLines,
    };
  const rows = await selectVersions(executor, patientId).orderBy('v.version_number').execute();
  const versions: PlanVersionSummary[] = rows
    .map((row, i) => ({
      versionNumber: row.version_number,
      savedAt: row.saved_at,
      savedBy: { id: row.saved_by, displayName: row.display_name },
      changeSummary:
        i === 0
          ? 'First version'
          : summariseChanges(
              diffPlans(parseContent(rows[i - 1]?.content ?? '{}'), parseContent(row.content)),
            ),
    }))
    .reverse();
  const index = rows.findIndex((r) => r.version_number === plan.current_version);
  const currentRow = rows[index];
  return {
    patientId,
    exists: true,
    version: plan.version,
    patientVisible: plan.patient_visible === 1,
    current: currentRow ? presentVersion(currentRow, rows[index - 1], plan.current_version) : null,
    versions,
    suggestedCrisisLines,
  };
};

export const getRelapsePlan = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
): Promise<RelapsePreventionPlan> => {
  await authorizePatient(deps, ctx, patientId, 'recovery.read');
  const plan = await loadPlan(deps.db.kysely, patientId);
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'relapse_plan.read',
      patientIds: [patientId],
      recordType: 'relapse_prevention_plan',
      recordId: plan.current ? String(plan.current.versionNumber) : null,
    },
    deps.clock.now(),
  );
  return plan;
};

/**
 * One version of a patient's plan with what changed from the one before, and the plan's id; the
 * caller has authorized the read. A version the patient's plan does not have is NOT_FOUND.
 */
export const loadRelapsePlanVersion = async (
  executor: Executor,
  patientId: string,
  versionNumber: number,
): Promise<{ planId: string; version: PlanVersion }> => {
  const plan = await executor
    .selectFrom('relapse_prevention_plans')
    .select(['id', 'current_version'])
    .where('patient_id', '=', patientId)
    .executeTakeFirst();
  const rows = plan
    ? await selectVersions(executor, patientId)
        .where('v.version_number', 'in', [versionNumber, versionNumber - 1])
        .orderBy('v.version_number')
        .execute()
    : [];
  const row = rows.find((r) => r.version_number === versionNumber);
  if (!plan || !row) throw new DomainError('NOT_FOUND', 'This plan has no such version.');
  return {
    planId: plan.id,
    version: presentVersion(
      row,
      rows.find((r) => r.version_number === versionNumber - 1),
      plan.current_version,
    ),
  };
};

/** One version, read-only (older versions are history; the newest is also editable through the plan). */
export const getRelapsePlanVersion = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  versionNumber: number,
): Promise<PlanVersion> => {
  await authorizePatient(deps, ctx, patientId, 'recovery.read');
  const { planId, version } = await loadRelapsePlanVersion(deps.db.kysely, patientId, versionNumber);
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'relapse_plan.readVersion',
      patientIds: [patientId],
      recordType: 'relapse_prevention_plan',
      recordId: planId,
      detail: { versionNumber },
    },
    deps.clock.now(),
  );
  return version;
};

/** The draft's contacts, as the version will remember them; each must be a current contact of the patient. */
const snapshotContacts = async (
  executor: Executor,
  patientId: string,
  ids: readonly string[],
): Promise<{ contacts: PlanContent['supportContacts']; errors: FieldError[] }> => {
  if (ids.length === 0) return { contacts: [], errors: [] };
  const rows = await executor
    .selectFrom('support_contacts')
    .select(['id', 'name', 'relationship', 'relationship_detail', 'phone', 'archived_at'])
    .where('patient_id', '=', patientId)
    .where('id', 'in', [...ids])
    .execute();
  const errors: FieldError[] = [];
  const contacts: PlanContent['supportContacts'] = [];
  ids.forEach((id, index) => {
    const row = rows.find((r) => r.id === id);
    if (!row || row.archived_at !== null) {
      errors.push({
        field: `/content/supportContactIds/${index}`,
        message: row ? 'is archived; restore the contact first' : 'is not a contact of this patient',
      });
      return;
    }
    contacts.push({
      contactId: row.id,
      name: row.name,
      relationship: relationshipLabel(row.relationship as Relationship, row.relationship_detail),
      phone: row.phone,
    });
  });
  return { contacts, errors };
};

export const saveRelapsePlan = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  body: SavePlanBody,
): Promise<RelapsePreventionPlan> => {
  await authorizePatient(deps, ctx, patientId, 'recovery.write');
  const { draft, problems } = normaliseDraft({ ...EMPTY_DRAFT, ...body.content });
  const fields: FieldError[] = problems.map((p) => ({ field: `/content${p.field}`, message: p.message }));
  if (fields.length > 0) throw invalid(fields, 'The plan is not valid.');
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  await deps.db.kysely.transaction().execute(async (trx) => {
    // Two first saves at once would both find no plan; on PostgreSQL the second waits here instead.
    await lockSourceKey(trx, deps, `relapse-plan:${patientId}`);
    const plan = await trx
      .selectFrom('relapse_prevention_plans')
      .selectAll()
      .where('patient_id', '=', patientId)
      .executeTakeFirst();
    const currentVersion = plan?.version ?? 0;
    if (body.version !== currentVersion) throw stale('relapse prevention plan', currentVersion);
    const snapshot = await snapshotContacts(trx, patientId, draft.supportContactIds);
    if (snapshot.errors.length > 0) throw invalid(snapshot.errors, 'The plan is not valid.');
    const { supportContactIds: _ids, ...lists } = draft;
    const content: PlanContent = { ...lists, supportContacts: snapshot.contacts };
    const previous = plan
      ? await trx
          .selectFrom('relapse_prevention_plan_versions')
          .select('content')
          .where('plan_id', '=', plan.id)
          .where('version_number', '=', plan.current_version)
          .executeTakeFirstOrThrow()
      : null;
    const changed = previous
      ? !samePlanContent(parseContent(previous.content), content)
      : !isEmptyPlan(content);
    const visible = body.patientVisible ? 1 : 0;
    if (!plan && !changed)
      throw invalid(
        [{ field: '/content', message: 'is empty; write at least one item' }],
        'The plan is empty.',
      );
    if (plan && !changed && plan.patient_visible === visible) return;

    const planId = plan?.id ?? randomUUID();
    const versionNumber = (plan?.current_version ?? 0) + (changed ? 1 : 0);
    if (plan) {
      const result = await trx
        .updateTable('relapse_prevention_plans')
        .set({
          current_version: versionNumber,
          patient_visible: visible,
          updated_at: nowIso,
          version: plan.version + 1,
        })
        .where('id', '=', plan.id)
        .where('version', '=', plan.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw stale('relapse prevention plan', plan.version + 1);
    } else {
      await trx
        .insertInto('relapse_prevention_plans')
        .values({
          id: planId,
          patient_id: patientId,
          current_version: versionNumber,
          patient_visible: visible,
          created_by: ctx.actor.userId,
          created_at: nowIso,
          updated_at: nowIso,
          version: 1,
        })
        .execute();
    }
    if (changed)
      await trx
        .insertInto('relapse_prevention_plan_versions')
        .values({
          id: randomUUID(),
          plan_id: planId,
          patient_id: patientId,
          version_number: versionNumber,
          content: JSON.stringify(content),
          saved_by: ctx.actor.userId,
          saved_at: nowIso,
        })
        .execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: changed ? 'relapse_plan.save' : 'relapse_plan.setVisibility',
        patientIds: [patientId],
        recordType: 'relapse_prevention_plan',
        recordId: planId,
        detail: {
          versionNumber,
          patientVisible: body.patientVisible,
          ...(changed && previous
            ? { changes: summariseChanges(diffPlans(parseContent(previous.content), content)) }
            : {}),
        },
      },
      now,
    );
  });
  return loadPlan(deps.db.kysely, patientId);
};
