import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { roleMay } from '../../../core/access/patientPolicy.js';
import type { Episode, Patient } from '../../../core/api/patients.js';
import { DISCHARGE_LABELS, type DischargeType } from '../../../core/care/levels.js';
import { AsyncState } from '../../components/AsyncState.js';
import { formatDate } from '../../lib/dates.js';
import { humanize } from '../../lib/format.js';
import { useResource } from '../../lib/useResource.js';
import { useApi, useMe } from '../../session/SessionProvider.js';
import { AdmitForm } from './AdmitForm.js';
import { ChangeLevelForm } from './ChangeLevelForm.js';
import { DischargeForm } from './DischargeForm.js';
import { SegmentTable } from './SegmentTable.js';
import { usePickLists } from './usePickLists.js';

type Panel = 'admit' | 'change' | 'discharge';

const SAVED: Record<Panel, string> = {
  admit: 'Admission saved.',
  change: 'Level of care changed.',
  discharge: 'Patient discharged; the episode is closed.',
};

const dischargeLabel = (type: string | null): string =>
  type && type in DISCHARGE_LABELS ? DISCHARGE_LABELS[type as DischargeType] : humanize(type);

interface PanelProps {
  panel: Panel;
  patient: Patient;
  open: Episode | undefined;
  onDone: () => void;
  onStale: () => void;
  onCancel: () => void;
}

/** Loads programs and clinicians only when a form is opened. */
const EpisodeFormPanel = ({ panel, patient, open, onDone, onStale, onCancel }: PanelProps) => {
  const pickLists = usePickLists();
  if (panel === 'discharge' && open) {
    return (
      <DischargeForm patient={patient} episode={open} onDone={onDone} onStale={onStale} onCancel={onCancel} />
    );
  }
  return (
    <AsyncState state={pickLists.state} what="programs and clinicians" onRetry={pickLists.reload}>
      {(lists) =>
        panel === 'change' && open ? (
          <ChangeLevelForm
            patient={patient}
            episode={open}
            pickLists={lists}
            onDone={onDone}
            onStale={onStale}
            onCancel={onCancel}
          />
        ) : (
          <AdmitForm patient={patient} pickLists={lists} onDone={onDone} onCancel={onCancel} />
        )
      }
    </AsyncState>
  );
};

/** Episodes of care with their segments, and the admit / change level / discharge actions. */
export const EpisodesTab = ({ patient, onChanged }: { patient: Patient; onChanged: () => void }) => {
  const api = useApi();
  const me = useMe();
  const episodes = useResource((signal) => api.patients.episodes(patient.id, signal), [api, patient.id]);
  const [panel, setPanel] = useState<Panel | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const list = episodes.state.data ?? [];
  const open = list.find((e) => e.status === 'open');
  const past = list.filter((e) => e.status === 'closed');
  const loaded = episodes.state.status === 'success' || episodes.state.data !== undefined;

  const toggle = (next: Panel) => {
    setSaved(null);
    setPanel((current) => (current === next ? null : next));
  };

  const done = () => {
    if (panel) setSaved(SAVED[panel]);
    setPanel(null);
    episodes.reload();
    onChanged();
  };

  const actionButton = (kind: Panel, label: string, allowed: boolean) =>
    allowed && (
      <Button
        variant={panel === kind ? 'filled' : 'light'}
        color={kind === 'discharge' ? 'red' : undefined}
        aria-expanded={panel === kind}
        aria-controls="episode-form"
        onClick={() => toggle(kind)}
      >
        {label}
      </Button>
    );

  return (
    <Stack gap="md">
      {loaded && (
        <Group gap="sm">
          {!open && actionButton('admit', 'Admit', roleMay(me.role, 'episode.admit'))}
          {open && actionButton('change', 'Change level of care', roleMay(me.role, 'episode.changeSegment'))}
          {open && actionButton('discharge', 'Discharge', roleMay(me.role, 'episode.discharge'))}
        </Group>
      )}
      {saved && (
        <Alert
          color="success"
          variant="light"
          role="status"
          withCloseButton
          onClose={() => setSaved(null)}
          closeButtonLabel="Dismiss"
        >
          {saved}
        </Alert>
      )}
      {panel && (
        <Paper withBorder p="md" id="episode-form">
          <EpisodeFormPanel
            panel={panel}
            patient={patient}
            open={open}
            onDone={done}
            onStale={() => {
              episodes.reload();
              onChanged();
            }}
            onCancel={() => setPanel(null)}
          />
        </Paper>
      )}
      <AsyncState
        state={episodes.state}
        what="episodes"
        onRetry={episodes.reload}
        empty="No episodes of care yet. Admit the patient to start one."
      >
        {() => (
          <Stack gap="lg">
            {open && (
              <section aria-labelledby="current-episode">
                <Title order={2} size="h4" id="current-episode" mb="xs">
                  Current episode · admitted {formatDate(open.admittedOn)}
                </Title>
                <SegmentTable segments={open.segments} label="Current episode segments" />
              </section>
            )}
            {past.length > 0 && (
              <section aria-labelledby="past-episodes">
                <Title order={2} size="h4" id="past-episodes" mb="xs">
                  Past episodes
                </Title>
                <Stack gap="md">
                  {past.map((e) => (
                    <Paper key={e.id} withBorder p="sm">
                      <Text size="sm" fw={600}>
                        {formatDate(e.admittedOn)} – {formatDate(e.dischargedOn)} ·{' '}
                        {dischargeLabel(e.dischargeType)}
                      </Text>
                      {e.dischargeNote && (
                        <Text size="sm" c="dimmed">
                          {e.dischargeNote}
                        </Text>
                      )}
                      <SegmentTable
                        segments={e.segments}
                        label={`Segments of the episode admitted ${formatDate(e.admittedOn)}`}
                      />
                    </Paper>
                  ))}
                </Stack>
              </section>
            )}
          </Stack>
        )}
      </AsyncState>
    </Stack>
  );
};
