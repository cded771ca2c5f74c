import type { RecordedDrugScreen } from '../../../core/api/drugScreens.js';
import { ANALYTE_INFO } from '../../../core/screens/analytes.js';
import { analyteCodes } from '../../../core/screens/labels.js';

type Alerts = RecordedDrugScreen['alertsRaised'];
type Reading = RecordedDrugScreen['screen']['interpretation'];

const alertPart = (alerts: Alerts, kind: string): string => {
  const alert = alerts.find((a) => a.kind === kind);
  if (!alert) return '';
  return alert.alreadyOpen
    ? ` — the open alert for ${alert.recipient.displayName} covers it`
    : ` — alert raised for ${alert.recipient.displayName}`;
};

/** What a saved screen's reading found, one sentence per finding, naming who was alerted. */
export const findingSentences = (reading: Reading, alerts: Alerts = []): string[] => {
  const lines: string[] = [];
  if (reading.specimenRefused)
    lines.push(`Specimen refused${alertPart(alerts, 'drug_screen_specimen_issue')}`);
  for (const e of reading.expectedNegatives)
    lines.push(
      `Expected ${e.label} not detected (${e.medicationName}: ${analyteCodes(e.analytes)} negative)${alertPart(alerts, 'drug_screen_expected_negative')}`,
    );
  if (reading.unexpectedPositives.length > 0)
    lines.push(
      `Unexpected positive: ${analyteCodes(reading.unexpectedPositives)}${alertPart(alerts, 'drug_screen_unexpected_positive')}`,
    );
  if (reading.specimenIssues.length > 0)
    lines.push(
      `Specimen issue: ${reading.specimenIssues.map((s) => `${ANALYTE_INFO[s.analyte].code} ${s.result}`).join(', ')}${alertPart(alerts, 'drug_screen_specimen_issue')}`,
    );
  return lines;
};

/** Reassurance when nothing needs review, and what the panel could not say. */
export const quietSentences = (reading: Reading): string[] => [
  ...(reading.needsReview || reading.specimenRefused
    ? []
    : [
        reading.explainedPositives.length > 0
          ? `Positives explained by current medications: ${analyteCodes(reading.explainedPositives.map((p) => p.analyte))}.`
          : 'No unexpected results.',
      ]),
  ...reading.notTested.map((n) => `${n.medicationName}: ${n.label} is not tested by this panel.`),
];
