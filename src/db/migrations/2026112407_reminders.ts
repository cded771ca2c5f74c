import type { Kysely } from 'kysely';

// Appointment reminders (SPEC §5) and the development outbox. Portable across SQLite and PostgreSQL
// like the foundation. Frozen once merged.

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run against the schema of their day, not today's types */
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  // One row per patient, occurrence and channel — sent, skipped with its reason, or failed — so a
  // reminder is never sent twice (the unique index is the claim, even with several servers) and
  // nothing is dropped without a trace.
  await db.schema
    .createTable('reminder_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('occurrence_key', 'text', (c) => c.notNull())
    .addColumn('occurrence_start', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_until', 'text')
    .addColumn('provider_id', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('reminder_deliveries_once')
    .on('reminder_deliveries')
    .columns(['patient_id', 'occurrence_key', 'channel'])
    .unique()
    .execute();
  await db.schema
    .createIndex('reminder_deliveries_pending')
    .on('reminder_deliveries')
    .columns(['status', 'occurrence_start'])
    .execute();

  await db.schema
    .createTable('outbox_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('to', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivery_id', 'text', (c) => c.unique().references('reminder_deliveries.id'))
    .execute();
  await db.schema.createIndex('outbox_messages_created').on('outbox_messages').column('created_at').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('outbox_messages').execute();
  await db.schema.dropTable('reminder_deliveries').execute();
}
