import type { FieldError } from '../errors/domainError.js';
import { ALERT_SEVERITIES } from '../alerts/severity.js';
import { optionRange, totalRange } from './itemScoring.js';
import type {
  FlagRule,
  InstrumentDefinition,
  InstrumentItem,
  ScoreBand,
  Scoring,
  Subscale,
} from './types.js';

const CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const isBlank = (text: string): boolean => text.trim() === '';

const duplicates = <T>(values: readonly T[]): Set<T> => {
  const seen = new Set<T>();
  const repeated = new Set<T>();
  for (const value of values) {
    if (seen.has(value)) repeated.add(value);
    seen.add(value);
  }
  return repeated;
};

const checkHeader = (def: InstrumentDefinition, errors: FieldError[]): void => {
  if (!CODE.test(def.code)) {
    errors.push({ field: '/code', message: 'Use lower-case letters, digits and single hyphens, e.g. phq9.' });
  }
  for (const field of ['version', 'name', 'shortName', 'lookbackPeriod'] as const) {
    if (isBlank(def[field])) errors.push({ field: `/${field}`, message: 'Required.' });
  }
  if (isBlank(def.description) || /[\r\n]/.test(def.description)) {
    errors.push({ field: '/description', message: 'Give a one-line description.' });
  }
};

const checkItem = (item: InstrumentItem, index: number, errors: FieldError[]): void => {
  const at = `/items/${index}`;
  if (item.number !== index + 1) {
    errors.push({
      field: `${at}/number`,
      message: `Items are numbered 1 to n in order; expected ${index + 1}.`,
    });
  }
  if (isBlank(item.key)) errors.push({ field: `${at}/key`, message: 'Required.' });
  if (isBlank(item.text)) errors.push({ field: `${at}/text`, message: 'Required.' });
  if (item.options.length < 2) {
    errors.push({ field: `${at}/options`, message: 'An item needs at least two options.' });
  }
  item.options.forEach((option, optionIndex) => {
    if (!Number.isSafeInteger(option.value)) {
      errors.push({
        field: `${at}/options/${optionIndex}/value`,
        message: 'Option values are whole numbers.',
      });
    }
    if (isBlank(option.label)) {
      errors.push({ field: `${at}/options/${optionIndex}/label`, message: 'Required.' });
    }
  });
  const values = item.options.map((option) => option.value);
  const labels = item.options.map((option) => option.label);
  for (const value of duplicates(values)) {
    errors.push({ field: `${at}/options`, message: `The value ${value} appears more than once.` });
  }
  for (const label of duplicates(labels)) {
    errors.push({ field: `${at}/options`, message: `The label "${label}" appears more than once.` });
  }
};

const checkItems = (def: InstrumentDefinition, errors: FieldError[]): void => {
  if (def.items.length === 0) {
    errors.push({ field: '/items', message: 'An instrument needs at least one item.' });
    return;
  }
  def.items.forEach((item, index) => checkItem(item, index, errors));
  for (const key of duplicates(def.items.map((item) => item.key))) {
    errors.push({ field: '/items', message: `The item key ${key} appears more than once.` });
  }
};

/** Bands must tile the total range, so every possible total lands in exactly one band. */
const checkBands = (bands: readonly ScoreBand[], def: InstrumentDefinition, errors: FieldError[]): void => {
  if (bands.length === 0) {
    errors.push({ field: '/scoring/bands', message: 'Give at least one band, or leave bands out.' });
    return;
  }
  const range = totalRange(def);
  let expectedMin = range.min;
  bands.forEach((band, index) => {
    const at = `/scoring/bands/${index}`;
    if (isBlank(band.key)) errors.push({ field: `${at}/key`, message: 'Required.' });
    if (isBlank(band.label)) errors.push({ field: `${at}/label`, message: 'Required.' });
    if (!Number.isSafeInteger(band.min) || !Number.isSafeInteger(band.max)) {
      errors.push({ field: at, message: 'Band limits are whole numbers.' });
    } else if (band.min > band.max) {
      errors.push({
        field: `${at}/max`,
        message: `The band ends (${band.max}) before it starts (${band.min}).`,
      });
    }
    if (band.min !== expectedMin) {
      errors.push({
        field: `${at}/min`,
        message:
          index === 0
            ? `The first band starts at the lowest total, ${range.min}.`
            : `Bands leave no gap and do not overlap: this band starts at ${expectedMin}.`,
      });
    }
    expectedMin = band.max + 1;
  });
  const last = bands[bands.length - 1];
  if (last && last.max !== range.max) {
    errors.push({
      field: `/scoring/bands/${bands.length - 1}/max`,
      message: `The last band ends at the highest total, ${range.max}.`,
    });
  }
  for (const key of duplicates(bands.map((band) => band.key))) {
    errors.push({ field: '/scoring/bands', message: `The band key ${key} appears more than once.` });
  }
};

