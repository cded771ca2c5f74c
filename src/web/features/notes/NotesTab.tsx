import { Badge, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { NoteType } from '../../../core/notes/noteTypes.js';
import { NOTE_TYPE_LABELS, NOTE_TYPES, noteTypesWrittenBy } from '../../../core/notes/noteTypes.js';
import type { Patient } from '../../../core/api/patients.js';
import { AsyncState } from '../../components/AsyncState.js';
import { Pager } from '../../components/Pager.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { TextLink } from '../../components/TextLink.js';
import { formatDate, todayIn } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useRouter } from '../../router.js';
import { useApi, useMe } from '../../session/SessionProvider.js';
import { noteState } from './noteLabels.js';

const PAGE = 25;

/** The chart's notes: signed notes and the reader's own drafts, newest first; start a new one. */
export const NotesTab = ({ patient }: { patient: Patient }) => {
  const api = useApi();
  const me = useMe();
  const { navigate } = useRouter();
  const [type, setType] = useState<NoteType | null>(null);
  const [offset, setOffset] = useState(0);
  const [newType, setNewType] = useState<NoteType | null>(null);
  const notes = useResource(
    (signal) => api.notes.list(patient.id, { ...(type ? { type } : {}), limit: PAGE, offset }, signal),
    [api, patient.id, type, offset],
  );
  const writable = patient.status === 'discharged' ? [] : noteTypesWrittenBy(me.role);
  const start = useSubmit((noteType: NoteType) =>
    api.notes.create(patient.id, { noteType, serviceDate: todayIn(patient.siteTimeZone) }),
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Select
          label="Type"
          placeholder="All notes"
          clearable
          data={NOTE_TYPES.map((t) => ({ value: t, label: NOTE_TYPE_LABELS[t] }))}
          value={type}
          onChange={(v) => {
            setOffset(0);
            setType(NOTE_TYPES.find((t) => t === v) ?? null);
          }}
          w={240}
        />
        {writable.length > 0 && (
          <Group align="flex-end">
            <Select
              label="New note"
              placeholder="Choose a type"
              data={writable.map((t) => ({ value: t, label: NOTE_TYPE_LABELS[t] }))}
              value={newType}
              onChange={(v) => setNewType(writable.find((t) => t === v) ?? null)}
              w={240}
            />
            <Button
              disabled={!newType}
              loading={start.pending}
              onClick={() => {
                if (!newType) return;
                void start.run(newType).then((r) => {
                  if (r.ok) navigate(`/notes/${r.value.id}`);
                });
              }}
            >
              Start note
            </Button>
          </Group>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        Group notes are written once for the whole session, from its roll call.
      </Text>
      <ProblemAlert problem={start.problem} />
      <AsyncState
        state={notes.state}
        what="notes"
        onRetry={notes.reload}
        isEmpty={(p) => p.items.length === 0}
        empty={<Text size="sm">No notes {type ? `of this type ` : ''}yet.</Text>}
      >
        {(page) => (
          <Stack gap="sm">
            <Table aria-label="Notes" striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Date</Table.Th>
                  <Table.Th scope="col">Note</Table.Th>
                  <Table.Th scope="col">Type</Table.Th>
                  <Table.Th scope="col">Author</Table.Th>
                  <Table.Th scope="col">State</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.items.map((n) => {
                  const state = noteState(n);
                  return (
                    <Table.Tr key={n.id}>
                      <Table.Td>{formatDate(n.serviceDate)}</Table.Td>
                      <Table.Td>
                        <TextLink to={`/notes/${n.id}`}>{n.title}</TextLink>
                        {n.addendumCount > 0 && (
                          <Text span size="xs" c="dimmed" ml={6}>
                            + {n.addendumCount} addend{n.addendumCount === 1 ? 'um' : 'a'}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{NOTE_TYPE_LABELS[n.noteType]}</Table.Td>
                      <Table.Td>{n.author.displayName}</Table.Td>
                      <Table.Td>
                        <Badge color={state.color} variant="light">
                          {state.label}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
            <Pager total={page.total} limit={PAGE} offset={offset} onChange={setOffset} noun="notes" />
          </Stack>
        )}
      </AsyncState>
    </Stack>
  );
};
