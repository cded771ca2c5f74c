import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { CalendarFeed, CreatedCalendarFeed } from '../../core/api/calendarFeeds.js';
import {
  buildIcs,
  clinicianFeedEvent,
  type FeedEvent,
  feedName,
  type FeedOwnerKind,
  feedWindow,
  patientFeedEvent,
  toFeedOccurrence,
} from '../../core/calendarFeed/index.js';
import { DomainError } from '../../core/errors/domainError.js';
import { cancelledByClosures } from '../../core/schedule/closures.js';
import { expandOccurrences, type Occurrence } from '../../core/schedule/recurrence.js';
import { recordAudit, recordReadAudit } from '../../db/audit.js';
import type { CalendarFeedsTable, Database } from '../../db/schema.js';
import { newToken, tokenHash } from '../auth/tokens.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { auditFor, authorizePatient } from './access.js';
import { activeClosures } from './scheduleCalendar.js';
import { bookedPatientIds, loadSeriesByIds } from './seriesStore.js';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Calendar feeds (SPEC §5): a secret URL per patient (opt-in) or clinician that calendar apps poll.
 * The token is the only credential, so only its SHA-256 is stored and it is shown once; revoking a
 * feed, discharging its patient or deactivating its clinician stops it. The feed shows what the
 * calendar shows — the same expansion, moves, cancellations and closures — through the privacy rule
 * of `core/calendarFeed`. Every read of a patient's feed is a disclosure and is audited.
 */

const FEED_PATH = (token: string): string => `/calendar/${token}.ics`;

/** How long calendar apps are asked to wait between polls. */
const REFRESH_SECONDS = 3600;

interface FeedRow extends CalendarFeedsTable {
  created_by_name: string;
}

const loadFeeds = (executor: Executor, ownerKind: FeedOwnerKind, ownerId: string): Promise<FeedRow[]> =>
  executor
    .selectFrom('calendar_feeds')
    .innerJoin('users', 'users.id', 'calendar_feeds.created_by')
    .selectAll('calendar_feeds')
    .select('users.display_name as created_by_name')
    .where('calendar_feeds.owner_kind', '=', ownerKind)
    .where('calendar_feeds.owner_id', '=', ownerId)
    .orderBy('calendar_feeds.created_at', 'desc')
    .orderBy('calendar_feeds.id')
    .execute();

const presentFeed = (row: FeedRow, ownerServing: boolean): CalendarFeed => ({
  id: row.id,
  ownerKind: row.owner_kind === 'clinician' ? 'clinician' : 'patient',
  createdAt: row.created_at,
  createdBy: { id: row.created_by, displayName: row.created_by_name },
  revokedAt: row.revoked_at,
  serving: row.revoked_at === null && ownerServing,
});

/** Whether the feed's owner may still be served: a patient not discharged, an active clinician. */
const ownerServing = async (
  executor: Executor,
  ownerKind: FeedOwnerKind,
  ownerId: string,
): Promise<boolean> => {
  if (ownerKind === 'patient') {
    const patient = await executor
      .selectFrom('patients')
      .select('status')
      .where('id', '=', ownerId)
      .executeTakeFirst();
    return patient !== undefined && patient.status !== 'discharged';
  }
  const user = await executor
    .selectFrom('users')
    .select('active')
    .where('id', '=', ownerId)
    .executeTakeFirst();
  return user?.active === 1;
};

const createFeed = async (
  deps: AppDeps,
  ctx: RequestContext,
  ownerKind: FeedOwnerKind,
  ownerId: string,
  origin: string,
): Promise<CreatedCalendarFeed> => {
  if (!(await ownerServing(deps.db.kysely, ownerKind, ownerId)))
    throw new DomainError(
      'CONFLICT',
      ownerKind === 'patient'
        ? 'This patient has been discharged: their schedule is no longer shared.'
        : 'This account is not active.',
    );
  const token = newToken();
  const id = randomUUID();
  const now = deps.clock.now();
  await deps.db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto('calendar_feeds')
      .values({
        id,
        owner_kind: ownerKind,
        owner_id: ownerId,
        token_hash: tokenHash(token),
        created_by: ctx.actor.userId,
        created_at: now.toISOString(),
        revoked_at: null,
      })
      .execute();
    await recordAudit(
      trx,
      {
        ...auditFor(ctx),
        action: 'calendar_feed.create',
        patientIds: ownerKind === 'patient' ? [ownerId] : [],
        recordType: 'calendar_feed',
        recordId: id,
        detail: { ownerKind },
      },
      now,
    );
  });
  const [row] = (await loadFeeds(deps.db.kysely, ownerKind, ownerId)).filter((f) => f.id === id);
  if (!row) throw new DomainError('INTERNAL', 'The feed was not saved.');
  return { ...presentFeed(row, true), url: `${origin}${FEED_PATH(token)}` };
};

export const createPatientFeed = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  origin: string,
): Promise<CreatedCalendarFeed> => {
  await authorizePatient(deps, ctx, patientId, 'schedule.write');
  return createFeed(deps, ctx, 'patient', patientId, origin);
};

