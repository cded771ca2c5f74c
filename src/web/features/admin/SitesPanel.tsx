import { Button, Group, Paper, Stack, Table, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { AsyncState } from '../../components/AsyncState.js';
import { SiteForm } from './SiteForm.js';
import { replaceById, useAdminLists } from './useAdminLists.js';

type Editing = { kind: 'new' } | { kind: 'edit'; siteId: string } | null;

export const SitesPanel = () => {
  const lists = useAdminLists();
  const [editing, setEditing] = useState<Editing>(null);

  return (
    <AsyncState state={lists.state} what="sites" onRetry={lists.reload}>
      {({ users, sites }) => {
        const edited = editing?.kind === 'edit' ? (sites.find((s) => s.id === editing.siteId) ?? null) : null;
        const userName = (id: string | null) =>
          id ? (users.find((u) => u.id === id)?.displayName ?? 'Unknown') : '—';
        return (
          <Stack gap="md">
            <Group justify="flex-end">
              <Button onClick={() => setEditing({ kind: 'new' })} disabled={editing?.kind === 'new'}>
                New site
              </Button>
            </Group>
            {editing && (editing.kind === 'new' || edited) && (
              <Paper withBorder p="md">
                <SiteForm
                  key={edited?.id ?? 'new'}
                  site={edited}
                  users={users}
                  onSaved={(site) => {
                    lists.setData({ users, sites: replaceById(sites, site) });
                    setEditing(null);
                  }}
                  onStale={lists.reload}
                  onCancel={() => setEditing(null)}
                />
              </Paper>
            )}
            {sites.length === 0 ? (
              <p role="status">No sites yet. Create the first one to start registering patients.</p>
            ) : (
              <Table aria-label="Sites">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Name</Table.Th>
                    <Table.Th scope="col">Time zone</Table.Th>
                    <Table.Th scope="col">On call</Table.Th>
                    <Table.Th scope="col">
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {[...sites]
                    .sort((a, b) => a.name.localeCompare(b.name))
                    .map((s) => (
                      <Table.Tr key={s.id}>
                        <Table.Td fw={600}>{s.name}</Table.Td>
                        <Table.Td>{s.timeZone}</Table.Td>
                        <Table.Td>{userName(s.onCallUserId)}</Table.Td>
                        <Table.Td>
                          <Button
                            size="compact-sm"
                            variant="default"
                            aria-label={`Edit ${s.name}`}
                            onClick={() => setEditing({ kind: 'edit', siteId: s.id })}
                          >
                            Edit
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        );
      }}
    </AsyncState>
  );
};
