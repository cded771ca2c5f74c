import type { FieldError } from '../errors/domainError.js';
import type { Severity } from './severity.js';
import { inRemission } from './specifiers.js';
import { DISORDER_NAMES, SUBSTANCE_CATEGORY, type Substance, substanceOfCode } from './substances.js';

/**
 * ICD-10-CM codes of substance use disorders (F10–F19), checked by their structure. The product does
 * not embed the full code list; it checks the parts of a code that must agree with the rest of the
 * diagnosis, following the DSM-5-TR coding notes:
 *
 * - the category (F10 … F19) is the substance's;
 * - the fourth character is 1 ("abuse": a mild use disorder) or 2 ("dependence": moderate or
 *   severe). F1x.9 ("use") is substance use without a use disorder and is refused here;
 * - the fifth character 0 means uncomplicated and 1 means in remission, and neither takes a sixth
 *   character (F10.10, F10.11, F10.20, F10.21); 2–9 name a substance-induced disorder, whose
 *   optional sixth character is not checked against the list;
 * - a remission specifier needs the remission code (F1x.11 or F1x.21), and a remission code needs
 *   a remission specifier;
 * - tobacco is coded F17.2 plus two characters: the product (0 unspecified, 1 cigarettes, 2 chewing
 *   tobacco, 9 other) and the course (0 uncomplicated, 1 in remission, 3 with withdrawal, 8 with
 *   other, 9 with unspecified disorders). ICD-10-CM has no nicotine "abuse" code: DSM-5 codes a mild
 *   tobacco use disorder Z72.0, outside F10–F19, so only a moderate or severe one is recorded here.
 */
const CODE_PATTERN = /^F1[0-9]\.[0-9]{2,3}$/;
const FIELD = '/icd10Code';

/** Upper case without surrounding spaces: `f10.20 ` → `F10.20`. */
export const normalizeCode = (code: string): string => code.trim().toUpperCase();

export const isCodeShaped = (code: string): boolean => CODE_PATTERN.test(normalizeCode(code));

const fail = (message: string): FieldError[] => [{ field: FIELD, message }];

/** Field errors for a code that does not fit the substance, severity and specifiers; empty when it fits. */
export const checkCode = (
  substance: Substance,
  rawCode: string,
  severity: Severity,
  specifiers: readonly string[],
): FieldError[] => {
  const code = normalizeCode(rawCode);
  if (!CODE_PATTERN.test(code))
    return fail('is not an ICD-10-CM substance use disorder code of the form F1x.xx (for example F10.20)');
  const category = SUBSTANCE_CATEGORY[substance];
  const codeSubstance = substanceOfCode(code);
  if (codeSubstance !== substance)
    return fail(
      `${code} is in category ${code.slice(0, 3)}${codeSubstance ? ` (${DISORDER_NAMES[codeSubstance].toLowerCase()})` : ''}; ${DISORDER_NAMES[substance].toLowerCase()} is coded ${category}.xx`,
    );
  const [fourth, fifth, sixth] = code.slice(4);
  const remission = inRemission(specifiers);
  if (fourth === '9')
    return fail(
      `${category}.9x means use without a use disorder; a use disorder is coded ${category}.1x (mild) or ${category}.2x (moderate or severe)`,
    );
  if (fourth !== '1' && fourth !== '2')
    return fail(`${code} is not a use-disorder code (${category}.1x or ${category}.2x)`);

  if (substance === 'nicotine') {
    if (fourth !== '2')
      return fail('ICD-10-CM has no nicotine abuse code: tobacco use disorder is coded F17.2xx');
    if (severity === 'mild')
      return fail(
        'a mild tobacco use disorder is coded Z72.0, outside F10–F19; only moderate or severe is coded F17.2xx',
      );
    if (
      sixth === undefined ||
      !['0', '1', '2', '9'].includes(fifth ?? '') ||
      !['0', '1', '3', '8', '9'].includes(sixth)
    )
      return fail(
        'tobacco use disorder is coded F17.2 plus the product (0, 1, 2 or 9) and the course (0, 1, 3, 8 or 9), e.g. F17.210',
      );
    if (remission && sixth !== '1') return fail(`a disorder in remission is coded F17.2${fifth ?? '0'}1`);
    if (!remission && sixth === '1')
      return fail(
        `${code} means in remission: add the early or sustained remission specifier, or use F17.2${fifth ?? '0'}0`,
      );
    return [];
  }

  const expectedFourth = severity === 'mild' ? '1' : '2';
  if (fourth !== expectedFourth)
    return fail(
      severity === 'mild'
        ? `${code} codes a moderate or severe disorder; a mild one is coded ${category}.1x`
        : `${code} codes a mild disorder; a ${severity} one is coded ${category}.2x`,
    );
  if ((fifth === '0' || fifth === '1') && sixth !== undefined)
    return fail(`${code.slice(0, 6)} takes no sixth character`);
  if (remission && fifth !== '1')
    return fail(`a disorder in remission is coded ${category}.${expectedFourth}1`);
  if (!remission && fifth === '1')
    return fail(
      `${code} means in remission: add the early or sustained remission specifier, or use ${category}.${expectedFourth}0`,
    );
  return [];
};

export interface CodeSuggestion {
  code: string;
  label: string;
}

const TOBACCO_PRODUCTS: readonly { digit: string; name: string }[] = [
  { digit: '0', name: 'unspecified' },
  { digit: '1', name: 'cigarettes' },
  { digit: '2', name: 'chewing tobacco' },
  { digit: '9', name: 'other tobacco product' },
];

/**
 * The uncomplicated codes that fit a substance, severity (null: not yet known) and specifiers, best
 * first, for a pick list. Codes of substance-induced disorders are typed in by hand.
 */
export const suggestCodes = (
  substance: Substance,
  severity: Severity | null,
  specifiers: readonly string[],
): CodeSuggestion[] => {
  const remission = inRemission(specifiers);
  const name = DISORDER_NAMES[substance];
  const course = remission ? ', in remission' : '';
  if (substance === 'nicotine') {
    if (severity === 'mild') return [];
    return TOBACCO_PRODUCTS.map(({ digit, name: product }) => ({
      code: `F17.2${digit}${remission ? '1' : '0'}`,
      label: `${name}, ${severity ?? 'moderate or severe'}, ${product}${course}`,
    }));
  }
  const category = SUBSTANCE_CATEGORY[substance];
  const fifth = remission ? '1' : '0';
  const mild = { code: `${category}.1${fifth}`, label: `${name}, mild${course}` };
  const moderateOrSevere = {
    code: `${category}.2${fifth}`,
    label: `${name}, ${severity === 'moderate' || severity === 'severe' ? severity : 'moderate or severe'}${course}`,
  };
  if (severity === 'mild') return [mild];
  if (severity === null) return [mild, moderateOrSevere];
  return [moderateOrSevere];
};
