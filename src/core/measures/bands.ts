import type { InstrumentDefinition, ScoreBand, Sex } from './types.js';

/** Result bands of a screen with a sex-specific cut-off (AUDIT-C). */
export const SCREEN_POSITIVE = Object.freeze({ key: 'positive', label: 'Positive screen' });
export const SCREEN_NEGATIVE = Object.freeze({ key: 'negative', label: 'Negative screen' });

/** Position of the band holding `total`, or -1 when the definition has no band for it. */
export const bandIndexOf = (def: InstrumentDefinition, total: number): number =>
  (def.scoring.bands ?? []).findIndex((band) => total >= band.min && total <= band.max);

export const bandOf = (def: InstrumentDefinition, total: number): ScoreBand | undefined =>
  def.scoring.bands?.[bandIndexOf(def, total)];

/** The band a total falls in, by the sex-specific cut-off when the instrument has one. */
export const resultBand = (
  def: InstrumentDefinition,
  total: number,
  sex: Sex | undefined,
): { key: string; label: string } | undefined => {
  const cutOffs = def.scoring.sexSpecificPositive;
  if (cutOffs) {
    if (!sex) return undefined;
    return total >= cutOffs[sex] ? { ...SCREEN_POSITIVE } : { ...SCREEN_NEGATIVE };
  }
  const band = bandOf(def, total);
  return band && { key: band.key, label: band.label };
};
