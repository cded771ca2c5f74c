import { roleMay } from '../../../core/access/patientPolicy.js';
import type { Role } from '../../../core/access/roles.js';
import { TIMELINE_KIND_ACTIONS, type TimelineKind } from '../../../core/timeline/kinds.js';

/** The filter chips: admissions, changes and discharges read as one story, so they share a chip. */
export const TIMELINE_FILTERS = [
  { key: 'episodes', label: 'Admissions & changes', kinds: ['admission', 'segment_change', 'discharge'] },
  { key: 'notes', label: 'Notes', kinds: ['note'] },
  { key: 'measures', label: 'Measures', kinds: ['measure'] },
  { key: 'screens', label: 'Drug screens', kinds: ['screen'] },
  { key: 'plans', label: 'Treatment plans', kinds: ['treatment_plan'] },
  { key: 'relapse', label: 'Relapse prevention', kinds: ['relapse_plan'] },
  { key: 'alerts', label: 'Alerts', kinds: ['alert'] },
] as const satisfies readonly { key: string; label: string; kinds: readonly TimelineKind[] }[];

export type TimelineFilter = (typeof TIMELINE_FILTERS)[number];
export type TimelineFilterKey = TimelineFilter['key'];

/** Chips for the kinds this role may read at all (the server leaves the others out anyway). */
export const filtersFor = (role: Role): TimelineFilter[] =>
  TIMELINE_FILTERS.filter((f) => f.kinds.some((kind) => roleMay(role, TIMELINE_KIND_ACTIONS[kind])));

/** The kinds to ask for: none when every chip is on (the server's default is everything). */
export const kindsFor = (
  selected: readonly TimelineFilterKey[],
  available: readonly TimelineFilter[],
): TimelineKind[] =>
  selected.length === available.length
    ? []
    : available.filter((f) => selected.includes(f.key)).flatMap((f) => [...f.kinds]);
