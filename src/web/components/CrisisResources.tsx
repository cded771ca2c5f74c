import { Button, Group, Paper, Text, Title } from '@mantine/core';
import { type Locale, t } from '../../core/i18n/index.js';

/**
 * Crisis lines, one tap away on every patient-facing page (SPEC §16). The links open the phone or
 * messaging app directly.
 */
export const CrisisResources = ({ locale }: { locale: Locale }) => (
  <Paper
    component="aside"
    aria-label={t(locale, 'crisis.region')}
    withBorder
    p="md"
    radius="md"
    lang={locale}
  >
    <Title order={2} size="h5">
      {t(locale, 'crisis.heading')}
    </Title>
    <Text size="sm" mt={4}>
      {t(locale, 'crisis.text')}
    </Text>
    <Group gap="xs" mt="sm">
      <Button component="a" href="tel:988" color="red.9" size="compact-sm">
        {t(locale, 'crisis.call988')}
      </Button>
      <Button component="a" href="sms:988" color="red.9" variant="outline" size="compact-sm">
        {t(locale, 'crisis.text988')}
      </Button>
      <Button component="a" href="tel:911" color="red.9" variant="outline" size="compact-sm">
        {t(locale, 'crisis.call911')}
      </Button>
    </Group>
  </Paper>
);
