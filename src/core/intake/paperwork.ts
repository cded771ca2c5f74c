import type { FieldError } from '../errors/domainError.js';

/**
 * The admission paperwork checklist (SPEC §2): admission waits until every item is complete, or
 * explicitly waived with a reason.
 *
 * Rows are kept per patient, not per episode: a patient readmitted after a discharge keeps the
 * checklist recorded for the earlier episode, and staff re-record any item that must be signed again
 * (recording an item again replaces the earlier entry and is audited). Each item shows when and by
 * whom it was last recorded, so a stale document is visible on the checklist.
 */
export const PAPERWORK_ITEMS = [
  'consent_to_treatment',
  'part2_notice',
  'privacy_notice',
  'patient_rights',
  'program_agreement',
] as const;
export type PaperworkItem = (typeof PAPERWORK_ITEMS)[number];

export const PAPERWORK_LABELS: Readonly<Record<PaperworkItem, string>> = {
  consent_to_treatment: 'Consent to treatment',
  part2_notice: 'Part 2 patient notice',
  privacy_notice: 'Privacy-notice acknowledgment',
  patient_rights: 'Patient rights and grievance procedure',
  program_agreement: 'Program agreement',
};

export const PAPERWORK_STATUSES = ['pending', 'complete', 'waived'] as const;
export type PaperworkStatus = (typeof PAPERWORK_STATUSES)[number];

export const isPaperworkItem = (value: string): value is PaperworkItem =>
  (PAPERWORK_ITEMS as readonly string[]).includes(value);

/** One recorded checklist entry, as stored. */
export interface PaperworkEntry {
  item: string;
  status: string;
  waivedReason: string | null;
}

export interface PaperworkGate {
  complete: boolean;
  /** Items neither complete nor waived with a reason, in checklist order. */
  missing: PaperworkItem[];
}

const satisfies = (entry: PaperworkEntry | undefined): boolean =>
  entry !== undefined &&
  (entry.status === 'complete' || (entry.status === 'waived' && (entry.waivedReason ?? '').trim() !== ''));

/** Whether the checklist lets the patient be admitted; entries for unknown items are ignored. */
export const paperworkGate = (entries: readonly PaperworkEntry[]): PaperworkGate => {
  const byItem = new Map(entries.map((e) => [e.item, e]));
  const missing = PAPERWORK_ITEMS.filter((item) => !satisfies(byItem.get(item)));
  return { complete: missing.length === 0, missing };
};

/** `Consent to treatment, Part 2 patient notice and Program agreement`. */
export const listOfItems = (items: readonly PaperworkItem[]): string => {
  const labels = items.map((item) => PAPERWORK_LABELS[item]);
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1] ?? ''}`;
};

/** The message and named fields of a refused admission, one field per missing item. */
export const incompletePaperworkProblem = (
  missing: readonly PaperworkItem[],
): { message: string; fields: FieldError[] } => ({
  message: `The admission paperwork is not complete: ${listOfItems(missing)} ${
    missing.length === 1 ? 'is' : 'are'
  } neither complete nor waived with a reason. Record each on the Admission tab, then admit.`,
  fields: missing.map((item) => ({
    field: `/paperwork/${item}`,
    message: `${PAPERWORK_LABELS[item]} is not complete or waived`,
  })),
});

/** Checks one checklist entry before it is recorded: a waiver needs its reason, nothing else has one. */
export const checkPaperworkEntry = (
  status: PaperworkStatus,
  waivedReason: string | undefined,
): FieldError[] => {
  const reason = waivedReason?.trim() ?? '';
  if (status === 'waived' && reason === '')
    return [{ field: '/waivedReason', message: 'is required to waive an item: say why it is waived' }];
  if (status !== 'waived' && reason !== '')
    return [{ field: '/waivedReason', message: 'is only recorded when the item is waived' }];
  return [];
};
