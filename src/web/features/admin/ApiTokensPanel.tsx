import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { StaffUser } from '../../../core/api/admin.js';
import type { ApiToken, CreateApiTokenBody, CreatedApiToken } from '../../api/types.js';
import { AsyncState } from '../../components/AsyncState.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { formatInstant } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';
import { useSites } from '../../session/SitesProvider.js';
import { replaceById } from './useAdminLists.js';

const NewTokenForm = ({
  users,
  onCreated,
}: {
  users: StaffUser[];
  onCreated: (created: CreatedApiToken) => void;
}) => {
  const api = useApi();
  const [userId, setUserId] = useState('');
  const [name, setName] = useState('');
  const [days, setDays] = useState<number | ''>(90);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const create = useSubmit((body: CreateApiTokenBody) => api.admin.apiTokens.create(body));
  const errors = { ...create.errors, ...localErrors };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!userId) found['userId'] = 'Choose whose access the token carries.';
    if (!name.trim()) found['name'] = 'Name the token after what uses it.';
    if (days === '' || days < 1 || days > 365) found['expiresInDays'] = 'Between 1 and 365 days.';
    setLocalErrors(found);
    if (days === '' || Object.keys(found).length > 0) return;
    const result = await create.run({ userId, name: name.trim(), expiresInDays: days });
    if (result.ok) {
      setName('');
      onCreated(result.value);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <Title order={2} size="h4">
          New API token
        </Title>
        <ProblemAlert problem={create.problem} shownFields={['userId', 'name', 'expiresInDays']} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NativeSelect
            label="Acts as user"
            description="The token has exactly this user's access."
            required
            data={[
              { value: '', label: 'Choose a user' },
              ...users.filter((u) => u.active).map((u) => ({ value: u.id, label: u.displayName })),
            ]}
            value={userId}
            onChange={(event) => setUserId(event.currentTarget.value)}
            error={errors['userId']}
          />
          <TextInput
            label="Token name"
            description="E.g. the system that uses it"
            required
            maxLength={100}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors['name']}
          />
          <NumberInput
            label="Expires after (days)"
            required
            min={1}
            max={365}
            allowDecimal={false}
            value={days}
            onChange={(value) => setDays(value === '' ? '' : Number(value))}
            error={errors['expiresInDays']}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={create.pending}>
            Create token
          </Button>
        </Group>
      </Stack>
    </form>
  );
};

const tokenStatus = (t: ApiToken): { label: string; color: string } => {
  if (t.revokedAt) return { label: 'Revoked', color: 'gray' };
  if (new Date(t.expiresAt).getTime() <= Date.now()) return { label: 'Expired', color: 'gray' };
  return { label: 'Active', color: 'success' };
};

/** Tokens for other systems; the secret is shown once, right after creation. */
export const ApiTokensPanel = () => {
  const api = useApi();
  const { staffTimeZone } = useSites();
  const data = useResource(
    async (signal) => {
      const [tokens, users] = await Promise.all([
        api.admin.apiTokens.list(signal),
        api.admin.users.list(signal),
      ]);
      return { tokens, users };
    },
    [api],
  );
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const revoke = useSubmit((id: string) => api.admin.apiTokens.revoke(id));

  return (
    <AsyncState state={data.state} what="API tokens" onRetry={data.reload}>
      {({ tokens, users }) => (
        <Stack gap="md">
          <Paper withBorder p="md">
            <NewTokenForm
              users={users}
              onCreated={(result) => {
                setCreated(result);
                data.setData({ users, tokens: replaceById(tokens, result.apiToken) });
              }}
            />
          </Paper>
          {created && (
            <Alert color="warning" variant="light" title="Copy this token now" role="status">
              <Stack gap="xs">
                <Text size="sm">
                  This is the only time “{created.apiToken.name}” is shown. Store it in the other system's
                  secret store; if it is lost, revoke it and create a new one.
                </Text>
                <Group gap="xs" wrap="nowrap">
                  <Code fz="sm" style={{ wordBreak: 'break-all' }} data-testid="new-api-token">
                    {created.token}
                  </Code>
                  <CopyButton value={created.token}>
                    {({ copied, copy }) => (
                      <Button size="compact-sm" variant="default" onClick={copy}>
                        {copied ? 'Copied' : 'Copy token'}
                      </Button>
                    )}
                  </CopyButton>
                </Group>
                <Group>
                  <Button size="compact-sm" onClick={() => setCreated(null)}>
                    I have stored it
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
          <ProblemAlert problem={revoke.problem} />
          {tokens.length === 0 ? (
            <Text c="dimmed" role="status">
              No API tokens yet.
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={820}>
              <Table aria-label="API tokens">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Name</Table.Th>
                    <Table.Th scope="col">Acts as</Table.Th>
                    <Table.Th scope="col">Created</Table.Th>
                    <Table.Th scope="col">Expires</Table.Th>
                    <Table.Th scope="col">Last used</Table.Th>
                    <Table.Th scope="col">Status</Table.Th>
                    <Table.Th scope="col">
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {tokens.map((token) => {
                    const status = tokenStatus(token);
                    return (
                      <Table.Tr key={token.id}>
                        <Table.Td fw={600}>{token.name}</Table.Td>
                        <Table.Td>{token.user.displayName}</Table.Td>
                        <Table.Td>{formatInstant(token.createdAt, staffTimeZone)}</Table.Td>
                        <Table.Td>{formatInstant(token.expiresAt, staffTimeZone)}</Table.Td>
                        <Table.Td>
                          {token.lastUsedAt ? formatInstant(token.lastUsedAt, staffTimeZone) : 'Never'}
                        </Table.Td>
                        <Table.Td>
                          <Badge variant="light" color={status.color}>
                            {status.label}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          {status.label === 'Active' && (
                            <ConfirmButton
                              size="compact-sm"
                              variant="light"
                              color="red"
                              title={`Revoke “${token.name}”?`}
                              message="Anything using this token stops working at once. This cannot be undone."
                              confirmLabel="Yes, revoke it"
                              onConfirm={async () => {
                                const result = await revoke.run(token.id);
                                if (result.ok) data.reload();
                              }}
                            >
                              Revoke
                            </ConfirmButton>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      )}
    </AsyncState>
  );
};
