import { Button, Group } from '@mantine/core';
import { LOCALES, type Locale, t } from '../../../core/i18n/index.js';

export const LanguageSwitch = ({
  locale,
  onChange,
}: {
  locale: Locale;
  onChange: (locale: Locale) => void;
}) => (
  <Group gap={4} role="group" aria-label={t(locale, 'language.label')}>
    {LOCALES.map((option) => (
      <Button
        key={option}
        size="compact-xs"
        variant={option === locale ? 'light' : 'subtle'}
        aria-pressed={option === locale}
        lang={option}
        onClick={() => onChange(option)}
      >
        {t(option, `language.${option}`)}
      </Button>
    ))}
  </Group>
);
