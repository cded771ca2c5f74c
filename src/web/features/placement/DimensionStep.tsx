import {
  Badge,
  Group,
  List,
  NumberInput,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import type { PlacementQuestions, SupportingMeasuresBody } from '../../../core/api/placement.js';
import type { RatingSuggestion } from '../../../core/placement/dimensionQuestions.js';
import { type Rating, RATINGS } from '../../../core/placement/ruleTable.js';
import type { PlacementDraft } from './placementForm.js';

type DimensionInfo = PlacementQuestions['dimensions'][number];

interface DimensionStepProps {
  dimension: DimensionInfo;
  draft: PlacementDraft;
  suggestion: RatingSuggestion;
  onChange: (draft: PlacementDraft) => void;
  /** Field messages by path without the leading slash (`answers/d1.withdrawal_now`, `ratingNotes/d1`). */
  errors: Record<string, string>;
  /** The note the client already knows is missing, shown before the server is asked. */
  noteNeeded: string | undefined;
  readOnly: boolean;
}

const score = (value: number | string): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) ? value : undefined;

/** The intake measures that feed this dimension's suggestion (CIWA-Ar/COWS for d1, PHQ-9/GAD-7 for d3). */
const MeasureInputs = ({
  dimension,
  measures,
  onChange,
  errors,
  readOnly,
}: {
  dimension: DimensionInfo['id'];
  measures: SupportingMeasuresBody;
  onChange: (m: SupportingMeasuresBody) => void;
  errors: Record<string, string>;
  readOnly: boolean;
}) => {
  const set = <K extends keyof SupportingMeasuresBody>(
    key: K,
    value: SupportingMeasuresBody[K] | undefined,
  ) => {
    const next = { ...measures };
    if (value === undefined) delete next[key];
    else next[key] = value;
    onChange(next);
  };
  if (dimension === 'd1')
    return (
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <NumberInput
          label="CIWA-Ar total (alcohol, sedatives)"
          description="0–67; leave empty if not given"
          min={0}
          max={67}
          allowDecimal={false}
          value={measures.ciwaAr ?? ''}
          onChange={(v) => set('ciwaAr', score(v))}
          error={errors['measures/ciwaAr']}
          readOnly={readOnly}
        />
        <NumberInput
          label="COWS total (opioids)"
          description="0–48; leave empty if not given"
          min={0}
          max={48}
          allowDecimal={false}
          value={measures.cows ?? ''}
          onChange={(v) => set('cows', score(v))}
          error={errors['measures/cows']}
          readOnly={readOnly}
        />
      </SimpleGrid>
    );
  if (dimension === 'd3') {
    const phq9 = measures.phq9;
    const setPhq = (part: 'total' | 'item9', value: number | undefined) => {
      const merged = { total: phq9?.total, item9: phq9?.item9 ?? 0, [part]: value };
      set('phq9', merged.total === undefined ? undefined : { total: merged.total, item9: merged.item9 ?? 0 });
    };
    return (
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <NumberInput
          label="PHQ-9 total"
          description="0–27"
          min={0}
          max={27}
          allowDecimal={false}
          value={phq9?.total ?? ''}
          onChange={(v) => setPhq('total', score(v))}
          error={errors['measures/phq9/total']}
          readOnly={readOnly}
        />
        <NumberInput
          label="PHQ-9 item 9 (thoughts of death or self-harm)"
          description="0–3; any answer above 0 suggests at least 3"
          min={0}
          max={3}
          allowDecimal={false}
          value={phq9?.item9 ?? ''}
          onChange={(v) => setPhq('item9', score(v))}
          error={errors['measures/phq9/item9']}
          disabled={phq9 === undefined}
          readOnly={readOnly}
        />
        <NumberInput
          label="GAD-7 total"
          description="0–21"
          min={0}
          max={21}
          allowDecimal={false}
          value={measures.gad7 ?? ''}
          onChange={(v) => set('gad7', score(v))}
          error={errors['measures/gad7']}
          readOnly={readOnly}
        />
      </SimpleGrid>
    );
  }
  return null;
};

