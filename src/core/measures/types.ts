import type { AlertSeverity } from '../alerts/severity.js';

/**
 * A measurement instrument as data (SPEC §4), so a clinic can add one without code. Built-ins live
 * in `instruments/`; a custom definition must pass `validateInstrumentDefinition` before use.
 */
export interface InstrumentDefinition {
  /** Stable identifier, lower-case letters, digits and hyphens, e.g. `phq9`, `audit-c`. */
  readonly code: string;
  /** Stored with every response, so a reworded or rescored edition never rewrites old results. */
  readonly version: string;
  readonly name: string;
  readonly shortName: string;
  /** One line. */
  readonly description: string;
  readonly loinc?: { readonly total?: string };
  /** The period the questions ask about, shown with them, e.g. `Over the last 2 weeks`. */
  readonly lookbackPeriod: string;
  readonly items: readonly InstrumentItem[];
  readonly scoring: Scoring;
}

export interface InstrumentItem {
  /** 1-based, in the order the items are asked. */
  readonly number: number;
  /** Stable id, `<code>.<number>`, used to store the answer item by item. */
  readonly key: string;
  readonly text: string;
  /** The answers the item allows; `value` is the published point value (yes = 1, no = 0). */
  readonly options: readonly ItemOption[];
  /** Scored as (highest value + lowest value) − answer, e.g. a yes/no item yes → 0, no → 1. */
  readonly reverseScored?: boolean;
}

export interface ItemOption {
  /** A whole number: bands are inclusive whole-number ranges, so a fractional total could fall between two. */
  readonly value: number;
  readonly label: string;
}

export type Sex = 'male' | 'female';

/** Declarative scoring; every part is optional because instruments differ (the BAM has no total). */
export interface Scoring {
  /** The total is the sum of the item scores, after reverse scoring. */
  readonly total?: boolean;
  /** Inclusive ranges of the total, ascending, covering its whole range with no gaps or overlaps. */
  readonly bands?: readonly ScoreBand[];
  /** Positive screen at or above a cut-off that depends on sex (AUDIT-C); replaces `bands`. */
  readonly sexSpecificPositive?: Readonly<Record<Sex, number>>;
  readonly subscales?: readonly Subscale[];
  /** Rules sharing a key are alternatives: the flag is raised once if any of them holds. */
  readonly flags?: readonly FlagRule[];
}

export interface ScoreBand {
  readonly key: string;
  readonly label: string;
  readonly min: number;
  readonly max: number;
}

export interface Subscale {
  readonly key: string;
  readonly label: string;
  /** Item numbers summed (item scores, after reverse scoring). */
  readonly items: readonly number[];
}

export type FlagSeverity = AlertSeverity;

/** Compares the item's score (after reverse scoring), or the total. */
export type FlagCondition =
  { readonly item: number; readonly atLeast: number } | { readonly total: { readonly atLeast: number } };

export interface FlagRule {
  readonly key: string;
  readonly label: string;
  readonly severity: FlagSeverity;
  readonly when: FlagCondition;
}

export interface RaisedFlag {
  readonly key: string;
  readonly label: string;
  readonly severity: FlagSeverity;
}

export interface InstrumentScore {
  total?: number;
  band?: { key: string; label: string };
  subscales?: Record<string, number>;
  flags: RaisedFlag[];
  /** One per item, in item order, after reverse scoring. */
  itemScores: number[];
}

export interface ScoreInput {
  /** One answer per item, in item order: the option's value. Unknown because it arrives from a form. */
  answers: readonly unknown[];
  /** Needed only by instruments with a sex-specific cut-off. */
  sex?: Sex | undefined;
}

/** Re-exported so callers that think of validation as part of the definition's type find it here. */
export { validateInstrumentDefinition } from './validate.js';
