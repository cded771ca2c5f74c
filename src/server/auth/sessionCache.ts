import type { Db } from '../../db/createDb.js';
import type { AuthSessionsTable } from '../../db/schema.js';

// Reading the session row on every request is the one query every API call pays. A short memory
// keeps it off the hot path; whoever ends sessions in this process forgets them here at once, and
// another process serving the same PostgreSQL database sees the end within SESSION_MEMORY_MS.
export const SESSION_MEMORY_MS = 2_000;
const LIMIT = 10_000;

interface Remembered {
  session: AuthSessionsTable;
  until: number;
}

const memories = new WeakMap<Db, Map<string, Remembered>>();

const memoryOf = (db: Db): Map<string, Remembered> => {
  let memory = memories.get(db);
  if (!memory) {
    memory = new Map();
    memories.set(db, memory);
  }
  return memory;
};

export const recalledSession = (db: Db, id: string, now: number): AuthSessionsTable | undefined => {
  const hit = memoryOf(db).get(id);
  return hit && hit.until > now ? hit.session : undefined;
};

export const rememberSession = (db: Db, session: AuthSessionsTable, now: number): void => {
  const memory = memoryOf(db);
  if (memory.size >= LIMIT) memory.clear();
  memory.set(session.id, { session, until: now + SESSION_MEMORY_MS });
};

export const forgetSession = (db: Db, id: string): void => {
  memoryOf(db).delete(id);
};

export const forgetUserSessions = (db: Db, userId: string): void => {
  const memory = memoryOf(db);
  for (const [id, { session }] of memory) if (session.user_id === userId) memory.delete(id);
};
