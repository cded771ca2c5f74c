import type {
  AppliedRun,
  Availability,
  BookOccurrenceBody,
  CreateRunBody,
  OccurrenceBooking,
  PutAvailabilityBody,
  ScheduleRun,
} from '../../core/api/scheduleRuns.js';
import type { Http } from './http.js';

const seg = encodeURIComponent;

/** The weekly scheduler: runs and their diff, patients' availability, bookings of one session (SPEC §5). */
export const createScheduleRunsApi = (http: Http) => ({
  start: (body: CreateRunBody) => http.post<ScheduleRun>('/schedule-runs', body),
  get: (id: string, signal?: AbortSignal) =>
    http.get<ScheduleRun>(`/schedule-runs/${seg(id)}`, undefined, signal),
  apply: (id: string, expectedVersion: number) =>
    http.post<AppliedRun>(`/schedule-runs/${seg(id)}/apply`, { expectedVersion }),
  availability: (patientId: string, signal?: AbortSignal) =>
    http.get<Availability>(`/patients/${seg(patientId)}/availability`, undefined, signal),
  saveAvailability: (patientId: string, body: PutAvailabilityBody) =>
    http.put<Availability>(`/patients/${seg(patientId)}/availability`, body),
  book: (seriesId: string, date: string, body: BookOccurrenceBody) =>
    http.post<OccurrenceBooking>(`/series/${seg(seriesId)}/occurrences/${seg(date)}/bookings`, body),
});

export type ScheduleRunsApi = ReturnType<typeof createScheduleRunsApi>;
