import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { roleMayManageSessions } from '../../../core/access/sessionPolicy.js';
import type { Room } from '../../../core/api/schedule.js';
import { AsyncState } from '../../components/AsyncState.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SitePicker } from '../../components/SitePicker.js';
import { useResource } from '../../lib/useResource.js';
import { isStale, useSubmit } from '../../lib/useSubmit.js';
import { useApi, useMe } from '../../session/SessionProvider.js';
import { RoomForm } from './RoomForm.js';
import { useChosenSite } from './useChosenSite.js';

type Editing = { kind: 'new' } | { kind: 'edit'; room: Room } | null;

/**
 * `/schedule/rooms`: the rooms of a site, with their seats, which cap every session held in them.
 * Everyone at the site sees them; the schedule's managers add, rename, resize and take rooms out of
 * use (a room out of use is offered for no new series or move; series already in it keep it).
 */
export const RoomsPage = () => {
  const api = useApi();
  const me = useMe();
  const { sites, siteId, choose } = useChosenSite();
  const mayManage = roleMayManageSessions(me.role);
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const rooms = useResource(
    (signal) => (siteId ? api.schedule.rooms.list(siteId, signal) : new Promise<never>(() => undefined)),
    [api, siteId],
  );
  const setActive = useSubmit((room: Room, active: boolean) =>
    api.schedule.rooms.update(room.id, { version: room.version, active }),
  );

  const changeActive = async (room: Room, active: boolean) => {
    setNotice(null);
    const result = await setActive.run(room, active);
    if (result.ok) setNotice(active ? `${room.name} is back in use.` : `${room.name} is out of use.`);
    if (result.ok || isStale(result)) rooms.reload();
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <PageTitle>Rooms</PageTitle>
        {mayManage && siteId && (
          <Button
            onClick={() => {
              setNotice(null);
              setEditing({ kind: 'new' });
            }}
            disabled={editing?.kind === 'new'}
          >
            New room
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        A session held in a room takes no more patients than the room has seats.
      </Text>
      <SitePicker
        sites={sites}
        value={siteId}
        onChange={(id) => {
          setEditing(null);
          setNotice(null);
          choose(id);
        }}
      />
      {sites !== null && sites.length === 0 && (
        <Text role="status">You do not work at any site, so there are no rooms to show.</Text>
      )}
      {notice && (
        <Alert
          color="green"
          variant="light"
          role="status"
          withCloseButton
          onClose={() => setNotice(null)}
          closeButtonLabel="Dismiss"
        >
          {notice}
        </Alert>
      )}
      {editing && (
        <Paper withBorder p="md">
          <RoomForm
            key={editing.kind === 'edit' ? editing.room.id : 'new'}
            siteId={siteId}
            room={editing.kind === 'edit' ? editing.room : null}
            onSaved={(room) => {
              setEditing(null);
              setNotice(editing.kind === 'new' ? `${room.name} added.` : `${room.name} saved.`);
              rooms.reload();
            }}
            onStale={rooms.reload}
            onCancel={() => setEditing(null)}
          />
        </Paper>
      )}
      <ProblemAlert problem={setActive.problem} />
      <AsyncState
        state={rooms.state}
        what="rooms"
        onRetry={rooms.reload}
        empty={mayManage ? 'No rooms at this site yet. Add the first one.' : 'No rooms at this site yet.'}
      >
        {(list) => (
          <Table.ScrollContainer minWidth={520}>
            <Table aria-label="Rooms" verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Name</Table.Th>
                  <Table.Th scope="col">Seats</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  {mayManage && (
                    <Table.Th scope="col">
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((room) => (
                  <Table.Tr key={room.id}>
                    <Table.Td fw={600}>{room.name}</Table.Td>
                    <Table.Td>{room.seats}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={room.active ? 'success' : 'gray'}>
                        {room.active ? 'In use' : 'Out of use'}
                      </Badge>
                    </Table.Td>
                    {mayManage && (
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Button
                            size="compact-sm"
                            variant="default"
                            aria-label={`Edit ${room.name}`}
                            onClick={() => {
                              setNotice(null);
                              setEditing({ kind: 'edit', room });
                            }}
                          >
                            Edit
                          </Button>
                          {room.active ? (
                            <ConfirmButton
                              size="compact-sm"
                              variant="default"
                              title={`Take ${room.name} out of use?`}
                              message="It is no longer offered for new series or for moving a session. Series already held in it keep it until you change them."
                              confirmLabel="Take out of use"
                              aria-label={`Take ${room.name} out of use`}
                              onConfirm={() => changeActive(room, false)}
                            >
                              Deactivate
                            </ConfirmButton>
                          ) : (
                            <Button
                              size="compact-sm"
                              variant="default"
                              aria-label={`Put ${room.name} back in use`}
                              loading={setActive.pending}
                              onClick={() => void changeActive(room, true)}
                            >
                              Reactivate
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </AsyncState>
    </Stack>
  );
};
