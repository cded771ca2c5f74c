import type {
  AttendanceTaper,
  ComplianceReport,
  ComplianceReportQuery,
  CreateTaperBody,
  RollCallView,
  SavedRollCall,
  SaveRollCallBody,
  WeeklyHours,
} from '../../core/api/attendance.js';
import type { Http } from './http.js';

const seg = encodeURIComponent;

/** Attendance (SPEC §6): roll calls, a patient's weekly hours and tapers, the compliance report. */
export const createAttendanceApi = (http: Http) => ({
  rollCall: (occurrenceKey: string, signal?: AbortSignal) =>
    http.get<RollCallView>(`/sessions/${seg(occurrenceKey)}/roll-call`, undefined, signal),
  saveRollCall: (occurrenceKey: string, body: SaveRollCallBody) =>
    http.put<SavedRollCall>(`/sessions/${seg(occurrenceKey)}/roll-call`, body),
  weeklyHours: (patientId: string, weeks: number | undefined, signal?: AbortSignal) =>
    http.get<WeeklyHours>(`/patients/${seg(patientId)}/weekly-hours`, { weeks }, signal),
  startTaper: (patientId: string, body: CreateTaperBody) =>
    http.post<AttendanceTaper>(`/patients/${seg(patientId)}/tapers`, body),
  compliance: (query: ComplianceReportQuery, signal?: AbortSignal) =>
    http.get<ComplianceReport>('/reports/compliance', query, signal),
});

export type AttendanceApi = ReturnType<typeof createAttendanceApi>;
