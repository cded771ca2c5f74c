import type { Coverage, Inquiry, InquirySummary } from '../../core/api/intake.js';
import { minutesSince } from '../../core/intake/age.js';
import type { InquirySubstance, UnitKind } from '../../core/intake/fields.js';
import type { PriorityPopulation } from '../../core/intake/priority.js';
import { allowedNextStages, type InquirySource, type InquiryStage } from '../../core/intake/stages.js';
import type { CoveragesTable, InquiriesTable } from '../../db/schema.js';

/** The columns a board card needs, with the assigned staff member's name. */
export type InquirySummaryRow = Pick<
  InquiriesTable,
  | 'id'
  | 'site_id'
  | 'source'
  | 'stage'
  | 'stage_changed_at'
  | 'first_name'
  | 'last_name'
  | 'phone'
  | 'priority_population'
  | 'priority_deadline'
  | 'waitlisted_at'
  | 'assessment_at'
  | 'wanted_track_id'
  | 'assigned_user_id'
  | 'patient_id'
  | 'created_at'
  | 'version'
> & { assigned_name: string | null };

export type InquiryDetailRow = InquiriesTable & {
  assigned_name: string | null;
  creator_name: string | null;
  track_name: string | null;
  site_name: string;
  site_time_zone: string;
};

/** Staff-facing card: every field that leaves the server is named here, and no clinical detail. */
export const presentInquirySummary = (row: InquirySummaryRow, now: Date): InquirySummary => ({
  id: row.id,
  siteId: row.site_id,
  source: row.source as InquirySource,
  stage: row.stage as InquiryStage,
  stageChangedAt: row.stage_changed_at,
  firstName: row.first_name,
  lastName: row.last_name,
  phone: row.phone,
  priorityPopulation: row.priority_population as PriorityPopulation | null,
  priorityDeadline: row.priority_deadline,
  waitlistedAt: row.waitlisted_at,
  assessmentAt: row.assessment_at,
  wantedTrackId: row.wanted_track_id,
  assignedTo:
    row.assigned_user_id !== null
      ? { id: row.assigned_user_id, displayName: row.assigned_name ?? 'Unknown user' }
      : null,
  patientId: row.patient_id,
  createdAt: row.created_at,
  ageMinutes: minutesSince(row.created_at, now),
  stageAgeMinutes: minutesSince(row.stage_changed_at, now),
  version: row.version,
});

const substancesOf = (json: string): InquirySubstance[] => {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((s): s is InquirySubstance => typeof s === 'string') : [];
  } catch {
    return [];
  }
};

/** The full inquiry for the staff who work on it. */
export const presentInquiry = (row: InquiryDetailRow, now: Date): Inquiry => ({
  ...presentInquirySummary(row, now),
  siteName: row.site_name,
  siteTimeZone: row.site_time_zone,
  closeReason: row.close_reason,
  dateOfBirth: row.date_of_birth,
  email: row.email,
  preferredLanguage: row.preferred_language === 'es' ? 'es' : 'en',
  contactWindow: row.contact_window,
  contactPreferences: {
    voicemailOk: row.voicemail_ok === 1,
    textsOk: row.texts_ok === 1,
    nameClinicOk: row.name_clinic_ok === 1,
  },
  consentToContact: row.consent_to_contact === 1,
  referrerName: row.referrer_name,
  referrerOrganization: row.referrer_organization,
  presentingConcern: row.presenting_concern,
  substances: substancesOf(row.substances),
  preferredSchedule: row.preferred_schedule,
  wantedTrackName: row.track_name,
  notes: row.notes,
  createdBy:
    row.created_by !== null ? { id: row.created_by, displayName: row.creator_name ?? 'Unknown user' } : null,
  updatedAt: row.updated_at,
  nextStages: [...allowedNextStages(row.stage as InquiryStage)],
});

export const presentCoverage = (row: CoveragesTable): Coverage => ({
  id: row.id,
  inquiryId: row.inquiry_id,
  patientId: row.patient_id,
  payerName: row.payer_name,
  memberId: row.member_id,
  authorizationNumber: row.authorization_number,
  authorizedUnits: row.authorized_units,
  unitKind: row.unit_kind as UnitKind,
  startsOn: row.starts_on,
  endsOn: row.ends_on,
  verified: row.verified === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});
