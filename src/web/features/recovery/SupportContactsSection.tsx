import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import type { SupportContact } from '../../../core/api/recovery.js';
import { formatPhone } from '../../../core/recovery/phone.js';
import { CONTACTS_ARE_NOT_CONSENT, relationshipLabel } from '../../../core/recovery/supportContacts.js';
import { AsyncState } from '../../components/AsyncState.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import type { Resource } from '../../lib/useResource.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';
import { ContactForm } from './ContactForm.js';

interface SupportContactsSectionProps {
  patientId: string;
  contacts: Resource<SupportContact[]>;
  showArchived: boolean;
  onShowArchived: (show: boolean) => void;
  canEdit: boolean;
}

/** Family and support contacts, with the reminder that none of them is a consent (SPEC §10). */
export const SupportContactsSection = ({
  patientId,
  contacts,
  showArchived,
  onShowArchived,
  canEdit,
}: SupportContactsSectionProps) => {
  const api = useApi();
  const [editing, setEditing] = useState<SupportContact | 'new' | null>(null);
  const [archived, setArchived] = useState<SupportContact | null>(null);
  const archive = useSubmit((c: SupportContact, on: boolean) =>
    on
      ? api.recovery.archiveContact(patientId, c.id, c.version)
      : api.recovery.restoreContact(patientId, c.id, c.version),
  );

  const setArchivedState = async (contact: SupportContact, on: boolean) => {
    const result = await archive.run(contact, on);
    if (result.ok) setArchived(on ? result.value : null);
    contacts.reload();
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="contacts-title">
      <Group justify="space-between">
        <Title order={2} size="h4" id="contacts-title">
          Family and support contacts
        </Title>
        <Group gap="sm">
          <Checkbox
            label="Show archived"
            checked={showArchived}
            onChange={(event) => onShowArchived(event.currentTarget.checked)}
          />
          {canEdit && editing === null && (
            <Button variant="light" size="xs" onClick={() => setEditing('new')}>
              Add contact
            </Button>
          )}
        </Group>
      </Group>
      <Alert variant="light" color="blue" title="Contacts are not consent">
        <Text size="sm">{CONTACTS_ARE_NOT_CONSENT}</Text>
      </Alert>
      {archived && (
        <Group gap="xs" role="status">
          <Text size="sm">Archived {archived.name}.</Text>
          <Button size="compact-xs" variant="light" onClick={() => void setArchivedState(archived, false)}>
            Undo
          </Button>
        </Group>
      )}
      <ProblemAlert problem={archive.problem} />
      {editing !== null && (
        <Paper withBorder p="md">
          <ContactForm
            patientId={patientId}
            {...(editing === 'new' ? {} : { contact: editing })}
            onSaved={() => {
              setEditing(null);
              contacts.reload();
            }}
            onStale={contacts.reload}
            onCancel={() => setEditing(null)}
          />
        </Paper>
      )}
      <AsyncState
        state={contacts.state}
        what="contacts"
        onRetry={contacts.reload}
        empty="No family or support contacts recorded yet."
      >
        {(list) => (
          <Table.ScrollContainer minWidth={760}>
            <Table aria-label="Support contacts" verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Name</Table.Th>
                  <Table.Th scope="col">Relationship</Table.Th>
                  <Table.Th scope="col">Phone</Table.Th>
                  <Table.Th scope="col">Roles</Table.Th>
                  <Table.Th scope="col">Family series</Table.Th>
                  {canEdit && (
                    <Table.Th scope="col">
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((c) => (
                  <Table.Tr key={c.id} c={c.archived ? 'dimmed' : undefined}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {c.name}
                      </Text>
                      {c.email && <Text size="xs">{c.email}</Text>}
                      {c.notes && (
                        <Text size="xs" c="dimmed">
                          {c.notes}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{relationshipLabel(c.relationship, c.relationshipDetail)}</Table.Td>
                    <Table.Td>
                      <a href={`tel:${c.phone}`}>{formatPhone(c.phone)}</a>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {c.archived && <Badge color="gray">Archived</Badge>}
                        {c.emergencyContact && (
                          <Badge color="red" variant="light">
                            Emergency
                          </Badge>
                        )}
                        {c.inRelapsePlan && <Badge variant="light">Relapse plan</Badge>}
                        {c.familySessionParticipant && (
                          <Badge color="grape" variant="light">
                            Family sessions
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{c.familySeries.map((s) => s.title).join(', ') || '—'}</Text>
                    </Table.Td>
                    {canEdit && (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          {!c.archived && (
                            <Button
                              size="compact-xs"
                              variant="default"
                              onClick={() => setEditing(c)}
                              aria-label={`Change ${c.name}`}
                            >
                              Change
                            </Button>
                          )}
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            color={c.archived ? undefined : 'red'}
                            loading={archive.pending}
                            onClick={() => void setArchivedState(c, !c.archived)}
                            aria-label={c.archived ? `Restore ${c.name}` : `Archive ${c.name}`}
                          >
                            {c.archived ? 'Restore' : 'Archive'}
                          </Button>
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
