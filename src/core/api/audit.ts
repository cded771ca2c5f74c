import { type Static, Type } from '@sinclair/typebox';
import { Id, IsoInstant, Nullable } from './common.js';

export const AuditEvent = Type.Object({
  id: Type.String(),
  at: IsoInstant,
  actor: Nullable(Type.Object({ id: Id, displayName: Type.String(), role: Type.String() })),
  action: Type.String(),
  recordType: Nullable(Type.String()),
  recordId: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  /** Set when the access came through break-the-glass. */
  breakGlass: Type.Boolean(),
});
export type AuditEvent = Static<typeof AuditEvent>;

export const AuditEventList = Type.Object({ items: Type.Array(AuditEvent), total: Type.Integer() });

export const BreakGlassLookupBody = Type.Union([
  Type.Object({ mrn: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false }),
  Type.Object(
    {
      fullName: Type.String({ minLength: 3, maxLength: 200 }),
      dateOfBirth: Type.String({ format: 'date' }),
    },
    { additionalProperties: false },
  ),
]);
export type BreakGlassLookupBody = Static<typeof BreakGlassLookupBody>;

export const PatientStub = Type.Object({
  id: Id,
  name: Type.String(),
  dateOfBirth: Type.String(),
  mrn: Type.String(),
});
export type PatientStub = Static<typeof PatientStub>;

export const BreakGlassBody = Type.Object(
  {
    patientId: Id,
    reason: Type.String({
      minLength: 10,
      maxLength: 1000,
      description: 'Why access is needed now (at least 10 characters)',
    }),
  },
  { additionalProperties: false },
);
export type BreakGlassBody = Static<typeof BreakGlassBody>;

export const BreakGlassGrant = Type.Object({
  id: Id,
  patientId: Id,
  patientName: Type.String(),
  user: Type.Object({ id: Id, displayName: Type.String() }),
  reason: Type.String(),
  grantedAt: IsoInstant,
  expiresAt: IsoInstant,
});
export type BreakGlassGrant = Static<typeof BreakGlassGrant>;
