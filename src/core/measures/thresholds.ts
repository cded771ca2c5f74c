import { DomainError, type FieldError } from '../errors/domainError.js';
import type { FlagCondition, InstrumentDefinition } from './types.js';
import { validateInstrumentDefinition } from './validate.js';

/** A clinic's own cut-offs for an instrument (SPEC §4: CIWA-Ar and COWS thresholds are configurable). */
export interface ThresholdSettings {
  /** New lowest total of a band, by band key; the band below it ends one point earlier. */
  bandStarts?: Readonly<Record<string, number>>;
  /** New threshold of a flag, by flag key, for every rule raising it. */
  flagAtLeast?: Readonly<Record<string, number>>;
}

const withAtLeast = (when: FlagCondition, atLeast: number): FlagCondition =>
  'item' in when ? { item: when.item, atLeast } : { total: { atLeast } };

const unknownKeys = (
  given: Readonly<Record<string, number>> | undefined,
  known: readonly string[],
  field: string,
  what: string,
): FieldError[] =>
  Object.keys(given ?? {})
    .filter((key) => !known.includes(key))
    .map((key) => ({ field: `/${field}/${key}`, message: `There is no ${what} ${key}.` }));

/**
 * A copy of `def` with the clinic's cut-offs; bands still tile the total range. Moving a band does
 * not move a flag: a clinic that wants both says so for each, because a flag raises an alert.
 *
 * @throws DomainError VALIDATION_FAILED when a key is unknown or the cut-offs overlap or leave the range.
 */
export const withThresholds = (
  def: InstrumentDefinition,
  settings: ThresholdSettings,
): InstrumentDefinition => {
  const bands = def.scoring.bands ?? [];
  const flags = def.scoring.flags ?? [];
  const fields = [
    ...unknownKeys(
      settings.bandStarts,
      bands.map((band) => band.key),
      'bandStarts',
      'band',
    ),
    ...unknownKeys(
      settings.flagAtLeast,
      flags.map((flag) => flag.key),
      'flagAtLeast',
      'flag',
    ),
  ];
  const [unknown] = fields;
  if (unknown) throw new DomainError('VALIDATION_FAILED', unknown.message, { fields });

  const starts = bands.map((band) => settings.bandStarts?.[band.key] ?? band.min);
  const scoring = { ...def.scoring };
  if (def.scoring.bands) {
    scoring.bands = bands.map((band, index) => {
      const nextStart = starts[index + 1];
      return {
        ...band,
        min: starts[index] ?? band.min,
        max: nextStart === undefined ? band.max : nextStart - 1,
      };
    });
  }
  if (def.scoring.flags) {
    scoring.flags = flags.map((rule) => {
      const atLeast = settings.flagAtLeast?.[rule.key];
      return atLeast === undefined ? rule : { ...rule, when: withAtLeast(rule.when, atLeast) };
    });
  }
  const configured: InstrumentDefinition = { ...def, scoring };
  const problems = validateInstrumentDefinition(configured);
  const [problem] = problems;
  if (problem) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `These ${def.shortName} thresholds do not fit: ${problem.message}`,
      {
        fields: problems,
      },
    );
  }
  return configured;
};
