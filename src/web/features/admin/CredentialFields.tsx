import { Checkbox, Fieldset, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { StaffUser } from '../../../core/api/admin.js';
import type { CredentialValues } from './userForm.js';

interface CredentialFieldsProps {
  values: CredentialValues;
  onChange: (values: CredentialValues) => void;
  errors: Record<string, string>;
  /** Possible supervisors (excluding the user being edited). */
  supervisors: StaffUser[];
}

/** Licence, NPI and scope flags the product enforces (SPEC §1). */
export const CredentialFields = ({ values, onChange, errors, supervisors }: CredentialFieldsProps) => {
  const set = (patch: Partial<CredentialValues>) => onChange({ ...values, ...patch });
  return (
    <Fieldset legend="Clinical credentials">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          <TextInput
            label="Licence type"
            description="E.g. LCSW, LPC, LADC, CADC"
            maxLength={40}
            value={values.licenceType}
            onChange={(event) => set({ licenceType: event.currentTarget.value })}
            error={errors['credentials/licenceType']}
          />
          <TextInput
            label="Licence number"
            maxLength={40}
            value={values.licenceNumber}
            onChange={(event) => set({ licenceNumber: event.currentTarget.value })}
            error={errors['credentials/licenceNumber']}
          />
          <TextInput
            label="Licence state"
            description="2-letter code"
            maxLength={2}
            value={values.licenceState}
            onChange={(event) => set({ licenceState: event.currentTarget.value.toUpperCase() })}
            error={errors['credentials/licenceState']}
          />
          <TextInput
            label="Licence expires"
            type="date"
            value={values.licenceExpiresOn}
            onChange={(event) => set({ licenceExpiresOn: event.currentTarget.value })}
            error={errors['credentials/licenceExpiresOn']}
          />
          <TextInput
            label="NPI"
            description="10 digits"
            inputMode="numeric"
            maxLength={10}
            value={values.npi}
            onChange={(event) => set({ npi: event.currentTarget.value.replace(/\D/g, '') })}
            error={errors['credentials/npi']}
          />
          <NativeSelect
            label="Supervisor"
            data={[
              { value: '', label: 'No supervisor' },
              ...supervisors.map((s) => ({ value: s.id, label: s.displayName })),
            ]}
            value={values.supervisorId}
            onChange={(event) => set({ supervisorId: event.currentTarget.value })}
            error={errors['credentials/supervisorId']}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Checkbox
            label="May diagnose"
            checked={values.mayDiagnose}
            onChange={(event) => set({ mayDiagnose: event.currentTarget.checked })}
          />
          <Checkbox
            label="May sign placements"
            checked={values.maySignPlacements}
            onChange={(event) => set({ maySignPlacements: event.currentTarget.checked })}
          />
          <Checkbox
            label="Notes need co-signature"
            checked={values.needsCosignature}
            onChange={(event) => set({ needsCosignature: event.currentTarget.checked })}
          />
        </SimpleGrid>
      </Stack>
    </Fieldset>
  );
};
