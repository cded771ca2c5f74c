import type { TimelineEntry } from '../../../core/api/timeline.js';
import type { TimelineLinkTab } from '../../../core/timeline/kinds.js';

export const TAB_NAMES: Readonly<Record<TimelineLinkTab, string>> = {
  note: 'the note',
  episodes: 'Episodes',
  measures: 'Measures',
  screens: 'Drug screens',
  'treatment-plan': 'Treatment plan',
  recovery: 'Recovery plan',
  alerts: 'Alerts',
};

/** Where an entry opens: a note on its own page, everything else on its chart tab. */
export const timelineLink = (entry: TimelineEntry, patientId: string): string =>
  entry.link.tab === 'note' ? `/notes/${entry.link.recordId}` : `/patients/${patientId}/${entry.link.tab}`;
