import { Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { type Locale, t } from '../../../core/i18n/index.js';

/** `JBSWY3DPEHPK3PXP` → `JBSW Y3DP EHPK 3PXP`, easier to type into an authenticator app. */
export const groupSecret = (secret: string): string =>
  secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');

export const EnrolmentDetails = ({
  locale,
  secret,
  otpauthUri,
}: {
  locale: Locale;
  secret: string;
  otpauthUri: string;
}) => (
  <Stack gap="sm">
    <Text size="sm">{t(locale, 'signIn.enrol.intro')}</Text>
    <div>
      <Text size="sm" fw={600}>
        {t(locale, 'signIn.enrol.secret')}
      </Text>
      <Group gap="xs" wrap="nowrap">
        <Code fz="md" style={{ letterSpacing: '0.05em' }} data-testid="mfa-secret">
          {groupSecret(secret)}
        </Code>
        <CopyButton value={secret.replace(/\s+/g, '')}>
          {({ copied, copy }) => (
            <Button size="compact-xs" variant="default" onClick={copy}>
              {copied ? t(locale, 'signIn.enrol.copied') : t(locale, 'signIn.enrol.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </div>
    <div>
      <Text size="sm" fw={600}>
        {t(locale, 'signIn.enrol.uri')}
      </Text>
      <Text size="xs" style={{ wordBreak: 'break-all' }}>
        <a href={otpauthUri}>{otpauthUri}</a>
      </Text>
    </div>
  </Stack>
);
