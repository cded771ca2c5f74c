import { Alert, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { ProcessNote } from '../../../core/api/notes.js';
import type { Patient } from '../../../core/api/patients.js';
import { AsyncState } from '../../components/AsyncState.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { formatDate, todayIn } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';

const ProcessNoteItem = ({ note, onSaved }: { note: ProcessNote; onSaved: (n: ProcessNote) => void }) => {
  const api = useApi();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(note.body);
  const save = useSubmit(() => api.notes.saveProcessNote(note.id, { version: note.version, body: text }));
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {formatDate(note.serviceDate)}
      </Text>
      {editing ? (
        <Stack gap="xs">
          <Textarea
            label="Process note"
            autosize
            minRows={3}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
          <ProblemAlert problem={save.problem} />
          <Group>
            <Button
              size="xs"
              loading={save.pending}
              disabled={text.trim() === ''}
              onClick={() =>
                void save.run().then((r) => {
                  if (r.ok) {
                    setEditing(false);
                    onSaved(r.value);
                  }
                })
              }
            >
              Save
            </Button>
            <Button size="xs" variant="default" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </Group>
        </Stack>
      ) : (
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {note.body}
          </Text>
          <Button size="xs" variant="subtle" onClick={() => setEditing(true)}>
            Edit
          </Button>
        </Group>
      )}
    </Paper>
  );
};

/** SUD counseling (process) notes: the clinician's own, never part of the chart (SPEC §10). */
export const ProcessNotesTab = ({ patient }: { patient: Patient }) => {
  const api = useApi();
  const notes = useResource((signal) => api.notes.processNotes(patient.id, signal), [api, patient.id]);
  const [text, setText] = useState('');
  const create = useSubmit(() =>
    api.notes.createProcessNote(patient.id, { serviceDate: todayIn(patient.siteTimeZone), body: text }),
  );
  return (
    <Stack gap="md" maw={900}>
      <Alert color="blue" variant="light" title="Only you can read these">
        <Text size="sm">
          Process notes are your private working notes. They are not part of the chart, prints or exports, and
          need the patient’s own consent to be disclosed.
        </Text>
      </Alert>
      <Textarea
        label="New process note"
        autosize
        minRows={3}
        maxLength={20_000}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
      />
      <ProblemAlert problem={create.problem} />
      <Group>
        <Button
          disabled={text.trim() === ''}
          loading={create.pending}
          onClick={() =>
            void create.run().then((r) => {
              if (r.ok) {
                setText('');
                notes.reload();
              }
            })
          }
        >
          Save process note
        </Button>
      </Group>
      <AsyncState
        state={notes.state}
        what="process notes"
        onRetry={notes.reload}
        isEmpty={(l) => l.items.length === 0}
        empty={<Text size="sm">You have written no process notes about this patient.</Text>}
      >
        {(list) => (
          <Stack gap="sm">
            {list.items.map((n) => (
              <ProcessNoteItem
                key={`${n.id}:${n.version}`}
                note={n}
                onSaved={(saved) =>
                  notes.setData({ items: list.items.map((i) => (i.id === saved.id ? saved : i)) })
                }
              />
            ))}
          </Stack>
        )}
      </AsyncState>
    </Stack>
  );
};
