import { DomainError, type FieldError } from '../errors/domainError.js';
import { describeAllowedValues } from './allowedValues.js';
import { resultBand } from './bands.js';
import { scoreItem } from './itemScoring.js';
import type {
  FlagCondition,
  InstrumentDefinition,
  InstrumentScore,
  RaisedFlag,
  ScoreInput,
  Sex,
} from './types.js';

const isSex = (value: unknown): value is Sex => value === 'male' || value === 'female';

/** The answers as option values, or the problems with them, each naming the item concerned. */
const checkAnswers = (
  def: InstrumentDefinition,
  answers: unknown,
): { values: number[]; errors: FieldError[] } => {
  const count = def.items.length;
  if (!Array.isArray(answers) || answers.length !== count) {
    const given = Array.isArray(answers) ? `${answers.length} were given` : 'none were given';
    return {
      values: [],
      errors: [
        {
          field: '/answers',
          message: `${def.shortName} has ${count} items, so it takes ${count} answers; ${given}.`,
        },
      ],
    };
  }
  const values: number[] = [];
  const errors: FieldError[] = [];
  def.items.forEach((item, index) => {
    const answer: unknown = answers[index];
    if (typeof answer === 'number' && item.options.some((option) => option.value === answer)) {
      values.push(answer);
    } else {
      errors.push({
        field: `/answers/${index}`,
        message: `Item ${item.number} of ${def.shortName} takes ${describeAllowedValues(item)}.`,
      });
    }
  });
  return { values, errors };
};

const holds = (when: FlagCondition, itemScores: readonly number[], total: number | undefined): boolean => {
  if ('item' in when) {
    const score = itemScores[when.item - 1];
    return score !== undefined && score >= when.atLeast;
  }
  return total !== undefined && total >= when.total.atLeast;
};

const raisedFlags = (def: InstrumentDefinition, itemScores: readonly number[], total: number | undefined) => {
  const raised = new Map<string, RaisedFlag>();
  for (const rule of def.scoring.flags ?? []) {
    if (raised.has(rule.key) || !holds(rule.when, itemScores, total)) continue;
    raised.set(rule.key, { key: rule.key, label: rule.label, severity: rule.severity });
  }
  return [...raised.values()];
};

const sumOf = (numbers: readonly number[], itemScores: readonly number[]): number =>
  numbers.reduce((sum, number) => sum + (itemScores[number - 1] ?? 0), 0);

/**
 * Scores one administration by the definition's published rules. The definition is trusted: a
 * built-in, or a custom one that passed `validateInstrumentDefinition`. Every problem with the input
 * is reported at once, so a form can mark each offending item.
 *
 * @throws DomainError VALIDATION_FAILED with fields `/answers`, `/answers/<index>` or `/sex`.
 */
export const scoreInstrument = (def: InstrumentDefinition, input: ScoreInput): InstrumentScore => {
  const { values, errors } = checkAnswers(def, input.answers);
  const sex = isSex(input.sex) ? input.sex : undefined;
  if (def.scoring.sexSpecificPositive && !sex) {
    errors.push({
      field: '/sex',
      message: `${def.shortName} needs the patient's sex (male or female): its cut-off differs between them.`,
    });
  }
  const [first] = errors;
  if (first) {
    const message =
      errors.length === 1
        ? first.message
        : `${def.shortName} cannot be scored: ${errors.length} problems with what was given.`;
    throw new DomainError('VALIDATION_FAILED', message, { fields: errors });
  }

  const itemScores = def.items.map((item, index) => scoreItem(item, values[index] ?? 0));
  const total = def.scoring.total ? itemScores.reduce((sum, score) => sum + score, 0) : undefined;
  const result: InstrumentScore = { flags: raisedFlags(def, itemScores, total), itemScores };
  if (total !== undefined) {
    result.total = total;
    const band = resultBand(def, total, sex);
    if (band) result.band = band;
  }
  if (def.scoring.subscales) {
    result.subscales = Object.fromEntries(
      def.scoring.subscales.map((subscale) => [subscale.key, sumOf(subscale.items, itemScores)]),
    );
  }
  return result;
};
