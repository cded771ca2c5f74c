import { Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { LateNote } from '../../../core/api/notes.js';
import type { Role } from '../../../core/access/roles.js';
import { NOTE_TYPE_LABELS } from '../../../core/notes/noteTypes.js';
import { AsyncState } from '../../components/AsyncState.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Pager } from '../../components/Pager.js';
import { TextLink } from '../../components/TextLink.js';
import { formatDate, formatInstant } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useApi, useMe } from '../../session/SessionProvider.js';
import { useSites } from '../../session/SitesProvider.js';

const PAGE_SIZE = 50;

const SCOPE: Partial<Record<Role, string>> = {
  program_director: 'every author at your sites',
  clinical_supervisor: 'yours and your supervisees’',
  clinician: 'yours',
  case_manager: 'yours',
};

const overdue = (hours: number): string =>
  hours < 48 ? `${hours} h` : `${hours} h (${Math.floor(hours / 24)} days)`;

/** A draft opens for its author only, so others see which note it is without a link to nowhere. */
const NoteCell = ({ note, mine }: { note: LateNote; mine: boolean }) => {
  if (!mine)
    return (
      <>
        <Text size="sm">{note.title}</Text>
        <Text size="xs" c="dimmed">
          Draft: only {note.author.displayName} can open it
        </Text>
      </>
    );
  return (
    <TextLink to={note.kind === 'group_note' ? `/group-notes/${note.id}` : `/notes/${note.id}`}>
      {note.title}
    </TextLink>
  );
};

/**
 * Notes still unsigned after they were due (SPEC §7: due 24 hours after the session by default;
 * §13: late notes are reported), most overdue first.
 */
export const LateNotesPage = () => {
  const api = useApi();
  const me = useMe();
  const { sites, staffTimeZone } = useSites();
  const [siteId, setSiteId] = useState('');
  const [offset, setOffset] = useState(0);
  const report = useResource(
    (signal) => api.notes.lateNotes({ ...(siteId ? { siteId } : {}), limit: PAGE_SIZE, offset }, signal),
    [api, siteId, offset],
  );

  return (
    <Stack gap="md">
      <PageTitle>Late notes</PageTitle>
      <Text size="sm" c="dimmed">
        Notes still unsigned after they were due: {SCOPE[me.role] ?? 'yours'}. The longest overdue come first.
      </Text>
      {sites !== null && sites.length > 1 && (
        <Group align="flex-end">
          <NativeSelect
            label="Site"
            data={[
              { value: '', label: 'All my sites' },
              ...sites.map((s) => ({ value: s.id, label: s.name })),
            ]}
            value={siteId}
            onChange={(e) => {
              setSiteId(e.currentTarget.value);
              setOffset(0);
            }}
          />
        </Group>
      )}
      <AsyncState
        state={report.state}
        what="late notes"
        onRetry={report.reload}
        isEmpty={(r) => r.items.length === 0}
        empty="No late notes: every note is signed or still within its due time."
      >
        {(r) => (
          <Stack gap="sm">
            <Table.ScrollContainer minWidth={860}>
              <Table aria-label="Late notes" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Patient</Table.Th>
                    <Table.Th scope="col">Note type</Table.Th>
                    <Table.Th scope="col">Note</Table.Th>
                    <Table.Th scope="col">Session date</Table.Th>
                    <Table.Th scope="col">Author</Table.Th>
                    <Table.Th scope="col">Hours overdue</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.items.map((n) => (
                    <Table.Tr key={`${n.kind}:${n.id}`}>
                      <Table.Td>
                        {n.patient ? (
                          <>
                            <TextLink to={`/patients/${n.patient.id}/notes`}>{n.patient.name}</TextLink>
                            <Text span size="xs" c="dimmed" ml="xs">
                              {n.patient.mrn}
                            </Text>
                          </>
                        ) : (
                          <Text size="sm">
                            {n.attendeeCount ?? 0} attendee{n.attendeeCount === 1 ? '' : 's'}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{NOTE_TYPE_LABELS[n.noteType]}</Table.Td>
                      <Table.Td>
                        <NoteCell note={n} mine={n.author.id === me.id} />
                      </Table.Td>
                      <Table.Td>{formatDate(n.serviceDate)}</Table.Td>
                      <Table.Td>{n.author.displayName}</Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={600} c={n.hoursOverdue >= 48 ? 'red.8' : undefined}>
                          {overdue(n.hoursOverdue)}
                        </Text>
                        <Text size="xs" c="dimmed">
                          due {formatInstant(n.dueAt, staffTimeZone)}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Pager total={r.total} offset={r.offset} limit={r.limit} onChange={setOffset} noun="late notes" />
          </Stack>
        )}
      </AsyncState>
    </Stack>
  );
};
