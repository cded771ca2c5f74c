import {
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { Coverage } from '../../../core/api/intake.js';
import { UNIT_KINDS, type UnitKind } from '../../../core/intake/fields.js';
import type { CoverageOwnerRef } from '../../api/intake.js';
import { AsyncState } from '../../components/AsyncState.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { formatDate } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { isStale, useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';
import {
  checkCoverageForm,
  type CoverageFormValues,
  coverageFormFrom,
  emptyCoverageForm,
  toCreateCoverageBody,
  toUpdateCoverageBody,
} from './inquiryForm.js';

const COVERAGE_FIELDS = [
  'payerName',
  'memberId',
  'authorizationNumber',
  'authorizedUnits',
  'unitKind',
  'startsOn',
  'endsOn',
];

interface CoverageFormProps {
  initial: CoverageFormValues;
  submitLabel: string;
  onSubmit: (values: CoverageFormValues) => Promise<{ ok: boolean }>;
  onCancel: () => void;
  serverErrors: Record<string, string>;
  pending: boolean;
}

const CoverageForm = ({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
  serverErrors,
  pending,
}: CoverageFormProps) => {
  const [values, setValues] = useState(initial);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const errors = { ...serverErrors, ...localErrors };
  const set = (patch: Partial<CoverageFormValues>) => setValues((v) => ({ ...v, ...patch }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkCoverageForm(values);
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    await onSubmit(values);
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
          <TextInput
            label="Payer"
            required
            value={values.payerName}
            onChange={(e) => set({ payerName: e.currentTarget.value })}
            error={errors['payerName']}
          />
          <TextInput
            label="Member ID"
            value={values.memberId}
            onChange={(e) => set({ memberId: e.currentTarget.value })}
            error={errors['memberId']}
          />
          <TextInput
            label="Authorization number"
            value={values.authorizationNumber}
            onChange={(e) => set({ authorizationNumber: e.currentTarget.value })}
            error={errors['authorizationNumber']}
          />
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              label="Authorized"
              inputMode="numeric"
              w={100}
              value={values.authorizedUnits}
              onChange={(e) => set({ authorizedUnits: e.currentTarget.value })}
              error={errors['authorizedUnits']}
            />
            <NativeSelect
              label="Counted in"
              data={UNIT_KINDS.map((u) => ({ value: u, label: u }))}
              value={values.unitKind}
              onChange={(e) =>
                set({ unitKind: UNIT_KINDS.find((u) => u === e.currentTarget.value) ?? 'days' })
              }
            />
          </Group>
          <TextInput
            label="From"
            type="date"
            value={values.startsOn}
            onChange={(e) => set({ startsOn: e.currentTarget.value })}
            error={errors['startsOn']}
          />
          <TextInput
            label="Until"
            type="date"
            value={values.endsOn}
            onChange={(e) => set({ endsOn: e.currentTarget.value })}
            error={errors['endsOn']}
          />
          <Checkbox
            label="Verified with the payer"
            checked={values.verified}
            onChange={(e) => set({ verified: e.currentTarget.checked })}
            mt={28}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
};

const unitsText = (c: Coverage): string =>
  c.authorizedUnits === null ? '—' : `${c.authorizedUnits} ${c.unitKind satisfies UnitKind}`;

interface CoverageSectionProps {
  owner: CoverageOwnerRef;
  /** False once an inquiry became a patient: its coverage is then edited on the patient's record. */
  editable: boolean;
}

/** Minimal coverage: payer, member id, authorization number, units, dates (the billing screens build on it). */
export const CoverageSection = ({ owner, editable }: CoverageSectionProps) => {
  const api = useApi();
  const coverage = useResource(
    (signal) => api.intake.coverage.list(owner, signal),
    [api, owner.kind, owner.id],
  );
  // The coverage id being edited, 'new' for the add form, or null.
  const [editing, setEditing] = useState<string | null>(null);
  const create = useSubmit((values: CoverageFormValues) =>
    api.intake.coverage.create(owner, toCreateCoverageBody(values)),
  );
  const update = useSubmit((c: Coverage, values: CoverageFormValues) =>
    api.intake.coverage.update(owner, c.id, toUpdateCoverageBody(values, c.version)),
  );
  const remove = useSubmit((c: Coverage) => api.intake.coverage.remove(owner, c.id, c.version));
  const problem = create.problem ?? update.problem ?? remove.problem;

  const done = () => {
    setEditing(null);
    coverage.reload();
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h4">
          Coverage
        </Title>
        {editable && editing === null && (
          <Button size="compact-sm" variant="light" onClick={() => setEditing('new')}>
            Add coverage
          </Button>
        )}
      </Group>
      <ProblemAlert
        problem={problem}
        shownFields={COVERAGE_FIELDS}
        staleMessage="This coverage changed meanwhile; the list has been reloaded."
      />
      {editing === 'new' && (
        <Paper withBorder p="sm">
          <CoverageForm
            initial={emptyCoverageForm()}
            submitLabel="Save coverage"
            pending={create.pending}
            serverErrors={create.errors}
            onCancel={() => setEditing(null)}
            onSubmit={async (values) => {
              const result = await create.run(values);
              if (result.ok) done();
              return result;
            }}
          />
        </Paper>
      )}
      <AsyncState
        state={coverage.state}
        what="coverage"
        onRetry={coverage.reload}
        empty={editable ? 'No coverage recorded yet.' : 'No coverage recorded.'}
      >
        {(list) => (
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label="Coverage">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Payer</Table.Th>
                  <Table.Th scope="col">Member ID</Table.Th>
                  <Table.Th scope="col">Authorization</Table.Th>
                  <Table.Th scope="col">Authorized</Table.Th>
                  <Table.Th scope="col">Dates</Table.Th>
                  <Table.Th scope="col">Verified</Table.Th>
                  {editable && <Table.Th scope="col">Actions</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((c) =>
                  editing === c.id ? (
                    <Table.Tr key={c.id}>
                      <Table.Td colSpan={7}>
                        <CoverageForm
                          initial={coverageFormFrom(c)}
                          submitLabel="Save changes"
                          pending={update.pending}
                          serverErrors={update.errors}
                          onCancel={() => setEditing(null)}
                          onSubmit={async (values) => {
                            const result = await update.run(c, values);
                            if (result.ok || isStale(result)) done();
                            return result;
                          }}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ) : (
                    <Table.Tr key={c.id}>
                      <Table.Td>{c.payerName}</Table.Td>
                      <Table.Td ff="monospace">{c.memberId ?? '—'}</Table.Td>
                      <Table.Td ff="monospace">{c.authorizationNumber ?? '—'}</Table.Td>
                      <Table.Td>{unitsText(c)}</Table.Td>
                      <Table.Td>
                        {c.startsOn || c.endsOn ? `${formatDate(c.startsOn)} – ${formatDate(c.endsOn)}` : '—'}
                      </Table.Td>
                      <Table.Td>{c.verified ? 'Yes' : 'No'}</Table.Td>
                      {editable && (
                        <Table.Td>
                          <Group gap="xs" wrap="nowrap">
                            <Button size="compact-sm" variant="default" onClick={() => setEditing(c.id)}>
                              Edit
                            </Button>
                            <ConfirmButton
                              size="compact-sm"
                              variant="subtle"
                              color="red"
                              title={`Remove ${c.payerName} coverage?`}
                              message="The coverage entry is deleted from this record."
                              confirmLabel="Remove coverage"
                              onConfirm={async () => {
                                const result = await remove.run(c);
                                if (result.ok || isStale(result)) done();
                              }}
                            >
                              Remove
                            </ConfirmButton>
                          </Group>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ),
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </AsyncState>
      {!editable && (
        <Text size="xs" c="dimmed">
          This inquiry is now a patient record: coverage is kept and edited there.
        </Text>
      )}
    </Stack>
  );
};
