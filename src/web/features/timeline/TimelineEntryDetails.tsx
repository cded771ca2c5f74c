import { Stack, Text } from '@mantine/core';
import type { TimelineEntry } from '../../../core/api/timeline.js';
import { AsyncState } from '../../components/AsyncState.js';
import { TextLink } from '../../components/TextLink.js';
import { useResource } from '../../lib/useResource.js';
import { useApi } from '../../session/SessionProvider.js';
import { timelineLink, TAB_NAMES } from './timelineLinks.js';

/** A note's sections, fetched only when the entry is opened (the timeline itself carries no bodies). */
const NoteBody = ({ noteId }: { noteId: string }) => {
  const api = useApi();
  const note = useResource((signal) => api.notes.get(noteId, signal), [api, noteId]);
  return (
    <AsyncState state={note.state} what="note" onRetry={note.reload}>
      {(n) => (
        <Stack gap={6}>
          {n.sections.map((section) => (
            <div key={section.key}>
              <Text size="sm" fw={600}>
                {section.label}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {n.body[section.key]?.trim() || '—'}
              </Text>
            </div>
          ))}
          <Text size="sm">
            <TextLink to={`/notes/${n.id}`}>Open the note</TextLink>
          </Text>
        </Stack>
      )}
    </AsyncState>
  );
};

export const TimelineEntryDetails = ({ entry, patientId }: { entry: TimelineEntry; patientId: string }) => {
  if (entry.kind === 'note') return <NoteBody noteId={entry.id} />;
  const link = (
    <Text size="sm">
      <TextLink to={timelineLink(entry, patientId)}>Open in {TAB_NAMES[entry.link.tab]}</TextLink>
    </Text>
  );
  if (entry.kind === 'measure' && entry.score)
    return (
      <Stack gap={4}>
        <Text size="sm">
          Score: <strong>{entry.score.total ?? '—'}</strong>
          {entry.score.band ? ` · ${entry.score.band}` : ''}
        </Text>
        {link}
      </Stack>
    );
  return link;
};
