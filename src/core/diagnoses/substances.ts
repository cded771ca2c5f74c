/**
 * Substances with a use-disorder category in ICD-10-CM chapter 5 (F10–F19), one category per
 * substance class; DSM-5 names the same classes.
 */
export const SUBSTANCES = [
  'alcohol',
  'opioid',
  'cannabis',
  'sedative_hypnotic_anxiolytic',
  'cocaine',
  'other_stimulant',
  'hallucinogen',
  'nicotine',
  'inhalant',
  'other_unknown',
] as const;
export type Substance = (typeof SUBSTANCES)[number];

/** The ICD-10-CM category of each substance. */
export const SUBSTANCE_CATEGORY: Readonly<Record<Substance, string>> = {
  alcohol: 'F10',
  opioid: 'F11',
  cannabis: 'F12',
  sedative_hypnotic_anxiolytic: 'F13',
  cocaine: 'F14',
  other_stimulant: 'F15',
  hallucinogen: 'F16',
  nicotine: 'F17',
  inhalant: 'F18',
  other_unknown: 'F19',
};

export const SUBSTANCE_LABELS: Readonly<Record<Substance, string>> = {
  alcohol: 'Alcohol',
  opioid: 'Opioid',
  cannabis: 'Cannabis',
  sedative_hypnotic_anxiolytic: 'Sedative, hypnotic or anxiolytic',
  cocaine: 'Cocaine',
  other_stimulant: 'Other stimulant (e.g. methamphetamine)',
  hallucinogen: 'Hallucinogen',
  nicotine: 'Tobacco (nicotine)',
  inhalant: 'Inhalant',
  other_unknown: 'Other or unknown substance',
};

/** DSM-5's name of the disorder, e.g. "Alcohol use disorder". */
export const DISORDER_NAMES: Readonly<Record<Substance, string>> = {
  alcohol: 'Alcohol use disorder',
  opioid: 'Opioid use disorder',
  cannabis: 'Cannabis use disorder',
  sedative_hypnotic_anxiolytic: 'Sedative, hypnotic, or anxiolytic use disorder',
  cocaine: 'Stimulant use disorder, cocaine',
  other_stimulant: 'Stimulant use disorder, amphetamine-type or other stimulant',
  hallucinogen: 'Hallucinogen use disorder',
  nicotine: 'Tobacco use disorder',
  inhalant: 'Inhalant use disorder',
  other_unknown: 'Other (or unknown) substance use disorder',
};

export const isSubstance = (value: string): value is Substance =>
  (SUBSTANCES as readonly string[]).includes(value);

/** The substance whose ICD-10-CM category starts the code (`F11.20` → opioid), if any. */
export const substanceOfCode = (code: string): Substance | null =>
  SUBSTANCES.find((s) => code.toUpperCase().startsWith(`${SUBSTANCE_CATEGORY[s]}.`)) ?? null;
