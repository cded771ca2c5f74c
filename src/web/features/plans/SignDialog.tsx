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
import { ProblemAlert } from '../../components/ProblemAlert.js';
import type { ProblemDetails } from '../../api/problem.js';

interface SignDialogProps {
  opened: boolean;
  title: string;
  /** What the signer attests, in a sentence. */
  children: ReactNode;
  confirmLabel: string;
  pending: boolean;
  problem: ProblemDetails | null;
  onClose: () => void;
  onSign: (proof: SignatureProof) => void;
}

/** Re-authentication before a signature (SPEC §7): the password, or the authenticator's current code. */
export const SignDialog = ({
  opened,
  title,
  children,
  confirmLabel,
  pending,
  problem,
  onClose,
  onSign,
}: SignDialogProps) => {
  const [method, setMethod] = useState<'password' | 'totp'>('password');
  const [secret, setSecret] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSign(method === 'password' ? { method, password: secret } : { method, code: secret.trim() });
  };
  const close = () => {
    setSecret('');
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={title} centered>
      <form onSubmit={submit} aria-label={title}>
        <Stack gap="sm">
          <Text size="sm">{children}</Text>
          <SegmentedControl
            aria-label="Confirm with"
            value={method}
            onChange={(v) => {
              setMethod(v === 'totp' ? 'totp' : 'password');
              setSecret('');
            }}
            data={[
              { value: 'password', label: 'Password' },
              { value: 'totp', label: 'Authenticator code' },
            ]}
          />
          {method === 'password' ? (
            <PasswordInput
              label="Your password"
              value={secret}
              onChange={(e) => setSecret(e.currentTarget.value)}
              required
              data-autofocus
            />
          ) : (
            <TextInput
              label="6-digit code"
              inputMode="numeric"
              autoComplete="one-time-code"
              value={secret}
              onChange={(e) => setSecret(e.currentTarget.value)}
              required
              data-autofocus
            />
          )}
          <ProblemAlert problem={problem} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" loading={pending} disabled={secret.length === 0}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};

interface PatientSignDialogProps {
  opened: boolean;
  patientName: string;
  witnessName: string;
  pending: boolean;
  problem: ProblemDetails | null;
  error: string | undefined;
  onClose: () => void;
  onSign: (typedName: string) => void;
}

/** The patient signs on the clinic's device, with the signed-in staff member as witness. */
export const PatientSignDialog = ({
  opened,
  patientName,
  witnessName,
  pending,
  problem,
  error,
  onClose,
  onSign,
}: PatientSignDialogProps) => {
  const [typed, setTyped] = useState('');
  const [agreed, setAgreed] = useState(false);
  const close = () => {
    setTyped('');
    setAgreed(false);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="Patient signature" centered>
      <form
        aria-label="Patient signature"
        onSubmit={(event) => {
          event.preventDefault();
          onSign(typed);
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            Hand the device to {patientName}. They read the plan with you, type their name and tick the box.
            You sign as witness: {witnessName}.
          </Text>
          <TextInput
            label="Patient: type your full name"
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            error={error}
            required
            data-autofocus
          />
          <Checkbox
            label="I have read this treatment plan, helped write my goals, and agree to it."
            checked={agreed}
            onChange={(e) => setAgreed(e.currentTarget.checked)}
          />
          <ProblemAlert problem={problem} shownFields={['typedName']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" loading={pending} disabled={!agreed || typed.trim() === ''}>
              Sign as patient
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
};
