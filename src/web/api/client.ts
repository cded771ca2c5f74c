import type {
  CaseloadBody,
  CreateUserBody,
  Program,
  ProgramBody,
  Site,
  StaffUser,
  Track,
  UpdateUserBody,
} from '../../core/api/admin.js';
import type {
  CreateDiagnosisBody,
  Diagnosis,
  DiagnosisList,
  OverdoseSafety,
  PaperworkChecklist,
  RecordOverdoseSafetyBody,
  RecordPaperworkBody,
  UpdateDiagnosisBody,
} from '../../core/api/admission.js';
import type { Alert, CreateTaskBody, Task } from '../../core/api/alerts.js';
import type {
  BreakGlassBody,
  BreakGlassGrant,
  BreakGlassLookupBody,
  PatientStub,
} from '../../core/api/audit.js';
import type { LoginBody, LoginResult, Me, MfaEnrolBody } from '../../core/api/auth.js';
import type {
  AdmitBody,
  ChangeSegmentBody,
  CreatePatientBody,
  DischargeBody,
  Episode,
  Patient,
  PatientList,
  PatientListQuery,
  UpdatePatientBody,
} from '../../core/api/patients.js';
import type { Role } from '../../core/access/roles.js';
import type { Http } from './http.js';
import { createHomeApi } from './home.js';
import { createIntakeApi } from './intake.js';
import { createPlacementApi } from './placement.js';
import { createMeasuresApi } from './measures.js';
import { createNotesApi } from './notes.js';
import { createDrugScreensApi, createMedicationsApi } from './recovery.js';
import { createScheduleApi } from './schedule.js';
import { createAttendanceApi } from './attendance.js';
import { createCalendarFeedsApi } from './calendarFeeds.js';
import { createRemindersApi } from './reminders.js';
import { createScheduleRunsApi } from './scheduleRuns.js';
import { createTreatmentPlansApi } from './treatmentPlans.js';
import { createRecoveryApi } from './recoverySupports.js';
import { createCaseManagementApi } from './caseManagement.js';
import type {
  AlertFilter,
  ApiToken,
  AuditEventList,
  CreateApiTokenBody,
  CreatedApiToken,
  SiteBody,
  StaffOption,
  TaskFilter,
  TrackBody,
  UpdateProgramBody,
  UpdateSiteBody,
  UpdateTrackBody,
} from './types.js';

const seg = encodeURIComponent;

