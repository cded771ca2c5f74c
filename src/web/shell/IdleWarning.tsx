import { Button, Group, Modal, Text } from '@mantine/core';

interface IdleWarningProps {
  secondsLeft: number | null;
  onStay: () => void;
  onSignOut: () => void;
}

export const IdleWarning = ({ secondsLeft, onStay, onSignOut }: IdleWarningProps) => (
  <Modal
    opened={secondsLeft !== null}
    onClose={onStay}
    title="Are you still there?"
    centered
    closeOnClickOutside={false}
  >
    <Text size="sm">
      To protect patient privacy you will be signed out in {secondsLeft ?? 0} seconds because there has been
      no activity.
    </Text>
    <Group justify="flex-end" mt="lg">
      <Button variant="default" onClick={onSignOut}>
        Sign out now
      </Button>
      <Button onClick={onStay} data-autofocus>
        Stay signed in
      </Button>
    </Group>
  </Modal>
);
