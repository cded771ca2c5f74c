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
import { dateBoundOf, sortAtOfDate, type TimelineCursor } from '../../../core/timeline/order.js';
import { parameter, preparedQuery } from '../../../db/prepared.js';
import type { Executor } from '../notes/noteData.js';

/**
 * Every kind of timeline entry in one query: per kind a keyset range scan for the first `limit + 1`
 * entries after the cursor in newest-first order (see core/timeline/order.ts for why that is enough to
 * merge), joined by UNION ALL. A chart open is the hottest read a clinician makes, and on PostgreSQL
 * each round trip costs more than the scans themselves; the query is compiled once per database and
 * takes the cursor and the kinds to show as parameters (the first page passes a cursor above every entry).
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

/** Which kinds the caller may see and asked for; a kind left out costs nothing. */
export type ShownKinds = Record<TimelineKind, boolean>;

type SourceParams = {
  patientId: string;
  viewerUserId: string;
  /** Fetched per kind: one more than the page, to tell whether more remain. */
  rows: number;
  beforeAt: string;
  beforeId: string;
  beforeDate: string;
  tieBelowId: string;
} & Record<`show_${TimelineKind}`, 0 | 1>;

// Above every stored instant, date and id (ids are lower-case UUIDs), so the first page needs no other query.
const LATEST_INSTANT = '9999-12-31T23:59:59.999Z';
const LATEST_DATE = '9999-12-31';
const ABOVE_EVERY_ID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

const sourceParams = (input: SourceInput, shown: ShownKinds): SourceParams => {
  const { cursor } = input;
  const bound = cursor === null ? null : dateBoundOf(cursor, input.timeZone);
  const flags = Object.fromEntries(
    Object.entries(shown).map(([kind, on]) => [`show_${kind}`, on ? 1 : 0]),
  ) as Record<`show_${TimelineKind}`, 0 | 1>;
  return {
    patientId: input.patientId,
    viewerUserId: input.viewerUserId,
    rows: input.limit + 1,
    beforeAt: cursor?.sortAt ?? LATEST_INSTANT,
    beforeId: cursor?.id ?? ABOVE_EVERY_ID,
    beforeDate: bound?.date ?? LATEST_DATE,
    tieBelowId: bound?.tieBelowId ?? ABOVE_EVERY_ID,
    ...flags,
  };
};

/**
 * One shape for every kind: the kind, the record's id, when it happened (an instant, or a date for
 * dated kinds) and a few text and number columns each kind fills in its own way (see `toEntry`).
 */
interface TimelineRow {
  kind: TimelineKind;
  id: string;
  occurred: string;
  s1: string | null;
  s2: string | null;
  s3: string | null;
  s4: string | null;
  s5: string | null;
  n1: number | null;
  n2: number | null;
}

const TEXT_COLUMNS = ['s1', 's2', 's3', 's4', 's5'] as const;
const NUMBER_COLUMNS = ['n1', 'n2'] as const;
type Filled = Partial<Record<(typeof TEXT_COLUMNS)[number] | (typeof NUMBER_COLUMNS)[number], string>>;

/** Timed kinds: `(at, id) < (beforeAt, beforeId)`. Instants are stored as `toISOString()` text. */
const afterInstant = (at: string, id: string): RawBuilder<unknown> =>
  sql`(${sql.ref(at)} < ${parameter('beforeAt')} or (${sql.ref(at)} = ${parameter('beforeAt')} and ${sql.ref(id)} < ${parameter('beforeId')}))`;

/** Dated kinds: the cursor as a bound on the date column (see `dateBoundOf`). */
const withinDates = (date: string, id: string): RawBuilder<unknown> =>
  sql`(${sql.ref(date)} < ${parameter('beforeDate')} or (${sql.ref(date)} = ${parameter('beforeDate')} and ${sql.ref(id)} < ${parameter('tieBelowId')}))`;

/**
 * One kind's range scan as a UNION ALL branch. Unused columns are typed nulls, which PostgreSQL
 * needs to line the branches up; `shownAs` is the kind whose flag switches the branch on.
 */
