import type { Consideration, ConsiderationCode, PlacementFactors, PlacementLevel } from './placementTypes.js';
import type { Rating, WithdrawalManagement } from './ruleTable.js';

/**
 * Plan-shaping notes (SPEC §3: the seeds' decision factors "shape the plan"). They never change the
 * level; the clinician reads them next to it.
 */

const TEXT: Record<ConsiderationCode, string> = {
  emergency_referral:
    'Refer to emergency services now (call 911, or 988 for the Suicide & Crisis Lifeline); reassess placement once the emergency has been addressed.',
  early_intervention:
    'Offer education and brief intervention; reassess if use increases or more criteria appear.',
  sub_threshold_criteria:
    'Fewer than 2 DSM-5 criteria, but a safety-relevant need (withdrawal management, 24-hour supervision, or a serious medical or psychiatric condition) is placed by the table; consider whether a medical or mental-health setting fits better.',
  continuing_care:
    'Fewer than 2 DSM-5 criteria now, placed by the table as continuing care (reassessment inside an episode, early remission or a controlled environment).',
  dsm5_not_recorded:
    'The DSM-5 criteria count is not recorded: confirm the diagnosis and severity before admission.',
  motivational_enhancement: 'Readiness to change is low: add motivational enhancement to the plan.',
  ambulatory_wm:
    'Ambulatory withdrawal management: arrange prescriber oversight and withdrawal monitoring alongside the program.',
  evening_track: 'Needs an evening track to keep up with work, school or family responsibilities.',
  day_track: 'Prefers a day track.',
  responsibilities_leave:
    'This level is not compatible with current work, school or caregiving: help arrange leave, school accommodations or childcare.',
  home_unsafe:
    'Home is not safe for recovery: consider a recovery residence or other safe housing, and check that dimension 6 reflects it.',
  no_support: 'No one at home supports recovery: build support through peer groups and family sessions.',
  relapse_history:
    'Returned to use after earlier treatment: review what helped and what fell short, and plan relapse prevention early.',
  prior_authorization:
    "Check the payer's prior-authorization rules; the rationale states why a lower level is not enough and why a higher one is not needed.",
  coverage_unverified: 'Coverage is unverified: verify benefits before the first session.',
  no_coverage: 'No coverage: offer the sliding fee scale and help applying for public coverage.',
  self_pay: 'Self-pay: offer the sliding fee scale.',
};

const note = (code: ConsiderationCode): Consideration => ({ code, text: TEXT[code] });

const OUTPATIENT: readonly PlacementLevel[] = ['OP', 'IOP'];
const AUTHORIZED: readonly PlacementLevel[] = ['IOP', 'PHP', 'RES', 'INP'];

export interface ConsiderationContext {
  level: PlacementLevel;
  withdrawalManagement: WithdrawalManagement;
  readiness: Rating;
  subThreshold: 'none' | 'placed_for_safety' | 'continuing_care' | 'no_level';
  dsm5Recorded: boolean;
  factors: PlacementFactors;
}

/**
 * The day/evening track applies to OP and IOP only: PHP runs in the daytime and RES/INP are
 * residential, so responsibilities there mean arranging leave instead. Without an explicit
 * preference, work or school suggests the evening track; caregiving alone does not, since
 * caregivers' free hours vary.
 */
const scheduleNotes = (level: PlacementLevel, factors: PlacementFactors): ConsiderationCode[] => {
  const responsibilities = factors.responsibilities ?? [];
  if (OUTPATIENT.includes(level)) {
    if (factors.preferredSchedule === 'evening') return ['evening_track'];
    if (factors.preferredSchedule === 'day') return ['day_track'];
    return responsibilities.includes('work') || responsibilities.includes('school') ? ['evening_track'] : [];
  }
  return level !== 'NONE' && responsibilities.length > 0 ? ['responsibilities_leave'] : [];
};

/** Coverage only matters once there is a level to pay for. */
const coverageNotes = (level: PlacementLevel, factors: PlacementFactors): ConsiderationCode[] => {
  if (level === 'NONE') return [];
  switch (factors.coverage) {
    case undefined:
      return [];
    case 'verified':
      return AUTHORIZED.includes(level) ? ['prior_authorization'] : [];
    case 'unverified':
      return ['coverage_unverified'];
    case 'none':
      return ['no_coverage'];
    case 'self_pay':
      return ['self_pay'];
  }
};

export const considerationsFor = (context: ConsiderationContext): Consideration[] => {
  const { level, factors } = context;
  if (level === 'EMERGENCY') return [note('emergency_referral')];
  const codes: ConsiderationCode[] = [];
  if (context.subThreshold === 'no_level') codes.push('early_intervention');
  if (context.subThreshold === 'placed_for_safety') codes.push('sub_threshold_criteria');
  if (context.subThreshold === 'continuing_care') codes.push('continuing_care');
  if (!context.dsm5Recorded) codes.push('dsm5_not_recorded');
  if (context.readiness >= 2) codes.push('motivational_enhancement');
  if (context.withdrawalManagement === 'ambulatory') codes.push('ambulatory_wm');
  codes.push(...scheduleNotes(level, factors));
  if (factors.homeSafe === false) codes.push('home_unsafe');
  if (factors.supportPresent === false) codes.push('no_support');
  if (factors.relapseAfterTreatment === true) codes.push('relapse_history');
  codes.push(...coverageNotes(level, factors));
  return codes.map(note);
};
