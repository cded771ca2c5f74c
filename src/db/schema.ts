import type { ColumnType, Generated } from 'kysely';

/**
 * Database types shared by SQLite and PostgreSQL. Portable choices: ids are text (UUID v4),
 * instants are ISO-8601 UTC text (`2026-11-24T10:00:00.000Z`), calendar dates are `YYYY-MM-DD`
 * text, booleans are integers 0/1, JSON is text. Every mutable clinical record has `version`
 * for optimistic concurrency.
 */
type Bool = number;
type Json = string;

export interface OrganizationsTable {
  id: string;
  name: string;
  created_at: string;
}

export interface SitesTable {
  id: string;
  organization_id: string;
  name: string;
  time_zone: string;
  on_call_user_id: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ProgramsTable {
  id: string;
  site_id: string;
  name: string;
  level_of_care: string;
  audience: string;
  min_weekly_hours: number;
  max_weekly_hours: number | null;
  typical_weeks_min: number;
  typical_weeks_max: number;
  active: Bool;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface TracksTable {
  id: string;
  program_id: string;
  name: string;
  /** JSON array of `{weekday: 1-7, start: "HH:MM", end: "HH:MM"}` in the site's time zone. */
  weekly_pattern: Json;
  active: Bool;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  role: string;
  password_hash: string;
  totp_secret: string | null;
  totp_enrolled_at: string | null;
  active: Bool;
  failed_logins: number;
  locked_until: string | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface UserSitesTable {
  user_id: string;
  site_id: string;
}

export interface CredentialsTable {
  user_id: string;
  licence_type: string | null;
  licence_number: string | null;
  licence_state: string | null;
  licence_expires_on: string | null;
  npi: string | null;
  may_diagnose: Bool;
  may_sign_placements: Bool;
  needs_cosignature: Bool;
  supervisor_id: string | null;
  updated_at: string;
  version: number;
}

export interface AuthSessionsTable {
  /** SHA-256 of the cookie token: a leaked database does not yield live sessions. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface MfaEnrolmentsTable {
  id: string;
  user_id: string;
  secret: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface PatientsTable {
  id: string;
  site_id: string;
  mrn: string;
  first_name: string;
  last_name: string;
  preferred_name: string | null;
  date_of_birth: string;
  sex_at_birth: string | null;
  gender_identity: string | null;
  pronouns: string | null;
  phone: string | null;
  email: string | null;
  address_line: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  preferred_language: string;
  voicemail_ok: Bool;
  texts_ok: Bool;
  name_clinic_ok: Bool;
  sms_opt_in: Bool;
  sms_opted_out_at: string | null;
  status: string;
  primary_clinician_id: string | null;
  priority_population: string | null;
  /** Lower-cased "first last preferred mrn dob" for trigram search. */
  search_text: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface CaseloadAssignmentsTable {
  id: string;
  patient_id: string;
  user_id: string;
  kind: string;
  assigned_at: string;
  assigned_by: string;
  ended_at: string | null;
}

export interface EpisodesTable {
  id: string;
  patient_id: string;
  site_id: string;
  admitted_on: string;
  discharged_on: string | null;
  discharge_type: string | null;
  discharge_note: string | null;
  discharge_backdate_reason: string | null;
  status: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface EnrolmentSegmentsTable {
  id: string;
  episode_id: string;
  patient_id: string;
  program_id: string;
  track_id: string | null;
  level_of_care: string;
  start_on: string;
  end_on: string | null;
  primary_clinician_id: string;
  assessment_id: string | null;
  change_kind: string;
  change_reason: string | null;
  backdate_reason: string | null;
  created_by: string;
  created_at: string;
}

export interface AlertsTable {
  id: string;
  patient_id: string | null;
  site_id: string | null;
  kind: string;
  severity: string;
  title: string;
  detail: string | null;
  source_type: string | null;
  source_id: string | null;
  recipient_user_id: string;
  status: string;
  raised_at: string;
  escalation_level: number;
  escalate_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution_note: string | null;
  version: number;
}

export interface TasksTable {
  id: string;
  patient_id: string | null;
  title: string;
  detail: string | null;
  owner_user_id: string;
  due_at: string;
  status: string;
  source_type: string | null;
  source_id: string | null;
  created_by: string | null;
  created_at: string;
  completed_at: string | null;
  completed_by: string | null;
  version: number;
}

export interface JobsTable {
  id: string;
  kind: string;
  payload: Json;
  run_at: string;
  status: string;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: string;
  updated_at: string;
}

export interface AuditEventsTable {
  /** Insertion order; the hash chain follows `chain_pos`, assigned when a batch is sealed. */
  seq: Generated<number>;
  id: string;
  at: string;
  actor_user_id: string | null;
  actor_role: string | null;
  action: string;
  /** JSON array of patient ids the event concerns (a search names every patient shown). */
  patient_ids: Json;
  record_type: string | null;
  record_id: string | null;
  ip: string | null;
  request_id: string | null;
  detail: Json | null;
  chain_pos: number | null;
  prev_hash: string | null;
  hash: string | null;
}

export interface AuditPatientIndexTable {
  audit_id: string;
  patient_id: string;
  at: string;
}

export interface AuditCheckpointsTable {
  id: string;
  chain_pos: number;
  hash: string;
  at: string;
}

export interface BreakGlassGrantsTable {
  id: string;
  user_id: string;
  patient_id: string;
  reason: string;
  granted_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface DisclosuresTable {
  id: string;
  patient_id: string;
  recipient: string;
  purpose: string;
  information: string;
  consent_id: string | null;
  disclosed_at: string;
  disclosed_by: string;
  method: string;
}

export interface SettingsTable {
  key: string;
  value: Json;
  updated_at: string;
  updated_by: string | null;
}

export interface CountersTable {
  name: string;
  value: ColumnType<number, number, number>;
}

export interface InquiriesTable {
  id: string;
  site_id: string;
  source: string;
  stage: string;
  stage_changed_at: string;
  close_reason: string | null;
  first_name: string;
  last_name: string | null;
  date_of_birth: string | null;
  phone: string | null;
  email: string | null;
  preferred_language: string;
  contact_window: string | null;
  voicemail_ok: Bool;
  texts_ok: Bool;
  name_clinic_ok: Bool;
  consent_to_contact: Bool;
  referrer_name: string | null;
  referrer_organization: string | null;
  presenting_concern: string | null;
  substances: Json;
  priority_population: string | null;
  /** 48 hours after the inquiry for priority populations (SPEC §2). */
  priority_deadline: string | null;
  preferred_schedule: string | null;
  wanted_track_id: string | null;
  waitlisted_at: string | null;
  assessment_at: string | null;
  assigned_user_id: string | null;
  patient_id: string | null;
  notes: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface CoveragesTable {
  id: string;
  inquiry_id: string | null;
  patient_id: string | null;
  payer_name: string;
  member_id: string | null;
  authorization_number: string | null;
  authorized_units: number | null;
  unit_kind: string;
  starts_on: string | null;
  ends_on: string | null;
  verified: Bool;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface AdmissionPaperworkTable {
  patient_id: string;
  item: string;
  status: string;
  waived_reason: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface DiagnosesTable {
  id: string;
  patient_id: string;
  icd10_code: string;
  substance: string;
  dsm5_criteria: number;
  severity: string;
  specifiers: Json;
  diagnosed_on: string;
  diagnosed_by: string;
  status: string;
  status_reason: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface PlacementRuleTablesTable {
  version: string;
  rows: Json;
  created_by: string | null;
  created_at: string;
}

export interface PlacementAssessmentsTable {
  id: string;
  inquiry_id: string | null;
  patient_id: string | null;
  episode_id: string | null;
  kind: string;
  status: string;
  answers: Json;
  ratings: Json | null;
  rating_notes: Json;
  flags: Json;
  dsm5_criteria: number | null;
  factors: Json;
  measures: Json;
  result: Json | null;
  table_version: string | null;
  recommended_level: string | null;
  decision: string | null;
  final_level: string | null;
  override_reason: string | null;
  drafted_by: string;
  signed_by: string | null;
  signed_at: string | null;
  applied_segment_id: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ReferralsOutTable {
  id: string;
  inquiry_id: string | null;
  patient_id: string | null;
  assessment_id: string | null;
  to_organization: string;
  level: string;
  status: string;
  status_reason: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface MeasureResponsesTable {
  id: string;
  patient_id: string;
  instrument_code: string;
  instrument_version: string;
  total: number | null;
  band: string | null;
  subscales: Json | null;
  flags: Json;
  sex: string | null;
  source: string;
  administered_by: string | null;
  administered_at: string;
  created_at: string;
}

export interface MeasureResponseItemsTable {
  response_id: string;
  item_number: number;
  answer: number;
  score: number;
}

export interface MeasureSchedulesTable {
  program_id: string;
  instrument_code: string;
  at_admission: Bool;
  every_days: number | null;
}

export interface OverdoseSafetyTable {
  patient_id: string;
  education_given_on: string | null;
  naloxone_status: string;
  updated_by: string;
  updated_at: string;
  version: number;
}

export interface SafetyAssessmentsTable {
  id: string;
  patient_id: string;
  alert_id: string | null;
  outcome: string;
  risk_level: string | null;
  assessment: string;
  safety_plan: string | null;
  emergency_action: string | null;
  documented_by: string;
  documented_at: string;
}

export interface RoomsTable {
  id: string;
  site_id: string;
  name: string;
  seats: number;
  active: Bool;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A recurring session (a one-off has starts_on = ends_on). Times are site-local; occurrences are computed. */
export interface SessionSeriesTable {
  id: string;
  site_id: string;
  program_id: string | null;
  track_id: string | null;
  /** `SessionKind`: group, individual, family, medication, case-management. */
  kind: string;
  title: string;
  clinician_id: string;
  room_id: string | null;
  telehealth_url: string | null;
  capacity: number;
  /** rolling | closed-cohort */
  enrolment: string;
  /** adult | adolescent */
  audience: string;
  /** Gender-specific groups; null = any. */
  gender: string | null;
  /** ISO weekdays 1–7, comma-separated ("1,3,5"). */
  weekdays: string;
  /** HH:MM at the site. */
  start_time: string;
  duration_minutes: number;
  every_weeks: number;
  starts_on: string;
  ends_on: string | null;
  archived_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface SeriesExceptionsTable {
  id: string;
  series_id: string;
  scheduled_date: string;
  /** cancelled | moved */
  kind: string;
  reason: string | null;
  to_date: string | null;
  to_start_time: string | null;
  duration_minutes: number | null;
  room_id: string | null;
  clinician_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface SeriesMembershipsTable {
  id: string;
  series_id: string;
  patient_id: string;
  joined_on: string;
  /** First date no longer booked; null = still a member. */
  left_on: string | null;
  /** Kept by the scheduler's later runs. */
  pinned: Bool;
  recorded_at: string;
  created_by: string;
  ended_by: string | null;
  updated_at: string;
  version: number;
}

export interface ClinicClosuresTable {
  id: string;
  site_id: string;
  reason: string;
  /** Whole site-local days (inclusive) … */
  from_date: string | null;
  to_date: string | null;
  /** … or a span of instants. */
  starts_at: string | null;
  ends_at: string | null;
  created_by: string;
  created_at: string;
  withdrawn_at: string | null;
}

export interface CapacityCapsTable {
  id: string;
  /** program | state | payer */
  source: string;
  label: string;
  max_patients: number;
  /** JSON `{kinds?, programIds?, siteIds?, payerIds?}`. */
  conditions: Json;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface RollCallsTable {
  id: string;
  occurrence_key: string;
  series_id: string;
  scheduled_date: string;
  local_date: string;
  /** held | cancelled */
  status: string;
  cancellation_reason: string | null;
  actual_start_at: string;
  actual_end_at: string;
  leader_id: string;
  recorded_by: string;
  recorded_at: string;
  updated_at: string;
  version: number;
}

/** Minutes attended per patient per session: the fact hours, compliance and billing derive from. */
export interface AttendanceRecordsTable {
  id: string;
  roll_call_id: string;
  occurrence_key: string;
  patient_id: string;
  local_date: string;
  start_at: string;
  /** attended | absent-excused | absent-unexcused */
  status: string;
  minutes: number;
  late_minutes: number;
  left_early_at: string | null;
  /** in-person | video | audio-only; null when absent. */
  mode: string | null;
  patient_location: string | null;
  absence_reason: string | null;
  booked: Bool;
  /** make-up | unscheduled; null when booked. */
  unbooked_kind: string | null;
  make_up_for: string | null;
}

export interface CalendarFeedsTable {
  id: string;
  /** patient | clinician */
  owner_kind: string;
  owner_id: string;
  token_hash: string;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
}

export interface AttendanceTapersTable {
  id: string;
  patient_id: string;
  starts_on: string;
  weeks: number;
  reason: string;
  created_by: string;
  created_at: string;
}

/** One patient's booking change for one occurrence, layered on series memberships. */
export interface OccurrenceBookingsTable {
  id: string;
  series_id: string;
  scheduled_date: string;
  patient_id: string;
  /** `add` | `skip` */
  kind: string;
  pinned: Bool;
  /** `scheduler` | `staff` */
  source: string;
  run_id: string | null;
  created_by: string;
  created_at: string;
}

export interface PatientSchedulePreferencesTable {
  patient_id: string;
  /** JSON array of `{weekday: 1-7, start: "HH:MM", end: "HH:MM"}` in the site's time zone. */
  availability: Json;
  updated_by: string;
  updated_at: string;
  version: number;
}

export interface ScheduleRunsTable {
  id: string;
  site_id: string;
  track_id: string | null;
  week_start: string;
  /** queued | running | done | failed | applied | superseded */
  status: string;
  time_limit_ms: number;
  /** JSON: the solver's input and what the diff is computed against. */
  input: Json;
  /** Hash of the week's seats the run started from: apply refuses when they changed. */
  fingerprint: string;
  result: Json | null;
  error: string | null;
  created_by: string;
  created_at: string;
  finished_at: string | null;
  applied_by: string | null;
  applied_at: string | null;
  version: number;
}

/** One reminder per patient, occurrence and channel: queued, sent, skipped (with why) or failed. */
export interface ReminderDeliveriesTable {
  id: string;
  patient_id: string;
  /** `<series id>@<scheduled date>`. */
  occurrence_key: string;
  occurrence_start: string;
  /** email | sms */
  channel: string;
  /** queued | sent | skipped | failed */
  status: string;
  reason: string | null;
  attempts: number;
  /** A sender's lease on a queued or failed delivery. */
  claimed_until: string | null;
  provider_id: string | null;
  sent_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Messages the development sender "sends" (and SMS until a gateway is plugged in). */
export interface OutboxMessagesTable {
  id: string;
  channel: string;
  to: string;
  subject: string | null;
  body: string;
  created_at: string;
  delivery_id: string | null;
}

/** Append-only: one row per signature on a clinical document (SPEC §7 "Signed"). */
export interface SignaturesTable {
  id: string;
  patient_id: string;
  subject_type: string;
  subject_id: string;
  purpose: 'author' | 'cosigner' | 'patient';
  user_id: string | null;
  signer_name: string;
  credential: string | null;
  method: 'password' | 'totp' | 'in_person' | 'portal';
  content_hash: string;
  signed_at: string;
}

/** One note in one patient's chart (SPEC §7); locked by the database once signed. */
export interface ClinicalNotesTable {
  id: string;
  patient_id: string;
  site_id: string;
  episode_id: string | null;
  note_type: string;
  template_key: string;
  title: string;
  author_user_id: string;
  service_date: string;
  roll_call_id: string | null;
  occurrence_key: string | null;
  minutes: number | null;
  group_note_id: string | null;
  /** JSON `{ sections: { key: text } }`. */
  body: Json;
  /** JSON array of plan objective ids. */
  objective_ids: Json;
  /** draft | signed */
  status: string;
  needs_cosignature: Bool;
  cosigner_user_id: string | null;
  signed_at: string | null;
  cosigned_at: string | null;
  cosigned_by: string | null;
  due_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A group note while written once for the whole session; never shown in a chart. */
export interface GroupNotesTable {
  id: string;
  site_id: string;
  roll_call_id: string;
  series_id: string;
  service_date: string;
  title: string;
  author_user_id: string;
  narrative: string;
  /** JSON array of `{ patientId, minutes, section, objectiveIds }`. */
  attendees: Json;
  /** draft | signed */
  status: string;
  signed_at: string | null;
  due_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface NoteAddendaTable {
  id: string;
  note_id: string;
  patient_id: string;
  author_user_id: string;
  body: string;
  created_at: string;
}

export interface NoteObjectivesTable {
  note_id: string;
  patient_id: string;
  objective_id: string;
  service_date: string;
}

export interface NoteTemplatesTable {
  id: string;
  key: string;
  note_type: string;
  name: string;
  /** JSON array of `{ key, label, hint }`. */
  sections: Json;
  active: Bool;
  updated_by: string | null;
  updated_at: string;
  version: number;
}

/** SUD counseling (process) notes: readable by their author only (SPEC §10). */
export interface ProcessNotesTable {
  id: string;
  patient_id: string;
  author_user_id: string;
  service_date: string;
  body: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A patient's family or support contact (SPEC §9). Not a consent: grants no access or disclosure. */
export interface SupportContactsTable {
  id: string;
  patient_id: string;
  name: string;
  /** parent | partner | child | sibling | friend | sponsor | other */
  relationship: string;
  relationship_detail: string | null;
  /** E.164. */
  phone: string;
  email: string | null;
  emergency_contact: Bool;
  in_relapse_plan: Bool;
  family_session_participant: Bool;
  notes: string | null;
  archived_at: string | null;
  archived_by: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A contact taking part in one of the patient's family series. */
export interface FamilySessionContactsTable {
  series_id: string;
  contact_id: string;
  patient_id: string;
  added_by: string;
  added_at: string;
}

export interface RelapsePreventionPlansTable {
  id: string;
  patient_id: string;
  /** Number of the newest row in relapse_prevention_plan_versions. */
  current_version: number;
  patient_visible: Bool;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** Append-only: one row per saved change of a relapse prevention plan. */
export interface RelapsePreventionPlanVersionsTable {
  id: string;
  plan_id: string;
  patient_id: string;
  version_number: number;
  /** JSON `PlanContent`. */
  content: Json;
  saved_by: string;
  saved_at: string;
}

export interface CaseNeedsTable {
  id: string;
  patient_id: string;
  /** `NeedDomain` */
  domain: string;
  /** `NeedStatus` */
  status: string;
  /** `NeedPriority` */
  priority: string;
  note: string | null;
  identified_on: string;
  status_changed_at: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A referral to an outside organisation (not a level-of-care referral: see referrals_out). */
export interface CommunityReferralsTable {
  id: string;
  patient_id: string;
  need_id: string | null;
  organisation: string;
  contact_name: string | null;
  phone: string | null;
  /** `NeedDomain` */
  domain: string;
  /** `ReferralStatus` */
  status: string;
  referred_on: string;
  sent_on: string | null;
  closed_on: string | null;
  outcome_note: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface TreatmentPlansTable {
  id: string;
  patient_id: string;
  episode_id: string;
  created_by: string;
  created_at: string;
}

export interface TreatmentPlanVersionsTable {
  id: string;
  plan_id: string;
  patient_id: string;
  number: number;
  /** initial | review */
  kind: string;
  /** draft | signed */
  status: string;
  /** JSON PlanContent. */
  content: Json;
  /** JSON ObjectiveProgress[] (reviews). */
  progress: Json;
  reviews_version_id: string | null;
  author_user_id: string;
  updated_by: string;
  signed_at: string | null;
  signed_by: string | null;
  content_hash: string | null;
  needs_cosignature: Bool;
  cosigner_user_id: string | null;
  cosigned_at: string | null;
  cosigned_by: string | null;
  patient_signed_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface PlanTemplatesTable {
  id: string;
  key: string;
  name: string;
  dimension: string;
  /** JSON PlanTemplateContent. */
  content: Json;
  active: Bool;
  updated_by: string | null;
  updated_at: string;
  version: number;
}

export interface Database {
  organizations: OrganizationsTable;
  sites: SitesTable;
  programs: ProgramsTable;
  tracks: TracksTable;
  users: UsersTable;
  user_sites: UserSitesTable;
  credentials: CredentialsTable;
  auth_sessions: AuthSessionsTable;
  mfa_enrolments: MfaEnrolmentsTable;
  api_tokens: ApiTokensTable;
  patients: PatientsTable;
  caseload_assignments: CaseloadAssignmentsTable;
  episodes: EpisodesTable;
  enrolment_segments: EnrolmentSegmentsTable;
  alerts: AlertsTable;
  tasks: TasksTable;
  jobs: JobsTable;
  audit_events: AuditEventsTable;
  audit_patient_index: AuditPatientIndexTable;
  audit_checkpoints: AuditCheckpointsTable;
  break_glass_grants: BreakGlassGrantsTable;
  disclosures: DisclosuresTable;
  settings: SettingsTable;
  counters: CountersTable;
  inquiries: InquiriesTable;
  coverages: CoveragesTable;
  admission_paperwork: AdmissionPaperworkTable;
  diagnoses: DiagnosesTable;
  placement_rule_tables: PlacementRuleTablesTable;
  placement_assessments: PlacementAssessmentsTable;
  referrals_out: ReferralsOutTable;
  measure_responses: MeasureResponsesTable;
  measure_response_items: MeasureResponseItemsTable;
  measure_schedules: MeasureSchedulesTable;
  overdose_safety: OverdoseSafetyTable;
  safety_assessments: SafetyAssessmentsTable;
  rooms: RoomsTable;
  session_series: SessionSeriesTable;
  series_exceptions: SeriesExceptionsTable;
  series_memberships: SeriesMembershipsTable;
  clinic_closures: ClinicClosuresTable;
  capacity_caps: CapacityCapsTable;
  roll_calls: RollCallsTable;
  attendance_records: AttendanceRecordsTable;
  calendar_feeds: CalendarFeedsTable;
  attendance_tapers: AttendanceTapersTable;
  occurrence_bookings: OccurrenceBookingsTable;
  patient_schedule_preferences: PatientSchedulePreferencesTable;
  schedule_runs: ScheduleRunsTable;
  reminder_deliveries: ReminderDeliveriesTable;
  outbox_messages: OutboxMessagesTable;
  signatures: SignaturesTable;
  clinical_notes: ClinicalNotesTable;
  group_notes: GroupNotesTable;
  note_addenda: NoteAddendaTable;
  note_objectives: NoteObjectivesTable;
  note_templates: NoteTemplatesTable;
  process_notes: ProcessNotesTable;
  medications: MedicationsTable;
  drug_screens: DrugScreensTable;
  support_contacts: SupportContactsTable;
  family_session_contacts: FamilySessionContactsTable;
  relapse_prevention_plans: RelapsePreventionPlansTable;
  relapse_prevention_plan_versions: RelapsePreventionPlanVersionsTable;
  case_needs: CaseNeedsTable;
  community_referrals: CommunityReferralsTable;
  treatment_plans: TreatmentPlansTable;
  treatment_plan_versions: TreatmentPlanVersionsTable;
  plan_templates: PlanTemplatesTable;
}

export interface MedicationsTable {
  id: string;
  patient_id: string;
  name: string;
  dose: string | null;
  route: string | null;
  frequency: string | null;
  prescriber_name: string | null;
  prescriber_organization: string | null;
  started_on: string;
  stopped_on: string | null;
  stop_reason: string | null;
  stopped_by: string | null;
  mat_type: string | null;
  otp_name: string | null;
  notes: string | null;
  removed_at: string | null;
  removed_by: string | null;
  removed_reason: string | null;
  recorded_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** Append-only: a correction is a new row whose `corrects_id` names the row it supersedes. */
export interface DrugScreensTable {
  id: string;
  patient_id: string;
  original_id: string;
  corrects_id: string | null;
  correction_reason: string | null;
  collected_on: string;
  specimen: string;
  panel: string;
  method: string;
  refused: number;
  results: Json;
  confirms_id: string | null;
  notes: string | null;
  interpretation: Json;
  needs_review: number;
  recorded_by: string;
  recorded_at: string;
}
