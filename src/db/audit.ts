import { createHash, randomUUID } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Db } from './createDb.js';
import { timeOrderedId } from './ids.js';
import type { AuditEventsTable, Database } from './schema.js';

/** One audited read or write of patient data (SPEC §10): who, what, which patients, when, from where. */
export interface AuditEntry {
  actorUserId: string | null;
  actorRole: string | null;
  action: string;
  patientIds: readonly string[];
  recordType?: string | null;
  recordId?: string | null;
  ip?: string | null;
  requestId?: string | null;
  detail?: Record<string, unknown> | null;
}

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Appends an audit event. Pass the transaction of the write it records, so both commit together.
 * Rows are sealed into the hash chain shortly after by `sealAuditChain`.
 */
export const recordAudit = async (executor: Executor, entry: AuditEntry, at: Date): Promise<string> => {
  const row = toRow(entry, at);
  // The audit_patient_index rows are written when the row is sealed (see sealAuditChain).
  await executor.insertInto('audit_events').values(row).execute();
  return row.id;
};

type AuditRow = Omit<AuditEventsTable, 'seq'>;

const toRow = (entry: AuditEntry, at: Date): AuditRow => ({
  id: timeOrderedId(at.getTime()),
  at: at.toISOString(),
  actor_user_id: entry.actorUserId,
  actor_role: entry.actorRole,
  action: entry.action,
  patient_ids: JSON.stringify([...new Set(entry.patientIds)]),
  record_type: entry.recordType ?? null,
  record_id: entry.recordId ?? null,
  ip: entry.ip ?? null,
  request_id: entry.requestId ?? null,
  detail: entry.detail ? JSON.stringify(entry.detail) : null,
  chain_pos: null,
  prev_hash: null,
  hash: null,
});

interface PendingRead {
  row: AuditRow;
  resolve: () => void;
  reject: (error: unknown) => void;
}

// 13 columns per row; SQLite allows 999 bound parameters per statement.
const ROWS_PER_INSERT = 70;

/**
 * Group commit for read events: concurrent requests' events are written in one transaction, and each
 * request still waits until its own event is committed before answering, so no read goes unaudited.
 * A commit per read would otherwise dominate the cost of reading a chart.
 */
class ReadAuditBatcher {
  private pending: PendingRead[] = [];
  private scheduled = false;
  constructor(private readonly db: Db) {}

  record(row: AuditRow): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ row, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    try {
      const rows = batch.map((p) => p.row);
      if (rows.length <= ROWS_PER_INSERT) {
        // One statement is its own transaction: no BEGIN/COMMIT round trips.
        await this.db.kysely.insertInto('audit_events').values(rows).execute();
      } else {
        await this.db.kysely.transaction().execute(async (trx) => {
          for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
            await trx
              .insertInto('audit_events')
              .values(rows.slice(i, i + ROWS_PER_INSERT))
              .execute();
          }
        });
      }
      for (const p of batch) p.resolve();
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  }
}

const batchers = new WeakMap<Db, ReadAuditBatcher>();

/** Records a read of patient data (a chart opened, a list shown); resolves once it is committed. */
export const recordReadAudit = (db: Db, entry: AuditEntry, at: Date): Promise<void> => {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new ReadAuditBatcher(db);
    batchers.set(db, batcher);
  }
  return batcher.record(toRow(entry, at));
};

type SealedFields = Pick<
  AuditEventsTable,
  | 'id'
  | 'at'
  | 'actor_user_id'
  | 'actor_role'
  | 'action'
  | 'patient_ids'
  | 'record_type'
  | 'record_id'
  | 'ip'
  | 'request_id'
  | 'detail'
>;

const GENESIS = '0'.repeat(64);

/** The hash of a row covers every data column and the previous row's hash. */
export const auditRowHash = (prevHash: string, chainPos: number, row: SealedFields): string =>
  createHash('sha256')
    .update(
      JSON.stringify([
        prevHash,
        chainPos,
        row.id,
        row.at,
        row.actor_user_id,
        row.actor_role,
        row.action,
        row.patient_ids,
        row.record_type,
        row.record_id,
        row.ip,
        row.request_id,
        row.detail,
      ]),
    )
    .digest('hex');

