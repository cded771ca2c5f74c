import {
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { DrugScreen, RecordDrugScreenBody, RecordedDrugScreen } from '../../../core/api/drugScreens.js';
import type { Analyte, AnalyteResult } from '../../../core/screens/analytes.js';
import {
  PANELS,
  panelByCode,
  SCREEN_METHOD_LABELS,
  SCREEN_METHODS,
  type ScreenMethod,
  SPECIMEN_LABELS,
  SPECIMENS,
  type Specimen,
} from '../../../core/screens/panels.js';
import { checkScreen } from '../../../core/screens/validate.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { formatDate } from '../../lib/dates.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';
import { ResultGrid } from './ResultGrid.js';

const FIELDS = [
  'collectedOn',
  'specimen',
  'panel',
  'method',
  'results',
  'confirmsScreenId',
  'notes',
  'reason',
];

interface RecordScreenFormProps {
  patientId: string;
  today: string;
  /** Current screens, for the presumptive screen a laboratory result confirms. */
  screens: readonly DrugScreen[];
  /** The screen's current version being corrected, or null for a new screen. */
  correcting: DrugScreen | null;
  onSaved: (result: RecordedDrugScreen) => void;
  /** Someone corrected the screen first: the list reloads, the form keeps what was entered. */
  onConflict: () => void;
  onCancel: () => void;
}

const resultsMap = (screen: DrugScreen | null): Partial<Record<Analyte, AnalyteResult>> =>
  Object.fromEntries((screen?.results ?? []).map((r) => [r.analyte, r.result]));

/** Records a screen, or a correction of one: collection, panel, method and a result per analyte. */
export const RecordScreenForm = ({
  patientId,
  today,
  screens,
  correcting,
  onSaved,
  onConflict,
  onCancel,
}: RecordScreenFormProps) => {
  const api = useApi();
  const [collectedOn, setCollectedOn] = useState(correcting?.collectedOn ?? today);
  const [specimen, setSpecimen] = useState<Specimen>(correcting?.specimen ?? 'urine');
  const [panelCode, setPanelCode] = useState(correcting?.panel ?? 'urine_cup_12');
  const [method, setMethod] = useState<ScreenMethod>(correcting?.method ?? 'presumptive');
  const [refused, setRefused] = useState(correcting?.refused ?? false);
  const [results, setResults] = useState(() => resultsMap(correcting));
  const [confirms, setConfirms] = useState(correcting?.confirms?.originalId ?? '');
  const [notes, setNotes] = useState(correcting?.notes ?? '');
  const [reason, setReason] = useState('');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const save = useSubmit((body: RecordDrugScreenBody, why: string) =>
    correcting
      ? api.drugScreens.correct(patientId, correcting.id, { ...body, reason: why })
      : api.drugScreens.record(patientId, body),
  );
  const errors = { ...save.errors, ...localErrors };
  const panelsForSpecimen = PANELS.filter((p) => p.specimens.includes(specimen));
  const panel = panelByCode(panelCode) ?? panelsForSpecimen[0];
  const confirmable = screens.filter(
    (s) =>
      s.method === 'presumptive' && s.collectedOn === collectedOn && s.originalId !== correcting?.originalId,
  );
  const titleId = correcting ? 'correct-screen-title' : 'record-screen-title';

  const chooseSpecimen = (next: Specimen) => {
    setSpecimen(next);
    if (!panel?.specimens.includes(next))
      setPanelCode(PANELS.find((p) => p.specimens.includes(next))?.code ?? '');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!panel) return;
    const body: RecordDrugScreenBody = {
      collectedOn,
      specimen,
      panel: panel.code,
      method,
      refused,
      results: refused
        ? []
        : panel.analytes.map((analyte) => ({ analyte, result: results[analyte] ?? 'negative' })),
      confirmsScreenId: method === 'confirmed' && confirms ? confirms : null,
      notes: notes.trim() || null,
    };
    const found: Record<string, string> = {};
    for (const f of checkScreen({ ...body, refused }, today)) found[f.field.slice(1)] ??= f.message;
    if (correcting && !reason.trim()) found['reason'] = 'Say what was wrong with the recorded result.';
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    const result = await save.run(body, reason.trim());
    if (result.ok) onSaved(result.value);
    else if (result.problem.code === 'CONFLICT') onConflict();
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby={titleId}>
      <Stack gap="sm">
        <Title order={3} size="h5" id={titleId}>
          {correcting
            ? `Correct the screen collected ${formatDate(correcting.collectedOn)}`
            : 'Record a drug screen'}
        </Title>
        <ProblemAlert problem={save.problem} shownFields={FIELDS} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label="Collected on"
            type="date"
            required
            max={today}
            value={collectedOn}
            onChange={(e) => setCollectedOn(e.currentTarget.value)}
            error={errors['collectedOn']}
          />
          <NativeSelect
            label="Specimen"
            data={SPECIMENS.map((s) => ({ value: s, label: SPECIMEN_LABELS[s] }))}
            value={specimen}
            onChange={(e) => {
              const next = SPECIMENS.find((s) => s === e.currentTarget.value);
              if (next) chooseSpecimen(next);
            }}
            error={errors['specimen']}
          />
          <NativeSelect
            label="Panel"
            data={panelsForSpecimen.map((p) => ({ value: p.code, label: p.name }))}
            value={panel?.code ?? ''}
            onChange={(e) => setPanelCode(e.currentTarget.value)}
            error={errors['panel']}
          />
        </SimpleGrid>
        <Radio.Group
          label="Method"
          value={method}
          onChange={(value) => setMethod(SCREEN_METHODS.find((m) => m === value) ?? 'presumptive')}
          error={errors['method']}
        >
          <Group gap="lg" mt={4}>
            {SCREEN_METHODS.map((m) => (
              <Radio key={m} value={m} label={SCREEN_METHOD_LABELS[m]} />
            ))}
          </Group>
        </Radio.Group>
        {method === 'confirmed' && (
          <NativeSelect
            label="Confirms the point-of-care screen"
            description={
              confirmable.length === 0
                ? 'No point-of-care screen was collected that day.'
                : 'Same collection day'
            }
            data={[
              { value: '', label: 'None' },
              ...confirmable.map((s) => ({
                value: s.originalId,
                label: `${formatDate(s.collectedOn)} · ${s.panelName}`,
              })),
            ]}
            value={confirms}
            onChange={(e) => setConfirms(e.currentTarget.value)}
            error={errors['confirmsScreenId']}
          />
        )}
        <Checkbox
          label="Specimen refused (the patient declined to give one)"
          checked={refused}
          onChange={(e) => setRefused(e.currentTarget.checked)}
        />
        {!refused && panel && (
          <ResultGrid
            analytes={panel.analytes}
            results={results}
            onChange={(analyte, result) => setResults((current) => ({ ...current, [analyte]: result }))}
            onAllNegative={() => setResults({})}
            error={errors['results']}
          />
        )}
        <Textarea
          label="Notes"
          autosize
          minRows={1}
          maxLength={2000}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={errors['notes']}
        />
        {correcting && (
          <Textarea
            label="Reason for the correction"
            required
            autosize
            minRows={2}
            maxLength={1000}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors['reason']}
          />
        )}
        {!refused && panel && (
          <Text size="xs" c="dimmed">
            {panel.analytes.filter((a) => (results[a] ?? 'negative') !== 'negative').length} of{' '}
            {panel.analytes.length} analytes not negative.
          </Text>
        )}
        <Group>
          <Button type="submit" loading={save.pending}>
            {correcting ? 'Save correction' : 'Save screen'}
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
