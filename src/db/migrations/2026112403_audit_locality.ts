import { type Kysely, sql } from 'kysely';

// The sealer looks for unsealed audit rows. Indexing (hash, seq) moved every row to a random place in
// the index when it was sealed; a partial index holds only the unsealed rows, in insertion order,
// and sealing just removes them from its left edge. Frozen once merged.

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run against the schema of their day, not today's types */
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('audit_events_unsealed').execute();
  await db.schema
    .createIndex('audit_events_unsealed')
    .on('audit_events')
    .column('seq')
    .where(sql.ref('hash'), 'is', null)
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('audit_events_unsealed').execute();
  await db.schema.createIndex('audit_events_unsealed').on('audit_events').columns(['hash', 'seq']).execute();
}
