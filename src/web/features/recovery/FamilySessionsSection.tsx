import { Badge, Button, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { FamilySeries, SupportContact } from '../../../core/api/recovery.js';
import { AsyncState } from '../../components/AsyncState.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import type { Resource } from '../../lib/useResource.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';
import { WEEKDAY_NAMES } from '../schedule/week.js';

const when = (s: FamilySeries): string =>
  `${s.weekdays.map((d) => WEEKDAY_NAMES[d - 1] ?? '').join(', ')} at ${s.startTime}`;

/** One family series: who takes part, and adding or removing a contact. */
const SeriesCard = ({
  patientId,
  series,
  contacts,
  canEdit,
  onChanged,
}: {
  patientId: string;
  series: FamilySeries;
  contacts: SupportContact[];
  canEdit: boolean;
  onChanged: () => void;
}) => {
  const api = useApi();
  const [choice, setChoice] = useState('');
  const change = useSubmit((contactId: string, takesPart: boolean) =>
    api.recovery.setFamilySessionContact(patientId, series.seriesId, contactId, takesPart),
  );
  const addable = contacts.filter((c) => !series.contacts.some((s) => s.contactId === c.id));
  const run = async (contactId: string, takesPart: boolean) => {
    const result = await change.run(contactId, takesPart);
    if (result.ok) {
      setChoice('');
      onChanged();
    }
  };
  const selectId = `family-add-${series.seriesId}`;
  return (
    <Paper withBorder p="sm">
      <Stack gap={6}>
        <Group gap="xs">
          <Text fw={600} size="sm">
            {series.title}
          </Text>
          <Text size="xs" c="dimmed">
            {when(series)} with {series.clinician.displayName}
          </Text>
          {!series.current && <Badge color="gray">Not current</Badge>}
        </Group>
        <ProblemAlert problem={change.problem} />
        {series.contacts.length === 0 ? (
          <Text size="sm" c="dimmed">
            No contact takes part yet.
          </Text>
        ) : (
          <Group gap={6}>
            {series.contacts.map((c) => (
              <Badge
                key={c.contactId}
                variant="light"
                color={c.archived ? 'gray' : 'grape'}
                style={{ textTransform: 'none' }}
                rightSection={
                  canEdit ? (
                    <button
                      type="button"
                      aria-label={`Remove ${c.name} from ${series.title}`}
                      onClick={() => void run(c.contactId, false)}
                      style={{
                        border: 0,
                        background: 'none',
                        cursor: 'pointer',
                        padding: 0,
                        color: 'inherit',
                      }}
                    >
                      ×
                    </button>
                  ) : undefined
                }
              >
                {c.name}
                {c.archived ? ' (archived)' : ''}
              </Badge>
            ))}
          </Group>
        )}
        {canEdit && addable.length > 0 && (
          <Group gap="xs" align="flex-end">
            <NativeSelect
              id={selectId}
              size="xs"
              label={`Add a contact to ${series.title}`}
              data={[
                { value: '', label: 'Choose a contact' },
                ...addable.map((c) => ({ value: c.id, label: c.name })),
              ]}
              value={choice}
              onChange={(event) => setChoice(event.currentTarget.value)}
            />
            <Button
              size="xs"
              variant="default"
              disabled={!choice}
              loading={change.pending}
              onClick={() => void run(choice, true)}
            >
              Add
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
};

/** The patient's family series (booked in the schedule) and the contacts who take part in each. */
export const FamilySessionsSection = ({
  patientId,
  series,
  contacts,
  canEdit,
  onChanged,
}: {
  patientId: string;
  series: Resource<FamilySeries[]>;
  contacts: SupportContact[];
  canEdit: boolean;
  onChanged: () => void;
}) => (
  <Stack gap="sm" component="section" aria-labelledby="family-sessions-title">
    <Title order={2} size="h4" id="family-sessions-title">
      Family sessions
    </Title>
    <AsyncState
      state={series.state}
      what="family sessions"
      onRetry={series.reload}
      empty="The patient is in no family series. Book one in the schedule, then choose who takes part here."
    >
      {(list) => (
        <Stack gap="xs">
          {list.map((s) => (
            <SeriesCard
              key={s.seriesId}
              patientId={patientId}
              series={s}
              contacts={contacts}
              canEdit={canEdit}
              onChanged={onChanged}
            />
          ))}
        </Stack>
      )}
    </AsyncState>
  </Stack>
);
