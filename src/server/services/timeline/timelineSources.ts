import { type RawBuilder, sql } from 'kysely';
import type { TimelineEntry, TimelineFlag } from '../../../core/api/timeline.js';
import {
  describeAlert,
  describeDischarge,
  describeMeasure,
  describeNote,
  describePlanVersion,
  describeRelapsePlanVersion,
  describeScreen,
  describeSegment,
} from '../../../core/timeline/describe.js';
import { TIMELINE_KIND_TABS, type TimelineKind } from '../../../core/timeline/kinds.js';
import {
  type DateBound,
  dateBoundOf,
  sortAtOfDate,
  type TimelineCursor,
} from '../../../core/timeline/order.js';
import type { Executor } from '../notes/noteData.js';

/**
 * One query per kind of timeline entry, each a keyset range scan: the first `limit + 1` entries after
 * the cursor in newest-first order (see core/timeline/order.ts for why that is enough to merge).
 */
export interface SourceInput {
  db: Executor;
  patientId: string;
  timeZone: string;
  /** Drafts shown are the caller's own: another clinician's draft is not yet part of the chart. */
  viewerUserId: string;
  cursor: TimelineCursor | null;
  limit: number;
}

/** Timed sources: `(at, id) < (cursor.sortAt, cursor.id)`. Instants are stored as `toISOString()` text. */
const afterInstant = (at: string, id: string, c: TimelineCursor): RawBuilder<boolean> =>
  sql<boolean>`(${sql.ref(at)} < ${c.sortAt} or (${sql.ref(at)} = ${c.sortAt} and ${sql.ref(id)} < ${c.id}))`;

/** Dated sources: the cursor turned into a bound on the date column (see `dateBoundOf`). */
const withinDates = (date: string, id: string, b: DateBound): RawBuilder<boolean> =>
  b.tieBelowId === null
    ? sql<boolean>`${sql.ref(date)} <= ${b.date}`
    : sql<boolean>`(${sql.ref(date)} < ${b.date} or (${sql.ref(date)} = ${b.date} and ${sql.ref(id)} < ${b.tieBelowId}))`;

const entry = (
  kind: TimelineKind,
  id: string,
  occurred: { date: string; timeZone: string } | { at: string },
  text: { title: string; summary: string },
  flags: TimelineFlag[] = [],
  score: TimelineEntry['score'] = null,
): TimelineEntry => ({
  kind,
  id,
  occurredAt: 'date' in occurred ? occurred.date : occurred.at,
  dated: 'date' in occurred,
  sortAt: 'date' in occurred ? sortAtOfDate(occurred.date, occurred.timeZone) : occurred.at,
  title: text.title,
  summary: text.summary,
  flags,
  score,
  link: { tab: TIMELINE_KIND_TABS[kind], recordId: id },
});

const LEVEL_CHANGE_KINDS = ['step_up', 'step_down', 'lateral'];

/** Admissions and level-of-care changes: the segments of the patient's episodes. */
export const segmentEntries = async (
  input: SourceInput,
  kinds: { admission: boolean; change: boolean },
): Promise<TimelineEntry[]> => {
  const changeKinds = [
    ...(kinds.admission ? ['admission'] : []),
    ...(kinds.change ? LEVEL_CHANGE_KINDS : []),
  ];
  if (changeKinds.length === 0) return [];
  const { cursor, timeZone } = input;
  const rows = await input.db
    .selectFrom('enrolment_segments as s')
    .innerJoin('programs as p', 'p.id', 's.program_id')
    .select([
      's.id',
      's.start_on',
      's.change_kind',
      's.level_of_care',
      's.change_reason',
      'p.name as program_name',
    ])
    .where('s.patient_id', '=', input.patientId)
    .where('s.change_kind', 'in', changeKinds)
    .$if(cursor !== null, (q) =>
      q.where(withinDates('s.start_on', 's.id', dateBoundOf(cursor as TimelineCursor, timeZone))),
    )
    .orderBy('s.start_on', 'desc')
    .orderBy('s.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  return rows.map((r) =>
    entry(
      r.change_kind === 'admission' ? 'admission' : 'segment_change',
      r.id,
      { date: r.start_on, timeZone },
      describeSegment({
        changeKind: r.change_kind,
        levelOfCare: r.level_of_care,
        programName: r.program_name,
        reason: r.change_kind === 'admission' ? null : r.change_reason,
      }),
    ),
  );
};

