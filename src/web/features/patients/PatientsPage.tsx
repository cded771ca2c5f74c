import { Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { PatientStatus } from '../../../core/care/levels.js';
import { AsyncState } from '../../components/AsyncState.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Pager } from '../../components/Pager.js';
import { useResource } from '../../lib/useResource.js';
import { useRouter } from '../../router.js';
import { canCreatePatients } from '../../session/permissions.js';
import { useApi, useMe } from '../../session/SessionProvider.js';
import { PatientTable } from './PatientTable.js';

const PAGE_SIZE = 50;
const STATUS_OPTIONS = [
  { value: '', label: 'All statuses' },
  { value: 'intake', label: 'Intake' },
  { value: 'active', label: 'Active' },
  { value: 'discharged', label: 'Discharged' },
];

const isStatus = (value: string): value is PatientStatus =>
  value === 'intake' || value === 'active' || value === 'discharged';

/**
 * Search and list. The search text stays in memory, never in the address bar, so patient names do not
 * end up in browser history.
 */
export const PatientsPage = () => {
  const api = useApi();
  const me = useMe();
  const { navigate } = useRouter();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [offset, setOffset] = useState(0);
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);

  const patients = useResource(
    (signal) =>
      api.patients.list(
        {
          q: debouncedQ || undefined,
          status: isStatus(status) ? status : undefined,
          limit: PAGE_SIZE,
          offset,
        },
        signal,
      ),
    [api, debouncedQ, status, offset],
  );

  const filtered = debouncedQ !== '' || status !== '';

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <PageTitle>Patients</PageTitle>
        {canCreatePatients(me.role) && <Button onClick={() => navigate('/patients/new')}>New patient</Button>}
      </Group>
      <Group align="flex-end" gap="sm" role="search">
        <TextInput
          label="Search patients"
          description="Name, MRN or date of birth"
          value={q}
          onChange={(event) => {
            setQ(event.currentTarget.value);
            setOffset(0);
          }}
          type="search"
          w={{ base: '100%', sm: 340 }}
          autoComplete="off"
        />
        <NativeSelect
          label="Status"
          data={STATUS_OPTIONS}
          value={status}
          onChange={(event) => {
            setStatus(event.currentTarget.value);
            setOffset(0);
          }}
          w={180}
        />
      </Group>
      <AsyncState
        state={patients.state}
        what="patients"
        onRetry={patients.reload}
        isEmpty={(list) => list.items.length === 0}
        empty={filtered ? 'No patients match this search.' : 'No patients yet.'}
      >
        {(list) => (
          <Stack gap="xs">
            <PatientTable patients={list.items} />
            <Pager
              total={list.total}
              offset={list.offset}
              limit={list.limit}
              onChange={setOffset}
              noun="patients"
            />
          </Stack>
        )}
      </AsyncState>
      {patients.state.status === 'loading' && patients.state.data && (
        <Text size="xs" c="dimmed" role="status">
          Updating…
        </Text>
      )}
    </Stack>
  );
};