// Any constant works; it only has to be the same for every process sealing one database.
const SEAL_LOCK_KEY = 727_001;
// Four parameters a row; SQLite allows 999 per statement.
const SEAL_ROWS_PER_UPDATE = 200;
// Set by the migration that moved per-patient indexing from a trigger to the sealer.
const AUDIT_INDEX_FROM_SEQ = 'audit_index_from_seq';
// Three parameters an index row.
const INDEX_ROWS_PER_INSERT = 300;

/** Audit rows from this sequence number on are indexed per patient by the sealer (earlier: by a trigger). */
export const auditIndexFromSeq = async (executor: Executor): Promise<number> => {
  const row = await executor
    .selectFrom('counters')
    .select('value')
    .where('name', '=', AUDIT_INDEX_FROM_SEQ)
    .executeTakeFirst();
  return row ? Number(row.value) : 1;
};

/** The patients an audit row names, as stored. */
export const auditPatientIds = (patientIds: string): string[] => {
  const parsed: unknown = JSON.parse(patientIds);
  return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
};

const indexSealedRows = async (
  trx: Transaction<Database>,
  rows: readonly { seq: number; id: string; at: string; patient_ids: string }[],
): Promise<void> => {
  const fromSeq = await auditIndexFromSeq(trx);
  const entries = rows
    .filter((row) => row.seq >= fromSeq)
    .flatMap((row) =>
      auditPatientIds(row.patient_ids).map((patientId) => ({
        audit_id: row.id,
        patient_id: patientId,
        at: row.at,
      })),
    );
  for (let i = 0; i < entries.length; i += INDEX_ROWS_PER_INSERT) {
    await trx
      .insertInto('audit_patient_index')
      .values(entries.slice(i, i + INDEX_ROWS_PER_INSERT))
      .execute();
  }
};

/**
 * Seals unsealed rows into the chain in insertion order and indexes them per patient. Sealing in
 * batches keeps audited requests from serialising on a chain lock under PostgreSQL and keeps index
 * maintenance off the request path; rows committed late are sealed by the next run.
 */
