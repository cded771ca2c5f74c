import { type Static, Type } from '@sinclair/typebox';
import { Id, IsoInstant, NonEmpty, Nullable, Version, StringEnum } from './common.js';

export const AlertSeverity = StringEnum(['urgent', 'high', 'normal'] as const);
export const AlertStatus = StringEnum(['open', 'acknowledged', 'resolved'] as const);

export const Alert = Type.Object({
  id: Id,
  patientId: Nullable(Id),
  patientName: Nullable(Type.String()),
  kind: Type.String(),
  severity: AlertSeverity,
  title: Type.String(),
  detail: Nullable(Type.String()),
  sourceType: Nullable(Type.String()),
  sourceId: Nullable(Type.String()),
  recipient: Type.Object({ id: Id, displayName: Type.String() }),
  status: AlertStatus,
  raisedAt: IsoInstant,
  escalationLevel: Type.Integer(),
  escalateAt: Nullable(IsoInstant),
  acknowledgedAt: Nullable(IsoInstant),
  resolvedAt: Nullable(IsoInstant),
  resolutionNote: Nullable(Type.String()),
  version: Type.Integer(),
});
export type Alert = Static<typeof Alert>;

export const AlertListQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(['open', 'acknowledged', 'resolved', 'unresolved'] as const)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);

export const AcknowledgeAlertBody = Type.Object({ version: Version }, { additionalProperties: false });
export const ResolveAlertBody = Type.Object(
  { version: Version, note: NonEmpty(2000, 'What was done') },
  { additionalProperties: false },
);

export const TaskStatus = StringEnum(['open', 'done', 'cancelled'] as const);
export const Task = Type.Object({
  id: Id,
  patientId: Nullable(Id),
  patientName: Nullable(Type.String()),
  title: Type.String(),
  detail: Nullable(Type.String()),
  owner: Type.Object({ id: Id, displayName: Type.String() }),
  dueAt: IsoInstant,
  status: TaskStatus,
  sourceType: Nullable(Type.String()),
  sourceId: Nullable(Type.String()),
  createdAt: IsoInstant,
  completedAt: Nullable(IsoInstant),
  overdue: Type.Boolean(),
  version: Type.Integer(),
});
export type Task = Static<typeof Task>;

export const CreateTaskBody = Type.Object(
  {
    title: NonEmpty(200),
    detail: Type.Optional(Type.String({ maxLength: 2000 })),
    patientId: Type.Optional(Nullable(Id)),
    ownerUserId: Type.Optional(Id),
    dueAt: IsoInstant,
  },
  { additionalProperties: false },
);
export type CreateTaskBody = Static<typeof CreateTaskBody>;
export const CompleteTaskBody = Type.Object({ version: Version }, { additionalProperties: false });
