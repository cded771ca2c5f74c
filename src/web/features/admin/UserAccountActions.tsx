import { Button, Group, Stack, Text, Title } from '@mantine/core';
import type { StaffUser, UpdateUserBody } from '../../../core/api/admin.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { formatInstant } from '../../lib/dates.js';
import { isStale, useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';

interface UserAccountActionsProps {
  user: StaffUser;
  timeZone: string;
  onChanged: (user: StaffUser) => void;
  onStale: () => void;
}

/** Unlock, reset MFA, deactivate or reactivate: each a small change of its own. */
export const UserAccountActions = ({ user, timeZone, onChanged, onStale }: UserAccountActionsProps) => {
  const api = useApi();
  const change = useSubmit((patch: Omit<UpdateUserBody, 'version'>) =>
    api.admin.users.update(user.id, { version: user.version, ...patch }),
  );
  const apply = async (patch: Omit<UpdateUserBody, 'version'>) => {
    const result = await change.run(patch);
    if (result.ok) onChanged(result.value);
    else if (isStale(result)) onStale();
  };
  const locked = user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > Date.now();

  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        Account
      </Title>
      <ProblemAlert
        problem={change.problem}
        staleMessage="This user changed meanwhile; the latest version is loaded. Try again."
      />
      <Text size="sm">
        {user.active ? 'Active' : 'Deactivated'} ·{' '}
        {user.mfaEnrolled ? 'Authenticator set up' : 'Authenticator not set up yet'}
        {locked && user.lockedUntil ? ` · Locked until ${formatInstant(user.lockedUntil, timeZone)}` : ''}
      </Text>
      <Group gap="sm">
        {locked && (
          <Button
            variant="light"
            size="compact-sm"
            loading={change.pending}
            onClick={() => void apply({ unlock: true })}
          >
            Unlock
          </Button>
        )}
        <ConfirmButton
          variant="default"
          size="compact-sm"
          title={`Reset ${user.displayName}'s authenticator?`}
          message="They will set up their authenticator app again at their next sign-in. Do this when a phone is lost or replaced."
          confirmLabel="Yes, reset it"
          disabled={!user.mfaEnrolled}
          onConfirm={() => apply({ resetMfa: true })}
        >
          Reset MFA
        </ConfirmButton>
        {user.active ? (
          <ConfirmButton
            color="red"
            variant="light"
            size="compact-sm"
            title={`Deactivate ${user.displayName}?`}
            message="They are signed out and can no longer sign in. Their records and history stay. You can reactivate them later."
            confirmLabel="Yes, deactivate"
            onConfirm={() => apply({ active: false })}
          >
            Deactivate
          </ConfirmButton>
        ) : (
          <Button
            variant="light"
            size="compact-sm"
            loading={change.pending}
            onClick={() => void apply({ active: true })}
          >
            Reactivate
          </Button>
        )}
      </Group>
    </Stack>
  );
};