export const dischargeEntries = async (input: SourceInput): Promise<TimelineEntry[]> => {
  const { cursor, timeZone } = input;
  const rows = await input.db
    .selectFrom('episodes as e')
    .select(['e.id', 'e.discharged_on', 'e.discharge_type'])
    .where('e.patient_id', '=', input.patientId)
    .where('e.discharged_on', 'is not', null)
    .$if(cursor !== null, (q) =>
      q.where(withinDates('e.discharged_on', 'e.id', dateBoundOf(cursor as TimelineCursor, timeZone))),
    )
    .orderBy('e.discharged_on', 'desc')
    .orderBy('e.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  return rows.flatMap((r) =>
    r.discharged_on === null
      ? []
      : [entry('discharge', r.id, { date: r.discharged_on, timeZone }, describeDischarge(r.discharge_type))],
  );
};

/** Signed notes of the chart and the caller's own drafts; process notes live in another table and never appear. */
export const noteEntries = async (input: SourceInput): Promise<TimelineEntry[]> => {
  const { cursor, timeZone } = input;
  const rows = await input.db
    .selectFrom('clinical_notes as n')
    .innerJoin('users as u', 'u.id', 'n.author_user_id')
    .select([
      'n.id',
      'n.title',
      'n.note_type',
      'n.service_date',
      'n.minutes',
      'n.status',
      'n.needs_cosignature',
      'n.cosigned_at',
      'u.display_name',
    ])
    .where('n.patient_id', '=', input.patientId)
    .where((eb) => eb.or([eb('n.status', '=', 'signed'), eb('n.author_user_id', '=', input.viewerUserId)]))
    .$if(cursor !== null, (q) =>
      q.where(withinDates('n.service_date', 'n.id', dateBoundOf(cursor as TimelineCursor, timeZone))),
    )
    .orderBy('n.service_date', 'desc')
    .orderBy('n.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  return rows.map((r) => {
    const awaitingCosignature = r.status === 'signed' && r.needs_cosignature === 1 && r.cosigned_at === null;
    const flags: TimelineFlag[] = [
      ...(r.status === 'draft' ? (['draft'] as const) : []),
      ...(awaitingCosignature ? (['awaiting_cosignature'] as const) : []),
    ];
    return entry(
      'note',
      r.id,
      { date: r.service_date, timeZone },
      describeNote({
        title: r.title,
        noteType: r.note_type,
        authorName: r.display_name,
        minutes: r.minutes,
        status: r.status,
        awaitingCosignature,
      }),
      flags,
    );
  });
};

/** Measures: instrument, total and band; the item answers stay in their own table. */
export const measureEntries = async (input: SourceInput): Promise<TimelineEntry[]> => {
  const { cursor } = input;
  const rows = await input.db
    .selectFrom('measure_responses as m')
    .select(['m.id', 'm.instrument_code', 'm.total', 'm.band', 'm.administered_at'])
    .where('m.patient_id', '=', input.patientId)
    .$if(cursor !== null, (q) => q.where(afterInstant('m.administered_at', 'm.id', cursor as TimelineCursor)))
    .orderBy('m.administered_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  return rows.map((r) => {
    const described = describeMeasure({ instrumentCode: r.instrument_code, total: r.total, bandKey: r.band });
    return entry('measure', r.id, { at: r.administered_at }, described, [], {
      total: r.total,
      band: described.band,
    });
  });
};

