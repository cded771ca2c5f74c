import { Button, Group, SegmentedControl, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { BreakGlassLookupBody, PatientStub } from '../../../core/api/audit.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';

type Mode = 'mrn' | 'name';

const NOT_FOUND = {
  type: 'about:blank',
  title: 'No exact match',
  status: 404,
  code: 'NOT_FOUND',
  detail:
    'No patient matches exactly. Check the MRN, or the full legal name and date of birth, and try again.',
};

/** Exact lookup only: an MRN, or full name plus date of birth (SPEC §1). */
export const LookupForm = ({ onFound }: { onFound: (stub: PatientStub) => void }) => {
  const api = useApi();
  const [mode, setMode] = useState<Mode>('mrn');
  const [mrn, setMrn] = useState('');
  const [fullName, setFullName] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const lookup = useSubmit((body: BreakGlassLookupBody) => api.breakGlass.lookup(body));
  const errors = { ...lookup.errors, ...localErrors };
  const problem = lookup.problem?.status === 404 ? NOT_FOUND : lookup.problem;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (mode === 'mrn' && !mrn.trim()) found['mrn'] = 'Enter the MRN.';
    if (mode === 'name') {
      if (fullName.trim().length < 3) found['fullName'] = 'Enter the full legal name.';
      if (!dateOfBirth) found['dateOfBirth'] = 'Enter the date of birth.';
    }
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    const result = await lookup.run(
      mode === 'mrn' ? { mrn: mrn.trim() } : { fullName: fullName.trim().replace(/\s+/g, ' '), dateOfBirth },
    );
    if (result.ok) onFound(result.value);
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <SegmentedControl
          aria-label="Find by"
          value={mode}
          onChange={(value) => {
            setMode(value === 'name' ? 'name' : 'mrn');
            setLocalErrors({});
            lookup.clear();
          }}
          data={[
            { value: 'mrn', label: 'Record number' },
            { value: 'name', label: 'Name and birth date' },
          ]}
          w="fit-content"
        />
        <ProblemAlert problem={problem} shownFields={['mrn', 'fullName', 'dateOfBirth']} />
        {mode === 'mrn' ? (
          <TextInput
            label="MRN"
            required
            maxLength={40}
            w={{ base: '100%', sm: 280 }}
            value={mrn}
            onChange={(event) => setMrn(event.currentTarget.value)}
            error={errors['mrn']}
            autoComplete="off"
          />
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" maw={640}>
            <TextInput
              label="Full name"
              description="First and last name exactly as registered."
              required
              maxLength={200}
              value={fullName}
              onChange={(event) => setFullName(event.currentTarget.value)}
              error={errors['fullName']}
              autoComplete="off"
            />
            <TextInput
              label="Date of birth"
              type="date"
              required
              value={dateOfBirth}
              onChange={(event) => setDateOfBirth(event.currentTarget.value)}
              error={errors['dateOfBirth']}
            />
          </SimpleGrid>
        )}
        <Group>
          <Button type="submit" loading={lookup.pending}>
            Find patient
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
