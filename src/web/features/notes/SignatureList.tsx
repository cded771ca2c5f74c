import { List, Stack, Text, Title } from '@mantine/core';
import type { SignatureView } from '../../../core/api/signing.js';

const PURPOSE = { author: 'Signed by', cosigner: 'Co-signed by', patient: 'Signed by the patient' } as const;
const METHOD = {
  password: 'password',
  totp: 'authenticator code',
  in_person: 'in person',
  portal: 'portal',
} as const;

/** The signature records of a document, as they were made. */
export const SignatureList = ({ signatures }: { signatures: readonly SignatureView[] }) =>
  signatures.length === 0 ? null : (
    <Stack gap={4}>
      <Title order={3} size="h5">
        Signatures
      </Title>
      <List size="sm" spacing={2}>
        {signatures.map((s) => (
          <List.Item key={`${s.purpose}:${s.signedAt}`}>
            {PURPOSE[s.purpose]} {s.signerName}
            {s.credential ? ` (${s.credential})` : ''}, {new Date(s.signedAt).toLocaleString()} by{' '}
            {METHOD[s.method]}
            <Text span size="xs" c="dimmed" ml={6} ff="monospace">
              SHA-256 {s.contentHash.slice(0, 16)}…
            </Text>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
