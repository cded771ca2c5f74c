import { type Static, Type } from '@sinclair/typebox';
import { LEVELS_OF_CARE } from '../care/levels.js';
import { RoleSchema } from './auth.js';
import { Id, IsoDate, IsoInstant, NonEmpty, Nullable, Version, StringEnum } from './common.js';

const LevelOfCare = StringEnum(LEVELS_OF_CARE);
const Audience = StringEnum(['adult', 'adolescent'] as const);

export const Credentials = Type.Object({
  licenceType: Nullable(Type.String({ maxLength: 40 })),
  licenceNumber: Nullable(Type.String({ maxLength: 40 })),
  licenceState: Nullable(Type.String({ maxLength: 2, minLength: 2 })),
  licenceExpiresOn: Nullable(IsoDate),
  npi: Nullable(Type.String({ pattern: '^[0-9]{10}$' })),
  mayDiagnose: Type.Boolean(),
  maySignPlacements: Type.Boolean(),
  needsCosignature: Type.Boolean(),
  supervisorId: Nullable(Id),
});
export type Credentials = Static<typeof Credentials>;

export const StaffUser = Type.Object({
  id: Id,
  email: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  active: Type.Boolean(),
  siteIds: Type.Array(Id),
  mfaEnrolled: Type.Boolean(),
  lockedUntil: Nullable(IsoInstant),
  credentials: Nullable(Credentials),
  version: Type.Integer(),
});
export type StaffUser = Static<typeof StaffUser>;

export const CreateUserBody = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    displayName: NonEmpty(120),
    role: RoleSchema,
    password: Type.String({ minLength: 12, maxLength: 1024, description: 'At least 12 characters' }),
    siteIds: Type.Array(Id, { maxItems: 50 }),
    credentials: Type.Optional(Credentials),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    version: Version,
    displayName: Type.Optional(NonEmpty(120)),
    role: Type.Optional(RoleSchema),
    active: Type.Optional(Type.Boolean()),
    siteIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
    credentials: Type.Optional(Nullable(Credentials)),
    password: Type.Optional(Type.String({ minLength: 12, maxLength: 1024 })),
    resetMfa: Type.Optional(Type.Boolean()),
    unlock: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const Site = Type.Object({
  id: Id,
  name: Type.String(),
  timeZone: Type.String(),
  onCallUserId: Nullable(Id),
  version: Type.Integer(),
});
export type Site = Static<typeof Site>;

export const SiteBody = Type.Object(
  {
    name: NonEmpty(120),
    timeZone: Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'IANA time zone, e.g. America/New_York',
    }),
    onCallUserId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);
export const UpdateSiteBody = Type.Object(
  {
    version: Version,
    name: Type.Optional(NonEmpty(120)),
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    onCallUserId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);

export const WeeklySlot = Type.Object(
  {
    weekday: Type.Integer({ minimum: 1, maximum: 7, description: '1 = Monday … 7 = Sunday' }),
    start: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }),
    end: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }),
  },
  { additionalProperties: false },
);
export type WeeklySlot = Static<typeof WeeklySlot>;

export const Track = Type.Object({
  id: Id,
  programId: Id,
  name: Type.String(),
  weeklyPattern: Type.Array(WeeklySlot),
  weeklyHours: Type.Number(),
  active: Type.Boolean(),
  version: Type.Integer(),
});
export type Track = Static<typeof Track>;

export const Program = Type.Object({
  id: Id,
  siteId: Id,
  name: Type.String(),
  levelOfCare: LevelOfCare,
  audience: Audience,
  minWeeklyHours: Type.Number(),
  maxWeeklyHours: Nullable(Type.Number()),
  typicalWeeksMin: Type.Integer(),
  typicalWeeksMax: Type.Integer(),
  active: Type.Boolean(),
  tracks: Type.Array(Track),
  version: Type.Integer(),
});
export type Program = Static<typeof Program>;

export const ProgramBody = Type.Object(
  {
    siteId: Id,
    name: NonEmpty(120),
    levelOfCare: LevelOfCare,
    audience: Audience,
    minWeeklyHours: Type.Number({
      minimum: 0,
      maximum: 168,
      multipleOf: 0.25,
      description: 'Hours, in quarter hours',
    }),
    maxWeeklyHours: Nullable(
      Type.Number({ minimum: 0, maximum: 168, multipleOf: 0.25, description: 'Hours, in quarter hours' }),
    ),
    typicalWeeksMin: Type.Integer({ minimum: 1, maximum: 104 }),
    typicalWeeksMax: Type.Integer({ minimum: 1, maximum: 104 }),
  },
  { additionalProperties: false },
);
export type ProgramBody = Static<typeof ProgramBody>;

export const UpdateProgramBody = Type.Object(
  {
    version: Version,
    name: Type.Optional(NonEmpty(120)),
    minWeeklyHours: Type.Optional(
      Type.Number({ minimum: 0, maximum: 168, multipleOf: 0.25, description: 'Hours, in quarter hours' }),
    ),
    maxWeeklyHours: Type.Optional(
      Nullable(
        Type.Number({ minimum: 0, maximum: 168, multipleOf: 0.25, description: 'Hours, in quarter hours' }),
      ),
    ),
    typicalWeeksMin: Type.Optional(Type.Integer({ minimum: 1, maximum: 104 })),
    typicalWeeksMax: Type.Optional(Type.Integer({ minimum: 1, maximum: 104 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const TrackBody = Type.Object(
  { name: NonEmpty(120), weeklyPattern: Type.Array(WeeklySlot, { minItems: 1, maxItems: 21 }) },
  { additionalProperties: false },
);
export const UpdateTrackBody = Type.Object(
  {
    version: Version,
    name: Type.Optional(NonEmpty(120)),
    weeklyPattern: Type.Optional(Type.Array(WeeklySlot, { minItems: 1, maxItems: 21 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const CaseloadBody = Type.Object(
  {
    patientId: Id,
    userId: Id,
    kind: StringEnum(['primary_clinician', 'clinician', 'case_manager'] as const),
  },
  { additionalProperties: false },
);
export type CaseloadBody = Static<typeof CaseloadBody>;

export const ApiToken = Type.Object({
  id: Id,
  name: Type.String(),
  user: Type.Object({ id: Id, displayName: Type.String() }),
  createdAt: IsoInstant,
  expiresAt: IsoInstant,
  revokedAt: Nullable(IsoInstant),
  lastUsedAt: Nullable(IsoInstant),
});
export const CreateApiTokenBody = Type.Object(
  { userId: Id, name: NonEmpty(100), expiresInDays: Type.Integer({ minimum: 1, maximum: 365 }) },
  { additionalProperties: false },
);
