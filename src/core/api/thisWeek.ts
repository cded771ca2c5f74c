import { type Static, Type } from '@sinclair/typebox';
import { IsoDate, Nullable, StringEnum } from './common.js';

/**
 * The patient's "this week" (SPEC §5–§6), shaped for the patient portal: what the patient may see
 * of their sessions and hours, and nothing staff-only (see core/schedule/thisWeek).
 */

export const ThisWeekQuery = Type.Object(
  {
    week: Type.Optional(
      Type.String({
        format: 'date',
        description:
          'Any day of the week wanted, YYYY-MM-DD (weeks run Monday to Sunday at the site); default: this week',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ThisWeekQuery = Static<typeof ThisWeekQuery>;

const WeekSession = Type.Object({
  title: Type.String({ description: '"Appointment" unless the patient allows naming the clinic' }),
  place: Nullable(Type.String()),
  startIso: Type.String({ description: 'ISO 8601 with the site’s offset' }),
  endIso: Type.String(),
  startTime: Type.String({ description: 'HH:MM at the site' }),
  endTime: Type.String(),
  status: StringEnum(['upcoming', 'attended', 'absent', 'cancelled', 'awaiting-record'] as const),
  minutesAttended: Nullable(Type.Integer()),
  cancelledBecause: Nullable(StringEnum(['clinic-closed', 'session-cancelled'] as const)),
  telehealthLink: Nullable(Type.String({ description: 'Only while the session is still to come' })),
});

export const PatientThisWeek = Type.Object({
  weekStart: IsoDate,
  weekEnd: IsoDate,
  timeZone: Type.String(),
  days: Type.Array(Type.Object({ date: IsoDate, sessions: Type.Array(WeekSession) })),
  hours: Type.Object({
    attended: Type.Number(),
    stillScheduled: Type.Number(),
    /** The level's range that week; null when the patient was in no program. */
    minimum: Nullable(Type.Number()),
    maximum: Nullable(Type.Number()),
  }),
  sessionsLeft: Type.Integer(),
  summary: Type.String(),
});
export type PatientThisWeek = Static<typeof PatientThisWeek>;
