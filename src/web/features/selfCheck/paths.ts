import { type Locale, isLocale, pickLocale } from '../../../core/i18n/index.js';

/** The self-check's address in each language: the Spanish one can be shared as it is. */
export const SELF_CHECK_PATHS: Readonly<Record<Locale, string>> = { en: '/self-check', es: '/es/self-check' };

const normalized = (pathname: string): string => pathname.replace(/\/+$/, '') || '/';

export const isSelfCheckPath = (pathname: string): boolean =>
  Object.values(SELF_CHECK_PATHS).includes(normalized(pathname));

/** `/es/self-check` is Spanish; `/self-check` follows `?lang=`, else the browser's languages. */
export const selfCheckLocale = (pathname: string, search: string, preferred: readonly string[]): Locale => {
  if (normalized(pathname) === SELF_CHECK_PATHS.es) return 'es';
  const fromQuery = new URLSearchParams(search).get('lang') ?? '';
  return isLocale(fromQuery) ? fromQuery : pickLocale(preferred);
};
