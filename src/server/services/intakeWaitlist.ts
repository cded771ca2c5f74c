import type { TrackCapacity, Waitlist, WaitlistQuery } from '../../core/api/intake.js';
import { inquiryListSites } from '../../core/access/inquiryPolicy.js';
import {
  capacityOfTrack,
  placesLeft,
  TRACK_CAPACITY_SETTING,
  trackCapacitySetting,
} from '../../core/intake/capacity.js';
import { OPEN_STAGES } from '../../core/intake/stages.js';
import { sortWaitlist } from '../../core/intake/waitlist.js';
import { recordReadAudit } from '../../db/audit.js';
import type { RequestContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { presentInquirySummary } from '../presenters/inquiries.js';
import { auditFor } from './access.js';
import { requireInquiryReader, SUMMARY_COLUMNS } from './inquiries.js';

/** Everyone waiting for a place at the caller's sites, in the order places should be offered. */
export const listWaitlist = async (
  deps: AppDeps,
  ctx: RequestContext,
  query: WaitlistQuery,
): Promise<Waitlist> => {
  await requireInquiryReader(deps, ctx, 'inquiry.waitlist.list');
  const now = deps.clock.now();
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const allowed = inquiryListSites(ctx.actor);
  const sites = query.siteId !== undefined ? allowed.filter((s) => s === query.siteId) : [...allowed];
  const rows = await deps.db.kysely
    .selectFrom('inquiries')
    .leftJoin('users as assigned', 'assigned.id', 'inquiries.assigned_user_id')
    .leftJoin('tracks', 'tracks.id', 'inquiries.wanted_track_id')
    .select([...SUMMARY_COLUMNS, 'assigned.display_name as assigned_name', 'tracks.name as track_name'])
    .where('inquiries.site_id', 'in', sites.length > 0 ? sites : [''])
    .where('inquiries.waitlisted_at', 'is not', null)
    .where('inquiries.stage', 'in', [...OPEN_STAGES])
    .$if(query.trackId !== undefined, (qb) => qb.where('inquiries.wanted_track_id', '=', query.trackId ?? ''))
    .execute();
  // The order is the core rule's, so the screen, the API and the tests agree on who is next.
  const ordered = sortWaitlist(
    rows.map((r) => ({
      row: r,
      id: r.id,
      priorityDeadline: r.priority_deadline,
      waitlistedAt: r.waitlisted_at,
      createdAt: r.created_at,
    })),
  );
  const page = ordered.slice(offset, offset + limit);
  await recordReadAudit(
    deps.db,
    {
      ...auditFor(ctx),
      action: 'inquiry.list',
      patientIds: page.flatMap((e) => (e.row.patient_id !== null ? [e.row.patient_id] : [])),
      recordType: 'inquiry',
      detail: {
        view: 'waitlist',
        resultCount: page.length,
        total: ordered.length,
        inquiryIds: page.map((e) => e.id),
      },
    },
    now,
  );
  return {
    items: page.map((e, i) => ({
      ...presentInquirySummary(e.row, now),
      position: offset + i + 1,
      wantedTrackName: e.row.track_name,
    })),
    total: ordered.length,
    limit,
    offset,
  };
};

/** Per track at the caller's sites: places (when the clinic set them), who is enrolled, who waits. */
export const listTrackCapacity = async (
  deps: AppDeps,
  ctx: RequestContext,
  query: { siteId?: string | undefined },
): Promise<TrackCapacity[]> => {
  await requireInquiryReader(deps, ctx, 'intake.capacity');
  const allowed = inquiryListSites(ctx.actor);
  const sites = query.siteId !== undefined ? allowed.filter((s) => s === query.siteId) : [...allowed];
  const db = deps.db.kysely;
  const siteFilter = sites.length > 0 ? sites : [''];
  const [tracks, enrolled, waiting, setting] = await Promise.all([
    db
      .selectFrom('tracks')
      .innerJoin('programs', 'programs.id', 'tracks.program_id')
      .select([
        'tracks.id',
        'tracks.name',
        'programs.id as program_id',
        'programs.name as program_name',
        'programs.level_of_care',
        'programs.site_id',
      ])
      .where('programs.site_id', 'in', siteFilter)
      .where('programs.active', '=', 1)
      .where('tracks.active', '=', 1)
      .orderBy('programs.name')
      .orderBy('tracks.name')
      .execute(),
    db
      .selectFrom('enrolment_segments')
      .innerJoin('programs', 'programs.id', 'enrolment_segments.program_id')
      .select(['enrolment_segments.track_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('enrolment_segments.end_on', 'is', null)
      .where('enrolment_segments.track_id', 'is not', null)
      .where('programs.site_id', 'in', siteFilter)
      .groupBy('enrolment_segments.track_id')
      .execute(),
    db
      .selectFrom('inquiries')
      .select(['wanted_track_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('site_id', 'in', siteFilter)
      .where('waitlisted_at', 'is not', null)
      .where('wanted_track_id', 'is not', null)
      .where('stage', 'in', [...OPEN_STAGES])
      .groupBy('wanted_track_id')
      .execute(),
    db.selectFrom('settings').select('value').where('key', '=', TRACK_CAPACITY_SETTING).executeTakeFirst(),
  ]);
  let parsed: unknown = undefined;
  try {
    parsed = setting ? JSON.parse(setting.value) : undefined;
  } catch {
    parsed = undefined;
  }
  const capacities = trackCapacitySetting(parsed);
  const enrolledBy = new Map(enrolled.map((r) => [r.track_id, Number(r.n)]));
  const waitingBy = new Map(waiting.map((r) => [r.wanted_track_id, Number(r.n)]));
  return tracks.map((t) => {
    const capacity = capacityOfTrack(capacities, t.id);
    const count = enrolledBy.get(t.id) ?? 0;
    return {
      trackId: t.id,
      trackName: t.name,
      programId: t.program_id,
      programName: t.program_name,
      levelOfCare: t.level_of_care,
      siteId: t.site_id,
      capacity,
      enrolled: count,
      waitlisted: waitingBy.get(t.id) ?? 0,
      available: placesLeft(capacity, count),
    };
  });
};
