import { useState } from 'react';
import { type Locale, isLocale, pickLocale } from '../../../core/i18n/index.js';

/** Language of the signed-out pages: `?lang=` if given, else the browser's preference. Kept in memory only. */
export const useLocale = (): [Locale, (locale: Locale) => void] => {
  const [locale, setLocale] = useState<Locale>(() => {
    const fromQuery = new URLSearchParams(window.location.search).get('lang') ?? '';
    return isLocale(fromQuery) ? fromQuery : pickLocale(navigator.languages);
  });
  return [locale, setLocale];
};
