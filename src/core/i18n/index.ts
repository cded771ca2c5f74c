import { type Catalogue, type MessageKey, en } from './en.js';
import { es } from './es.js';

export type { Catalogue, MessageKey } from './en.js';

export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

export const CATALOGUES: Readonly<Record<Locale, Catalogue>> = { en, es };

/** Names of the `{param}` placeholders in a message. */
type ParamNames<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | ParamNames<Rest>
  : never;

/** Parameters a key needs, taken from its English text: none, or one value per placeholder. */
export type MessageParams<K extends MessageKey> = [ParamNames<(typeof en)[K]>] extends [never]
  ? []
  : [params: Record<ParamNames<(typeof en)[K]>, string | number>];

/** The message for `key` in `locale`, with `{param}` placeholders filled in. */
export const t = <K extends MessageKey>(locale: Locale, key: K, ...params: MessageParams<K>): string => {
  const text: string = CATALOGUES[locale][key];
  const values: Record<string, string | number> | undefined = params[0];
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = values[name];
    return value === undefined ? match : String(value);
  });
};

export const isLocale = (value: string): value is Locale => (LOCALES as readonly string[]).includes(value);

/** The first supported locale among the user's preferred languages (e.g. `es-MX` → `es`), else English. */
export const pickLocale = (preferred: readonly string[]): Locale => {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0] ?? '';
    if (isLocale(base)) return base;
  }
  return 'en';
};
