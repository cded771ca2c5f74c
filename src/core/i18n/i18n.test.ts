import { describe, expect, it } from 'vitest';
import { CATALOGUES, LOCALES, pickLocale, t } from './index.js';

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('message catalogues', () => {
  const englishKeys = Object.keys(CATALOGUES.en).sort();

  it.each(LOCALES)('%s has exactly the English keys', (locale) => {
    expect(Object.keys(CATALOGUES[locale]).sort()).toEqual(englishKeys);
  });

  it.each(LOCALES)('%s has no empty messages', (locale) => {
    const empty = Object.entries(CATALOGUES[locale]).filter(([, text]) => text.trim() === '');
    expect(empty).toEqual([]);
  });

  it.each(LOCALES)('%s uses the same placeholders as English', (locale) => {
    for (const key of englishKeys) {
      const english = CATALOGUES.en[key as keyof typeof CATALOGUES.en];
      const other = CATALOGUES[locale][key as keyof typeof CATALOGUES.en];
      expect(placeholders(other), key).toEqual(placeholders(english));
    }
  });
});

describe('t', () => {
  it('returns the message in the requested language', () => {
    expect(t('en', 'signIn.submit')).toBe('Sign in');
    expect(t('es', 'signIn.submit')).toBe('Iniciar sesión');
  });

  it('fills in parameters', () => {
    expect(t('en', 'signIn.totp.help', { app: 'OpenIOP' })).toContain('shows for OpenIOP.');
    expect(t('es', 'signIn.totp.help', { app: 'OpenIOP' })).toContain('para OpenIOP.');
  });

  it('names the crisis lines in both languages', () => {
    for (const locale of LOCALES) {
      expect(t(locale, 'crisis.text')).toContain('988');
      expect(t(locale, 'crisis.text')).toContain('911');
    }
  });
});

describe('pickLocale', () => {
  it('takes the first supported language and falls back to English', () => {
    expect(pickLocale(['es-MX', 'en-US'])).toBe('es');
    expect(pickLocale(['fr-FR', 'en-GB'])).toBe('en');
    expect(pickLocale(['de'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });
});
