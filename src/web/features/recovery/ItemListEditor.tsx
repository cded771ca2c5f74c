import { ActionIcon, Button, Group, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { type KeyboardEvent, useId, useState } from 'react';
import { addItem, restoreItem } from './planForm.js';

interface ItemListEditorProps {
  title: string;
  /** What one item is, for the input's label: "trigger", "warning sign" … */
  itemName: string;
  hint?: string;
  items: string[];
  onChange: (items: string[]) => void;
  readOnly: boolean;
  /** A server message about this list or one of its items. */
  error?: string | undefined;
}

/**
 * One list of the plan: items added by typing and pressing Enter, removed with a button and brought
 * back with Undo (the last removal), so a slip of the keyboard loses nothing.
 */
export const ItemListEditor = ({
  title,
  itemName,
  hint,
  items,
  onChange,
  readOnly,
  error,
}: ItemListEditorProps) => {
  const headingId = useId();
  const [typed, setTyped] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [removed, setRemoved] = useState<{ item: string; index: number } | null>(null);

  const add = () => {
    const result = addItem(items, typed);
    if (!result.ok) {
      setMessage(result.message);
      return;
    }
    onChange(result.items);
    setTyped('');
    setMessage(null);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    // Enter adds the item; it must not submit the whole plan.
    event.preventDefault();
    add();
  };
  const remove = (index: number) => {
    const item = items[index];
    if (item === undefined) return;
    onChange(items.filter((_, i) => i !== index));
    setRemoved({ item, index });
  };

  return (
    <Stack gap={4} component="section" aria-labelledby={headingId}>
      <Title order={3} size="h6" id={headingId}>
        {title}
      </Title>
      {hint && !readOnly && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing yet.
        </Text>
      ) : (
        <List size="sm" spacing={2} aria-labelledby={headingId}>
          {items.map((item, index) => (
            <List.Item key={`${item}-${index}`}>
              <Group gap={6} wrap="nowrap" align="flex-start">
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {item}
                </Text>
                {!readOnly && (
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="sm"
                    aria-label={`Remove ${itemName} “${item}”`}
                    onClick={() => remove(index)}
                  >
                    ×
                  </ActionIcon>
                )}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {removed && !readOnly && (
        <Group gap="xs" role="status">
          <Text size="xs">Removed “{removed.item}”.</Text>
          <Button
            size="compact-xs"
            variant="light"
            onClick={() => {
              onChange(restoreItem(items, removed.item, removed.index));
              setRemoved(null);
            }}
          >
            Undo
          </Button>
        </Group>
      )}
      {!readOnly && (
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            size="xs"
            style={{ flex: 1 }}
            label={`Add a ${itemName}`}
            description="Press Enter to add"
            value={typed}
            maxLength={400}
            onChange={(event) => {
              setTyped(event.currentTarget.value);
              setMessage(null);
            }}
            onKeyDown={onKeyDown}
            error={message ?? error}
          />
          <Button size="xs" variant="default" onClick={add} aria-label={`Add ${itemName}`}>
            Add
          </Button>
        </Group>
      )}
    </Stack>
  );
};
