import type { PlanModality, PlanVersion, ReviewedObjective } from '../../core/api/plans.js';
import type { SignatureView } from '../../core/api/signing.js';
import { DIMENSIONS } from '../../core/placement/ruleTable.js';
import { PROGRESS_LABELS } from '../../core/plans/review.js';
import { type PdfWriter, type PrintHeader, type PrintedPatient, renderPdf } from './pdfDocument.js';
import { printDate, printInstant } from './printDates.js';

/**
 * A version of a treatment plan on paper (SPEC §8): problems → goals in the patient's words →
 * measurable objectives with target dates → interventions, the review's progress per objective,
 * and who signed, with their credentials and when. Built from the same view of the version the
 * chart shows the caller, so the copy holds nothing the caller could not read on screen.
 */

export interface TreatmentPlanPrint {
  version: PlanVersion;
  patient: PrintedPatient;
  /** The site's time zone: signatures are printed in it. */
  timeZone: string;
  printedAt: Date;
}

const MODALITY_LABELS: Record<PlanModality, string> = {
  group: 'Group',
  individual: 'Individual',
  family: 'Family',
  medication: 'Medication',
  'case-management': 'Case management',
};

const SIGNER_LABELS: Record<SignatureView['purpose'], string> = {
  author: 'Clinician',
  cosigner: 'Supervisor (co-signature)',
  patient: 'Patient',
};

const METHOD_LABELS: Record<SignatureView['method'], string> = {
  password: 're-entered password',
  totp: 'authenticator code',
  in_person: 'in person, witnessed',
  portal: 'patient portal',
};

