import { Type } from '@sinclair/typebox';
import { IdParams, Problem } from '../../core/api/common.js';
import {
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
  MemberParams,
  Membership,
  MoveOccurrenceBody,
  OccurrenceParams,
  OccurrenceSummary,
  Room,
  RoomListQuery,
  Roster,
  ScheduleProblem,
  Series,
  SeriesListQuery,
  UpdateRoomBody,
  UpdateSeriesBody,
  VersionBody,
} from '../../core/api/schedule.js';
import { contextOf } from '../context.js';
import type { AppDeps } from '../deps.js';
import {
  archiveSeries,
  createRoom,
  createSeries,
  getSeries,
  listRooms,
  listSeries,
  updateRoom,
  updateSeries,
} from '../services/schedule.js';
import { getCalendar } from '../services/scheduleCalendar.js';
import {
  createClosure,
  listClosures,
  previewClosure,
  withdrawClosure,
} from '../services/scheduleClosures.js';
import { getRoster, joinSeriesMember, leaveSeriesMember } from '../services/scheduleMembers.js';
import { cancelOccurrence, moveOccurrence } from '../services/scheduleOccurrences.js';
import type { FastifyTypebox } from '../types.js';

const errors = { 400: ScheduleProblem, 403: Problem, 404: Problem, 409: ScheduleProblem };
const tags = ['schedule'];