export const listPatientFeeds = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
): Promise<CalendarFeed[]> => {
  await authorizePatient(deps, ctx, patientId, 'schedule.read');
  const db = deps.db.kysely;
  const [rows, serving] = await Promise.all([
    loadFeeds(db, 'patient', patientId),
    ownerServing(db, 'patient', patientId),
  ]);
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'calendar_feed.list',
      patientIds: [patientId],
      recordType: 'patient',
      recordId: patientId,
      detail: { feeds: rows.length },
    },
    deps.clock.now(),
  );
  return rows.map((r) => presentFeed(r, serving));
};

export const createMyFeed = (
  deps: AppDeps,
  ctx: RequestContext,
  origin: string,
): Promise<CreatedCalendarFeed> => createFeed(deps, ctx, 'clinician', ctx.actor.userId, origin);

export const listMyFeeds = async (deps: AppDeps, ctx: RequestContext): Promise<CalendarFeed[]> => {
  const rows = await loadFeeds(deps.db.kysely, 'clinician', ctx.actor.userId);
  return rows.map((r) => presentFeed(r, true));
};

/**
 * Revokes a feed: a patient's by whoever may change that patient's schedule, a clinician's by that
 * clinician only (others are told it does not exist). Revoking twice answers the revoked feed.
 */
export const revokeFeed = async (
  deps: AppDeps,
  ctx: RequestContext,
  feedId: string,
): Promise<CalendarFeed> => {
  const db = deps.db.kysely;
  const feed = await db.selectFrom('calendar_feeds').selectAll().where('id', '=', feedId).executeTakeFirst();
  if (!feed) throw new DomainError('NOT_FOUND', 'No such calendar feed.');
  const ownerKind: FeedOwnerKind = feed.owner_kind === 'clinician' ? 'clinician' : 'patient';
  if (ownerKind === 'patient') await authorizePatient(deps, ctx, feed.owner_id, 'schedule.write');
  else if (feed.owner_id !== ctx.actor.userId) {
    await recordAudit(
      db,
      {
        ...auditFor(ctx),
        action: 'access.denied',
        patientIds: [],
        recordType: 'calendar_feed',
        recordId: feedId,
        detail: { attempted: 'calendar_feed.revoke', reason: "another staff member's feed" },
      },
      deps.clock.now(),
    );
    throw new DomainError('NOT_FOUND', 'No such calendar feed.');
  }
  if (feed.revoked_at === null) {
    const now = deps.clock.now();
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('calendar_feeds')
        .set({ revoked_at: now.toISOString() })
        .where('id', '=', feedId)
        .where('revoked_at', 'is', null)
        .execute();
      await recordAudit(
        trx,
        {
          ...auditFor(ctx),
          action: 'calendar_feed.revoke',
          patientIds: ownerKind === 'patient' ? [feed.owner_id] : [],
          recordType: 'calendar_feed',
          recordId: feedId,
          detail: { ownerKind },
        },
        now,
      );
    });
  }
  const [row] = (await loadFeeds(db, ownerKind, feed.owner_id)).filter((f) => f.id === feedId);
  if (!row) throw new DomainError('NOT_FOUND', 'No such calendar feed.');
  return presentFeed(row, await ownerServing(db, ownerKind, feed.owner_id));
};

// --- Reading a feed (public: the token is the credential) -----------------------------------------

interface Expanded {
  occurrences: Occurrence[];
  closedKeys: Set<string>;
}

/** Occurrences of these series in the window, with the keys clinic closures cancel. */
const expandWithClosures = async (
  executor: Executor,
  seriesIds: readonly string[],
  fromMs: number,
  toMs: number,
  keep: (o: Occurrence) => boolean,
): Promise<Expanded> => {
  const stored = (await loadSeriesByIds(executor, [...new Set(seriesIds)])).filter(
    (s) => s.row.archived_at === null,
  );
  const occurrences = stored.flatMap((s) => expandOccurrences(s.series, fromMs, toMs)).filter(keep);
  const closures = await activeClosures(executor, [...new Set(stored.map((s) => s.row.site_id))]);
  const closedKeys = new Set(cancelledByClosures(closures, occurrences).map((c) => c.occurrenceKey));
  return { occurrences, closedKeys };
};

/** The names of the rooms and sites of some occurrences, for the words a patient or clinician sees. */
export const roomAndSiteNames = async (executor: Executor, occurrences: readonly Occurrence[]) => {
  const roomIds = [...new Set(occurrences.flatMap((o) => (o.roomId !== null ? [o.roomId] : [])))];
  const siteIds = [...new Set(occurrences.map((o) => o.siteId))];
  const [rooms, sites] = await Promise.all([
    roomIds.length > 0
      ? executor.selectFrom('rooms').select(['id', 'name']).where('id', 'in', roomIds).execute()
      : Promise.resolve([]),
    siteIds.length > 0
      ? executor.selectFrom('sites').select(['id', 'name']).where('id', 'in', siteIds).execute()
      : Promise.resolve([]),
  ]);
  return {
    room: new Map(rooms.map((r) => [r.id, r.name])),
    site: new Map(sites.map((s) => [s.id, s.name])),
  };
};

