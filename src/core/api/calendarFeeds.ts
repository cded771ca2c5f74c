import { type Static, Type } from '@sinclair/typebox';
import { Id, IsoInstant, Nullable, StringEnum } from './common.js';

/** Calendar feeds (SPEC §5): secret, revocable iCal URLs for a patient (opt-in) or a clinician. */

export const CalendarFeed = Type.Object({
  id: Id,
  ownerKind: StringEnum(['patient', 'clinician'] as const),
  createdAt: IsoInstant,
  createdBy: Type.Object({ id: Id, displayName: Type.String() }),
  revokedAt: Nullable(IsoInstant),
  /** False once revoked, or when its patient is discharged or its clinician deactivated. */
  serving: Type.Boolean(),
});
export type CalendarFeed = Static<typeof CalendarFeed>;

export const CreatedCalendarFeed = Type.Composite([
  CalendarFeed,
  Type.Object({
    url: Type.String({
      description: 'The secret subscription URL. Shown once: only a hash of its token is stored.',
    }),
  }),
]);
export type CreatedCalendarFeed = Static<typeof CreatedCalendarFeed>;

/** 32 random bytes in base64url. */
export const FeedTokenParams = Type.Object({
  token: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$', minLength: 43, maxLength: 43 }),
});