const branch = (spec: {
  kind: TimelineKind | RawBuilder<unknown>;
  shownAs: TimelineKind | TimelineKind[];
  from: RawBuilder<unknown>;
  id: string;
  occurred: string;
  filled: Filled;
  where: RawBuilder<unknown>[];
}): RawBuilder<unknown> => {
  const kind = typeof spec.kind === 'string' ? sql.lit(spec.kind) : spec.kind;
  const columns = [
    sql`${kind} as kind`,
    sql`${sql.ref(spec.id)} as id`,
    sql`${sql.ref(spec.occurred)} as occurred`,
    ...TEXT_COLUMNS.map((c) =>
      spec.filled[c]
        ? sql`${sql.ref(spec.filled[c])} as ${sql.id(c)}`
        : sql`cast(null as text) as ${sql.id(c)}`,
    ),
    ...NUMBER_COLUMNS.map((c) =>
      spec.filled[c]
        ? sql`${sql.ref(spec.filled[c])} as ${sql.id(c)}`
        : sql`cast(null as integer) as ${sql.id(c)}`,
    ),
  ];
  const shownAs = Array.isArray(spec.shownAs) ? spec.shownAs : [spec.shownAs];
  const switchedOn = sql`(${sql.join(
    shownAs.map((k) => sql`${parameter<number>(`show_${k}`)} = 1`),
    sql` or `,
  )})`;
  return sql`select * from (select ${sql.join(columns)} from ${spec.from}
    where ${sql.join([switchedOn, ...spec.where], sql` and `)}
    order by ${sql.ref(spec.occurred)} desc, ${sql.ref(spec.id)} desc limit ${parameter<number>('rows')}) as ${sql.id(`b_${shownAs[0] ?? 'x'}`)}`;
};

const patientIs = (column: string) => sql`${sql.ref(column)} = ${parameter('patientId')}`;

const BRANCHES: RawBuilder<unknown>[] = [
  // Admissions and level-of-care changes: the segments of the patient's episodes.
  branch({
    kind: sql`case when ${sql.ref('s.change_kind')} = 'admission' then 'admission' else 'segment_change' end`,
    shownAs: ['admission', 'segment_change'],
    from: sql`enrolment_segments s inner join programs p on p.id = s.program_id`,
    id: 's.id',
    occurred: 's.start_on',
    filled: { s1: 's.change_kind', s2: 's.level_of_care', s3: 's.change_reason', s4: 'p.name' },
    where: [
      patientIs('s.patient_id'),
      sql`((s.change_kind = 'admission' and ${parameter<number>('show_admission')} = 1)
        or (s.change_kind in ('step_up', 'step_down', 'lateral') and ${parameter<number>('show_segment_change')} = 1))`,
      withinDates('s.start_on', 's.id'),
    ],
  }),
  branch({
    kind: 'discharge',
    shownAs: 'discharge',
    from: sql`episodes e`,
    id: 'e.id',
    occurred: 'e.discharged_on',
    filled: { s1: 'e.discharge_type' },
    where: [
      patientIs('e.patient_id'),
      sql`e.discharged_on is not null`,
      withinDates('e.discharged_on', 'e.id'),
    ],
  }),
  // Signed notes of the chart and the caller's own drafts; process notes live in another table and never appear.
  branch({
    kind: 'note',
    shownAs: 'note',
    from: sql`clinical_notes n inner join users u on u.id = n.author_user_id`,
    id: 'n.id',
    occurred: 'n.service_date',
    filled: {
      s1: 'n.title',
      s2: 'n.note_type',
      s3: 'n.status',
      s4: 'n.cosigned_at',
      s5: 'u.display_name',
      n1: 'n.minutes',
      n2: 'n.needs_cosignature',
    },
    where: [
      patientIs('n.patient_id'),
      sql`(n.status = 'signed' or n.author_user_id = ${parameter('viewerUserId')})`,
      withinDates('n.service_date', 'n.id'),
    ],
  }),
  // Measures: instrument, total and band; the item answers stay in their own table.
  branch({
    kind: 'measure',
    shownAs: 'measure',
    from: sql`measure_responses m`,
    id: 'm.id',
    occurred: 'm.administered_at',
    filled: { s1: 'm.instrument_code', s2: 'm.band', n1: 'm.total' },
    where: [patientIs('m.patient_id'), afterInstant('m.administered_at', 'm.id')],
  }),
  // Current drug screens: rows no correction supersedes. A correction shares its screen's
  // original_id, which is indexed; corrects_id is not.
  branch({
    kind: 'screen',
    shownAs: 'screen',
    from: sql`drug_screens d`,
    id: 'd.id',
    occurred: 'd.collected_on',
    filled: { s1: 'd.panel', s2: 'd.method', s3: 'd.interpretation', n1: 'd.refused', n2: 'd.needs_review' },
    where: [
      patientIs('d.patient_id'),
      sql`not exists (select 1 from drug_screens c where c.original_id = d.original_id and c.corrects_id = d.id)`,
      withinDates('d.collected_on', 'd.id'),
    ],
  }),
  // Signed treatment-plan versions (the initial plan and each review).
  branch({
    kind: 'treatment_plan',
    shownAs: 'treatment_plan',
    from: sql`treatment_plan_versions v inner join users u on u.id = v.author_user_id`,
    id: 'v.id',
    occurred: 'v.signed_at',
    filled: {
      s1: 'v.kind',
      s4: 'v.cosigned_at',
      s5: 'u.display_name',
      n1: 'v.number',
      n2: 'v.needs_cosignature',
    },
    where: [
      patientIs('v.patient_id'),
      sql`v.status = 'signed' and v.signed_at is not null`,
      afterInstant('v.signed_at', 'v.id'),
    ],
  }),
  branch({
    kind: 'relapse_plan',
    shownAs: 'relapse_plan',
    from: sql`relapse_prevention_plan_versions r inner join users u on u.id = r.saved_by`,
    id: 'r.id',
    occurred: 'r.saved_at',
    filled: { s5: 'u.display_name', n1: 'r.version_number' },
    where: [patientIs('r.patient_id'), afterInstant('r.saved_at', 'r.id')],
  }),
  // Alerts raised about the patient: titles only, which by rule carry no clinical content.
  branch({
    kind: 'alert',
    shownAs: 'alert',
    from: sql`alerts a`,
    id: 'a.id',
    occurred: 'a.raised_at',
    filled: { s1: 'a.title', s2: 'a.severity', s3: 'a.status' },
    where: [patientIs('a.patient_id'), afterInstant('a.raised_at', 'a.id')],
  }),
];

