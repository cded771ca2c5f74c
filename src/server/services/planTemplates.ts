import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { mayEditPlanTemplates, mayReadPlanTemplates } from '../../core/plans/templateAccess.js';
import type {
  CreatePlanTemplateBody,
  PlanTemplate,
  PlanTemplateContent,
  PlanTemplateList,
  UpdatePlanTemplateBody,
} from '../../core/api/plans.js';
import { DomainError } from '../../core/errors/domainError.js';
import { DEFAULT_PLAN_TEMPLATES } from '../../core/plans/defaultTemplates.js';
import type { Dimension } from '../../core/placement/ruleTable.js';
import { recordAudit } from '../../db/audit.js';
import type { Database, PlanTemplatesTable } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor, denyAndAudit } from './access.js';

type Executor = Kysely<Database> | Transaction<Database>;

const EMPTY_CONTENT: PlanTemplateContent = { problem: '', goals: [] };

const present = (row: PlanTemplatesTable): PlanTemplate => {
  let content: unknown = EMPTY_CONTENT;
  try {
    content = JSON.parse(row.content);
  } catch {
    content = EMPTY_CONTENT;
  }
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    dimension: row.dimension as Dimension,
    // Written only after the route's schema validated it.
    content:
      typeof content === 'object' && content !== null && Array.isArray((content as { goals?: unknown }).goals)
        ? (content as PlanTemplateContent)
        : EMPTY_CONTENT,
    active: row.active === 1,
    updatedAt: row.updated_at,
    version: row.version,
  };
};

/**
 * A clinic starts from the default library: filled in the first time the library is read while
 * empty, so a clinic's own deletions and edits are never undone afterwards.
 */
const ensureLibrary = async (db: Kysely<Database>, now: Date): Promise<void> => {
  const any = await db.selectFrom('plan_templates').select('id').limit(1).executeTakeFirst();
  if (any) return;
  await db
    .insertInto('plan_templates')
    .values(
      DEFAULT_PLAN_TEMPLATES.map((t) => ({
        id: randomUUID(),
        key: t.key,
        name: t.name,
        dimension: t.dimension,
        content: JSON.stringify(t.content),
        active: 1,
        updated_by: null,
        updated_at: now.toISOString(),
        version: 1,
      })),
    )
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
};

/** Active templates, by dimension then name: pre-filling takes the first of a dimension. */
export const activeTemplates = async (db: Kysely<Database>, now: Date): Promise<PlanTemplate[]> => {
  await ensureLibrary(db, now);
  const rows = await db
    .selectFrom('plan_templates')
    .selectAll()
    .where('active', '=', 1)
    .orderBy('dimension')
    .orderBy('name')
    .execute();
  return rows.map(present);
};

export const listPlanTemplates = async (deps: AppDeps, ctx: RequestContext): Promise<PlanTemplateList> => {
  if (!mayReadPlanTemplates(ctx.actor.role))
    return denyAndAudit(deps, ctx, 'plan_template.read', 'Your role does not write treatment plans.');
  await ensureLibrary(deps.db.kysely, deps.clock.now());
  const rows = await deps.db.kysely
    .selectFrom('plan_templates')
    .selectAll()
    .orderBy('dimension')
    .orderBy('name')
    .execute();
  return { items: rows.map(present), mayEdit: mayEditPlanTemplates(ctx.actor.role) };
};

const requireEditor = async (deps: AppDeps, ctx: RequestContext, attempted: string): Promise<void> => {
  if (!mayEditPlanTemplates(ctx.actor.role))
    await denyAndAudit(
      deps,
      ctx,
      attempted,
      'Administrators, program directors and clinical supervisors edit the plan template library.',
    );
};

const keyFor = (name: string): string =>
  `${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40)}-${randomUUID().slice(0, 8)}`;

const loadRow = async (db: Executor, id: string): Promise<PlanTemplatesTable> => {
  const row = await db.selectFrom('plan_templates').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', 'No such plan template.');
  return row;
};

export const createPlanTemplate = async (
  deps: AppDeps,
  ctx: RequestContext,
  body: CreatePlanTemplateBody,
): Promise<PlanTemplate> => {
  await requireEditor(deps, ctx, 'plan_template.create');
  const now = deps.clock.now();
  const id = randomUUID();
  await deps.db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto('plan_templates')
      .values({
        id,
        key: keyFor(body.name),
        name: body.name.trim(),
        dimension: body.dimension,
        content: JSON.stringify(body.content),
        active: 1,
        updated_by: ctx.actor.userId,
        updated_at: now.toISOString(),
        version: 1,
      })
      .execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'plan_template.create',
        patientIds: [],
        recordType: 'plan_template',
        recordId: id,
      },
      now,
    );
  });
  return present(await loadRow(deps.db.kysely, id));
};

export const updatePlanTemplate = async (
  deps: AppDeps,
  ctx: RequestContext,
  templateId: string,
  body: UpdatePlanTemplateBody,
): Promise<PlanTemplate> => {
  await requireEditor(deps, ctx, 'plan_template.update');
  const now = deps.clock.now();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const row = await loadRow(trx, templateId);
    if (row.version !== body.version)
      throw new DomainError('STALE_VERSION', 'Someone else changed this template. Reload to see it.', {
        extra: { currentVersion: row.version },
      });
    const result = await trx
      .updateTable('plan_templates')
      .set({
        name: body.name.trim(),
        dimension: body.dimension,
        content: JSON.stringify(body.content),
        active: body.active ? 1 : 0,
        updated_by: ctx.actor.userId,
        updated_at: now.toISOString(),
        version: row.version + 1,
      })
      .where('id', '=', templateId)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw new DomainError('STALE_VERSION', 'Someone else changed this template. Reload to see it.');
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'plan_template.update',
        patientIds: [],
        recordType: 'plan_template',
        recordId: templateId,
        detail: { active: body.active },
      },
      now,
    );
  });
  return present(await loadRow(deps.db.kysely, templateId));
};
