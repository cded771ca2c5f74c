import { Button, Group, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { Room } from '../../../core/api/schedule.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { isStale, useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';

/** The API's limits on a room (core/api/schedule.ts). */
const MAX_NAME = 80;
const MAX_SEATS = 500;

interface RoomFormProps {
  siteId: string;
  /** The room being renamed or resized; null for a new one. */
  room: Room | null;
  onSaved: (room: Room) => void;
  /** Someone else changed the room meanwhile: the list reloads, the form keeps what was typed. */
  onStale: () => void;
  onCancel: () => void;
}

/**
 * A new room, or a room's name and seats. Fewer seats than patients already booked into its sessions
 * is refused by the server, which names the sessions; the message shows next to Seats.
 */
export const RoomForm = ({ siteId, room, onSaved, onStale, onCancel }: RoomFormProps) => {
  const api = useApi();
  const [name, setName] = useState(room?.name ?? '');
  const [seats, setSeats] = useState(room ? String(room.seats) : '');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const save = useSubmit(async () => {
    const body = { name: name.trim(), seats: Number(seats) };
    return room
      ? api.schedule.rooms.update(room.id, {
          version: room.version,
          ...(body.name !== room.name ? { name: body.name } : {}),
          ...(body.seats !== room.seats ? { seats: body.seats } : {}),
        })
      : api.schedule.rooms.create({ siteId, ...body });
  });
  const errors = { ...save.errors, ...localErrors };
  /** A field's own message goes once it is changed. */
  const edited = (field: string) => setLocalErrors(({ [field]: _gone, ...rest }) => rest);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!name.trim()) found['name'] = 'Enter the room’s name.';
    const count = Number(seats);
    if (!/^\d+$/.test(seats.trim()) || count < 1 || count > MAX_SEATS)
      found['seats'] = `Whole number, 1 to ${MAX_SEATS}.`;
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    const result = await save.run();
    if (result.ok) onSaved(result.value);
    else if (isStale(result)) onStale();
  };

  const title = room ? `Edit ${room.name}` : 'New room';
  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label={title}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        <ProblemAlert problem={save.problem} shownFields={['name', 'seats']} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Room name"
            required
            maxLength={MAX_NAME}
            value={name}
            onChange={(event) => {
              edited('name');
              setName(event.currentTarget.value);
            }}
            error={errors['name']}
            autoFocus
          />
          <TextInput
            label="Seats"
            description="The most patients a session in this room can take."
            required
            inputMode="numeric"
            value={seats}
            onChange={(event) => {
              edited('seats');
              setSeats(event.currentTarget.value);
            }}
            error={errors['seats']}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={save.pending}>
            Cancel
          </Button>
          <Button type="submit" loading={save.pending}>
            {room ? 'Save room' : 'Add room'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
