import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type {
  CorrectDrugScreenBody,
  DrugScreen,
  DrugScreenList,
  RecordDrugScreenBody,
  RecordedDrugScreen,
} from '../../core/api/drugScreens.js';
import { DomainError, type FieldError } from '../../core/errors/domainError.js';
import {
  interpretScreen,
  medicationsOnCollectionDate,
  type ScreenInterpretation,
} from '../../core/screens/interpretScreen.js';
import { checkScreen } from '../../core/screens/validate.js';
import { recordAudit, recordReadAudit } from '../../db/audit.js';
import type { Database } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { type DrugScreenRow, presentDrugScreens } from '../presenters/drugScreens.js';
import { auditFor, authorizePatient } from './access.js';
import { siteTodayOf } from './diagnoses.js';
import { raiseScreenAlerts, type ScreenAlert } from './drugScreenAlerts.js';
import { medicationsForScreens } from './medications.js';
import { invalid } from './scheduleAccess.js';

/**
 * Drug screens (SPEC §9): recorded with a result per analyte, read against the medications taken on
 * the collection date, and alerted on when something needs review. A recorded screen is never edited:
 * a correction is a new row that supersedes it, with a reason, and the chart shows both.
 */

type Executor = Kysely<Database> | Transaction<Database>;

const selectScreens = (db: Executor, patientId: string) =>
  db
    .selectFrom('drug_screens as s')
    .innerJoin('users as u', 'u.id', 's.recorded_by')
    .selectAll('s')
    .select('u.display_name as recorded_by_name')
    .where('s.patient_id', '=', patientId);

const loadScreens = async (db: Executor, patientId: string): Promise<DrugScreen[]> =>
  presentDrugScreens((await selectScreens(db, patientId).execute()) satisfies DrugScreenRow[]);

export const listDrugScreens = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
): Promise<DrugScreenList> => {
  const { facts } = await authorizePatient(deps, ctx, patientId, 'screen.read');
  const now = deps.clock.now();
  const db = deps.db.kysely;
  const [items, today] = await Promise.all([loadScreens(db, patientId), siteTodayOf(db, facts.siteId, now)]);
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'drug_screen.list',
      patientIds: [patientId],
      recordType: 'drug_screen',
      detail: { resultCount: items.length },
    },
    now,
  );
  return { items, today };
};

/** A laboratory result names the presumptive screen of the same patient and specimen day that it confirms. */
const confirmedScreen = async (
  trx: Transaction<Database>,
  patientId: string,
  confirmsScreenId: string,
  collectedOn: string,
  ownOriginalId: string | null,
): Promise<string> => {
  const refuse = (message: string): never => {
    throw invalid([{ field: '/confirmsScreenId', message }], `confirmsScreenId ${message}`);
  };
  const target = await trx
    .selectFrom('drug_screens')
    .select(['original_id'])
    .where('id', '=', confirmsScreenId)
    .where('patient_id', '=', patientId)
    .executeTakeFirst();
  if (!target) return refuse('is not a drug screen of this patient');
  if (target.original_id === ownOriginalId) return refuse('cannot be the screen itself');
  const versions = await trx
    .selectFrom('drug_screens')
    .select(['id', 'corrects_id', 'method', 'collected_on'])
    .where('original_id', '=', target.original_id)
    .execute();
  const superseded = new Set(versions.map((v) => v.corrects_id));
  const current = versions.find((v) => !superseded.has(v.id));
  if (current?.method !== 'presumptive') return refuse('must be a presumptive (point-of-care) screen');
  if (current.collected_on !== collectedOn)
    return refuse(`must be collected the same day (that screen was collected on ${current.collected_on})`);
  return target.original_id;
};

interface Recording {
  id: string;
  originalId: string;
  correctsId: string | null;
  correctionReason: string | null;
}

