import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/runtime.js';
import type { Db } from '../../db/createDb.js';
import { createReminderSenders, OutboxSender, SmtpSender } from './sender.js';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server in this process, without TLS or authentication, keeping what it receives. */
describe('the SMTP sender', () => {
  const received: Received[] = [];
  let server: SMTPServer;
  let url = '';

  beforeAll(async () => {
    server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('delivers a reminder email from REMINDER_FROM and answers with the message id', async () => {
    const sender = new SmtpSender(url, 'reminders@clinic.example.org');
    try {
      const result = await sender.send({
        deliveryId: '6f1c7c1e-0000-4000-8000-000000000001',
        channel: 'email',
        to: 'jordan.lee@example.com',
        subject: 'Appointment reminder',
        body: 'You have an appointment on Wed 25 Nov at 09:00.',
      });
      expect(result.providerId).toMatch(/^<.+>$/);
    } finally {
      sender.close();
    }
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail?.from).toBe('reminders@clinic.example.org');
    expect(mail?.to).toEqual(['jordan.lee@example.com']);
    expect(mail?.raw).toMatch(/^Subject: Appointment reminder\r?$/m);
    expect(mail?.raw).toContain('You have an appointment on Wed 25 Nov at 09:00.');
  });

  it('refuses SMS, and a server that is down is an error the job records', async () => {
    const sender = new SmtpSender('smtp://127.0.0.1:1', 'reminders@clinic.example.org');
    const message = {
      deliveryId: '6f1c7c1e-0000-4000-8000-000000000002',
      to: 'x@example.com',
      subject: 's',
      body: 'b',
    };
    await expect(sender.send({ ...message, channel: 'sms' })).rejects.toThrow(/email only/);
    await expect(sender.send({ ...message, channel: 'email' })).rejects.toThrow();
    sender.close();
  });

  it('is chosen for email when SMTP_URL is set; SMS and everything else go to the outbox', () => {
    const db = {} as Db;
    const clock = fixedClock(new Date('2026-11-24T15:00:00.000Z'));
    const withSmtp = createReminderSenders({ smtpUrl: url, reminderFrom: 'r@example.org' }, db, clock);
    expect(withSmtp.email).toBeInstanceOf(SmtpSender);
    expect(withSmtp.sms).toBeInstanceOf(OutboxSender);
    (withSmtp.email as SmtpSender).close();
    const without = createReminderSenders({ smtpUrl: null, reminderFrom: 'r@example.org' }, db, clock);
    expect(without.email).toBeInstanceOf(OutboxSender);
  });
});
