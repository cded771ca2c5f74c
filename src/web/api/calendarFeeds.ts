import type { CalendarFeed, CreatedCalendarFeed } from '../../core/api/calendarFeeds.js';
import type { Http } from './http.js';

const seg = encodeURIComponent;

/** Calendar feeds (SPEC §5): a patient's (opt-in) and one's own; the secret URL comes back once, on creation. */
export const createCalendarFeedsApi = (http: Http) => ({
  ofPatient: (patientId: string, signal?: AbortSignal) =>
    http.get<CalendarFeed[]>(`/patients/${seg(patientId)}/calendar-feeds`, undefined, signal),
  createForPatient: (patientId: string) =>
    http.post<CreatedCalendarFeed>(`/patients/${seg(patientId)}/calendar-feeds`),
  mine: (signal?: AbortSignal) => http.get<CalendarFeed[]>('/me/calendar-feeds', undefined, signal),
  createMine: () => http.post<CreatedCalendarFeed>('/me/calendar-feeds'),
  revoke: (feedId: string) => http.post<CalendarFeed>(`/calendar-feeds/${seg(feedId)}/revoke`),
});

export type CalendarFeedsApi = ReturnType<typeof createCalendarFeedsApi>;
