import {
  Badge,
  Button,
  Divider,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import type { StaffUser } from '../../../core/api/admin.js';
import { ROLE_LABELS } from '../../../core/access/roles.js';
import { AsyncState } from '../../components/AsyncState.js';
import { useSites } from '../../session/SitesProvider.js';
import { UserAccountActions } from './UserAccountActions.js';
import { UserForm } from './UserForm.js';
import { replaceById, useAdminLists } from './useAdminLists.js';

type Editing = { kind: 'new' } | { kind: 'edit'; userId: string } | null;

const statusOf = (user: StaffUser): { label: string; color: string } => {
  if (!user.active) return { label: 'Deactivated', color: 'gray' };
  if (user.lockedUntil && new Date(user.lockedUntil).getTime() > Date.now())
    return { label: 'Locked', color: 'red' };
  return { label: 'Active', color: 'success' };
};

export const UsersPanel = () => {
  const lists = useAdminLists();
  const { staffTimeZone } = useSites();
  const [editing, setEditing] = useState<Editing>(null);
  const [filter, setFilter] = useState('');

  const saved = (user: StaffUser) => {
    const data = lists.state.data;
    if (data) lists.setData({ ...data, users: replaceById(data.users, user) });
  };

  return (
    <AsyncState state={lists.state} what="users" onRetry={lists.reload}>
      {({ users, sites }) => {
        const siteName = (id: string) => sites.find((s) => s.id === id)?.name ?? 'Unknown site';
        const editedUser =
          editing?.kind === 'edit' ? (users.find((u) => u.id === editing.userId) ?? null) : null;
        const needle = filter.trim().toLowerCase();
        const shown = users
          .filter(
            (u) =>
              !needle ||
              u.displayName.toLowerCase().includes(needle) ||
              u.email.toLowerCase().includes(needle),
          )
          .sort((a, b) => a.displayName.localeCompare(b.displayName));
        return (
          <Stack gap="md">
            <Group justify="space-between" align="flex-end">
              <TextInput
                label="Filter users"
                value={filter}
                onChange={(e) => setFilter(e.currentTarget.value)}
                w={280}
              />
              <Button onClick={() => setEditing({ kind: 'new' })} disabled={editing?.kind === 'new'}>
                New user
              </Button>
            </Group>
            {editing && (editing.kind === 'new' || editedUser) && (
              <Paper withBorder p="md">
                <Stack gap="md">
                  <UserForm
                    key={editing.kind === 'new' ? 'new' : editing.userId}
                    user={editedUser}
                    users={users}
                    sites={sites}
                    onSaved={(user) => {
                      saved(user);
                      setEditing(null);
                    }}
                    onStale={lists.reload}
                    onCancel={() => setEditing(null)}
                  />
                  {editedUser && (
                    <>
                      <Divider />
                      <UserAccountActions
                        user={editedUser}
                        timeZone={staffTimeZone}
                        onChanged={saved}
                        onStale={lists.reload}
                      />
                    </>
                  )}
                </Stack>
              </Paper>
            )}
            {shown.length === 0 ? (
              <Text c="dimmed" role="status">
                {users.length === 0 ? 'No users yet.' : 'No users match this filter.'}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={820}>
                <Table aria-label="Users">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Name</Table.Th>
                      <Table.Th scope="col">Email</Table.Th>
                      <Table.Th scope="col">Role</Table.Th>
                      <Table.Th scope="col">Sites</Table.Th>
                      <Table.Th scope="col">MFA</Table.Th>
                      <Table.Th scope="col">Status</Table.Th>
                      <Table.Th scope="col">
                        <VisuallyHidden>Actions</VisuallyHidden>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {shown.map((u) => {
                      const status = statusOf(u);
                      return (
                        <Table.Tr key={u.id}>
                          <Table.Td fw={600}>{u.displayName}</Table.Td>
                          <Table.Td>{u.email}</Table.Td>
                          <Table.Td>{ROLE_LABELS[u.role]}</Table.Td>
                          <Table.Td>{u.siteIds.map(siteName).join(', ') || '—'}</Table.Td>
                          <Table.Td>{u.mfaEnrolled ? 'Set up' : 'Not set up'}</Table.Td>
                          <Table.Td>
                            <Badge variant="light" color={status.color}>
                              {status.label}
                            </Badge>
                          </Table.Td>
                          <Table.Td>
                            <Button
                              size="compact-sm"
                              variant="default"
                              onClick={() => setEditing({ kind: 'edit', userId: u.id })}
                              aria-label={`Edit ${u.displayName}`}
                            >
                              Edit
                            </Button>
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Stack>
        );
      }}
    </AsyncState>
  );
};
