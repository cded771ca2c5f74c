import type { Transaction } from 'kysely';
import type { AlertSeverity } from '../../core/alerts/severity.js';
import type { ScreenInterpretation } from '../../core/screens/interpretScreen.js';
import type { Database } from '../../db/schema.js';
import { type AlertDeps, raiseAlert, type SystemOrUserActor } from './alerts.js';

/**
 * The alerts a drug screen raises (SPEC §9). Titles say what needs review and never the results:
 * inboxes list them next to the patient's name. The source is the screen's first record, so a
 * correction that still needs the same review finds the open alert rather than raising another.
 */
export const DRUG_SCREEN_ALERTS = {
  unexpectedPositive: {
    kind: 'drug_screen_unexpected_positive',
    severity: 'high',
    title: 'Drug screen needs review: unexpected positive result',
  },
  expectedNegative: {
    kind: 'drug_screen_expected_negative',
    severity: 'high',
    title: 'Drug screen needs review: expected medication not detected',
  },
  specimenIssue: {
    kind: 'drug_screen_specimen_issue',
    severity: 'normal',
    title: 'Drug screen needs review: specimen refused, dilute or invalid',
  },
} as const satisfies Record<string, { kind: string; severity: AlertSeverity; title: string }>;

export const DRUG_SCREEN_SOURCE = 'drug_screen';

export interface ScreenAlert {
  id: string;
  kind: string;
  severity: AlertSeverity;
  title: string;
  recipientUserId: string;
  deduplicated: boolean;
}

export const raiseScreenAlerts = async (
  trx: Transaction<Database>,
  deps: AlertDeps,
  screen: { patientId: string; originalId: string; collectedOn: string; reading: ScreenInterpretation },
  actor: SystemOrUserActor,
  now: Date,
): Promise<ScreenAlert[]> => {
  const { reading } = screen;
  const due = [
    ...(reading.unexpectedPositives.length > 0 ? [DRUG_SCREEN_ALERTS.unexpectedPositive] : []),
    ...(reading.expectedNegatives.length > 0 ? [DRUG_SCREEN_ALERTS.expectedNegative] : []),
    ...(reading.specimenRefused || reading.specimenIssues.length > 0
      ? [DRUG_SCREEN_ALERTS.specimenIssue]
      : []),
  ];
  const raised: ScreenAlert[] = [];
  for (const alert of due) {
    const result = await raiseAlert(
      trx,
      deps,
      {
        patientId: screen.patientId,
        kind: alert.kind,
        severity: alert.severity,
        title: alert.title,
        detail: `Screen collected on ${screen.collectedOn}. The results are in the patient's chart under Drug screens.`,
        sourceType: DRUG_SCREEN_SOURCE,
        sourceId: screen.originalId,
        actor,
      },
      now,
    );
    raised.push({
      ...alert,
      id: result.id,
      recipientUserId: result.recipientUserId,
      deduplicated: result.deduplicated,
    });
  }
  return raised;
};
