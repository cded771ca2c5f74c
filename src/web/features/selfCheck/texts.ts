import { CATALOGUES, type Locale } from '../../../core/i18n/index.js';
import type { SelfCheckFailure } from './selfCheckApi.js';

/**
 * A message the server named by key, in the page's current language (so switching language keeps a
 * result on screen); the server's own text if this build does not know the key.
 */
export const messageFor = (locale: Locale, key: string, fallback: string): string => {
  const catalogue: Readonly<Record<string, string>> = CATALOGUES[locale];
  return Object.hasOwn(catalogue, key) ? (catalogue[key] ?? fallback) : fallback;
};

export const FAILURE_KEYS = {
  rate_limited: 'selfCheck.ui.rateLimited',
  network: 'selfCheck.ui.networkError',
  invalid: 'selfCheck.ui.failed',
  failed: 'selfCheck.ui.failed',
} as const satisfies Record<SelfCheckFailure, string>;