export const sealAuditChain = async (db: Db, batchSize = 5000): Promise<number> => {
  let sealed = 0;
  for (;;) {
    const count = await db.kysely.transaction().execute(async (trx) => {
      if (db.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${SEAL_LOCK_KEY})`.execute(trx);
      const head = await trx
        .selectFrom('audit_events')
        .select(['chain_pos', 'hash'])
        .where('chain_pos', 'is not', null)
        .orderBy('chain_pos', 'desc')
        .limit(1)
        .executeTakeFirst();
      let prevHash = head?.hash ?? GENESIS;
      let pos = head?.chain_pos ?? 0;
      const rows = await trx
        .selectFrom('audit_events')
        .select([
          'seq',
          'id',
          'at',
          'actor_user_id',
          'actor_role',
          'action',
          'patient_ids',
          'record_type',
          'record_id',
          'ip',
          'request_id',
          'detail',
        ])
        .where('hash', 'is', null)
        .orderBy('seq')
        .limit(batchSize)
        .execute();
      const links: [number, number, string, string][] = [];
      for (const row of rows) {
        pos += 1;
        const hash = auditRowHash(prevHash, pos, row);
        links.push([row.seq, pos, prevHash, hash]);
        prevHash = hash;
      }
      // One UPDATE … FROM (VALUES …) per slice instead of one per row: sealing holds SQLite's single
      // write lock (or PostgreSQL round trips) for milliseconds, not for the length of the batch.
      // Unnamed VALUES columns are column1…column4 on both databases.
      for (let i = 0; i < links.length; i += SEAL_ROWS_PER_UPDATE) {
        const slice = links.slice(i, i + SEAL_ROWS_PER_UPDATE);
        const values = sql.join(
          slice.map(
            ([seq, chainPos, prev, hash]) =>
              sql`(cast(${seq} as bigint), cast(${chainPos} as bigint), ${prev}, ${hash})`,
          ),
        );
        await sql`update audit_events set chain_pos = v.column2, prev_hash = v.column3, hash = v.column4
          from (values ${values}) as v where audit_events.seq = v.column1`.execute(trx);
      }
      await indexSealedRows(trx, rows);
      return rows.length;
    });
    sealed += count;
    if (count < batchSize) return sealed;
  }
};

/** Records the chain head so that deleting the newest rows is detected too. */
export const checkpointAuditChain = async (
  db: Db,
  at: Date,
): Promise<{ chainPos: number; hash: string } | null> => {
  const head = await db.kysely
    .selectFrom('audit_events')
    .select(['chain_pos', 'hash'])
    .where('chain_pos', 'is not', null)
    .orderBy('chain_pos', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!head || head.chain_pos === null || head.hash === null) return null;
  const last = await db.kysely
    .selectFrom('audit_checkpoints')
    .select('chain_pos')
    .orderBy('chain_pos', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (last && Number(last.chain_pos) === head.chain_pos) return { chainPos: head.chain_pos, hash: head.hash };
  await db.kysely
    .insertInto('audit_checkpoints')
    .values({ id: randomUUID(), chain_pos: head.chain_pos, hash: head.hash, at: at.toISOString() })
    .execute();
  return { chainPos: head.chain_pos, hash: head.hash };
};

export interface AuditVerification {
  ok: boolean;
  sealedRows: number;
  unsealedRows: number;
  checkpoints: number;
  problems: string[];
}

/** Walks the whole chain: every link, every hash, every checkpoint. Reads only. */
export const verifyAuditChain = async (db: Db): Promise<AuditVerification> => {
  const problems: string[] = [];
  let prevHash = GENESIS;
  let expectedPos = 1;
  let sealedRows = 0;
  const hashesAt = new Map<number, string>();
  const pageSize = 5000;
  let lastPos = 0;
  for (;;) {
    const rows = await db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('chain_pos', '>', lastPos)
      .orderBy('chain_pos')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      const pos = Number(row.chain_pos);
      if (pos !== expectedPos) {
        problems.push(`chain position ${expectedPos} is missing (next present: ${pos}): rows were deleted`);
        expectedPos = pos;
      }
      if (row.prev_hash !== prevHash)
        problems.push(`row at chain position ${pos} does not link to its predecessor`);
      const recomputed = auditRowHash(row.prev_hash ?? '', pos, row);
      if (recomputed !== row.hash) problems.push(`row at chain position ${pos} was altered (hash mismatch)`);
      hashesAt.set(pos, row.hash ?? '');
      prevHash = row.hash ?? '';
      expectedPos += 1;
      sealedRows += 1;
      lastPos = pos;
    }
    if (rows.length < pageSize) break;
  }
  const checkpoints = await db.kysely
    .selectFrom('audit_checkpoints')
    .selectAll()
    .orderBy('chain_pos')
    .execute();
  for (const checkpoint of checkpoints) {
    const pos = Number(checkpoint.chain_pos);
    const actual = hashesAt.get(pos);
    if (actual === undefined) {
      problems.push(
        `checkpointed head at chain position ${pos} is missing: the newest rows were deleted or truncated`,
      );
    } else if (actual !== checkpoint.hash) {
      problems.push(`checkpoint at chain position ${pos} does not match the chain`);
    }
  }
  const unsealed = await db.kysely
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('hash', 'is', null)
    .executeTakeFirstOrThrow();
  const unsealedRows = Number(unsealed.n);
  const unsealedBeforeHead = await db.kysely
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('hash', 'is', null)
    .where('chain_pos', 'is not', null)
    .executeTakeFirstOrThrow();
  if (Number(unsealedBeforeHead.n) > 0) problems.push('rows carry a chain position without a hash');
  return { ok: problems.length === 0, sealedRows, unsealedRows, checkpoints: checkpoints.length, problems };
};