/** One function per endpoint of the staff API (`/api/v1`). */
export const createApi = (http: Http) => ({
  auth: {
    login: (body: LoginBody) => http.post<LoginResult>('/auth/login', body),
    enrolMfa: (body: MfaEnrolBody) =>
      http.post<Extract<LoginResult, { status: 'signed_in' }>>('/auth/mfa/enrol', body),
    logout: () => http.post<unknown>('/auth/logout'),
    me: (signal?: AbortSignal) => http.get<Me>('/me', undefined, signal),
  },

  patients: {
    list: (query: PatientListQuery, signal?: AbortSignal) =>
      http.get<PatientList>('/patients', query, signal),
    create: (body: CreatePatientBody) => http.post<Patient>('/patients', body),
    get: (id: string, signal?: AbortSignal) => http.get<Patient>(`/patients/${seg(id)}`, undefined, signal),
    update: (id: string, body: UpdatePatientBody) => http.patch<Patient>(`/patients/${seg(id)}`, body),
    episodes: (id: string, signal?: AbortSignal) =>
      http.get<Episode[]>(`/patients/${seg(id)}/episodes`, undefined, signal),
    admit: (id: string, body: AdmitBody) => http.post<Episode>(`/patients/${seg(id)}/episodes`, body),
    changeSegment: (id: string, episodeId: string, body: ChangeSegmentBody) =>
      http.post<Episode>(`/patients/${seg(id)}/episodes/${seg(episodeId)}/segments`, body),
    discharge: (id: string, episodeId: string, body: DischargeBody) =>
      http.post<Episode>(`/patients/${seg(id)}/episodes/${seg(episodeId)}/discharge`, body),
    alerts: (id: string, signal?: AbortSignal) =>
      http.get<Alert[]>(`/patients/${seg(id)}/alerts`, undefined, signal),
    audit: (id: string, page: { limit: number; offset: number }, signal?: AbortSignal) =>
      http.get<AuditEventList>(`/patients/${seg(id)}/audit`, page, signal),
  },

  /** Admission paperwork, diagnoses and overdose safety of one patient. */
  admission: {
    paperwork: (patientId: string, signal?: AbortSignal) =>
      http.get<PaperworkChecklist>(`/patients/${seg(patientId)}/paperwork`, undefined, signal),
    recordPaperwork: (patientId: string, item: string, body: RecordPaperworkBody) =>
      http.put<PaperworkChecklist>(`/patients/${seg(patientId)}/paperwork/${seg(item)}`, body),
    diagnoses: (patientId: string, signal?: AbortSignal) =>
      http.get<DiagnosisList>(`/patients/${seg(patientId)}/diagnoses`, undefined, signal),
    diagnose: (patientId: string, body: CreateDiagnosisBody) =>
      http.post<Diagnosis>(`/patients/${seg(patientId)}/diagnoses`, body),
    updateDiagnosis: (patientId: string, diagnosisId: string, body: UpdateDiagnosisBody) =>
      http.patch<Diagnosis>(`/patients/${seg(patientId)}/diagnoses/${seg(diagnosisId)}`, body),
    overdoseSafety: (patientId: string, signal?: AbortSignal) =>
      http.get<OverdoseSafety>(`/patients/${seg(patientId)}/overdose-safety`, undefined, signal),
    recordOverdoseSafety: (patientId: string, body: RecordOverdoseSafetyBody) =>
      http.put<OverdoseSafety>(`/patients/${seg(patientId)}/overdose-safety`, body),
  },

  alerts: {
    list: (status: AlertFilter, signal?: AbortSignal) => http.get<Alert[]>('/alerts', { status }, signal),
    acknowledge: (id: string, version: number) =>
      http.post<Alert>(`/alerts/${seg(id)}/acknowledge`, { version }),
    resolve: (id: string, version: number, note: string) =>
      http.post<Alert>(`/alerts/${seg(id)}/resolve`, { version, note }),
  },

  tasks: {
    list: (status: TaskFilter, signal?: AbortSignal) => http.get<Task[]>('/tasks', { status }, signal),
    create: (body: CreateTaskBody) => http.post<Task>('/tasks', body),
    complete: (id: string, version: number) => http.post<Task>(`/tasks/${seg(id)}/complete`, { version }),
  },

  breakGlass: {
    lookup: (body: BreakGlassLookupBody) => http.post<PatientStub>('/break-glass/lookup', body),
    grant: (body: BreakGlassBody) => http.post<BreakGlassGrant>('/break-glass', body),
    list: (signal?: AbortSignal) => http.get<BreakGlassGrant[]>('/break-glass', undefined, signal),
  },

  programs: {
    list: (signal?: AbortSignal) => http.get<Program[]>('/programs', undefined, signal),
  },

  intake: createIntakeApi(http),

  placement: createPlacementApi(http),

  measures: createMeasuresApi(http),
  notes: createNotesApi(http),

  medications: createMedicationsApi(http),
  drugScreens: createDrugScreensApi(http),

  schedule: createScheduleApi(http),

  attendance: createAttendanceApi(http),
  calendarFeeds: createCalendarFeedsApi(http),
  reminders: createRemindersApi(http),
  scheduleRuns: createScheduleRunsApi(http),
  treatmentPlans: createTreatmentPlansApi(http),
  recovery: createRecoveryApi(http),
  caseManagement: createCaseManagementApi(http),
  home: createHomeApi(http),

  staff: {
    list: (role?: Role, signal?: AbortSignal) => http.get<StaffOption[]>('/staff', { role }, signal),
  },

  admin: {
    users: {
      list: (signal?: AbortSignal) => http.get<StaffUser[]>('/admin/users', undefined, signal),
      create: (body: CreateUserBody) => http.post<StaffUser>('/admin/users', body),
      update: (id: string, body: UpdateUserBody) => http.patch<StaffUser>(`/admin/users/${seg(id)}`, body),
    },
    sites: {
      list: (signal?: AbortSignal) => http.get<Site[]>('/admin/sites', undefined, signal),
      create: (body: SiteBody) => http.post<Site>('/admin/sites', body),
      update: (id: string, body: UpdateSiteBody) => http.patch<Site>(`/admin/sites/${seg(id)}`, body),
    },
    programs: {
      list: (signal?: AbortSignal) => http.get<Program[]>('/admin/programs', undefined, signal),
      create: (body: ProgramBody) => http.post<Program>('/admin/programs', body),
      update: (id: string, body: UpdateProgramBody) =>
        http.patch<Program>(`/admin/programs/${seg(id)}`, body),
      addTrack: (programId: string, body: TrackBody) =>
        http.post<Track>(`/admin/programs/${seg(programId)}/tracks`, body),
    },
    tracks: {
      update: (id: string, body: UpdateTrackBody) => http.patch<Track>(`/admin/tracks/${seg(id)}`, body),
    },
    caseloads: {
      assign: (body: CaseloadBody) => http.post<unknown>('/admin/caseloads', body),
    },
    apiTokens: {
      list: (signal?: AbortSignal) => http.get<ApiToken[]>('/admin/api-tokens', undefined, signal),
      create: (body: CreateApiTokenBody) => http.post<CreatedApiToken>('/admin/api-tokens', body),
      revoke: (id: string) => http.post<void>(`/admin/api-tokens/${seg(id)}/revoke`),
    },
  },
});

export type Api = ReturnType<typeof createApi>;
