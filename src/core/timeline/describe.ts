import { DISCHARGE_LABELS, type DischargeType, LEVEL_LABELS, type LevelOfCare } from '../care/levels.js';
import { BUILT_IN_INSTRUMENTS, isInstrumentCode } from '../measures/catalogue.js';
import { SCREEN_NEGATIVE, SCREEN_POSITIVE } from '../measures/bands.js';
import { NOTE_TYPE_LABELS, type NoteType } from '../notes/noteTypes.js';
import { isAnalyte } from '../screens/analytes.js';
import { analyteCodes } from '../screens/labels.js';
import { panelByCode, SCREEN_METHOD_LABELS, type ScreenMethod } from '../screens/panels.js';

/**
 * One-line titles and summaries of timeline entries. They name what happened and how it came out,
 * never the content of a note or the answers to a questionnaire: bodies load on demand.
 */

const levelLabel = (code: string): string =>
  code in LEVEL_LABELS ? LEVEL_LABELS[code as LevelOfCare] : code;

export const describeSegment = (segment: {
  changeKind: string;
  levelOfCare: string;
  programName: string;
  reason: string | null;
}): { title: string; summary: string } => {
  const level = levelLabel(segment.levelOfCare);
  const title =
    segment.changeKind === 'admission'
      ? `Admitted to ${level}`
      : segment.changeKind === 'step_up'
        ? `Stepped up to ${level}`
        : segment.changeKind === 'step_down'
          ? `Stepped down to ${level}`
          : `Moved to ${segment.programName}`;
  const reason = segment.reason?.trim();
  return { title, summary: reason ? `${segment.programName} · ${reason}` : segment.programName };
};

export const describeDischarge = (dischargeType: string | null): { title: string; summary: string } => ({
  title: 'Discharged',
  summary:
    dischargeType && dischargeType in DISCHARGE_LABELS
      ? DISCHARGE_LABELS[dischargeType as DischargeType]
      : 'Episode closed',
});

export const describeNote = (note: {
  title: string;
  noteType: string;
  authorName: string;
  minutes: number | null;
  status: string;
  awaitingCosignature: boolean;
}): { title: string; summary: string } => {
  const type = note.noteType in NOTE_TYPE_LABELS ? NOTE_TYPE_LABELS[note.noteType as NoteType] : 'Note';
  const parts = [type, note.authorName];
  if (note.minutes !== null) parts.push(`${note.minutes} min`);
  if (note.status === 'draft') parts.push('draft (yours)');
  else if (note.awaitingCosignature) parts.push('awaiting co-signature');
  return { title: note.title, summary: parts.join(' · ') };
};

const bandLabel = (code: string, key: string | null): string | null => {
  if (key === null) return null;
  if (key === SCREEN_POSITIVE.key) return SCREEN_POSITIVE.label;
  if (key === SCREEN_NEGATIVE.key) return SCREEN_NEGATIVE.label;
  if (!isInstrumentCode(code)) return key;
  return BUILT_IN_INSTRUMENTS[code].scoring.bands?.find((b) => b.key === key)?.label ?? key;
};

export const describeMeasure = (measure: {
  instrumentCode: string;
  total: number | null;
  bandKey: string | null;
}): { title: string; summary: string; band: string | null } => {
  const name = isInstrumentCode(measure.instrumentCode)
    ? BUILT_IN_INSTRUMENTS[measure.instrumentCode].shortName
    : measure.instrumentCode;
  const band = bandLabel(measure.instrumentCode, measure.bandKey);
  const score = measure.total === null ? 'No total' : `Score ${measure.total}`;
  return { title: name, summary: band ? `${score} · ${band}` : score, band };
};

interface StoredInterpretation {
  specimenRefused?: unknown;
  unexpectedPositives?: unknown;
  expectedNegatives?: unknown;
}

const stringsIn = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

const labelsIn = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.flatMap((v) =>
        typeof v === 'object' && v !== null && typeof (v as { label?: unknown }).label === 'string'
          ? [(v as { label: string }).label]
          : [],
      )
    : [];

/** A drug screen's result in a line, from its stored interpretation (unexpected positives, expected negatives). */
export const describeScreen = (screen: {
  panel: string;
  method: string;
  refused: boolean;
  interpretationJson: string;
}): { title: string; summary: string } => {
  const panel = panelByCode(screen.panel)?.name ?? screen.panel;
  const method =
    screen.method in SCREEN_METHOD_LABELS
      ? SCREEN_METHOD_LABELS[screen.method as ScreenMethod]
      : screen.method;
  let interpretation: StoredInterpretation = {};
  try {
    const parsed: unknown = JSON.parse(screen.interpretationJson);
    if (typeof parsed === 'object' && parsed !== null) interpretation = parsed;
  } catch {
    // An unreadable interpretation still shows the screen; its tab shows the results.
  }
  const findings: string[] = [];
  if (screen.refused || interpretation.specimenRefused === true) findings.push('Specimen refused');
  const positives = stringsIn(interpretation.unexpectedPositives).filter(isAnalyte);
  if (positives.length > 0) findings.push(`Unexpected positive: ${analyteCodes(positives)}`);
  const negatives = labelsIn(interpretation.expectedNegatives);
  if (negatives.length > 0) findings.push(`Expected negative: ${negatives.join(', ')}`);
  return {
    title: `Drug screen · ${panel}`,
    summary: [method, ...(findings.length > 0 ? findings : ['As expected'])].join(' · '),
  };
};

export const describePlanVersion = (version: {
  kind: string;
  number: number;
  authorName: string;
  awaitingCosignature: boolean;
}): { title: string; summary: string } => ({
  title: version.kind === 'review' ? `Treatment plan review signed` : `Treatment plan signed`,
  summary: [
    `Version ${version.number}`,
    version.authorName,
    ...(version.awaitingCosignature ? ['awaiting co-signature'] : []),
  ].join(' · '),
});

export const describeRelapsePlanVersion = (version: {
  number: number;
  savedByName: string;
}): { title: string; summary: string } => ({
  title: version.number === 1 ? 'Relapse prevention plan written' : 'Relapse prevention plan updated',
  summary: `Version ${version.number} · ${version.savedByName}`,
});

const SEVERITY_LABELS: Readonly<Record<string, string>> = {
  urgent: 'Urgent',
  high: 'High',
  normal: 'Normal',
};
const ALERT_STATUS_LABELS: Readonly<Record<string, string>> = {
  open: 'open',
  acknowledged: 'acknowledged',
  resolved: 'resolved',
};

export const describeAlert = (alert: {
  title: string;
  severity: string;
  status: string;
}): { title: string; summary: string } => ({
  title: alert.title,
  summary: `${SEVERITY_LABELS[alert.severity] ?? alert.severity} alert · ${ALERT_STATUS_LABELS[alert.status] ?? alert.status}`,
});
