import { type Kysely, sql } from 'kysely';

// Database-enforced guards for clinical records (SPEC §7: "signed rows cannot be updated or deleted —
// enforced in the database, not only in code"). Used by migrations, so frozen like them: a guard
// that must change gets a new function, and the migrations that used the old one keep it.

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run against the schema of their day, not today's types */
type AnyDb = Kysely<any>;

export const isPostgres = async (db: AnyDb): Promise<boolean> => {
  try {
    await sql`select version()`.execute(db);
    return true;
  } catch {
    return false;
  }
};

/** Rows are written once: no UPDATE, no DELETE (and on PostgreSQL no TRUNCATE). */
export const guardAppendOnly = async (db: AnyDb, table: string): Promise<void> => {
  if (await isPostgres(db)) {
    await sql
      .raw(
        `create function ${table}_append_only() returns trigger language plpgsql as $$
         begin raise exception '${table} is append-only'; end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${table}_append_only before update or delete on ${table} for each row execute function ${table}_append_only()`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${table}_no_truncate before truncate on ${table} for each statement execute function ${table}_append_only()`,
      )
      .execute(db);
    return;
  }
  await sql
    .raw(
      `create trigger ${table}_no_update before update on ${table} begin select raise(abort, '${table} is append-only'); end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger ${table}_no_delete before delete on ${table} begin select raise(abort, '${table} is append-only'); end`,
    )
    .execute(db);
};

export interface SignedRowGuard {
  table: string;
  /** A condition over `old` that says the row is signed, e.g. `old.status <> 'draft'`. */
  lockedWhen: string;
  /** Every column of the table. A column added later is frozen only once a new guard names it. */
  columns: readonly string[];
  /**
   * Columns a signed row may still fill in once, while they are null — the co-signature, say.
   * Everything else on a signed row is frozen.
   */
  fillOnce?: readonly string[];
}

/**
 * Once `lockedWhen` holds, the row cannot be deleted and only the `fillOnce` columns may change,
 * from null to a value, once. Drafts stay editable and deletable.
 */
export const guardSignedRows = async (db: AnyDb, guard: SignedRowGuard): Promise<void> => {
  const pg = await isPostgres(db);
  const fillOnce = guard.fillOnce ?? [];
  const changed = (c: string) => (pg ? `new.${c} is distinct from old.${c}` : `new.${c} is not old.${c}`);
  const frozen = guard.columns.filter((c) => !fillOnce.includes(c));
  const violation = [
    ...frozen.map(changed),
    ...fillOnce.map((c) => `(old.${c} is not null and ${changed(c)})`),
  ].join(' or ');
  const { table, lockedWhen } = guard;
  const message = `${table}: signed rows cannot be changed or deleted; add an addendum`;
  if (pg) {
    await sql
      .raw(
        `create function ${table}_signed_locked() returns trigger language plpgsql as $$
         begin
           if tg_op = 'TRUNCATE' then raise exception '${message}'; end if;
           if tg_op = 'DELETE' then
             if ${lockedWhen} then raise exception '${message}'; end if;
             return old;
           end if;
           if (${lockedWhen}) and (${violation}) then raise exception '${message}'; end if;
           return new;
         end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${table}_signed_locked before update or delete on ${table} for each row execute function ${table}_signed_locked()`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${table}_no_truncate before truncate on ${table} for each statement execute function ${table}_signed_locked()`,
      )
      .execute(db);
    return;
  }
  await sql
    .raw(
      `create trigger ${table}_signed_no_update before update on ${table} when (${lockedWhen}) and (${violation})
       begin select raise(abort, '${message}'); end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger ${table}_signed_no_delete before delete on ${table} when ${lockedWhen}
       begin select raise(abort, '${message}'); end`,
    )
    .execute(db);
};
