import { Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import type { Note } from '../../../core/api/notes.js';
import type { SignatureProof } from '../../../core/api/signing.js';
import { NOTE_TYPE_LABELS } from '../../../core/notes/noteTypes.js';
import { AsyncState } from '../../components/AsyncState.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { TextLink } from '../../components/TextLink.js';
import { formatDate } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useRouter } from '../../router.js';
import { useApi } from '../../session/SessionProvider.js';
import { AutosaveStatus } from './AutosaveStatus.js';
import { ConflictPanel } from './ConflictPanel.js';
import { objectiveIdsOf, objectivesText } from './draftObjectives.js';
import { noteState } from './noteLabels.js';
import { ObjectiveConflict } from './ObjectiveConflict.js';
import { ObjectivePicker } from './ObjectivePicker.js';
import { SignatureList } from './SignatureList.js';
import { SignDialog } from './SignDialog.js';
import { useDraftAutosave } from './useDraftAutosave.js';
import classes from './notePrint.module.css';

/** The objectives ride along with the sections, so a stale save merges them the same way. */
const OBJECTIVES = '__objectives';
const editorSections = (note: Note): Record<string, string> => ({
  ...note.body,
  [OBJECTIVES]: objectivesText(note.objectiveIds),
});

const NoteEditor = ({ note, onSigned }: { note: Note; onSigned: (n: Note) => void }) => {
  const api = useApi();
  const { navigate } = useRouter();
  const draft = useDraftAutosave({
    initial: { version: note.version, sections: editorSections(note) },
    save: async (version, sections) => {
      const { [OBJECTIVES]: objectives, ...text } = sections;
      const saved = await api.notes.save(note.id, {
        version,
        sections: text,
        objectiveIds: objectiveIdsOf(objectives),
      });
      return { version: saved.version, sections: editorSections(saved) };
    },
    fetchCurrent: async () => {
      const current = await api.notes.get(note.id);
      return { version: current.version, sections: editorSections(current) };
    },
  });
  const [signing, setSigning] = useState(false);
  const sign = useSubmit(async (proof: SignatureProof) => {
    if (!(await draft.flush())) throw new Error('The draft could not be saved; nothing was signed.');
    return api.notes.sign(note.id, { version: draft.version(), proof });
  });
  const labelOf = (key: string) =>
    key === OBJECTIVES ? 'Plan objectives' : (note.sections.find((s) => s.key === key)?.label ?? key);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <AutosaveStatus status={draft.status} />
        <Group>
          <ConfirmButton
            variant="default"
            title="Discard this draft?"
            message="The draft and its text are deleted. This cannot be undone."
            confirmLabel="Discard draft"
            onConfirm={async () => {
              await draft.flush();
              await api.notes.discard(note.id, draft.version());
              navigate(`/patients/${note.patientId}/notes`);
            }}
          >
            Discard
          </ConfirmButton>
          <Button onClick={() => setSigning(true)} disabled={draft.status === 'conflict'}>
            Sign note
          </Button>
        </Group>
      </Group>
      <ProblemAlert problem={draft.problem} />
      <ConflictPanel
        conflicts={draft.conflicts}
        labelOf={labelOf}
        onKeepMine={() => void draft.keepMine()}
        onTakeTheirs={draft.takeTheirs}
        renderValue={(key, theirs) =>
          key === OBJECTIVES ? (
            <ObjectiveConflict patientId={note.patientId} mine={draft.sections[OBJECTIVES]} theirs={theirs} />
          ) : null
        }
      />
      {note.sections.map((section) => (
        <Textarea
          key={section.key}
          label={section.label}
          description={section.hint}
          autosize
          minRows={3}
          maxLength={20_000}
          value={draft.sections[section.key] ?? ''}
          onChange={(e) => draft.setSection(section.key, e.currentTarget.value)}
          error={sign.errors[`sections/${section.key}`]}
        />
      ))}
      <ObjectivePicker
        patientId={note.patientId}
        value={objectiveIdsOf(draft.sections[OBJECTIVES])}
        onChange={(ids) => draft.setSection(OBJECTIVES, objectivesText(ids))}
      />
      <SignDialog
        opened={signing}
        title="Sign this note"
        statement="Signing locks the note: afterwards it can only be added to, with a signed addendum."
        confirmLabel="Sign"
        pending={sign.pending}
        problem={sign.problem}
        onClose={() => {
          sign.clear();
          setSigning(false);
        }}
        onSign={(proof) =>
          void sign.run(proof).then((result) => {
            if (result.ok) {
              setSigning(false);
              onSigned(result.value);
            }
          })
        }
      />
    </Stack>
  );
};