const checkSexSpecificPositive = (
  scoring: Scoring,
  def: InstrumentDefinition,
  errors: FieldError[],
): void => {
  const cutOffs = scoring.sexSpecificPositive;
  if (!cutOffs) return;
  if (scoring.bands) {
    errors.push({
      field: '/scoring/sexSpecificPositive',
      message: 'Use either bands or a sex-specific cut-off, not both.',
    });
  }
  const range = totalRange(def);
  for (const sex of ['male', 'female'] as const) {
    const cutOff = cutOffs[sex];
    // A cut-off at the lowest total would make every screen positive; above the highest, none.
    if (!Number.isSafeInteger(cutOff) || cutOff <= range.min || cutOff > range.max) {
      errors.push({
        field: `/scoring/sexSpecificPositive/${sex}`,
        message: `Give a whole number from ${range.min + 1} to ${range.max}.`,
      });
    }
  }
};

const checkSubscales = (subscales: readonly Subscale[], itemCount: number, errors: FieldError[]): void => {
  subscales.forEach((subscale, index) => {
    const at = `/scoring/subscales/${index}`;
    if (isBlank(subscale.key)) errors.push({ field: `${at}/key`, message: 'Required.' });
    if (isBlank(subscale.label)) errors.push({ field: `${at}/label`, message: 'Required.' });
    if (subscale.items.length === 0) {
      errors.push({ field: `${at}/items`, message: 'A subscale needs at least one item.' });
    }
    subscale.items.forEach((number, itemIndex) => {
      if (!Number.isInteger(number) || number < 1 || number > itemCount) {
        errors.push({ field: `${at}/items/${itemIndex}`, message: `There is no item ${number}.` });
      }
    });
    for (const number of duplicates(subscale.items)) {
      errors.push({ field: `${at}/items`, message: `Item ${number} is listed more than once.` });
    }
  });
  for (const key of duplicates(subscales.map((subscale) => subscale.key))) {
    errors.push({ field: '/scoring/subscales', message: `The subscale key ${key} appears more than once.` });
  }
};

/** The range a flag rule compares against, or null (with an error) when it names nothing scorable. */
const flagRange = (rule: FlagRule, at: string, def: InstrumentDefinition, errors: FieldError[]) => {
  if ('item' in rule.when) {
    const item = Number.isInteger(rule.when.item) ? def.items[rule.when.item - 1] : undefined;
    if (!item) {
      errors.push({ field: `${at}/when/item`, message: `There is no item ${rule.when.item}.` });
      return null;
    }
    return { range: optionRange(item), atLeast: rule.when.atLeast, field: `${at}/when/atLeast` };
  }
  if (!def.scoring.total) {
    errors.push({ field: `${at}/when/total`, message: 'A total rule needs a scored total.' });
    return null;
  }
  return { range: totalRange(def), atLeast: rule.when.total.atLeast, field: `${at}/when/total/atLeast` };
};

const checkFlag = (rule: FlagRule, at: string, def: InstrumentDefinition, errors: FieldError[]): void => {
  if (isBlank(rule.key)) errors.push({ field: `${at}/key`, message: 'Required.' });
  if (isBlank(rule.label)) errors.push({ field: `${at}/label`, message: 'Required.' });
  if (!ALERT_SEVERITIES.includes(rule.severity)) {
    errors.push({ field: `${at}/severity`, message: 'Use urgent, high or normal.' });
  }
  const target = flagRange(rule, at, def, errors);
  if (!target) return;
  const { range, atLeast, field } = target;
  // A threshold outside the reachable range would raise the flag always or never: surely a typo.
  if (!Number.isFinite(atLeast) || atLeast <= range.min || atLeast > range.max) {
    errors.push({ field, message: `Give a threshold above ${range.min} and at most ${range.max}.` });
  }
};

const checkFlags = (flags: readonly FlagRule[], def: InstrumentDefinition, errors: FieldError[]): void => {
  const firstByKey = new Map<string, FlagRule>();
  flags.forEach((rule, index) => {
    const at = `/scoring/flags/${index}`;
    checkFlag(rule, at, def, errors);
    const first = firstByKey.get(rule.key);
    if (!first) {
      firstByKey.set(rule.key, rule);
    } else if (first.label !== rule.label || first.severity !== rule.severity) {
      errors.push({
        field: at,
        message: `Rules for the flag ${rule.key} raise one flag, so they share its label and severity.`,
      });
    }
  });
};

const checkScoring = (def: InstrumentDefinition, errors: FieldError[]): void => {
  const { scoring } = def;
  if (scoring.bands) {
    if (!scoring.total) {
      errors.push({ field: '/scoring/bands', message: 'Bands classify the total: set total to true.' });
    } else {
      checkBands(scoring.bands, def, errors);
    }
  }
  if (scoring.sexSpecificPositive && !scoring.total) {
    errors.push({
      field: '/scoring/sexSpecificPositive',
      message: 'A cut-off applies to the total: set total to true.',
    });
  }
  checkSexSpecificPositive(scoring, def, errors);
  if (scoring.subscales) checkSubscales(scoring.subscales, def.items.length, errors);
  if (scoring.flags) checkFlags(scoring.flags, def, errors);
};

/**
 * Problems that would make a definition score wrongly or ambiguously; empty when it is well-formed.
 * Item-level checks come first because band and flag checks rely on the items' ranges.
 */
export const validateInstrumentDefinition = (def: InstrumentDefinition): FieldError[] => {
  const errors: FieldError[] = [];
  checkHeader(def, errors);
  checkItems(def, errors);
  const itemsAreSound = errors.every((error) => !error.field.startsWith('/items'));
  if (itemsAreSound) checkScoring(def, errors);
  return errors;
};
