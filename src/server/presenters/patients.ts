import type { Episode, Patient, PatientSummary, Segment } from '../../core/api/patients.js';
import type { LevelOfCare } from '../../core/care/levels.js';
import type { EpisodesTable, PatientsTable } from '../../db/schema.js';

/** Staff-facing presenters: every field that leaves the server is named here. */

export interface SummaryRow {
  id: string;
  mrn: string;
  first_name: string;
  last_name: string;
  preferred_name: string | null;
  date_of_birth: string;
  status: string;
  site_id: string;
  primary_clinician_id: string | null;
  clinician_name: string | null;
  level_of_care: string | null;
}

export const presentPatientSummary = (row: SummaryRow, showLevel: boolean): PatientSummary => ({
  id: row.id,
  mrn: row.mrn,
  firstName: row.first_name,
  lastName: row.last_name,
  preferredName: row.preferred_name,
  dateOfBirth: row.date_of_birth,
  status: row.status as PatientSummary['status'],
  siteId: row.site_id,
  levelOfCare: showLevel ? ((row.level_of_care as LevelOfCare | null) ?? null) : null,
  primaryClinician:
    row.primary_clinician_id && row.clinician_name
      ? { id: row.primary_clinician_id, displayName: row.clinician_name }
      : null,
});

export interface SegmentRow {
  id: string;
  program_id: string;
  program_name: string;
  track_id: string | null;
  track_name: string | null;
  level_of_care: string;
  start_on: string;
  end_on: string | null;
  primary_clinician_id: string;
  clinician_name: string;
  assessment_id: string | null;
  change_kind: string;
  change_reason: string | null;
  backdate_reason: string | null;
  created_by: string;
  created_by_name: string;
  created_at: string;
}

export const presentSegment = (row: SegmentRow): Segment => ({
  id: row.id,
  programId: row.program_id,
  programName: row.program_name,
  trackId: row.track_id,
  trackName: row.track_name,
  levelOfCare: row.level_of_care as LevelOfCare,
  startOn: row.start_on,
  endOn: row.end_on,
  primaryClinician: { id: row.primary_clinician_id, displayName: row.clinician_name },
  assessmentId: row.assessment_id,
  changeKind: row.change_kind as Segment['changeKind'],
  changeReason: row.change_reason,
  backdateReason: row.backdate_reason,
  createdBy: { id: row.created_by, displayName: row.created_by_name },
  createdAt: row.created_at,
});

export const presentEpisode = (row: EpisodesTable, segments: SegmentRow[]): Episode => ({
  id: row.id,
  patientId: row.patient_id,
  siteId: row.site_id,
  status: row.status as Episode['status'],
  admittedOn: row.admitted_on,
  dischargedOn: row.discharged_on,
  dischargeType: row.discharge_type,
  dischargeNote: row.discharge_note,
  dischargeBackdateReason: row.discharge_backdate_reason,
  version: row.version,
  segments: segments.map(presentSegment),
});

export const presentPatient = (
  row: PatientsTable,
  extra: {
    siteName: string;
    siteTimeZone: string;
    clinicianName: string | null;
    currentEpisode: Episode | null;
    openAlertCount: number | null;
    accessBasis: string;
  },
): Patient => ({
  id: row.id,
  mrn: row.mrn,
  siteId: row.site_id,
  siteName: extra.siteName,
  siteTimeZone: extra.siteTimeZone,
  firstName: row.first_name,
  lastName: row.last_name,
  preferredName: row.preferred_name,
  dateOfBirth: row.date_of_birth,
  sexAtBirth: row.sex_at_birth,
  genderIdentity: row.gender_identity,
  pronouns: row.pronouns,
  phone: row.phone,
  email: row.email,
  addressLine: row.address_line,
  city: row.city,
  state: row.state,
  postalCode: row.postal_code,
  preferredLanguage: row.preferred_language === 'es' ? 'es' : 'en',
  priorityPopulation: row.priority_population,
  contactPreferences: {
    voicemailOk: row.voicemail_ok === 1,
    textsOk: row.texts_ok === 1,
    nameClinicOk: row.name_clinic_ok === 1,
    smsOptIn: row.sms_opt_in === 1,
    smsOptedOutAt: row.sms_opted_out_at,
  },
  status: row.status as Patient['status'],
  primaryClinician:
    row.primary_clinician_id && extra.clinicianName
      ? { id: row.primary_clinician_id, displayName: extra.clinicianName }
      : null,
  currentEpisode: extra.currentEpisode,
  openAlertCount: extra.openAlertCount,
  accessBasis: extra.accessBasis,
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});
