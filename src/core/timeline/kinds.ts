import type { PatientAction } from '../access/patientPolicy.js';

/** What a chart timeline shows (issue "The chart and the worklist"); process notes are never one of them (SPEC §10). */
export const TIMELINE_KINDS = [
  'admission',
  'segment_change',
  'discharge',
  'note',
  'measure',
  'screen',
  'treatment_plan',
  'relapse_plan',
  'alert',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const isTimelineKind = (value: string): value is TimelineKind =>
  (TIMELINE_KINDS as readonly string[]).includes(value);

/** The patient-policy action that lets a role see entries of a kind: the timeline never widens access. */
export const TIMELINE_KIND_ACTIONS: Readonly<Record<TimelineKind, PatientAction>> = {
  admission: 'episode.read',
  segment_change: 'episode.read',
  discharge: 'episode.read',
  note: 'note.read',
  measure: 'measure.read',
  screen: 'screen.read',
  treatment_plan: 'plan.read',
  relapse_plan: 'recovery.read',
  alert: 'alert.read',
};

export const TIMELINE_KIND_LABELS: Readonly<Record<TimelineKind, string>> = {
  admission: 'Admission',
  segment_change: 'Level-of-care change',
  discharge: 'Discharge',
  note: 'Note',
  measure: 'Measure',
  screen: 'Drug screen',
  treatment_plan: 'Treatment plan',
  relapse_plan: 'Relapse prevention plan',
  alert: 'Alert',
};

/**
 * The chart sections an entry links to. Bodies are never in the timeline: a note's opens on the note
 * page, everything else on its own tab.
 */
export const TIMELINE_LINK_TABS = [
  'note',
  'episodes',
  'measures',
  'screens',
  'treatment-plan',
  'recovery',
  'alerts',
] as const;
export type TimelineLinkTab = (typeof TIMELINE_LINK_TABS)[number];

export const TIMELINE_KIND_TABS: Readonly<Record<TimelineKind, TimelineLinkTab>> = {
  admission: 'episodes',
  segment_change: 'episodes',
  discharge: 'episodes',
  note: 'note',
  measure: 'measures',
  screen: 'screens',
  treatment_plan: 'treatment-plan',
  relapse_plan: 'recovery',
  alert: 'alerts',
};
