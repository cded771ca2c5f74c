import { randomUUID } from 'node:crypto';
import { createTransport } from 'nodemailer';
import type { ReminderChannel } from '../../core/reminders/channels.js';
import type { Clock } from '../../core/runtime.js';
import type { Db } from '../../db/createDb.js';

/**
 * Where reminders leave the system. A sender takes one message and answers with the provider's id
 * for it, or throws (the job records the failure and the runner tries again). SMTP sends email; the
 * outbox keeps messages in a table for development and for SMS until a gateway is plugged in:
 * an SMS gateway is one more `MessageSender` (Twilio, Vonage, a carrier's API …) passed in `sms`.
 */

export interface OutgoingMessage {
  /** The reminder delivery this message carries; an outbox row is kept once per delivery. */
  deliveryId: string;
  channel: ReminderChannel;
  to: string;
  /** Email only. */
  subject: string | null;
  body: string;
}

export interface MessageSender {
  send(message: OutgoingMessage): Promise<{ providerId: string }>;
}

/** One sender per channel. */
export interface ReminderSenders {
  email: MessageSender;
  sms: MessageSender;
}

/** Writes messages to `outbox_messages` (Admin → Outbox). Sending a delivery twice keeps one row. */
export class OutboxSender implements MessageSender {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async send(message: OutgoingMessage): Promise<{ providerId: string }> {
    await this.db.kysely
      .insertInto('outbox_messages')
      .values({
        id: randomUUID(),
        channel: message.channel,
        to: message.to,
        subject: message.subject,
        body: message.body,
        created_at: this.clock.now().toISOString(),
        delivery_id: message.deliveryId,
      })
      .onConflict((oc) => oc.column('delivery_id').doNothing())
      .execute();
    const row = await this.db.kysely
      .selectFrom('outbox_messages')
      .select('id')
      .where('delivery_id', '=', message.deliveryId)
      .executeTakeFirstOrThrow();
    return { providerId: `outbox:${row.id}` };
  }
}

/** Email through an SMTP server (`SMTP_URL`), from `REMINDER_FROM`, as plain text. */
export class SmtpSender implements MessageSender {
  private readonly transport: ReturnType<typeof createTransport>;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = createTransport(smtpUrl);
  }

  async send(message: OutgoingMessage): Promise<{ providerId: string }> {
    if (message.channel !== 'email') throw new Error('The SMTP sender sends email only');
    const info = (await this.transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject ?? '',
      text: message.body,
    })) as { messageId?: unknown };
    return { providerId: typeof info.messageId === 'string' ? info.messageId : `smtp:${message.deliveryId}` };
  }

  close(): void {
    this.transport.close();
  }
}

/** SMTP for email when `SMTP_URL` is set, otherwise the outbox; SMS to the outbox until a gateway is configured. */
export const createReminderSenders = (
  config: { smtpUrl: string | null; reminderFrom: string },
  db: Db,
  clock: Clock,
): ReminderSenders => {
  const outbox = new OutboxSender(db, clock);
  return {
    email: config.smtpUrl !== null ? new SmtpSender(config.smtpUrl, config.reminderFrom) : outbox,
    sms: outbox,
  };
};
