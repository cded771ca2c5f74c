import { type Static, Type } from '@sinclair/typebox';
import { CURSOR_PATTERN } from '../timeline/order.js';
import { TIMELINE_KINDS, TIMELINE_LINK_TABS } from '../timeline/kinds.js';
import { Id, IsoInstant, Nullable, StringEnum } from './common.js';

/**
 * The chart timeline: one newest-first list of what happened in a patient's care. Entries carry no
 * bodies; each names the record and where it opens, and the body loads on demand through that
 * record's own route.
 */
export const TimelineKind = StringEnum(TIMELINE_KINDS);

const KIND_LIST = `^(${TIMELINE_KINDS.join('|')})(,(${TIMELINE_KINDS.join('|')}))*$`;

export const TimelineQuery = Type.Object(
  {
    types: Type.Optional(
      Type.String({
        pattern: KIND_LIST,
        maxLength: 200,
        description: `Comma-separated kinds to include (${TIMELINE_KINDS.join(', ')}); all when absent`,
      }),
    ),
    before: Type.Optional(
      Type.String({
        pattern: CURSOR_PATTERN,
        maxLength: 80,
        description: 'The `nextBefore` of the previous page: entries after it in newest-first order',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })),
  },
  { additionalProperties: false },
);
export type TimelineQuery = Static<typeof TimelineQuery>;

export const TIMELINE_FLAGS = ['draft', 'needs_review', 'awaiting_cosignature', 'urgent', 'open'] as const;
export type TimelineFlag = (typeof TIMELINE_FLAGS)[number];

export const TimelineEntry = Type.Object({
  kind: TimelineKind,
  id: Id,
  /** `YYYY-MM-DD` when `dated` (a service or collection date), otherwise a UTC instant. */
  occurredAt: Type.String(),
  dated: Type.Boolean(),
  /** The instant the entry sorts by (a dated entry: the start of its day at the site). */
  sortAt: IsoInstant,
  title: Type.String(),
  summary: Type.String(),
  flags: Type.Array(StringEnum(TIMELINE_FLAGS)),
  /** Measures only: the score and its band, never the item answers. */
  score: Nullable(Type.Object({ total: Nullable(Type.Number()), band: Nullable(Type.String()) })),
  link: Type.Object({ tab: StringEnum(TIMELINE_LINK_TABS), recordId: Id }),
});
export type TimelineEntry = Static<typeof TimelineEntry>;

export const TimelinePage = Type.Object({
  items: Type.Array(TimelineEntry),
  /** Cursor for the next page; null on the last page. */
  nextBefore: Nullable(Type.String()),
  /** Kinds the caller's role may not read on this chart: left out, whatever `types` asked for. */
  excludedKinds: Type.Array(TimelineKind),
});
export type TimelinePage = Static<typeof TimelinePage>;
