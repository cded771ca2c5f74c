import type { PlanVersion } from '../../core/api/recovery.js';
import { formatPhone } from '../../core/recovery/phone.js';
import { type ItemSection, SECTION_LABELS } from '../../core/recovery/relapsePlan.js';
import { type PdfWriter, type PrintHeader, type PrintedPatient, renderPdf } from './pdfDocument.js';
import { printInstant } from './printDates.js';

/**
 * A version of the relapse prevention plan on paper (SPEC §9: "printable"), in the patient's own
 * words and the order the chart uses: triggers, warning signs, what helps, people to call, crisis
 * steps with the crisis lines in a box that stands out, reasons for recovery. The plan is not
 * signed; the header says instead whether this is the current version or one a newer one replaced.
 */

export interface RelapsePlanPrint {
  version: PlanVersion;
  patient: PrintedPatient;
  /** The site's time zone: the save time is printed in it. */
  timeZone: string;
  printedAt: Date;
}

/** The version's standing as every page's header says it. */
export const relapsePlanStatusLabel = (version: PlanVersion): string =>
  version.current ? 'Current version' : 'Replaced by a newer version';

const section = (w: PdfWriter, heading: string, items: readonly string[]) => {
  w.heading(heading, 2);
  if (items.length === 0) w.text('Nothing written.', { italic: true, color: '#444444' });
  else w.bullets(items);
};

const ITEM_ORDER_BEFORE_CONTACTS: readonly ItemSection[] = ['triggers', 'warningSigns', 'copingStrategies'];

const drawCrisisLines = (w: PdfWriter, version: PlanVersion) => {
  const lines = version.content.crisisLines;
  w.box(30 + 14 * (lines.length + 1), () => {
    w.text('If you are in danger or thinking of harming yourself', { bold: true, size: 11, indent: 4 });
    w.gap(2);
    w.bullets([...lines.map((l) => `${l.name}: ${formatPhone(l.number)}`), 'Emergency: 911'], { indent: 4 });
  });
};

/** The PDF of one version of a patient's relapse prevention plan. */
export const renderRelapsePlanPdf = (print: RelapsePlanPrint): Promise<Buffer> => {
  const { version, patient, timeZone } = print;
  const c = version.content;
  const header: PrintHeader = {
    documentTitle: 'Relapse prevention plan',
    patient,
    versionLabel: `Version ${version.versionNumber}`,
    statusLabel: relapsePlanStatusLabel(version),
    statusWarning: !version.current,
  };
  return renderPdf(
    header,
    { title: `Relapse prevention plan, version ${version.versionNumber}`, createdAt: print.printedAt },
    (w) => {
      w.heading(`Relapse prevention plan, version ${version.versionNumber}`, 1);
      w.text(
        `Written ${printInstant(version.savedAt, timeZone)} with ${version.savedBy.displayName}. Printed ${printInstant(print.printedAt.toISOString(), timeZone)}.`,
        { size: 9, color: '#444444' },
      );
      if (!version.current)
        w.text('A newer version of this plan replaces this one. Ask for the current plan.', {
          bold: true,
          color: '#b00020',
        });
      for (const s of ITEM_ORDER_BEFORE_CONTACTS) section(w, SECTION_LABELS[s], c[s]);
      section(w, SECTION_LABELS.supportContacts, [
        ...c.supportContacts.map((p) => `${p.name} (${p.relationship}): ${formatPhone(p.phone)}`),
        ...c.otherSupports,
      ]);
      section(w, SECTION_LABELS.crisisSteps, c.crisisSteps);
      w.gap(6);
      drawCrisisLines(w, version);
      section(w, SECTION_LABELS.reasonsForRecovery, c.reasonsForRecovery);
      w.gap(10);
      w.text(
        'This plan is yours. Keep it somewhere you can find it, and bring it to your sessions so we can update it together.',
        { italic: true, size: 9.5 },
      );
    },
  );
};