const humanize = (code: string): string => {
  const text = code.replace(/[_.-]/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/** The version's status as every page's header says it. */
export const planStatusLabel = (version: PlanVersion): string =>
  version.status === 'signed' ? 'Signed' : 'Draft — not signed';

const drawContent = (w: PdfWriter, version: PlanVersion) => {
  const { problems } = version.content;
  if (problems.length === 0) {
    w.text('No problems are written in this version.', { italic: true });
    return;
  }
  problems.forEach((problem, p) => {
    w.heading(`Problem ${p + 1}: ${problem.statement || '(not described yet)'}`, 2);
    if (problem.dimensions.length > 0)
      w.labelled(
        'Dimensions',
        problem.dimensions.map((d) => `${DIMENSIONS[d].number} (${DIMENSIONS[d].label})`).join('; '),
        { indent: 12, size: 9.5 },
      );
    if (problem.goals.length === 0) w.text('No goal written yet.', { italic: true, indent: 12 });
    problem.goals.forEach((goal, g) => {
      w.heading(`Goal ${p + 1}.${g + 1}: “${goal.statement || '…'}”`, 3, 12);
      if (goal.objectives.length === 0) w.text('No objective written yet.', { italic: true, indent: 24 });
      goal.objectives.forEach((objective, o) => {
        w.gap(3);
        w.labelled(`Objective ${p + 1}.${g + 1}.${o + 1}`, objective.statement || '(not written yet)', {
          indent: 24,
        });
        w.labelled('Target date', printDate(objective.targetDate), { indent: 36, size: 9.5 });
        if (objective.interventions.length === 0) {
          w.labelled('Interventions', 'none listed', { indent: 36, size: 9.5 });
          return;
        }
        w.text('Interventions:', { bold: true, indent: 36, size: 9.5 });
        w.bullets(
          objective.interventions.map((i) => {
            const who = i.responsibleUserId ? version.staffNames[i.responsibleUserId] : undefined;
            return `${i.description} — ${MODALITY_LABELS[i.modality]}, ${i.frequency || 'frequency not set'}${who ? ` (responsible: ${who})` : ''}`;
          }),
          { indent: 40, size: 9.5 },
        );
      });
    });
  });
};

const drawReviewedObjective = (w: PdfWriter, objective: ReviewedObjective, version: PlanVersion) => {
  const progress = version.progress.find((p) => p.objectiveId === objective.objectiveId);
  w.gap(3);
  w.text(objective.statement, { bold: true });
  w.text(`Goal: “${objective.goal}”  ·  Problem: ${objective.problem}`, {
    indent: 12,
    size: 9,
    color: '#444444',
  });
  w.labelled('Progress', progress?.status ? PROGRESS_LABELS[progress.status] : 'not recorded', {
    indent: 12,
  });
  if (progress?.comment) w.labelled('Comment', progress.comment, { indent: 12 });
  if (objective.notes === null) return;
  if (objective.notes.length === 0) {
    w.text('No signed note addressed this objective since the last signature.', {
      indent: 12,
      size: 9,
      italic: true,
    });
    return;
  }
  w.text('Notes that addressed it:', { indent: 12, size: 9, bold: true });
  w.bullets(
    objective.notes.map(
      (n) => `${printDate(n.serviceDate)} — ${n.title} (${humanize(n.noteType)}, ${n.authorName})`,
    ),
    { indent: 16, size: 9 },
  );
};

const signatureLine = (s: SignatureView, timeZone: string): string =>
  `${s.signerName}${s.credential ? `, ${s.credential}` : ''} — signed ${printInstant(s.signedAt, timeZone)} (${METHOD_LABELS[s.method]})`;

const drawSignatures = (w: PdfWriter, version: PlanVersion, timeZone: string) => {
  w.heading('Signatures', 2);
  if (version.signatures.length === 0) {
    w.text('Not signed yet.', { italic: true });
  }
  for (const s of version.signatures) w.labelled(SIGNER_LABELS[s.purpose], signatureLine(s, timeZone));
  if (version.needsCosignature && !version.cosignedAt)
    w.text(`Awaiting co-signature by ${version.cosignerName ?? 'the supervisor'}.`, { italic: true });
  if (version.status === 'signed' && !version.signatures.some((s) => s.purpose === 'patient'))
    w.text('The patient has not signed this version.', { italic: true });
};

/** The PDF of one version of a treatment plan. */
export const renderTreatmentPlanPdf = (print: TreatmentPlanPrint): Promise<Buffer> => {
  const { version, patient, timeZone } = print;
  const signed = version.status === 'signed';
  const header: PrintHeader = {
    documentTitle: 'Treatment plan',
    patient,
    versionLabel: `Version ${version.number}`,
    statusLabel: planStatusLabel(version),
    statusWarning: !signed,
  };
  return renderPdf(
    header,
    { title: `Treatment plan, version ${version.number}`, createdAt: print.printedAt },
    (w) => {
      w.heading(`Treatment plan, version ${version.number}`, 1);
      w.text(
        version.kind === 'review' && version.reviewOf
          ? `Review of version ${version.reviewOf.number}. Written by ${version.authorName}; last saved ${printInstant(version.updatedAt, timeZone)} by ${version.updatedByName}.`
          : `Initial plan. Written by ${version.authorName}; last saved ${printInstant(version.updatedAt, timeZone)} by ${version.updatedByName}.`,
        { size: 9, color: '#444444' },
      );
      w.text(`Printed ${printInstant(print.printedAt.toISOString(), timeZone)}.`, {
        size: 9,
        color: '#444444',
      });
      if (!signed)
        w.box(40, () =>
          w.text(
            'DRAFT — NOT SIGNED. This version can still change and is not the patient’s treatment plan until it is signed.',
            { bold: true, color: '#b00020', indent: 4 },
          ),
        );
      drawContent(w, version);
      if (version.reviewOf) {
        w.heading(
          `Progress since version ${version.reviewOf.number} (signed ${printInstant(version.reviewOf.signedAt, timeZone)})`,
          2,
        );
        for (const objective of version.reviewOf.objectives) drawReviewedObjective(w, objective, version);
      }
      drawSignatures(w, version, timeZone);
    },
  );
};