/** Rooms, session series, memberships, closures and calendars (SPEC §5). */
export const scheduleRoutes = (app: FastifyTypebox, deps: AppDeps): void => {
  // --- Calendar --------------------------------------------------------------------------------

  app.get(
    '/api/v1/calendar',
    {
      schema: {
        tags,
        summary:
          'Occurrences from `from` to `to` (inclusive, at most 42 days; default a week) at the sites the caller works at, with closures applied, effective capacity and how many are booked; `patientId` shows that patient’s sessions (audited)',
        querystring: CalendarQuery,
        response: { 200: Calendar, ...errors },
      },
    },
    (request) => getCalendar(deps, contextOf(request), request.query),
  );

  // --- Series ----------------------------------------------------------------------------------

  app.get(
    '/api/v1/series',
    {
      schema: {
        tags,
        summary: 'Session series the caller may see, by site, track or leader',
        querystring: SeriesListQuery,
        response: { 200: Type.Array(Series), ...errors },
      },
    },
    (request) => listSeries(deps, contextOf(request), request.query),
  );

  app.get(
    '/api/v1/series/:id',
    {
      schema: { tags, summary: 'One session series', params: IdParams, response: { 200: Series, ...errors } },
    },
    (request) => getSeries(deps, contextOf(request), request.params.id),
  );

  app.post(
    '/api/v1/series',
    {
      schema: {
        tags,
        summary:
          'Create a recurring session: weekdays and a wall-clock start at the site, led by a clinician of the site, in one of its rooms or by telehealth',
        body: CreateSeriesBody,
        response: { 201: Series, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createSeries(deps, contextOf(request), request.body)),
  );

  app.patch(
    '/api/v1/series/:id',
    {
      schema: {
        tags,
        summary:
          'Change a series (send the version you read). Changes apply to every occurrence not yet held; held sessions keep their roll call, and single-session moves and cancellations stay',
        params: IdParams,
        body: UpdateSeriesBody,
        response: { 200: Series, ...errors },
      },
    },
    (request) => updateSeries(deps, contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/series/:id/archive',
    {
      schema: {
        tags,
        summary: 'Archive a series: it leaves the calendar and takes no new members; its history stays',
        params: IdParams,
        body: VersionBody,
        response: { 200: Series, ...errors },
      },
    },
    (request) => archiveSeries(deps, contextOf(request), request.params.id, request.body),
  );

  // --- One occurrence --------------------------------------------------------------------------

  app.post(
    '/api/v1/series/:id/occurrences/:date/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel the session the series has on `date` (its scheduled date), with a reason',
        params: OccurrenceParams,
        body: CancelOccurrenceBody,
        response: { 200: OccurrenceSummary, ...errors },
      },
    },
    (request) =>
      cancelOccurrence(deps, contextOf(request), request.params.id, request.params.date, request.body),
  );

  app.post(
    '/api/v1/series/:id/occurrences/:date/move',
    {
      schema: {
        tags,
        summary:
          'Move the session scheduled on `date`; refused (409, reason SCHEDULE_CONFLICT) with every conflict when its clinician, room or a booked patient is busy, the site is closed or outside its hours. Moving it again replaces the move',
        params: OccurrenceParams,
        body: MoveOccurrenceBody,
        response: { 200: OccurrenceSummary, ...errors },
      },
    },
    (request) =>
      moveOccurrence(deps, contextOf(request), request.params.id, request.params.date, request.body),
  );

  // --- Memberships -----------------------------------------------------------------------------

  app.get(
    '/api/v1/series/:id/members',
    {
      schema: {
        tags,
        summary:
          'The group’s current and future members: counted for everyone who sees the calendar, named for its roll-call takers and those who may read each patient’s schedule (audited)',
        params: IdParams,
        response: { 200: Roster, ...errors },
      },
    },
    (request) => getRoster(deps, contextOf(request), request.params.id),
  );

  app.post(
    '/api/v1/series/:id/members',
    {
      schema: {
        tags,
        summary:
          'A patient joins the series from a date (today or later) and is booked into its sessions from then; refused (409, reason SESSION_FULL) when any session of the next four weeks is full',
        params: IdParams,
        body: JoinSeriesBody,
        response: { 201: Membership, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await joinSeriesMember(deps, contextOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/v1/series/:id/members/:patientId/leave',
    {
      schema: {
        tags,
        summary: 'A patient leaves the series from a date: that day’s session is no longer booked',
        params: MemberParams,
        body: LeaveSeriesBody,
        response: { 200: Membership, ...errors },
      },
    },
    (request) =>
      leaveSeriesMember(deps, contextOf(request), request.params.id, request.params.patientId, request.body),
  );

  // --- Rooms -----------------------------------------------------------------------------------

  app.get(
    '/api/v1/rooms',
    {
      schema: {
        tags,
        summary: 'Rooms of a site the caller works at',
        querystring: RoomListQuery,
        response: { 200: Type.Array(Room), ...errors },
      },
    },
    (request) => listRooms(deps, contextOf(request), request.query),
  );

  app.post(
    '/api/v1/rooms',
    {
      schema: {
        tags,
        summary: 'Add a room to a site (the schedule’s managers at the site)',
        body: CreateRoomBody,
        response: { 201: Room, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createRoom(deps, contextOf(request), request.body)),
  );

  app.patch(
    '/api/v1/rooms/:id',
    {
      schema: {
        tags,
        summary: 'Rename a room, change its seats or take it out of use (send the version you read)',
        params: IdParams,
        body: UpdateRoomBody,
        response: { 200: Room, ...errors },
      },
    },
    (request) => updateRoom(deps, contextOf(request), request.params.id, request.body),
  );

  // --- Closures --------------------------------------------------------------------------------

  app.get(
    '/api/v1/closures',
    {
      schema: {
        tags,
        summary: 'Closures at the sites the caller works at, newest first',
        querystring: ClosureListQuery,
        response: { 200: Type.Array(Closure), ...errors },
      },
    },
    (request) => listClosures(deps, contextOf(request), request.query),
  );

  app.get(
    '/api/v1/closures/preview',
    {
      schema: {
        tags,
        summary:
          'What a closure with this span would cancel, before it is made: the sessions, how many patients are booked into each, and how many patients in all (the schedule’s managers at the site; nothing is saved)',
        querystring: ClosurePreviewQuery,
        response: { 200: ClosurePreview, ...errors },
      },
    },
    (request) => previewClosure(deps, contextOf(request), request.query),
  );

  app.post(
    '/api/v1/closures',
    {
      schema: {
        tags,
        summary:
          'Close a site for whole days or a span of time: its sessions then are cancelled, each clinician gets a task listing theirs, and the patients’ notices are returned for the reminders sender',
        body: CreateClosureBody,
        response: { 201: CreatedClosure, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createClosure(deps, contextOf(request), request.body)),
  );

  app.post(
    '/api/v1/closures/:id/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw a closure: its sessions are back on the calendar',
        params: IdParams,
        response: { 200: Closure, ...errors },
      },
    },
    (request) => withdrawClosure(deps, contextOf(request), request.params.id),
  );
};
