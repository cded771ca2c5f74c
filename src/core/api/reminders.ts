import { type Static, Type } from '@sinclair/typebox';
import { Id, IsoInstant, Nullable, PageQuery, StringEnum } from './common.js';

/** Schemas of reminders (SPEC §5): the SMS gateway's inbound webhook, the development outbox, a patient's deliveries. */

export const ReminderChannelSchema = StringEnum(['email', 'sms'] as const);
export const ReminderStatusSchema = StringEnum(['queued', 'sent', 'skipped', 'failed'] as const);

export const SmsInboundBody = Type.Object({
  from: Type.String({
    minLength: 1,
    maxLength: 32,
    description: 'The sender’s phone number, e.g. +18605550142',
  }),
  body: Type.String({ maxLength: 1600, description: 'The text of the message' }),
});
export type SmsInboundBody = Static<typeof SmsInboundBody>;

export const SmsInboundReply = Type.Object({
  reply: Type.String({ description: 'The confirmation text for the gateway to send back' }),
});
export type SmsInboundReply = Static<typeof SmsInboundReply>;

export const OutboxQuery = Type.Object(PageQuery, { additionalProperties: false });
export type OutboxQuery = Static<typeof OutboxQuery>;

export const OutboxMessage = Type.Object({
  id: Id,
  channel: ReminderChannelSchema,
  to: Type.String(),
  subject: Nullable(Type.String()),
  body: Type.String(),
  createdAt: IsoInstant,
});
export type OutboxMessage = Static<typeof OutboxMessage>;

export const OutboxPage = Type.Object({
  items: Type.Array(OutboxMessage),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});
export type OutboxPage = Static<typeof OutboxPage>;

export const ReminderDelivery = Type.Object({
  id: Id,
  occurrenceKey: Type.String(),
  occurrenceStart: IsoInstant,
  channel: ReminderChannelSchema,
  status: ReminderStatusSchema,
  reason: Nullable(Type.String({ description: 'Why it was skipped or failed' })),
  attempts: Type.Integer(),
  sentAt: Nullable(IsoInstant),
  createdAt: IsoInstant,
});
export type ReminderDelivery = Static<typeof ReminderDelivery>;

export const PatientReminders = Type.Object({ items: Type.Array(ReminderDelivery) });
export type PatientReminders = Static<typeof PatientReminders>;
