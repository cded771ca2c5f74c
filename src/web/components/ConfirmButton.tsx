import { Button, type ButtonProps, Group, Modal, Text } from '@mantine/core';
import { type ReactNode, useState } from 'react';

interface ConfirmButtonProps extends Omit<ButtonProps, 'onClick' | 'children'> {
  children: ReactNode;
  /** Dialog title, e.g. "Deactivate Dana Reyes?" */
  title: string;
  /** What will happen, in a sentence or two. */
  message: ReactNode;
  /** The confirming button's label; must differ from `children` so both are easy to tell apart. */
  confirmLabel: string;
  onConfirm: () => Promise<unknown> | void;
  danger?: boolean;
  disabled?: boolean;
}

/** A button that asks before doing something that cannot be undone. */
export const ConfirmButton = ({
  children,
  title,
  message,
  confirmLabel,
  onConfirm,
  danger = true,
  disabled,
  ...buttonProps
}: ConfirmButtonProps) => {
  const [opened, setOpened] = useState(false);
  const [pending, setPending] = useState(false);

  const confirm = async () => {
    setPending(true);
    try {
      await onConfirm();
    } finally {
      setPending(false);
      setOpened(false);
    }
  };

  return (
    <>
      <Button {...buttonProps} disabled={disabled} onClick={() => setOpened(true)}>
        {children}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={title} centered>
        <Text size="sm">{message}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setOpened(false)} disabled={pending}>
            Cancel
          </Button>
          <Button
            color={danger ? 'red' : undefined}
            loading={pending}
            onClick={() => void confirm()}
            data-autofocus
          >
            {confirmLabel}
          </Button>
        </Group>
      </Modal>
    </>
  );
};
