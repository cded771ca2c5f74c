import type { OutboxPage, PatientReminders } from '../../core/api/reminders.js';
import type { Http } from './http.js';

const seg = encodeURIComponent;

/** Reminders (SPEC §5): the development outbox (administrators) and a patient's deliveries. */
export const createRemindersApi = (http: Http) => ({
  outbox: (signal?: AbortSignal) => http.get<OutboxPage>('/outbox', { limit: 200 }, signal),
  ofPatient: (patientId: string, signal?: AbortSignal) =>
    http.get<PatientReminders>(`/patients/${seg(patientId)}/reminders`, undefined, signal),
});

export type RemindersApi = ReturnType<typeof createRemindersApi>;
