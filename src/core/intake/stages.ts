/**
 * The intake pipeline (SPEC §2): an inquiry moves from the first contact to admission, a referral
 * out, or closing. Pure rules: which moves are allowed and what each needs.
 */
export const INQUIRY_STAGES = [
  'new',
  'screened',
  'assessment_scheduled',
  'assessed',
  'admitted',
  'referred_out',
  'closed',
] as const;
export type InquiryStage = (typeof INQUIRY_STAGES)[number];

/** Where an inquiry came from: a phone call, a referral (by hand or CSV import), the public self-check. */
export const INQUIRY_SOURCES = ['phone', 'referral', 'self_check'] as const;
export type InquirySource = (typeof INQUIRY_SOURCES)[number];

export const STAGE_LABELS: Record<InquiryStage, string> = {
  new: 'New',
  screened: 'Screened',
  assessment_scheduled: 'Assessment scheduled',
  assessed: 'Assessed',
  admitted: 'Admitted',
  referred_out: 'Referred out',
  closed: 'Closed',
};

export const SOURCE_LABELS: Record<InquirySource, string> = {
  phone: 'Phone call',
  referral: 'Referral',
  self_check: 'Self-check',
};

export const TERMINAL_STAGES: readonly InquiryStage[] = ['admitted', 'referred_out', 'closed'];
export const OPEN_STAGES: readonly InquiryStage[] = INQUIRY_STAGES.filter(
  (s) => !TERMINAL_STAGES.includes(s),
);

export const isInquiryStage = (value: string): value is InquiryStage =>
  (INQUIRY_STAGES as readonly string[]).includes(value);
export const isTerminalStage = (stage: InquiryStage): boolean => TERMINAL_STAGES.includes(stage);

/**
 * Allowed moves. Anyone still open may be closed (no answer, chose another provider …) with a
 * reason. A missed assessment goes back to `screened` to be booked again. Terminal stages are final:
 * a person who calls again is a new inquiry, which keeps each attempt's history intact.
 */
const TRANSITIONS: Record<InquiryStage, readonly InquiryStage[]> = {
  new: ['screened', 'closed'],
  screened: ['assessment_scheduled', 'referred_out', 'closed'],
  assessment_scheduled: ['assessed', 'screened', 'closed'],
  assessed: ['admitted', 'referred_out', 'closed'],
  admitted: [],
  referred_out: [],
  closed: [],
};

export const allowedNextStages = (from: InquiryStage): readonly InquiryStage[] => TRANSITIONS[from];

/** The forward step of the happy path (the board's quick action), or null at the end. */
export const followingStage = (stage: InquiryStage): InquiryStage | null => {
  switch (stage) {
    case 'new':
      return 'screened';
    case 'screened':
      return 'assessment_scheduled';
    case 'assessment_scheduled':
      return 'assessed';
    case 'assessed':
      return 'admitted';
    case 'admitted':
    case 'referred_out':
    case 'closed':
      return null;
  }
};

export interface StageChange {
  from: InquiryStage;
  to: InquiryStage;
  /** Why the inquiry is closed; required for `closed`. */
  reason?: string | null | undefined;
  /** When the placement assessment happens; required for `assessment_scheduled`. */
  assessmentAt?: string | null | undefined;
  /** Whether the inquiry is already linked to a patient record. */
  hasPatient: boolean;
}

export type StageProblem =
  | { kind: 'not_allowed'; message: string }
  | { kind: 'missing'; field: 'reason' | 'assessmentAt'; message: string };

/** What stands in the way of a move: nothing when it may happen. */
export const stageChangeProblems = (change: StageChange): StageProblem[] => {
  const { from, to } = change;
  if (from === to) {
    return [{ kind: 'not_allowed', message: `The inquiry is already ${STAGE_LABELS[from].toLowerCase()}.` }];
  }
  if (!TRANSITIONS[from].includes(to)) {
    const options = TRANSITIONS[from].map((s) => STAGE_LABELS[s].toLowerCase());
    return [
      {
        kind: 'not_allowed',
        message:
          options.length === 0
            ? `A ${STAGE_LABELS[from].toLowerCase()} inquiry is final and cannot move.`
            : `An inquiry that is ${STAGE_LABELS[from].toLowerCase()} can move to ${options.join(' or ')}, not to ${STAGE_LABELS[to].toLowerCase()}.`,
      },
    ];
  }
  const problems: StageProblem[] = [];
  if (to === 'closed' && !(change.reason ?? '').trim()) {
    problems.push({ kind: 'missing', field: 'reason', message: 'Say why the inquiry is closed.' });
  }
  if (to === 'assessment_scheduled' && !change.assessmentAt) {
    problems.push({
      kind: 'missing',
      field: 'assessmentAt',
      message: 'Give the date and time of the assessment.',
    });
  }
  // Admission happens to a chart: convert the inquiry (or link it to the existing patient) first.
  if (to === 'admitted' && !change.hasPatient) {
    problems.push({
      kind: 'not_allowed',
      message: 'Convert the inquiry into a patient (or link it to an existing one) before admitting.',
    });
  }
  return problems;
};
