import type {
  AdministerMeasureBody,
  AdministeredMeasure,
  CreateSafetyAssessmentBody,
  Instrument,
  MeasureResponse,
  MeasureSchedule,
  MeasuresDue,
  MeasureTrend,
  SafetyAssessment,
  ScoreBody,
  ScoreResult,
  UpdateMeasureScheduleBody,
} from '../../core/api/measures.js';
import type { Http } from './http.js';

const seg = encodeURIComponent;

/** Measurement-based care: instruments, a patient's measures, due lists, schedules, safety assessments. */
export const createMeasuresApi = (http: Http) => ({
  instruments: (signal?: AbortSignal) => http.get<Instrument[]>('/instruments', undefined, signal),
  score: (code: string, body: ScoreBody) => http.post<ScoreResult>(`/instruments/${seg(code)}/score`, body),
  list: (patientId: string, query: { instrument?: string; limit?: number }, signal?: AbortSignal) =>
    http.get<MeasureResponse[]>(`/patients/${seg(patientId)}/measures`, query, signal),
  give: (patientId: string, body: AdministerMeasureBody) =>
    http.post<AdministeredMeasure>(`/patients/${seg(patientId)}/measures`, body),
  trend: (patientId: string, instrument: string, signal?: AbortSignal) =>
    http.get<MeasureTrend>(`/patients/${seg(patientId)}/measures/trend`, { instrument }, signal),
  due: (patientId: string, signal?: AbortSignal) =>
    http.get<MeasuresDue>(`/patients/${seg(patientId)}/measures/due`, undefined, signal),
  safetyAssessments: (patientId: string, signal?: AbortSignal) =>
    http.get<SafetyAssessment[]>(`/patients/${seg(patientId)}/safety-assessments`, undefined, signal),
  documentSafety: (patientId: string, body: CreateSafetyAssessmentBody) =>
    http.post<SafetyAssessment>(`/patients/${seg(patientId)}/safety-assessments`, body),
  schedule: (programId: string, signal?: AbortSignal) =>
    http.get<MeasureSchedule>(`/programs/${seg(programId)}/measure-schedule`, undefined, signal),
  updateSchedule: (programId: string, body: UpdateMeasureScheduleBody) =>
    http.put<MeasureSchedule>(`/programs/${seg(programId)}/measure-schedule`, body),
});