/** Current drug screens: rows no correction supersedes. */
export const screenEntries = async (input: SourceInput): Promise<TimelineEntry[]> => {
  const { cursor, timeZone } = input;
  const rows = await input.db
    .selectFrom('drug_screens as d')
    .select([
      'd.id',
      'd.collected_on',
      'd.panel',
      'd.method',
      'd.refused',
      'd.interpretation',
      'd.needs_review',
    ])
    .where('d.patient_id', '=', input.patientId)
    .where((eb) =>
      // A correction shares its screen's original_id, which is indexed; corrects_id is not.
      eb.not(
        eb.exists(
          eb
            .selectFrom('drug_screens as c')
            .select('c.id')
            .whereRef('c.original_id', '=', 'd.original_id')
            .whereRef('c.corrects_id', '=', 'd.id'),
        ),
      ),
    )
    .$if(cursor !== null, (q) =>
      q.where(withinDates('d.collected_on', 'd.id', dateBoundOf(cursor as TimelineCursor, timeZone))),
    )
    .orderBy('d.collected_on', 'desc')
    .orderBy('d.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  return rows.map((r) =>
    entry(
      'screen',
      r.id,
      { date: r.collected_on, timeZone },
      describeScreen({
        panel: r.panel,
        method: r.method,
        refused: r.refused === 1,
        interpretationJson: r.interpretation,
      }),
      r.needs_review === 1 ? ['needs_review'] : [],
    ),
  );
};

/** Signed treatment-plan versions (the initial plan and each review). */
export const planEntries = async (input: SourceInput): Promise<TimelineEntry[]> => {
  const { cursor } = input;
  const rows = await input.db
    .selectFrom('treatment_plan_versions as v')
    .innerJoin('users as u', 'u.id', 'v.author_user_id')
    .select([
      'v.id',
      'v.number',
      'v.kind',
      'v.signed_at',
      'v.needs_cosignature',
      'v.cosigned_at',
      'u.display_name',
    ])
    .where('v.patient_id', '=', input.patientId)
    .where('v.status', '=', 'signed')
    .where('v.signed_at', 'is not', null)
    .$if(cursor !== null, (q) => q.where(afterInstant('v.signed_at', 'v.id', cursor as TimelineCursor)))
    .orderBy('v.signed_at', 'desc')
    .orderBy('v.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  return rows.flatMap((r) => {
    if (r.signed_at === null) return [];
    const awaitingCosignature = r.needs_cosignature === 1 && r.cosigned_at === null;
    return [
      entry(
        'treatment_plan',
        r.id,
        { at: r.signed_at },
        describePlanVersion({
          kind: r.kind,
          number: r.number,
          authorName: r.display_name,
          awaitingCosignature,
        }),
        awaitingCosignature ? ['awaiting_cosignature'] : [],
      ),
    ];
  });
};

export const relapsePlanEntries = async (input: SourceInput): Promise<TimelineEntry[]> => {
  const { cursor } = input;
  const rows = await input.db
    .selectFrom('relapse_prevention_plan_versions as v')
    .innerJoin('users as u', 'u.id', 'v.saved_by')
    .select(['v.id', 'v.version_number', 'v.saved_at', 'u.display_name'])
    .where('v.patient_id', '=', input.patientId)
    .$if(cursor !== null, (q) => q.where(afterInstant('v.saved_at', 'v.id', cursor as TimelineCursor)))
    .orderBy('v.saved_at', 'desc')
    .orderBy('v.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  return rows.map((r) =>
    entry(
      'relapse_plan',
      r.id,
      { at: r.saved_at },
      describeRelapsePlanVersion({ number: r.version_number, savedByName: r.display_name }),
    ),
  );
};

/** Alerts raised about the patient: titles only, which by rule carry no clinical content. */
export const alertEntries = async (input: SourceInput): Promise<TimelineEntry[]> => {
  const { cursor } = input;
  const rows = await input.db
    .selectFrom('alerts as a')
    .select(['a.id', 'a.title', 'a.severity', 'a.status', 'a.raised_at'])
    .where('a.patient_id', '=', input.patientId)
    .$if(cursor !== null, (q) => q.where(afterInstant('a.raised_at', 'a.id', cursor as TimelineCursor)))
    .orderBy('a.raised_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  return rows.map((r) =>
    entry('alert', r.id, { at: r.raised_at }, describeAlert(r), [
      ...(r.severity === 'urgent' ? (['urgent'] as const) : []),
      ...(r.status === 'open' ? (['open'] as const) : []),
    ]),
  );
};