const AddendumForm = ({ note, onAdded }: { note: Note; onAdded: (n: Note) => void }) => {
  const api = useApi();
  const [text, setText] = useState('');
  const [signing, setSigning] = useState(false);
  const add = useSubmit((proof: SignatureProof) => api.notes.addAddendum(note.id, { body: text, proof }));
  return (
    <Stack gap="xs" className={classes.noPrint}>
      <Textarea
        label="Addendum"
        description="Adds to the signed note without changing it; signed on its own."
        autosize
        minRows={2}
        maxLength={10_000}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
      />
      <Group>
        <Button variant="default" disabled={text.trim() === ''} onClick={() => setSigning(true)}>
          Sign addendum
        </Button>
      </Group>
      <SignDialog
        opened={signing}
        title="Sign this addendum"
        statement="The addendum is added to the note and locked."
        confirmLabel="Sign addendum"
        pending={add.pending}
        problem={add.problem}
        onClose={() => {
          add.clear();
          setSigning(false);
        }}
        onSign={(proof) =>
          void add.run(proof).then((result) => {
            if (result.ok) {
              setSigning(false);
              setText('');
              onAdded(result.value);
            }
          })
        }
      />
    </Stack>
  );
};

const CosignButton = ({ note, onCosigned }: { note: Note; onCosigned: (n: Note) => void }) => {
  const api = useApi();
  const [open, setOpen] = useState(false);
  const cosign = useSubmit((proof: SignatureProof) => api.notes.cosign(note.id, { proof }));
  return (
    <>
      <Button onClick={() => setOpen(true)}>Co-sign</Button>
      <SignDialog
        opened={open}
        title="Co-sign this note"
        statement={`You co-sign ${note.author.displayName}’s note as their supervisor.`}
        confirmLabel="Co-sign"
        pending={cosign.pending}
        problem={cosign.problem}
        onClose={() => {
          cosign.clear();
          setOpen(false);
        }}
        onSign={(proof) =>
          void cosign.run(proof).then((result) => {
            if (result.ok) {
              setOpen(false);
              onCosigned(result.value);
            }
          })
        }
      />
    </>
  );
};

const SignedNote = ({ note, onChanged }: { note: Note; onChanged: (n: Note) => void }) => (
  <Stack gap="md">
    <Group className={classes.noPrint}>
      {note.mayCosign && <CosignButton note={note} onCosigned={onChanged} />}
      <Button variant="default" onClick={() => window.print()}>
        Print
      </Button>
    </Group>
    {note.sections.map((section) => (
      <Stack key={section.key} gap={2}>
        <Title order={3} size="h5">
          {section.label}
        </Title>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {note.body[section.key] || '—'}
        </Text>
      </Stack>
    ))}
    <ObjectivePicker patientId={note.patientId} value={note.objectiveIds} readOnly />
    <SignatureList signatures={note.signatures} />
    {note.addenda.length > 0 && (
      <Stack gap="sm">
        <Title order={3} size="h5">
          Addenda
        </Title>
        {note.addenda.map((a) => (
          <Paper key={a.id} withBorder p="sm">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {a.body}
            </Text>
            <Text size="xs" c="dimmed" mt={4}>
              {a.author.displayName}, signed{' '}
              {a.signature ? new Date(a.signature.signedAt).toLocaleString() : ''}
            </Text>
          </Paper>
        ))}
      </Stack>
    )}
    {note.mayAddAddendum && <AddendumForm note={note} onAdded={onChanged} />}
  </Stack>
);

/** `/notes/:id`: the author's draft with autosave and signing, or the signed note with its addenda. */
export const NotePage = ({ noteId }: { noteId: string }) => {
  const api = useApi();
  const note = useResource((signal) => api.notes.get(noteId, signal), [api, noteId]);
  return (
    <Stack gap="md" className={classes.page}>
      <AsyncState state={note.state} what="note" onRetry={note.reload}>
        {(n) => {
          const state = noteState(n);
          return (
            <Stack gap="md">
              <Group justify="space-between" align="flex-end" className={classes.noPrint}>
                <TextLink to={`/patients/${n.patientId}/notes`}>Back to the chart’s notes</TextLink>
              </Group>
              <PageTitle documentTitle="Note">{n.title}</PageTitle>
              <Group gap="sm">
                <Badge variant="light" color={state.color}>
                  {state.label}
                </Badge>
                <Text size="sm">
                  {NOTE_TYPE_LABELS[n.noteType]} · {formatDate(n.serviceDate)}
                  {n.minutes ? ` · ${n.minutes} min` : ''} · {n.author.displayName}
                </Text>
              </Group>
              {n.mayEdit ? (
                <NoteEditor key={n.id} note={n} onSigned={note.setData} />
              ) : (
                <SignedNote note={n} onChanged={note.setData} />
              )}
            </Stack>
          );
        }}
      </AsyncState>
    </Stack>
  );
};
