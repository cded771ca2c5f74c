import { ActionIcon, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { NoteTemplateView } from '../../../core/api/notes.js';
import type { NoteSection } from '../../../core/notes/noteTypes.js';
import { NOTE_TYPE_LABELS } from '../../../core/notes/noteTypes.js';
import { sectionKeyFrom } from '../../../core/notes/templateRules.js';
import { AsyncState } from '../../components/AsyncState.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useResource } from '../../lib/useResource.js';
import { isStale, useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';

const move = <T,>(list: readonly T[], from: number, to: number): T[] => {
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
};

const TemplateEditor = ({ template, onSaved }: { template: NoteTemplateView; onSaved: () => void }) => {
  const api = useApi();
  const [name, setName] = useState(template.name);
  const [sections, setSections] = useState<NoteSection[]>(template.sections);
  const [newLabel, setNewLabel] = useState('');
  const [saved, setSaved] = useState(false);
  const save = useSubmit(() =>
    api.notes.saveTemplate(template.key, { version: template.version, name, sections }),
  );
  const update = (i: number, change: Partial<NoteSection>) =>
    setSections((list) => list.map((s, j) => (j === i ? { ...s, ...change } : s)));

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`template-${template.key}`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id={`template-${template.key}`}>
            {template.name}
          </Title>
          <Text size="sm" c="dimmed">
            {NOTE_TYPE_LABELS[template.noteType]} ·{' '}
            {template.version === 0 ? 'as shipped' : `edit ${template.version}`}
          </Text>
        </Group>
        <TextInput
          label="Template name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          maxLength={80}
        />
        {sections.map((section, i) => (
          <Group key={section.key} align="flex-end" wrap="nowrap">
            <TextInput
              label={`Section ${i + 1}`}
              value={section.label}
              onChange={(e) => update(i, { label: e.currentTarget.value })}
              maxLength={80}
              error={save.errors[`sections/${i}/label`]}
              w={220}
            />
            <TextInput
              label="Prompt for the writer"
              value={section.hint}
              onChange={(e) => update(i, { hint: e.currentTarget.value })}
              maxLength={300}
              style={{ flex: 1 }}
            />
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={`Move ${section.label || 'section'} up`}
              disabled={i === 0}
              onClick={() => setSections((list) => move(list, i, i - 1))}
            >
              ↑
            </ActionIcon>
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={`Move ${section.label || 'section'} down`}
              disabled={i === sections.length - 1}
              onClick={() => setSections((list) => move(list, i, i + 1))}
            >
              ↓
            </ActionIcon>
            <Button
              variant="subtle"
              color="red"
              disabled={sections.length === 1}
              onClick={() => setSections((list) => list.filter((_, j) => j !== i))}
              aria-label={`Remove ${section.label || 'section'}`}
            >
              Remove
            </Button>
          </Group>
        ))}
        <Group align="flex-end">
          <TextInput
            label="New section"
            placeholder="e.g. Risk review"
            value={newLabel}
            onChange={(e) => setNewLabel(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && newLabel.trim()) {
                e.preventDefault();
                setSections((list) => [
                  ...list,
                  {
                    key: sectionKeyFrom(
                      newLabel,
                      list.map((s) => s.key),
                    ),
                    label: newLabel.trim(),
                    hint: '',
                  },
                ]);
                setNewLabel('');
              }
            }}
            maxLength={80}
          />
          <Button
            variant="default"
            disabled={newLabel.trim() === ''}
            onClick={() => {
              setSections((list) => [
                ...list,
                {
                  key: sectionKeyFrom(
                    newLabel,
                    list.map((s) => s.key),
                  ),
                  label: newLabel.trim(),
                  hint: '',
                },
              ]);
              setNewLabel('');
            }}
          >
            Add section
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          Notes already written keep their sections; removed sections stay readable in them.
        </Text>
        <ProblemAlert problem={save.problem} shownFields={sections.map((_, i) => `sections/${i}/label`)} />
        {saved && (
          <Text size="sm" role="status" c="green.9">
            Saved. New notes use this template.
          </Text>
        )}
        <Group>
          <Button
            loading={save.pending}
            onClick={() =>
              void save.run().then((r) => {
                if (r.ok) {
                  setSaved(true);
                  onSaved();
                } else if (isStale(r)) onSaved();
              })
            }
          >
            Save template
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
};

/** `/note-templates`: the sections each note type asks for, edited by the clinic. */
export const NoteTemplatesPage = () => {
  const api = useApi();
  const templates = useResource((signal) => api.notes.templates(signal), [api]);
  return (
    <Stack gap="md" maw={1100}>
      <PageTitle>Note templates</PageTitle>
      <Text size="sm">
        The sections each kind of note asks for. Group notes always have a shared narrative and one section
        per attendee.
      </Text>
      <AsyncState state={templates.state} what="note templates" onRetry={templates.reload}>
        {(list) => (
          <Stack gap="md">
            {list.items
              .filter((t) => t.noteType !== 'group')
              .map((t) => (
                <TemplateEditor key={`${t.key}:${t.version}`} template={t} onSaved={templates.reload} />
              ))}
          </Stack>
        )}
      </AsyncState>
    </Stack>
  );
};