const patientFeed = async (
  executor: Executor,
  patientId: string,
  fromMs: number,
  toMs: number,
): Promise<{ name: string; events: FeedEvent[] } | null> => {
  const patient = await executor
    .selectFrom('patients')
    .innerJoin('sites', 'sites.id', 'patients.site_id')
    .select(['patients.status', 'patients.name_clinic_ok', 'sites.name as site_name'])
    .where('patients.id', '=', patientId)
    .executeTakeFirst();
  if (!patient || patient.status === 'discharged') return null;
  // The series the calendar looks in for a patient: their memberships and single-session bookings.
  const seriesIds = (
    await executor
      .selectFrom('series_memberships')
      .select('series_id')
      .where('patient_id', '=', patientId)
      .union(
        executor
          .selectFrom('occurrence_bookings')
          .select('series_id')
          .where('patient_id', '=', patientId)
          .where('kind', '=', 'add'),
      )
      .execute()
  ).map((r) => r.series_id);
  const expanded = await expandWithClosures(executor, seriesIds, fromMs, toMs, () => true);
  // Who is booked is the schedule's rule (memberships, and one-off bookings as they come): ask it.
  const booked = await Promise.all(
    expanded.occurrences.map(async (o) =>
      (await bookedPatientIds(executor, o)).includes(patientId) ? o : null,
    ),
  );
  const mine = booked.filter((o): o is Occurrence => o !== null);
  const names = await roomAndSiteNames(executor, mine);
  const nameClinicOk = patient.name_clinic_ok === 1;
  return {
    name: feedName('patient', nameClinicOk ? patient.site_name : null),
    events: mine.map((o) =>
      patientFeedEvent(
        toFeedOccurrence(o, {
          siteName: names.site.get(o.siteId) ?? null,
          roomName: o.roomId !== null ? (names.room.get(o.roomId) ?? null) : null,
          closed: expanded.closedKeys.has(o.key),
        }),
        { nameClinicOk },
      ),
    ),
  };
};

const clinicianFeed = async (
  executor: Executor,
  userId: string,
  fromMs: number,
  toMs: number,
): Promise<{ name: string; events: FeedEvent[] } | null> => {
  const user = await executor
    .selectFrom('users')
    .select('active')
    .where('id', '=', userId)
    .executeTakeFirst();
  if (user?.active !== 1) return null;
  // Their own series, and others' sessions moved to them (covering for a colleague).
  const [led, covering] = await Promise.all([
    executor.selectFrom('session_series').select('id').where('clinician_id', '=', userId).execute(),
    executor.selectFrom('series_exceptions').select('series_id').where('clinician_id', '=', userId).execute(),
  ]);
  const expanded = await expandWithClosures(
    executor,
    [...led.map((r) => r.id), ...covering.map((r) => r.series_id)],
    fromMs,
    toMs,
    (o) => o.clinicianId === userId,
  );
  const names = await roomAndSiteNames(executor, expanded.occurrences);
  return {
    name: feedName('clinician', null),
    events: expanded.occurrences.map((o) =>
      clinicianFeedEvent(
        toFeedOccurrence(o, {
          siteName: names.site.get(o.siteId) ?? null,
          roomName: o.roomId !== null ? (names.room.get(o.roomId) ?? null) : null,
          closed: expanded.closedKeys.has(o.key),
        }),
      ),
    ),
  };
};

/**
 * The feed a token opens, as iCalendar text. Unknown, revoked and no-longer-served feeds answer the
 * same 404, so a token's history cannot be probed.
 */
export const readFeed = async (
  deps: AppDeps,
  token: string,
  request: { ip: string; requestId: string },
): Promise<string> => {
  const db = deps.db.kysely;
  const notFound = new DomainError('NOT_FOUND', 'No such calendar feed.');
  const feed = await db
    .selectFrom('calendar_feeds')
    .selectAll()
    .where('token_hash', '=', tokenHash(token))
    .executeTakeFirst();
  if (!feed || feed.revoked_at !== null) throw notFound;
  const now = deps.clock.now();
  const { fromMs, toMs } = feedWindow(now.getTime());
  const ownerKind: FeedOwnerKind = feed.owner_kind === 'clinician' ? 'clinician' : 'patient';
  const content =
    ownerKind === 'patient'
      ? await patientFeed(db, feed.owner_id, fromMs, toMs)
      : await clinicianFeed(db, feed.owner_id, fromMs, toMs);
  if (!content) throw notFound;
  await recordReadAudit(
    deps.db,
    {
      actorUserId: null,
      actorRole: null,
      action: 'calendar_feed.read',
      patientIds: ownerKind === 'patient' ? [feed.owner_id] : [],
      recordType: 'calendar_feed',
      recordId: feed.id,
      ip: request.ip,
      requestId: request.requestId,
      detail: { ownerKind, events: content.events.length },
    },
    now,
  );
  return buildIcs({
    name: content.name,
    events: content.events,
    nowMs: now.getTime(),
    refreshSeconds: REFRESH_SECONDS,
  });
};
