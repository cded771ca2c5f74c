import {
  Button,
  Checkbox,
  Group,
  Modal,
  PasswordInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import type { SignatureProof } from '../../../core/api/signing.js';
import type { ProblemDetails } from '../../api/problem.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';

interface SignDialogProps {
  opened: boolean;
  title: string;
  /** What signing does, said before the password is asked for. */
  statement: ReactNode;
  confirmLabel: string;
  pending: boolean;
  problem: ProblemDetails | null;
  /** A box the signer must tick first (e.g. the narrative names an attendee). */
  acknowledgement?: string;
  onClose: () => void;
  onSign: (proof: SignatureProof, acknowledged: boolean) => void;
}

/** Signing re-authenticates (SPEC §7): the password, or the current code of the authenticator app. */
export const SignDialog = ({
  opened,
  title,
  statement,
  confirmLabel,
  pending,
  problem,
  acknowledgement,
  onClose,
  onSign,
}: SignDialogProps) => {
  const [method, setMethod] = useState<'password' | 'totp'>('password');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [acknowledged, setAcknowledged] = useState(false);
  const ready =
    (method === 'password' ? password.length > 0 : /^\d{6}$/.test(code)) &&
    (!acknowledgement || acknowledged);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    onSign(method === 'password' ? { method, password } : { method, code }, acknowledged);
  };
  const close = () => {
    setPassword('');
    setCode('');
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={title} centered>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Text size="sm">{statement}</Text>
          <SegmentedControl
            value={method}
            onChange={(v) => setMethod(v === 'totp' ? 'totp' : 'password')}
            data={[
              { value: 'password', label: 'Password' },
              { value: 'totp', label: 'Authenticator code' },
            ]}
            aria-label="How to confirm it is you"
          />
          {method === 'password' ? (
            <PasswordInput
              label="Your password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              data-autofocus
              required
            />
          ) : (
            <TextInput
              label="6-digit code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))}
              data-autofocus
              required
            />
          )}
          {acknowledgement && (
            <Checkbox
              label={acknowledgement}
              checked={acknowledged}
              onChange={(e) => setAcknowledged(e.currentTarget.checked)}
            />
          )}
          <ProblemAlert problem={problem} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" loading={pending} disabled={!ready}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};
