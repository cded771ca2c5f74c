import { ActionIcon, Button, Group, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { formatPhone, normaliseCrisisNumber } from '../../../core/recovery/phone.js';
import { type CrisisLine, SUGGESTED_CRISIS_LINES } from '../../../core/recovery/relapsePlan.js';

interface CrisisLinesEditorProps {
  lines: CrisisLine[];
  onChange: (lines: CrisisLine[]) => void;
  readOnly: boolean;
  error?: string | undefined;
}

/** Crisis lines of the plan: the suggested national lines one click away, and any local line by hand. */
export const CrisisLinesEditor = ({ lines, onChange, readOnly, error }: CrisisLinesEditorProps) => {
  const headingId = useId();
  const [name, setName] = useState('');
  const [number, setNumber] = useState('');
  const [problem, setProblem] = useState<{ name?: string; number?: string }>({});
  const missing = SUGGESTED_CRISIS_LINES.filter((s) => !lines.some((l) => l.number === s.number));

  const add = () => {
    const check = normaliseCrisisNumber(number);
    const found = {
      ...(name.trim() ? {} : { name: 'Name the line.' }),
      ...(check.ok ? {} : { number: `The number ${check.message}.` }),
    };
    setProblem(found);
    if (!check.ok || !name.trim()) return;
    if (lines.some((l) => l.number === check.e164)) {
      setProblem({ number: 'This number is already in the plan.' });
      return;
    }
    onChange([...lines, { name: name.trim(), number: check.e164 }]);
    setName('');
    setNumber('');
  };

  return (
    <Stack gap={4} component="section" aria-labelledby={headingId}>
      <Title order={3} size="h6" id={headingId}>
        Crisis lines
      </Title>
      {lines.length === 0 ? (
        <Text size="sm" c="dimmed">
          No crisis line yet.
        </Text>
      ) : (
        <List size="sm" spacing={2} aria-labelledby={headingId}>
          {lines.map((line) => (
            <List.Item key={line.number}>
              <Group gap={6} wrap="nowrap">
                <Text size="sm">
                  {line.name}: <strong>{formatPhone(line.number)}</strong>
                </Text>
                {!readOnly && (
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="sm"
                    aria-label={`Remove crisis line ${line.name}`}
                    onClick={() => onChange(lines.filter((l) => l.number !== line.number))}
                  >
                    ×
                  </ActionIcon>
                )}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {error && (
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
      {!readOnly && (
        <>
          {missing.length > 0 && (
            <Group gap="xs">
              {missing.map((s) => (
                <Button
                  key={s.number}
                  size="compact-xs"
                  variant="light"
                  onClick={() => onChange([...lines, { ...s }])}
                >
                  Add {s.name.split(' (')[0]}
                </Button>
              ))}
            </Group>
          )}
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              size="xs"
              label="Line name"
              value={name}
              maxLength={200}
              onChange={(event) => setName(event.currentTarget.value)}
              error={problem.name}
            />
            <TextInput
              size="xs"
              label="Number"
              value={number}
              maxLength={40}
              onChange={(event) => setNumber(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  add();
                }
              }}
              error={problem.number}
            />
            <Button size="xs" variant="default" onClick={add}>
              Add line
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
};
