import {
  Alert,
  Badge,
  Button,
  Fieldset,
  Group,
  NativeSelect,
  Paper,
  Radio,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { AdministeredMeasure, Instrument, ScoreResult } from '../../../core/api/measures.js';
import type { Patient } from '../../../core/api/patients.js';
import { toProblem } from '../../api/problem.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';

type Sex = 'male' | 'female';

interface GiveMeasureFormProps {
  patient: Patient;
  instruments: Instrument[];
  initialInstrument: string;
  onSaved: (result: AdministeredMeasure) => void;
  onCancel: () => void;
}

const sexFromChart = (value: string | null): Sex | '' =>
  value === 'male' || value === 'female' ? value : '';

/** What the score preview shows: nothing yet, the score, or why there is none. */
type Preview =
  | { state: 'incomplete' }
  | { state: 'loading' }
  | { state: 'ready'; score: ScoreResult }
  | { state: 'error'; detail: string };

const ScorePreview = ({ preview, instrument }: { preview: Preview; instrument: Instrument }) => {
  if (preview.state === 'incomplete') return <Text size="sm">Answer every item to see the score.</Text>;
  if (preview.state === 'loading') return <Text size="sm">Scoring…</Text>;
  if (preview.state === 'error') return <Text size="sm">{preview.detail}</Text>;
  const { score } = preview;
  return (
    <Stack gap={4}>
      {score.total !== undefined && (
        <Text size="sm">
          <strong>
            Total {score.total}
            {instrument.totalRange ? ` of ${instrument.totalRange.max}` : ''}
          </strong>
          {score.band ? ` · ${score.band.label}` : ''}
        </Text>
      )}
      {score.subscales && (
        <Text size="sm">
          {instrument.subscales.map((s) => `${s.label} ${score.subscales?.[s.key] ?? 0}`).join(' · ')}
        </Text>
      )}
      {score.flags.length > 0 && (
        <Group gap={6}>
          {score.flags.map((flag) => (
            <Badge
              key={flag.key}
              color={flag.severity === 'urgent' ? 'red' : 'warning'}
              variant={flag.severity === 'urgent' ? 'filled' : 'light'}
            >
              {flag.label}
            </Badge>
          ))}
        </Group>
      )}
    </Stack>
  );
};

/**
 * Gives one instrument in the chart: every item as a group of radio buttons (a fieldset whose
 * legend is the question, so arrow keys move between its answers), a live score from the server,
 * and the save.
 */
export const GiveMeasureForm = ({
  patient,
  instruments,
  initialInstrument,
  onSaved,
  onCancel,
}: GiveMeasureFormProps) => {
  const api = useApi();
  const [code, setCode] = useState(initialInstrument);
  const instrument = instruments.find((i) => i.code === code) ?? instruments[0];
  const [answers, setAnswers] = useState<(number | null)[]>(() => (instrument?.items ?? []).map(() => null));
  const [sex, setSex] = useState<Sex | ''>(sexFromChart(patient.sexAtBirth));
  const [preview, setPreview] = useState<Preview>({ state: 'incomplete' });
  const [missing, setMissing] = useState<number[]>([]);
  const latest = useRef(0);
  const save = useSubmit((body: { instrument: string; answers: number[]; sex?: Sex }) =>
    api.measures.give(patient.id, body),
  );

  const complete = answers.every((a): a is number => a !== null) && (!instrument?.needsSex || sex !== '');

  useEffect(() => {
    if (!instrument || !complete) {
      setPreview({ state: 'incomplete' });
      return;
    }
    const request = ++latest.current;
    setPreview({ state: 'loading' });
    api.measures
      .score(instrument.code, { answers: answers.map((a) => a ?? 0), ...(sex ? { sex } : {}) })
      .then(
        (score) => {
          if (request === latest.current) setPreview({ state: 'ready', score });
        },
        (error: unknown) => {
          if (request === latest.current) setPreview({ state: 'error', detail: toProblem(error).detail });
        },
      );
  }, [api, instrument, answers, sex, complete]);

  if (!instrument) return <Text c="dimmed">No instruments are available.</Text>;

  const choose = (next: string) => {
    const chosen = instruments.find((i) => i.code === next);
    if (!chosen) return;
    setCode(next);
    setAnswers(chosen.items.map(() => null));
    setMissing([]);
    save.clear();
  };

  const answer = (index: number, value: number) => {
    setAnswers((current) => current.map((a, i) => (i === index ? value : a)));
    setMissing((current) => current.filter((i) => i !== index));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const unanswered = answers.flatMap((a, i) => (a === null ? [i] : []));
    setMissing(unanswered);
    if (unanswered.length > 0) {
      document.getElementById(`measure-item-${unanswered[0] ?? 0}`)?.focus();
      return;
    }
    if (instrument.needsSex && !sex) return;
    const result = await save.run({
      instrument: instrument.code,
      answers: answers.map((a) => a ?? 0),
      ...(sex && instrument.needsSex ? { sex } : {}),
    });
    if (result.ok) onSaved(result.value);
  };

  const shownFields = [...instrument.items.map((_, i) => `answers/${i}`), 'sex', 'answers'];

  return (
    <Paper withBorder p="md" id="give-measure-form">
      <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="give-measure-title">
        <Stack gap="md">
          <Title order={3} size="h5" id="give-measure-title">
            Give a measure
          </Title>
          <NativeSelect
            label="Instrument"
            data={instruments.map((i) => ({ value: i.code, label: `${i.shortName} — ${i.name}` }))}
            value={instrument.code}
            onChange={(event) => choose(event.currentTarget.value)}
          />
          <Text size="sm" c="dimmed">
            {instrument.description} {instrument.lookbackPeriod}
          </Text>
          <ProblemAlert problem={save.problem} shownFields={shownFields} />
          {save.errors['answers'] && (
            <Text size="sm" c="red.8">
              {save.errors['answers']}
            </Text>
          )}
          {instrument.needsSex && (
            <NativeSelect
              label="Sex, for the cut-off"
              description="AUDIT-C is positive at 4 or more for men and 3 or more for women."
              data={[
                { value: '', label: 'Choose…' },
                { value: 'female', label: 'Female' },
                { value: 'male', label: 'Male' },
              ]}
              value={sex}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setSex(value === 'male' || value === 'female' ? value : '');
              }}
              error={save.errors['sex']}
              required
            />
          )}
          {instrument.items.map((item, index) => {
            const error =
              save.errors[`answers/${index}`] ??
              (missing.includes(index) ? `Choose an answer for item ${item.number}.` : undefined);
            const errorId = `measure-item-${index}-error`;
            return (
              <Fieldset
                key={`${instrument.code}-${item.number}`}
                id={`measure-item-${index}`}
                tabIndex={-1}
                legend={`${item.number}. ${item.text}`}
                variant="filled"
                aria-describedby={error ? errorId : undefined}
                aria-invalid={error ? true : undefined}
              >
                <Group gap="md" wrap="wrap">
                  {item.options.map((option) => (
                    <Radio
                      key={option.value}
                      name={`${instrument.code}-item-${item.number}`}
                      value={String(option.value)}
                      checked={answers[index] === option.value}
                      onChange={() => answer(index, option.value)}
                      label={`${option.label} (${option.value})`}
                    />
                  ))}
                </Group>
                {error && (
                  <Text id={errorId} size="sm" c="red.8" mt={6}>
                    {error}
                  </Text>
                )}
              </Fieldset>
            );
          })}
          <Alert variant="light" color="blue" title="Score" aria-live="polite">
            <ScorePreview preview={preview} instrument={instrument} />
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" loading={save.pending}>
              Save {instrument.shortName}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
};
