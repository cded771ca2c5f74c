import type {
  Calendar,
  CalendarQuery,
  CancelOccurrenceBody,
  Closure,
  ClosureListQuery,
  ClosurePreview,
  ClosurePreviewQuery,
  CreateClosureBody,
  CreatedClosure,
  CreateRoomBody,
  CreateSeriesBody,
  JoinSeriesBody,
  LeaveSeriesBody,
  Membership,
  MoveOccurrenceBody,
  OccurrenceSummary,
  Room,
  Roster,
  Series,
  SeriesListQuery,
  UpdateRoomBody,
  UpdateSeriesBody,
} from '../../core/api/schedule.js';
import type { Http } from './http.js';

const seg = encodeURIComponent;

const occurrencePath = (seriesId: string, scheduledDate: string, action: 'cancel' | 'move') =>
  `/series/${seg(seriesId)}/occurrences/${seg(scheduledDate)}/${action}`;

/** The schedule (SPEC §5): calendar, series, single occurrences, memberships, rooms and closures. */
export const createScheduleApi = (http: Http) => ({
  calendar: (query: CalendarQuery, signal?: AbortSignal) => http.get<Calendar>('/calendar', query, signal),
  series: {
    list: (query: SeriesListQuery, signal?: AbortSignal) => http.get<Series[]>('/series', query, signal),
    get: (id: string, signal?: AbortSignal) => http.get<Series>(`/series/${seg(id)}`, undefined, signal),
    create: (body: CreateSeriesBody) => http.post<Series>('/series', body),
    update: (id: string, body: UpdateSeriesBody) => http.patch<Series>(`/series/${seg(id)}`, body),
    archive: (id: string, version: number) => http.post<Series>(`/series/${seg(id)}/archive`, { version }),
    members: (id: string, signal?: AbortSignal) =>
      http.get<Roster>(`/series/${seg(id)}/members`, undefined, signal),
    join: (id: string, body: JoinSeriesBody) => http.post<Membership>(`/series/${seg(id)}/members`, body),
    leave: (id: string, patientId: string, body: LeaveSeriesBody) =>
      http.post<Membership>(`/series/${seg(id)}/members/${seg(patientId)}/leave`, body),
  },
  /** One session of a series, named by the series and its scheduled (not moved-to) date. */
  occurrences: {
    cancel: (seriesId: string, scheduledDate: string, body: CancelOccurrenceBody) =>
      http.post<OccurrenceSummary>(occurrencePath(seriesId, scheduledDate, 'cancel'), body),
    move: (seriesId: string, scheduledDate: string, body: MoveOccurrenceBody) =>
      http.post<OccurrenceSummary>(occurrencePath(seriesId, scheduledDate, 'move'), body),
  },
  rooms: {
    list: (siteId: string, signal?: AbortSignal) => http.get<Room[]>('/rooms', { siteId }, signal),
    create: (body: CreateRoomBody) => http.post<Room>('/rooms', body),
    update: (id: string, body: UpdateRoomBody) => http.patch<Room>(`/rooms/${seg(id)}`, body),
  },
  closures: {
    list: (query: ClosureListQuery, signal?: AbortSignal) => http.get<Closure[]>('/closures', query, signal),
    /** What a closure would cancel; nothing is saved. */
    preview: (query: ClosurePreviewQuery, signal?: AbortSignal) =>
      http.get<ClosurePreview>('/closures/preview', query, signal),
    create: (body: CreateClosureBody) => http.post<CreatedClosure>('/closures', body),
    withdraw: (id: string) => http.post<Closure>(`/closures/${seg(id)}/withdraw`),
  },
});

export type ScheduleApi = ReturnType<typeof createScheduleApi>;
