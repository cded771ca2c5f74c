import { Button, Stack, Text, Title } from '@mantine/core';
import type { RefObject } from 'react';
import { type Locale, t } from '../../../core/i18n/index.js';
import classes from './SelfCheck.module.css';

/**
 * Shown at once when someone says they are in danger now: crisis help first, and no further
 * questions. The links open the phone or messaging app directly.
 */
export const CrisisHelp = ({
  locale,
  headingRef,
  onStartOver,
}: {
  locale: Locale;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onStartOver: () => void;
}) => (
  <Stack gap="md">
    <Title order={2} size="h3" ref={headingRef} tabIndex={-1} className={classes.heading} c="red.9">
      {t(locale, 'selfCheck.crisis.title')}
    </Title>
    <Text size="lg">{t(locale, 'selfCheck.crisis.text')}</Text>
    <Stack gap="sm">
      <Button component="a" href="tel:988" color="red.9" size="xl" fullWidth>
        {t(locale, 'crisis.call988')}
      </Button>
      <Button component="a" href="sms:988" color="red.9" variant="outline" size="xl" fullWidth>
        {t(locale, 'crisis.text988')}
      </Button>
      <Button component="a" href="tel:911" color="red.9" variant="outline" size="xl" fullWidth>
        {t(locale, 'crisis.call911')}
      </Button>
    </Stack>
    <Button variant="subtle" size="md" onClick={onStartOver} mt="md">
      {t(locale, 'selfCheck.ui.startOver')}
    </Button>
  </Stack>
);
