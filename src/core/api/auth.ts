import { type Static, Type } from '@sinclair/typebox';
import { ROLES } from '../access/roles.js';
import { Id, StringEnum } from './common.js';

export const RoleSchema = StringEnum(ROLES);

export const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    totp: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', description: 'Current 6-digit TOTP code' })),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const Me = Type.Object({
  id: Id,
  email: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  siteIds: Type.Array(Id),
  csrfToken: Type.String({ description: 'Send as the x-csrf-token header on every state-changing request' }),
  idleTimeoutMinutes: Type.Integer(),
});
export type Me = Static<typeof Me>;

/**
 * Login answers either a session (`signed_in`) or, for a staff user without MFA yet, an enrolment
 * challenge: show the secret (and otpauth URI as QR), then POST /auth/mfa/enrol with a code.
 */
export const LoginResult = Type.Union([
  Type.Object({ status: Type.Literal('signed_in'), me: Me }),
  Type.Object({
    status: Type.Literal('mfa_enrolment_required'),
    enrolmentId: Type.String(),
    secret: Type.String({ description: 'Base32 TOTP secret' }),
    otpauthUri: Type.String(),
  }),
]);
export type LoginResult = Static<typeof LoginResult>;

export const MfaEnrolBody = Type.Object(
  {
    enrolmentId: Type.String({ minLength: 1, maxLength: 100 }),
    totp: Type.String({ pattern: '^[0-9]{6}$' }),
  },
  { additionalProperties: false },
);
export type MfaEnrolBody = Static<typeof MfaEnrolBody>;
