import { Alert, Button, Group, Radio, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { DuplicateCandidate, Inquiry } from '../../../core/api/intake.js';
import { DUPLICATE_REASON_LABELS } from '../../../core/intake/duplicates.js';
import { isTerminalStage } from '../../../core/intake/stages.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { TextLink } from '../../components/TextLink.js';
import { formatDate, todayIn } from '../../lib/dates.js';
import { isStale, useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';

interface ConvertSectionProps {
  inquiry: Inquiry;
  mayConvert: boolean;
  onChanged: (inquiry: Inquiry) => void;
  onStale: () => void;
}

const CREATE = 'create';

/**
 * Turns the inquiry into a patient record: first a look for the person's existing record (same name
 * and date of birth, phone, or the MRN they give), then a deliberate choice between linking and
 * creating. Nothing is created while possible duplicates are unresolved.
 */
export const ConvertSection = ({ inquiry, mayConvert, onChanged, onStale }: ConvertSectionProps) => {
  const api = useApi();
  const [mrn, setMrn] = useState('');
  const [candidates, setCandidates] = useState<DuplicateCandidate[] | null>(null);
  const [choice, setChoice] = useState<string>(CREATE);
  const [lastName, setLastName] = useState(inquiry.lastName ?? '');
  const [dateOfBirth, setDateOfBirth] = useState(inquiry.dateOfBirth ?? '');
  const check = useSubmit(() => api.intake.duplicates(inquiry.id, mrn.trim() || undefined));
  const convert = useSubmit((body: Parameters<typeof api.intake.convert>[1]) =>
    api.intake.convert(inquiry.id, body),
  );

  if (inquiry.patientId) {
    return (
      <Stack gap="xs">
        <Title order={2} size="h4">
          Patient record
        </Title>
        <Text size="sm">
          This inquiry is linked to a patient record.{' '}
          <TextLink to={`/patients/${inquiry.patientId}`}>Open the chart</TextLink>
        </Text>
      </Stack>
    );
  }
  if (!mayConvert || isTerminalStage(inquiry.stage)) return null;

  const runCheck = async () => {
    const result = await check.run();
    if (result.ok) {
      setCandidates(result.value);
      setChoice(result.value.length > 0 ? '' : CREATE);
    }
  };

  const doConvert = async () => {
    const creating = choice === CREATE;
    const result = await convert.run({
      version: inquiry.version,
      ...(creating ? { createAnyway: (candidates?.length ?? 0) > 0 } : { existingPatientId: choice }),
      ...(mrn.trim() ? { mrn: mrn.trim() } : {}),
      ...(creating && !inquiry.lastName && lastName.trim() ? { lastName: lastName.trim() } : {}),
      ...(creating && !inquiry.dateOfBirth && dateOfBirth ? { dateOfBirth } : {}),
    });
    if (result.ok) onChanged(result.value.inquiry);
    else if (isStale(result)) onStale();
    else if (result.problem.code === 'CONFLICT') await runCheck();
  };

  const chosen = candidates?.find((c) => c.patientId === choice);
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        Convert into a patient
      </Title>
      <Text size="sm" c="dimmed">
        Everything gathered here is kept: name, date of birth, contacts, preferences and coverage go to the
        patient record; the inquiry stays linked to it.
      </Text>
      <ProblemAlert problem={check.problem ?? convert.problem} shownFields={['lastName', 'dateOfBirth']} />
      <Group align="flex-end">
        <TextInput
          label="MRN the person gave (optional)"
          description="For someone who was a patient before."
          value={mrn}
          onChange={(event) => {
            setMrn(event.currentTarget.value);
            setCandidates(null);
          }}
          autoComplete="off"
        />
        <Button variant="default" onClick={() => void runCheck()} loading={check.pending}>
          Check for existing records
        </Button>
      </Group>
      {candidates !== null && (
        <Stack gap="xs">
          {candidates.length === 0 ? (
            <Alert color="success" variant="light" role="status">
              No existing record matches this person.
            </Alert>
          ) : (
            <Alert
              color="warning"
              variant="light"
              role="status"
              title="This person may already have a record"
            >
              Link the inquiry to the right record, or create a new one if none of these is the same person.
            </Alert>
          )}
          <Radio.Group label="What should happen?" value={choice} onChange={setChoice}>
            {candidates.length > 0 && (
              <Table.ScrollContainer minWidth={640} mt="xs">
                <Table aria-label="Possible existing records">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Choose</Table.Th>
                      <Table.Th scope="col">Name</Table.Th>
                      <Table.Th scope="col">Date of birth</Table.Th>
                      <Table.Th scope="col">MRN</Table.Th>
                      <Table.Th scope="col">Site · status</Table.Th>
                      <Table.Th scope="col">Matches on</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {candidates.map((c) => (
                      <Table.Tr key={c.patientId}>
                        <Table.Td>
                          <Radio value={c.patientId} label={`Link to ${c.lastName}, ${c.firstName}`} />
                        </Table.Td>
                        <Table.Td>
                          {c.mayOpen ? (
                            <TextLink
                              to={`/patients/${c.patientId}`}
                            >{`${c.lastName}, ${c.firstName}`}</TextLink>
                          ) : (
                            `${c.lastName}, ${c.firstName}`
                          )}
                        </Table.Td>
                        <Table.Td>{formatDate(c.dateOfBirth)}</Table.Td>
                        <Table.Td ff="monospace">{c.mrn}</Table.Td>
                        <Table.Td>
                          {c.siteName} · {c.status}
                        </Table.Td>
                        <Table.Td>{c.matchedOn.map((m) => DUPLICATE_REASON_LABELS[m]).join('; ')}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            <Radio value={CREATE} label="Create a new patient record" mt="sm" />
          </Radio.Group>
          {choice === CREATE && (!inquiry.lastName || !inquiry.dateOfBirth) && (
            <Group align="flex-start">
              {!inquiry.lastName && (
                <TextInput
                  label="Last name"
                  required
                  value={lastName}
                  onChange={(event) => setLastName(event.currentTarget.value)}
                  error={convert.errors['lastName']}
                />
              )}
              {!inquiry.dateOfBirth && (
                <TextInput
                  label="Date of birth"
                  type="date"
                  required
                  max={todayIn(inquiry.siteTimeZone)}
                  value={dateOfBirth}
                  onChange={(event) => setDateOfBirth(event.currentTarget.value)}
                  error={convert.errors['dateOfBirth']}
                />
              )}
            </Group>
          )}
          <Group>
            <ConfirmButton
              danger={false}
              disabled={choice === ''}
              title={chosen ? 'Link to this patient record?' : 'Create a new patient record?'}
              message={
                chosen
                  ? `The inquiry is linked to ${chosen.lastName}, ${chosen.firstName} (${chosen.mrn}); its coverage moves to that record.`
                  : 'A patient record in intake status is created with an MRN; the inquiry’s coverage moves to it.'
              }
              confirmLabel={chosen ? 'Link record' : 'Create record'}
              onConfirm={doConvert}
            >
              {chosen ? 'Link to chosen record…' : 'Create patient record…'}
            </ConfirmButton>
          </Group>
        </Stack>
      )}
    </Stack>
  );
};
