import { decidePatientAccess } from '../../../core/access/patientPolicy.js';
import type { TimelinePage, TimelineQuery } from '../../../core/api/timeline.js';
import { DomainError } from '../../../core/errors/domainError.js';
import {
  isTimelineKind,
  TIMELINE_KIND_ACTIONS,
  TIMELINE_KINDS,
  type TimelineKind,
} from '../../../core/timeline/kinds.js';
import { encodeCursor, mergePage, parseCursor } from '../../../core/timeline/order.js';
import { recordReadAudit } from '../../../db/audit.js';
import type { RequestContext } from '../../context.js';
import type { AppDeps } from '../../deps.js';
import { auditFor, authorizePatient } from '../access.js';
import { type ShownKinds, timelineCandidates } from './timelineSources.js';

export const DEFAULT_TIMELINE_LIMIT = 30;

const requestedKinds = (types: string | undefined): Set<TimelineKind> =>
  new Set(types === undefined ? TIMELINE_KINDS : types.split(',').filter(isTimelineKind));

/**
 * A patient's chart timeline, newest first. Reaching the chart at all takes `episode.read`; each kind
 * of entry then needs the action that reads it, so a role sees exactly the kinds its grants allow and
 * is told which were left out. One read audit event names the patient.
 */
export const getChartTimeline = async (
  deps: AppDeps,
  ctx: RequestContext,
  patientId: string,
  query: TimelineQuery,
): Promise<TimelinePage> => {
  const { facts, timeZone } = await authorizePatient(deps, ctx, patientId, 'episode.read');
  const cursor = query.before === undefined ? null : parseCursor(query.before);
  if (query.before !== undefined && cursor === null)
    throw new DomainError('VALIDATION_FAILED', 'before is not a cursor from a previous page.', {
      fields: [{ field: '/before', message: 'must be the nextBefore of a previous page' }],
    });
  const allowed = TIMELINE_KINDS.filter(
    (kind) => decidePatientAccess(ctx.actor, facts, TIMELINE_KIND_ACTIONS[kind]).allowed,
  );
  const excludedKinds = TIMELINE_KINDS.filter((kind) => !allowed.includes(kind));
  const wanted = requestedKinds(query.types);
  const shown = (kind: TimelineKind) => allowed.includes(kind) && wanted.has(kind);

  const limit = query.limit ?? DEFAULT_TIMELINE_LIMIT;
  const shownKinds = Object.fromEntries(TIMELINE_KINDS.map((kind) => [kind, shown(kind)])) as ShownKinds;
  const candidates = await timelineCandidates(
    { db: deps.db.kysely, patientId, timeZone, viewerUserId: ctx.actor.userId, cursor, limit },
    shownKinds,
  );
  const page = mergePage([candidates], cursor, limit);
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'timeline.read',
      patientIds: [patientId],
      recordType: 'patient',
      recordId: patientId,
      detail: { kinds: TIMELINE_KINDS.filter(shown), entries: page.items.length },
    },
    deps.clock.now(),
  );
  return {
    items: page.items,
    nextBefore: page.next ? encodeCursor(page.next) : null,
    excludedKinds,
  };
};
