import {
  Button,
  Checkbox,
  Group,
  NativeSelect,
  PasswordInput,
  SimpleGrid,
  Stack,
  Switch,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { Site, StaffUser } from '../../../core/api/admin.js';
import { ROLE_LABELS, STAFF_ROLES, type StaffRole } from '../../../core/access/roles.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { isStale, useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';
import { CredentialFields } from './CredentialFields.js';
import {
  USER_FORM_FIELDS,
  type UserFormValues,
  checkUserForm,
  emptyUserForm,
  toCreateUserBody,
  toUpdateUserBody,
  userFormFrom,
} from './userForm.js';

interface UserFormProps {
  /** The user being edited, or null to create one. */
  user: StaffUser | null;
  users: StaffUser[];
  sites: Site[];
  onSaved: (user: StaffUser) => void;
  onStale: () => void;
  onCancel: () => void;
}

const SUPERVISOR_ROLES: readonly string[] = ['clinical_supervisor', 'program_director'];

export const UserForm = ({ user, users, sites, onSaved, onStale, onCancel }: UserFormProps) => {
  const api = useApi();
  const creating = user === null;
  const [values, setValues] = useState<UserFormValues>(() => (user ? userFormFrom(user) : emptyUserForm()));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const save = useSubmit(async (v: UserFormValues) =>
    user
      ? api.admin.users.update(user.id, toUpdateUserBody(v, user.version))
      : api.admin.users.create(toCreateUserBody(v)),
  );
  const errors = { ...save.errors, ...localErrors };
  const set = (patch: Partial<UserFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const supervisors = users.filter((u) => u.active && u.id !== user?.id && SUPERVISOR_ROLES.includes(u.role));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkUserForm(values, creating);
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    const result = await save.run(values);
    if (result.ok) onSaved(result.value);
    else if (isStale(result)) onStale();
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {creating ? 'New user' : `Edit ${user.displayName}`}
        </Title>
        <ProblemAlert problem={save.problem} shownFields={USER_FORM_FIELDS} />
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
          <TextInput
            label="Email"
            type="email"
            required={creating}
            disabled={!creating}
            value={values.email}
            onChange={(event) => set({ email: event.currentTarget.value })}
            error={errors['email']}
            autoComplete="off"
            autoFocus={creating}
          />
          <TextInput
            label="Display name"
            required
            maxLength={120}
            value={values.displayName}
            onChange={(event) => set({ displayName: event.currentTarget.value })}
            error={errors['displayName']}
            autoFocus={!creating}
          />
          <NativeSelect
            label="Role"
            required
            data={STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            value={values.role}
            onChange={(event) => {
              const role = STAFF_ROLES.find((r) => r === event.currentTarget.value);
              if (role) set({ role: role satisfies StaffRole });
            }}
            error={errors['role']}
          />
          <PasswordInput
            label={creating ? 'Initial password' : 'New password'}
            description={creating ? 'At least 12 characters' : 'Leave empty to keep the current password'}
            required={creating}
            value={values.password}
            onChange={(event) => set({ password: event.currentTarget.value })}
            error={errors['password']}
            autoComplete="new-password"
          />
        </SimpleGrid>
        <Checkbox.Group
          label="Sites"
          description="Where this person works; directors and front desk see the patients of these sites."
          value={values.siteIds}
          onChange={(siteIds) => set({ siteIds })}
          error={errors['siteIds']}
        >
          <Group gap="md" mt={4}>
            {sites.map((site) => (
              <Checkbox key={site.id} value={site.id} label={site.name} />
            ))}
          </Group>
        </Checkbox.Group>
        <Switch
          label="Has clinical credentials"
          checked={values.hasCredentials}
          onChange={(event) => set({ hasCredentials: event.currentTarget.checked })}
        />
        {values.hasCredentials && (
          <CredentialFields
            values={values.credentials}
            onChange={(credentials) => set({ credentials })}
            errors={errors}
            supervisors={supervisors}
          />
        )}
        <Group>
          <Button type="submit" loading={save.pending}>
            {creating ? 'Create user' : 'Save user'}
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