const writeScreen = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  body: RecordDrugScreenBody,
  today: string,
  recording: (trx: Transaction<Database>) => Promise<Recording>,
): Promise<RecordedDrugScreen> => {
  const refused = body.refused ?? false;
  const input = { ...body, refused, confirmsScreenId: body.confirmsScreenId ?? null };
  const errors: FieldError[] = checkScreen(input, today);
  if (errors.length > 0) throw invalid(errors, 'The drug screen is not valid.');
  const now = deps.clock.now();
  const { id, alerts } = await deps.db.kysely.transaction().execute(async (trx) => {
    const r = await recording(trx);
    const confirmsId = input.confirmsScreenId
      ? await confirmedScreen(trx, patientId, input.confirmsScreenId, body.collectedOn, r.originalId)
      : null;
    const medications = medicationsOnCollectionDate(
      await medicationsForScreens(trx, patientId),
      body.collectedOn,
    );
    const reading: ScreenInterpretation = interpretScreen({ refused, results: body.results }, medications);
    try {
      await trx
        .insertInto('drug_screens')
        .values({
          id: r.id,
          patient_id: patientId,
          original_id: r.originalId,
          corrects_id: r.correctsId,
          correction_reason: r.correctionReason,
          collected_on: body.collectedOn,
          specimen: body.specimen,
          panel: body.panel,
          method: body.method,
          refused: refused ? 1 : 0,
          results: JSON.stringify(refused ? [] : body.results),
          confirms_id: confirmsId,
          notes: body.notes?.trim() || null,
          interpretation: JSON.stringify(reading),
          needs_review: reading.needsReview || refused ? 1 : 0,
          recorded_by: ctx.actor.userId,
          recorded_at: now.toISOString(),
        })
        .execute();
    } catch (error) {
      // Two corrections of the same version at once: the unique index lets only the first in.
      if (r.correctsId && /unique|duplicate/i.test(String(error))) throw alreadyCorrected();
      throw error;
    }
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: r.correctsId ? 'drug_screen.correct' : 'drug_screen.record',
        patientIds: [patientId],
        recordType: 'drug_screen',
        recordId: r.id,
        detail: {
          originalId: r.originalId,
          correctsId: r.correctsId,
          method: body.method,
          panel: body.panel,
          needsReview: reading.needsReview,
        },
      },
      now,
    );
    const raised = await raiseScreenAlerts(
      trx,
      deps,
      { patientId, originalId: r.originalId, collectedOn: body.collectedOn, reading },
      { userId: ctx.actor.userId, role: ctx.actor.role, ip: ctx.ip, requestId: ctx.requestId },
      now,
    );
    return { id: r.id, alerts: raised };
  });
  const screen = (await loadScreens(deps.db.kysely, patientId)).find((s) => s.id === id);
  if (!screen) throw new DomainError('INTERNAL', 'The recorded screen could not be read back.');
  return { screen, alertsRaised: await withRecipientNames(deps, alerts) };
};

const alreadyCorrected = () =>
  new DomainError(
    'CONFLICT',
    'Someone corrected this screen since you opened it. Reload to see the current result, then correct that one if needed.',
  );

const withRecipientNames = async (
  deps: AppDeps,
  alerts: readonly ScreenAlert[],
): Promise<RecordedDrugScreen['alertsRaised']> => {
  if (alerts.length === 0) return [];
  const users = await deps.db.kysely
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [...new Set(alerts.map((a) => a.recipientUserId))])
    .execute();
  const names = new Map(users.map((u) => [u.id, u.display_name]));
  return alerts.map((a) => ({
    id: a.id,
    kind: a.kind,
    severity: a.severity,
    title: a.title,
    recipient: { id: a.recipientUserId, displayName: names.get(a.recipientUserId) ?? 'Staff member' },
    alreadyOpen: a.deduplicated,
  }));
};

export const recordDrugScreen = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  body: RecordDrugScreenBody,
): Promise<RecordedDrugScreen> => {
  const { facts } = await authorizePatient(deps, ctx, patientId, 'screen.write');
  const today = await siteTodayOf(deps.db.kysely, facts.siteId, deps.clock.now());
  return writeScreen(deps, ctx, patientId, body, today, () => {
    const id = randomUUID();
    return Promise.resolve({ id, originalId: id, correctsId: null, correctionReason: null });
  });
};

/** Supersedes the screen's current version `screenId` with a corrected one. */
export const correctDrugScreen = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  screenId: string,
  body: CorrectDrugScreenBody,
): Promise<RecordedDrugScreen> => {
  const { facts } = await authorizePatient(deps, ctx, patientId, 'screen.write');
  const today = await siteTodayOf(deps.db.kysely, facts.siteId, deps.clock.now());
  const { reason, ...screen } = body;
  return writeScreen(deps, ctx, patientId, screen, today, async (trx) => {
    const corrected = await trx
      .selectFrom('drug_screens')
      .select(['id', 'original_id'])
      .where('id', '=', screenId)
      .where('patient_id', '=', patientId)
      .executeTakeFirst();
    if (!corrected) throw new DomainError('NOT_FOUND', 'No such drug screen for this patient.');
    const later = await trx
      .selectFrom('drug_screens')
      .select('id')
      .where('corrects_id', '=', screenId)
      .executeTakeFirst();
    if (later) throw alreadyCorrected();
    return {
      id: randomUUID(),
      originalId: corrected.original_id,
      correctsId: corrected.id,
      correctionReason: reason.trim(),
    };
  });
};
