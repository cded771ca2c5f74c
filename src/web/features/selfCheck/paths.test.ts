import { describe, expect, it } from 'vitest';
import { isSelfCheckPath, SELF_CHECK_PATHS, selfCheckLocale } from './paths.js';

describe('self-check paths', () => {
  it('recognises the English and Spanish addresses, with or without a trailing slash', () => {
    for (const path of ['/self-check', '/self-check/', '/es/self-check', '/es/self-check/'])
      expect(isSelfCheckPath(path), path).toBe(true);
    for (const path of ['/', '/sign-in', '/es', '/self-check/extra', '/fr/self-check', '/patients'])
      expect(isSelfCheckPath(path), path).toBe(false);
  });

  it('takes the language from the address, then ?lang=, then the browser', () => {
    expect(selfCheckLocale(SELF_CHECK_PATHS.es, '', ['en-US'])).toBe('es');
    expect(selfCheckLocale(SELF_CHECK_PATHS.en, '?lang=es', ['en-US'])).toBe('es');
    expect(selfCheckLocale(SELF_CHECK_PATHS.en, '?lang=fr', ['es-MX'])).toBe('es');
    expect(selfCheckLocale(SELF_CHECK_PATHS.en, '', ['fr-FR'])).toBe('en');
  });
});
