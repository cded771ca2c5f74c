import type { Kysely } from 'kysely';
import { DomainError } from '../../core/errors/domainError.js';
import { recordReadAudit } from '../../db/audit.js';
import type { Database } from '../../db/schema.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import type { PrintedPatient } from '../pdf/pdfDocument.js';
import { renderRelapsePlanPdf } from '../pdf/relapsePlanPdf.js';
import { renderTreatmentPlanPdf } from '../pdf/treatmentPlanPdf.js';
import { auditFor, authorizePatient } from './access.js';
import { loadRelapsePlanVersion } from './relapsePlans.js';
import { planChart, presentOptions } from './treatmentPlans.js';
import { loadVersion, planEpisodeOf, presentVersion } from './treatmentPlanStore.js';

/**
 * PDF copies of a treatment plan version (SPEC §8: "printable … PDF") and of a relapse prevention
 * plan version (SPEC §9). Each is authorized exactly as reading the version on screen is, drawn
 * from the same presented view (so it shows no more than the screen would), and audited as a read
 * of its own kind, since a PDF is a copy that can leave the building.
 */

export interface PdfFile {
  /** Names the document and version only: a file name travels further than its contents. */
  filename: string;
  pdf: Buffer;
}

/** The patient as every page's header names them, with the program of the given episode's latest segment. */
const printedPatient = async (
  db: Kysely<Database>,
  patientId: string,
  episodeId: string | null,
): Promise<PrintedPatient & { timeZone: string }> => {
  const [patient, program] = await Promise.all([
    db
      .selectFrom('patients as p')
      .innerJoin('sites as s', 's.id', 'p.site_id')
      .select(['p.first_name', 'p.last_name', 'p.date_of_birth', 's.time_zone'])
      .where('p.id', '=', patientId)
      .executeTakeFirstOrThrow(),
    episodeId === null
      ? Promise.resolve(undefined)
      : db
          .selectFrom('enrolment_segments as s')
          .innerJoin('programs as p', 'p.id', 's.program_id')
          .select('p.name')
          .where('s.patient_id', '=', patientId)
          .where('s.episode_id', '=', episodeId)
          .orderBy('s.start_on', 'desc')
          .orderBy('s.created_at', 'desc')
          .limit(1)
          .executeTakeFirst(),
  ]);
  return {
    name: `${patient.first_name} ${patient.last_name}`,
    dateOfBirth: patient.date_of_birth,
    programName: program?.name ?? null,
    timeZone: patient.time_zone,
  };
};

/** One version of the patient's treatment plan as a PDF; a version of another patient's plan is NOT_FOUND. */
export const treatmentPlanPdf = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  versionId: string,
): Promise<PdfFile> => {
  const chart = await planChart(deps, ctx, patientId, 'plan.read');
  const db = deps.db.kysely;
  const row = await loadVersion(db, patientId, versionId);
  if (!row) throw new DomainError('NOT_FOUND', 'No such version of the treatment plan.');
  const [version, plan] = await Promise.all([
    presentVersion(db, row, presentOptions(ctx, chart)),
    db
      .selectFrom('treatment_plans')
      .select('episode_id')
      .where('id', '=', row.plan_id)
      .executeTakeFirstOrThrow(),
  ]);
  const { timeZone, ...patient } = await printedPatient(db, patientId, plan.episode_id);
  const now = deps.clock.now();
  const pdf = await renderTreatmentPlanPdf({ version, patient, timeZone, printedAt: now });
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'plan.pdf',
      patientIds: [patientId],
      recordType: 'plan_version',
      recordId: versionId,
      detail: { number: row.number, status: version.status },
    },
    now,
  );
  return { filename: `treatment-plan-v${row.number}.pdf`, pdf };
};

/** One version of the patient's relapse prevention plan as a PDF. */
export const relapsePlanPdf = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  versionNumber: number,
): Promise<PdfFile> => {
  await authorizePatient(deps, ctx, patientId, 'recovery.read');
  const db = deps.db.kysely;
  const { planId, version } = await loadRelapsePlanVersion(db, patientId, versionNumber);
  const episode = await planEpisodeOf(db, patientId);
  const { timeZone, ...patient } = await printedPatient(db, patientId, episode?.id ?? null);
  const now = deps.clock.now();
  const pdf = await renderRelapsePlanPdf({ version, patient, timeZone, printedAt: now });
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'relapse_plan.pdf',
      patientIds: [patientId],
      recordType: 'relapse_prevention_plan',
      recordId: planId,
      detail: { versionNumber },
    },
    now,
  );
  return { filename: `relapse-prevention-plan-v${versionNumber}.pdf`, pdf };
};
