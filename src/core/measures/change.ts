import { DomainError, type FieldError } from '../errors/domainError.js';
import { bandIndexOf, bandOf } from './bands.js';
import { BUILT_IN_INSTRUMENTS, type InstrumentCode, isInstrumentCode } from './catalogue.js';
import { totalRange } from './itemScoring.js';
import type { InstrumentDefinition } from './types.js';

export interface WorseningRule {
  /** A rise of at least this many points is beyond measurement noise. */
  minRise: number;
  /** Entering this band, or a worse one, from below it also counts. */
  band: string;
}

/**
 * SPEC §4: PHQ-9 +6 or more, GAD-7 +4 or more, or entering the moderate band or worse from below.
 * The rises are the instruments' reliable-change sizes; smaller moves raise nothing, because alerts
 * on noise teach staff to ignore alerts.
 */
export const RELIABLE_WORSENING_RULES: Readonly<Partial<Record<InstrumentCode, WorseningRule>>> =
  Object.freeze({
    phq9: Object.freeze({ minRise: 6, band: 'moderate' }),
    gad7: Object.freeze({ minRise: 4, band: 'moderate' }),
  });

export interface Worsening {
  worsened: boolean;
  /** Why, in words a clinician can read in the review alert; only when worsened. */
  reason?: string;
}

const checkTotals = (
  def: InstrumentDefinition,
  totals: Record<'previousTotal' | 'currentTotal', number>,
): void => {
  const range = totalRange(def);
  const fields: FieldError[] = [];
  for (const [name, total] of Object.entries(totals)) {
    if (!Number.isInteger(total) || total < range.min || total > range.max) {
      fields.push({
        field: `/${name}`,
        message: `A ${def.shortName} total is a whole number from ${range.min} to ${range.max}.`,
      });
    }
  }
  const [first] = fields;
  if (first) throw new DomainError('VALIDATION_FAILED', first.message, { fields });
};

/**
 * Whether the change between two administrations is a reliable worsening that calls for review.
 * Instruments without a rule never worsen reliably. `def` is the edition the totals were scored
 * with; it defaults to the built-in one.
 *
 * @throws DomainError VALIDATION_FAILED when a total is outside the instrument's range.
 */
export const reliableWorsening = (
  code: string,
  previousTotal: number,
  currentTotal: number,
  def: InstrumentDefinition | undefined = isInstrumentCode(code) ? BUILT_IN_INSTRUMENTS[code] : undefined,
): Worsening => {
  const rule = isInstrumentCode(code) ? RELIABLE_WORSENING_RULES[code] : undefined;
  if (!rule || !def) return { worsened: false };
  checkTotals(def, { previousTotal, currentTotal });

  const reasons: string[] = [];
  const rise = currentTotal - previousTotal;
  if (rise >= rule.minRise) {
    reasons.push(
      `${def.shortName} rose ${rise} points (${previousTotal} → ${currentTotal}); a rise of ${rule.minRise} or more is a reliable change.`,
    );
  }
  const threshold = (def.scoring.bands ?? []).findIndex((band) => band.key === rule.band);
  const before = bandIndexOf(def, previousTotal);
  const after = bandIndexOf(def, currentTotal);
  if (threshold >= 0 && before < threshold && after >= threshold) {
    const from = bandOf(def, previousTotal)?.label.toLowerCase() ?? String(previousTotal);
    const to = bandOf(def, currentTotal)?.label.toLowerCase() ?? String(currentTotal);
    reasons.push(`${def.shortName} moved from ${from} into ${to} (${previousTotal} → ${currentTotal}).`);
  }
  return reasons.length === 0 ? { worsened: false } : { worsened: true, reason: reasons.join(' ') };
};
