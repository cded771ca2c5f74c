import { Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { PatientStub } from '../../../core/api/audit.js';
import { PageTitle } from '../../components/PageTitle.js';
import { useRouter } from '../../router.js';
import { GrantForm } from './GrantForm.js';
import { LookupForm } from './LookupForm.js';

/** Temporary access to a patient outside one's caseload, with a reason (SPEC §1). */
export const BreakGlassPage = () => {
  const { navigate } = useRouter();
  const [stub, setStub] = useState<PatientStub | null>(null);

  return (
    <Stack gap="md" maw={760}>
      <PageTitle>Break the glass</PageTitle>
      <Text size="sm">
        For urgent care of a patient who is not on your caseload. Find the patient by exact MRN, or by full
        name and date of birth; you will see only their name, date of birth and MRN until you give a reason.
      </Text>
      {stub ? (
        <GrantForm
          stub={stub}
          onGranted={(id) => navigate(`/patients/${id}`)}
          onCancel={() => setStub(null)}
        />
      ) : (
        <LookupForm onFound={setStub} />
      )}
    </Stack>
  );
};
