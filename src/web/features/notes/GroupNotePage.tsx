import { Alert, Badge, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { GroupNote } from '../../../core/api/notes.js';
import type { SignatureProof } from '../../../core/api/signing.js';
import { attendeesNamedIn } from '../../../core/notes/namedAttendees.js';
import { AsyncState } from '../../components/AsyncState.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { TextLink } from '../../components/TextLink.js';
import { formatDate } from '../../lib/dates.js';
import { useResource } from '../../lib/useResource.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';
import { AutosaveStatus } from './AutosaveStatus.js';
import { ConflictPanel } from './ConflictPanel.js';
import { objectiveIdsOf, objectivesText } from './draftObjectives.js';
import { ObjectiveConflict } from './ObjectiveConflict.js';
import { ObjectivePicker } from './ObjectivePicker.js';
import { SignDialog } from './SignDialog.js';
import { useDraftAutosave } from './useDraftAutosave.js';

const NARRATIVE = 'narrative';
const attendeeKey = (patientId: string) => `attendee:${patientId}`;
const OBJECTIVES_PREFIX = 'objectives:';
const objectivesKey = (patientId: string) => `${OBJECTIVES_PREFIX}${patientId}`;

/**
 * The group note as editor sections: the narrative, and per attendee their section and the
 * objectives of their own plan it addressed (so a stale save merges those too).
 */
const sectionsOf = (note: GroupNote): Record<string, string> => ({
  [NARRATIVE]: note.narrative,
  ...Object.fromEntries(
    note.attendees.flatMap((a) => [
      [attendeeKey(a.patientId), a.section],
      [objectivesKey(a.patientId), objectivesText(a.objectiveIds)],
    ]),
  ),
});

/** Names split into the parts the warning matches on; the editor knows only display names. */
const namesFromDisplay = (note: GroupNote) =>
  note.attendees.map((a) => {
    const [firstName = '', ...rest] = a.name.split(' ');
    return { patientId: a.patientId, firstName, lastName: rest.join(' '), preferredName: null };
  });

const GroupNoteEditor = ({ note, onSigned }: { note: GroupNote; onSigned: (n: GroupNote) => void }) => {
  const api = useApi();
  const toBody = (sections: Record<string, string>) => ({
    narrative: sections[NARRATIVE] ?? '',
    attendees: note.attendees.map((a) => ({
      patientId: a.patientId,
      section: sections[attendeeKey(a.patientId)] ?? '',
      objectiveIds: objectiveIdsOf(sections[objectivesKey(a.patientId)]),
    })),
  });
  const draft = useDraftAutosave({
    initial: { version: note.version, sections: sectionsOf(note) },
    save: async (version, sections) => {
      const saved = await api.notes.saveGroupNote(note.id, { version, ...toBody(sections) });
      return { version: saved.version, sections: sectionsOf(saved) };
    },
    fetchCurrent: async () => {
      const current = await api.notes.groupNote(note.id);
      return { version: current.version, sections: sectionsOf(current) };
    },
  });
  const [signing, setSigning] = useState(false);
  const sign = useSubmit(async (proof: SignatureProof, acknowledged: boolean) => {
    if (!(await draft.flush())) throw new Error('The group note could not be saved; nothing was signed.');
    return api.notes.signGroupNote(note.id, {
      version: draft.version(),
      proof,
      ...(acknowledged ? { acknowledgeNamedAttendees: true } : {}),
    });
  });
  const named = attendeesNamedIn(draft.sections[NARRATIVE] ?? '', namesFromDisplay(note));
  const namedNames = note.attendees.filter((a) => named.includes(a.patientId)).map((a) => a.name);
  const written = note.attendees.filter(
    (a) => (draft.sections[attendeeKey(a.patientId)] ?? '').trim() !== '',
  ).length;
  const objectivesOwner = (key: string) =>
    key.startsWith(OBJECTIVES_PREFIX)
      ? note.attendees.find((a) => objectivesKey(a.patientId) === key)
      : undefined;
  const labelOf = (key: string) => {
    if (key === NARRATIVE) return 'Group narrative';
    const owner = objectivesOwner(key);
    if (owner) return `Plan objectives, ${owner.name}`;
    return note.attendees.find((a) => attendeeKey(a.patientId) === key)?.name ?? key;
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <AutosaveStatus status={draft.status} />
        <Group>
          <Text size="sm">
            {written} of {note.attendees.length} participation sections written
          </Text>
          <Button onClick={() => setSigning(true)} disabled={draft.status === 'conflict'}>
            Sign group note
          </Button>
        </Group>
      </Group>
      <ProblemAlert problem={draft.problem} />
      <ConflictPanel
        conflicts={draft.conflicts}
        labelOf={labelOf}
        onKeepMine={() => void draft.keepMine()}
        onTakeTheirs={draft.takeTheirs}
        renderValue={(key, theirs) => {
          const owner = objectivesOwner(key);
          return owner ? (
            <ObjectiveConflict patientId={owner.patientId} mine={draft.sections[key]} theirs={theirs} />
          ) : null;
        }}
      />
      <Textarea
        label="Group narrative"
        description="Goes into every attendee’s chart: the topic, curriculum and group process. Do not name attendees."
        autosize
        minRows={4}
        maxLength={20_000}
        value={draft.sections[NARRATIVE] ?? ''}
        onChange={(e) => draft.setSection(NARRATIVE, e.currentTarget.value)}
        error={sign.errors.narrative}
      />
      {namedNames.length > 0 && (
        <Alert color="warning" variant="light" role="alert" title="The narrative names an attendee">
          <Text size="sm">
            It mentions {namedNames.join(', ')}. The narrative is copied into every attendee’s chart, so this
            would disclose {namedNames.length === 1 ? 'them' : 'these people'} to the others. Write about them
            in their own section instead.
          </Text>
        </Alert>
      )}
      <Stack gap="sm">
        {note.attendees.map((a, i) => (
          <Paper key={a.patientId} withBorder p="sm">
            <Stack gap="xs">
              <Textarea
                label={`${a.name} — ${a.minutes} min`}
                description="Only this patient’s chart receives this section."
                autosize
                minRows={2}
                maxLength={5_000}
                value={draft.sections[attendeeKey(a.patientId)] ?? ''}
                onChange={(e) => draft.setSection(attendeeKey(a.patientId), e.currentTarget.value)}
                error={sign.errors[`attendees/${i}/section`]}
              />
              <ObjectivePicker
                patientId={a.patientId}
                label={`Plan objectives addressed, ${a.name}`}
                value={objectiveIdsOf(draft.sections[objectivesKey(a.patientId)])}
                onChange={(ids) => draft.setSection(objectivesKey(a.patientId), objectivesText(ids))}
              />
            </Stack>
          </Paper>
        ))}
      </Stack>
      <SignDialog
        opened={signing}
        title="Sign the group note"
        statement={`Signing puts a locked note in each of the ${note.attendees.length} attendees’ charts: the narrative and that attendee’s own section only.`}
        confirmLabel="Sign for all attendees"
        pending={sign.pending}
        problem={sign.problem}
        {...(namedNames.length > 0
          ? {
              acknowledgement: `I have checked: naming ${namedNames.join(', ')} in the narrative is necessary.`,
            }
          : {})}
        onClose={() => {
          sign.clear();
          setSigning(false);
        }}
        onSign={(proof, acknowledged) =>
          void sign.run(proof, acknowledged).then((result) => {
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

/** `/group-notes/:id`: written once for the session; each attendee gets their own signed copy. */
export const GroupNotePage = ({ groupNoteId }: { groupNoteId: string }) => {
  const api = useApi();
  const note = useResource((signal) => api.notes.groupNote(groupNoteId, signal), [api, groupNoteId]);
  return (
    <Stack gap="md" maw={1000}>
      <AsyncState state={note.state} what="group note" onRetry={note.reload}>
        {(n) => (
          <Stack gap="md">
            <TextLink to="/schedule">Back to the schedule</TextLink>
            <PageTitle documentTitle="Group note">Group note: {n.title}</PageTitle>
            <Group gap="sm">
              <Badge variant="light" color={n.status === 'signed' ? 'success' : n.late ? 'red' : 'gray'}>
                {n.status === 'signed' ? 'Signed' : n.late ? 'Late draft' : 'Draft'}
              </Badge>
              <Text size="sm">
                {formatDate(n.serviceDate)} · {n.attendees.length} attendees · {n.author.displayName}
              </Text>
            </Group>
            {n.status === 'signed' ? (
              <Alert color="green" variant="light" role="status" title="Signed">
                <Text size="sm">
                  Each of the {n.noteIds.length} attendees’ charts now holds a signed group note with the
                  narrative and their own section. Changes from here are addenda on a patient’s copy.
                </Text>
              </Alert>
            ) : (
              <GroupNoteEditor key={n.id} note={n} onSigned={note.setData} />
            )}
          </Stack>
        )}
      </AsyncState>
    </Stack>
  );
};