const timelineRows = preparedQuery((db) =>
  db.selectFrom(sql<TimelineRow>`(${sql.join(BRANCHES, sql` union all `)})`.as('t')).selectAll(),
);

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

const text = (value: string | null): string => value ?? '';

/** A row of the union as the entry it describes, read by the column layout its branch filled in. */
const toEntry = (r: TimelineRow, timeZone: string): TimelineEntry => {
  const day = { date: r.occurred, timeZone };
  const at = { at: r.occurred };
  switch (r.kind) {
    case 'admission':
    case 'segment_change':
      return entry(
        r.kind,
        r.id,
        day,
        describeSegment({
          changeKind: text(r.s1),
          levelOfCare: text(r.s2),
          programName: text(r.s4),
          reason: r.kind === 'admission' ? null : r.s3,
        }),
      );
    case 'discharge':
      return entry('discharge', r.id, day, describeDischarge(r.s1));
    case 'note': {
      const awaitingCosignature = r.s3 === 'signed' && r.n2 === 1 && r.s4 === null;
      const flags: TimelineFlag[] = [
        ...(r.s3 === 'draft' ? (['draft'] as const) : []),
        ...(awaitingCosignature ? (['awaiting_cosignature'] as const) : []),
      ];
      return entry(
        'note',
        r.id,
        day,
        describeNote({
          title: text(r.s1),
          noteType: text(r.s2),
          authorName: text(r.s5),
          minutes: r.n1,
          status: text(r.s3),
          awaitingCosignature,
        }),
        flags,
      );
    }
    case 'measure': {
      const described = describeMeasure({ instrumentCode: text(r.s1), total: r.n1, bandKey: r.s2 });
      return entry('measure', r.id, at, described, [], { total: r.n1, band: described.band });
    }
    case 'screen':
      return entry(
        'screen',
        r.id,
        day,
        describeScreen({
          panel: text(r.s1),
          method: text(r.s2),
          refused: r.n1 === 1,
          interpretationJson: r.s3 ?? '{}',
        }),
        r.n2 === 1 ? ['needs_review'] : [],
      );
    case 'treatment_plan': {
      const awaitingCosignature = r.n2 === 1 && r.s4 === null;
      return entry(
        'treatment_plan',
        r.id,
        at,
        describePlanVersion({
          kind: text(r.s1),
          number: r.n1 ?? 0,
          authorName: text(r.s5),
          awaitingCosignature,
        }),
        awaitingCosignature ? ['awaiting_cosignature'] : [],
      );
    }
    case 'relapse_plan':
      return entry(
        'relapse_plan',
        r.id,
        at,
        describeRelapsePlanVersion({ number: r.n1 ?? 0, savedByName: text(r.s5) }),
      );
    case 'alert':
      return entry(
        'alert',
        r.id,
        at,
        describeAlert({ title: text(r.s1), severity: text(r.s2), status: text(r.s3) }),
        [
          ...(r.s2 === 'urgent' ? (['urgent'] as const) : []),
          ...(r.s3 === 'open' ? (['open'] as const) : []),
        ],
      );
  }
};

/** For each kind shown, its first `limit + 1` entries after the cursor, newest first within the kind. */
export const timelineCandidates = async (input: SourceInput, shown: ShownKinds): Promise<TimelineEntry[]> => {
  if (!Object.values(shown).some(Boolean)) return [];
  const rows = await timelineRows(input.db, sourceParams(input, shown));
  return rows.map((r) => toEntry(r, input.timeZone));
};
