import { IdParams, Problem } from '../../core/api/common.js';
import {
  OutboxPage,
  OutboxQuery,
  PatientReminders,
  SmsInboundBody,
  SmsInboundReply,
} from '../../core/api/reminders.js';
import { contextOf } from '../context.js';
import type { AppDeps } from '../deps.js';
import { listOutbox, listPatientReminders, receiveInboundSms } from '../reminders/service.js';
import type { FastifyTypebox } from '../types.js';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

/** Reminders (SPEC §5): the SMS gateway's webhook, the development outbox, a patient's deliveries. */
export const reminderRoutes = (app: FastifyTypebox, deps: AppDeps): void => {
  app.post(
    '/api/v1/sms/inbound',
    {
      // The gateway has no session: it proves itself with the shared secret instead.
      config: { public: true },
      schema: {
        tags: ['reminders'],
        summary:
          'SMS gateway webhook (x-sms-secret header): STOP and its synonyms opt the number out, START opts back in',
        security: [],
        body: SmsInboundBody,
        response: { 200: SmsInboundReply, ...errors },
      },
    },
    (request) => {
      const header = request.headers['x-sms-secret'];
      return receiveInboundSms(deps, typeof header === 'string' ? header : undefined, request.body);
    },
  );

  app.get(
    '/api/v1/outbox',
    {
      schema: {
        tags: ['reminders'],
        summary: 'Messages the development sender kept instead of sending, newest first (administrators)',
        querystring: OutboxQuery,
        response: { 200: OutboxPage, ...errors },
      },
    },
    (request) => listOutbox(deps, contextOf(request), request.query),
  );

  app.get(
    '/api/v1/patients/:id/reminders',
    {
      schema: {
        tags: ['reminders'],
        summary: 'The patient’s appointment reminders: sent, skipped (and why) or failed',
        params: IdParams,
        response: { 200: PatientReminders, ...errors },
      },
    },
    (request) => listPatientReminders(deps, contextOf(request), request.params.id),
  );
};