/** One dimension of the guided assessment: its questions, the suggested rating and why, the rating with anchors, a note. */
export const DimensionStep = ({
  dimension,
  draft,
  suggestion,
  onChange,
  errors,
  noteNeeded,
  readOnly,
}: DimensionStepProps) => {
  const id = dimension.id;
  const rating = draft.ratings[id];
  const differs = rating !== undefined && rating !== suggestion.rating;
  const setAnswer = (questionId: string, value: boolean | string) =>
    onChange({ ...draft, answers: { ...draft.answers, [questionId]: value } });

  return (
    <Stack gap="md">
      <Title order={3} size="h4">
        Dimension {dimension.number}: {dimension.label}
      </Title>
      <Stack gap="sm">
        {dimension.questions.map((q) =>
          q.answer.type === 'yes_no' ? (
            <Radio.Group
              key={q.id}
              label={q.text}
              value={q.id in draft.answers ? (draft.answers[q.id] === true ? 'yes' : 'no') : ''}
              onChange={(v) => setAnswer(q.id, v === 'yes')}
              error={errors[`answers/${q.id}`]}
              readOnly={readOnly}
            >
              <Group gap="lg" mt={4}>
                <Radio value="yes" label="Yes" />
                <Radio value="no" label="No" />
              </Group>
            </Radio.Group>
          ) : (
            <Radio.Group
              key={q.id}
              label={q.text}
              value={typeof draft.answers[q.id] === 'string' ? (draft.answers[q.id] as string) : ''}
              onChange={(v) => setAnswer(q.id, v)}
              error={errors[`answers/${q.id}`]}
              readOnly={readOnly}
            >
              <Stack gap={4} mt={4}>
                {(q.answer.options ?? []).map((o) => (
                  <Radio key={o.id} value={o.id} label={o.text} />
                ))}
              </Stack>
            </Radio.Group>
          ),
        )}
        {dimension.measures.length > 0 && (
          <MeasureInputs
            dimension={id}
            measures={draft.measures}
            onChange={(measures) => onChange({ ...draft, measures })}
            errors={errors}
            readOnly={readOnly}
          />
        )}
      </Stack>

      <Paper withBorder p="sm" bg="var(--mantine-color-default-hover)" aria-live="polite">
        <Text size="sm" fw={600}>
          Suggested rating: {suggestion.rating}
        </Text>
        <List size="xs" mt={4}>
          {suggestion.because.map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
      </Paper>

      <Radio.Group
        label={`Your rating for dimension ${dimension.number}`}
        description="The clinician decides; rate differently from the suggestion when the answers miss something, and say why."
        value={rating === undefined ? '' : String(rating)}
        onChange={(v) => {
          const next = Number(v) as Rating;
          onChange({ ...draft, ratings: { ...draft.ratings, [id]: next } });
        }}
        error={errors[`ratings/${id}`]}
        readOnly={readOnly}
      >
        <Stack gap={6} mt={6}>
          {RATINGS.map((r) => (
            <Radio
              key={r}
              value={String(r)}
              label={
                <Group gap={6} wrap="nowrap" align="flex-start">
                  <Text size="sm" fw={600} span>
                    {r}
                  </Text>
                  <Text size="sm" span>
                    {dimension.anchors[r]}
                  </Text>
                  {r === suggestion.rating && (
                    <Badge size="xs" variant="light" color="blue">
                      Suggested
                    </Badge>
                  )}
                </Group>
              }
            />
          ))}
        </Stack>
      </Radio.Group>
      {(differs || draft.notes[id]) && (
        <Textarea
          label={`Why dimension ${dimension.number} is rated ${rating ?? '—'} rather than ${suggestion.rating}`}
          required={differs}
          autosize
          minRows={2}
          maxLength={2000}
          value={draft.notes[id] ?? ''}
          onChange={(e) => onChange({ ...draft, notes: { ...draft.notes, [id]: e.currentTarget.value } })}
          error={errors[`ratingNotes/${id}`] ?? noteNeeded}
          readOnly={readOnly}
        />
      )}
    </Stack>
  );
};
