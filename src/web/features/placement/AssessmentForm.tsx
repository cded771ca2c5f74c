import {
  Alert,
  Button,
  Checkbox,
  Grid,
  Group,
  List,
  NativeSelect,
  NumberInput,
  Paper,
  Radio,
  Stack,
  Stepper,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type {
  PlacementAssessment,
  PlacementFactorsBody,
  PlacementQuestions,
  SignAssessmentBody,
} from '../../../core/api/placement.js';
import { PLACEMENT_LEVELS, type PlacementResult } from '../../../core/placement/placementTypes.js';
import { DIMENSIONS } from '../../../core/placement/ruleTable.js';
import { severityFromCriteria } from '../../../core/placement/severity.js';
import type { PlacementOwner } from '../../api/placement.js';
import { type ProblemDetails, toProblem } from '../../api/problem.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { isStale, useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';
import { DimensionStep } from './DimensionStep.js';
import {
  draftFrom,
  evaluateBodyOf,
  notesNeeded,
  type PlacementDraft,
  placementLevelLabel,
  SEVERITY_TEXT,
  suggestionsFor,
  toUpdateBody,
  unratedDimensions,
} from './placementForm.js';
import { RecommendationPanel } from './RecommendationPanel.js';

interface AssessmentFormProps {
  owner: PlacementOwner;
  assessment: PlacementAssessment;
  questions: PlacementQuestions;
  onSaved: (assessment: PlacementAssessment) => void;
  onStale: () => void;
  onClose: () => void;
}

type Choice = 'yes' | 'no' | '';
const triState = (value: boolean | undefined): Choice => (value === undefined ? '' : value ? 'yes' : 'no');
const fromTriState = (value: string): boolean | undefined =>
  value === 'yes' ? true : value === 'no' ? false : undefined;

const withFactor = <K extends keyof PlacementFactorsBody>(
  factors: PlacementFactorsBody,
  key: K,
  value: PlacementFactorsBody[K] | undefined,
): PlacementFactorsBody => {
  const next = { ...factors };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
};

const YesNoUnknown = ({
  label,
  value,
  onChange,
}: {
  label: string;
  value: boolean | undefined;
  onChange: (value: boolean | undefined) => void;
}) => (
  <Radio.Group label={label} value={triState(value)} onChange={(v) => onChange(fromTriState(v))}>
    <Group gap="lg" mt={4}>
      <Radio value="yes" label="Yes" />
      <Radio value="no" label="No" />
      <Radio value="" label="Not asked yet" />
    </Group>
  </Radio.Group>
);

/** Flags that override the table, and the DSM-5 criteria count with its severity. */
const CriteriaStep = ({
  draft,
  onChange,
  errors,
}: {
  draft: PlacementDraft;
  onChange: (d: PlacementDraft) => void;
  errors: Record<string, string>;
}) => (
  <Stack gap="md">
    <Title order={3} size="h4">
      Flags and DSM-5 criteria
    </Title>
    <Checkbox
      label="Needs 24-hour supervision"
      description="At least residential care, whatever the ratings."
      checked={draft.needs24HourSupervision}
      onChange={(e) => onChange({ ...draft, needs24HourSupervision: e.currentTarget.checked })}
    />
    <Checkbox
      label="Imminent danger to self or others"
      description="Routes to emergency services now (911, or 988 for the Suicide & Crisis Lifeline); no level is recommended."
      color="red"
      checked={draft.imminentDanger}
      onChange={(e) => onChange({ ...draft, imminentDanger: e.currentTarget.checked })}
    />
    <NumberInput
      label="DSM-5 SUD criteria met in the past 12 months"
      description="0 to 11. Fewer than 2 means no SUD level of care, except for continuing care."
      min={0}
      max={11}
      allowDecimal={false}
      maw={320}
      value={draft.dsm5Criteria ?? ''}
      onChange={(v) =>
        onChange({ ...draft, dsm5Criteria: typeof v === 'number' && Number.isInteger(v) ? v : null })
      }
      error={errors['dsm5Criteria']}
    />
    <Text size="sm" aria-live="polite">
      Severity:{' '}
      {draft.dsm5Criteria === null || draft.dsm5Criteria > 11
        ? 'not recorded yet'
        : SEVERITY_TEXT[severityFromCriteria(draft.dsm5Criteria)]}
    </Text>
  </Stack>
);

/** The seeds' decision factors: they shape the plan (track, housing, coverage), never the level. */
const FactorsStep = ({
  draft,
  onChange,
}: {
  draft: PlacementDraft;
  onChange: (d: PlacementDraft) => void;
}) => {
  const f = draft.factors;
  const set = <K extends keyof PlacementFactorsBody>(key: K, value: PlacementFactorsBody[K] | undefined) =>
    onChange({ ...draft, factors: withFactor(f, key, value) });
  const responsibilities = f.responsibilities ?? [];
  return (
    <Stack gap="md">
      <Title order={3} size="h4">
        Decision factors
      </Title>
      <Text size="sm" c="dimmed">
        These shape the plan (day or evening track, housing, supports, authorization and fees); they do not
        change the level.
      </Text>
      <YesNoUnknown
        label="Returned to use after earlier treatment?"
        value={f.relapseAfterTreatment}
        onChange={(v) => set('relapseAfterTreatment', v)}
      />
      <YesNoUnknown
        label="Is the home safe for recovery?"
        value={f.homeSafe}
        onChange={(v) => set('homeSafe', v)}
      />
      <YesNoUnknown
        label="Does someone at home support recovery?"
        value={f.supportPresent}
        onChange={(v) => set('supportPresent', v)}
      />
      <Checkbox.Group
        label="Responsibilities"
        value={[...responsibilities]}
        onChange={(v) => set('responsibilities', v.length === 0 ? undefined : v)}
      >
        <Group gap="lg" mt={4}>
          <Checkbox value="work" label="Work" />
          <Checkbox value="school" label="School" />
          <Checkbox value="caregiving" label="Caregiving" />
        </Group>
      </Checkbox.Group>
      <NativeSelect
        label="Preferred schedule"
        maw={320}
        data={[
          { value: '', label: 'Not asked yet' },
          { value: 'day', label: 'Day' },
          { value: 'evening', label: 'Evening' },
          { value: 'either', label: 'Either' },
        ]}
        value={f.preferredSchedule ?? ''}
        onChange={(e) => {
          const v = e.currentTarget.value;
          set('preferredSchedule', v === 'day' || v === 'evening' || v === 'either' ? v : undefined);
        }}
      />
      <NativeSelect
        label="Coverage"
        maw={320}
        data={[
          { value: '', label: 'Not asked yet' },
          { value: 'verified', label: 'Insurance, verified' },
          { value: 'unverified', label: 'Insurance, not verified yet' },
          { value: 'none', label: 'No coverage' },
          { value: 'self_pay', label: 'Self-pay' },
        ]}
        value={f.coverage ?? ''}
        onChange={(e) => {
          const v = e.currentTarget.value;
          set(
            'coverage',
            v === 'verified' || v === 'unverified' || v === 'none' || v === 'self_pay' ? v : undefined,
          );
        }}
      />
    </Stack>
  );
};

/** Live recommendation from /placement/evaluate, a moment after the last change. */
const useLiveRecommendation = (
  draft: PlacementDraft,
  suggestions: ReturnType<typeof suggestionsFor>,
  continuingCare: boolean,
): { result: PlacementResult | null; problem: ProblemDetails | null; pending: boolean } => {
  const api = useApi();
  const body = useMemo(
    () => evaluateBodyOf(draft, suggestions, continuingCare),
    [draft, suggestions, continuingCare],
  );
  const key = JSON.stringify(body);
  const [state, setState] = useState<{
    result: PlacementResult | null;
    problem: ProblemDetails | null;
    pending: boolean;
  }>({ result: null, problem: null, pending: true });
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, pending: true }));
    const timer = setTimeout(() => {
      void api.placement.evaluate(JSON.parse(key) as typeof body).then(
        (result) => {
          if (live) setState({ result, problem: null, pending: false });
        },
        (error: unknown) => {
          if (live) setState((s) => ({ result: s.result, problem: toProblem(error), pending: false }));
        },
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, key]);
  return state;
};

const STEP_COUNT = 9;

/**
 * The guided placement assessment (SPEC §3): a step per dimension (questions, rating anchors, the
 * suggestion, a note where the rating differs), then flags and criteria, factors, and signing. The
 * recommendation beside it follows every change.
 */
export const AssessmentForm = ({
  owner,
  assessment,
  questions,
  onSaved,
  onStale,
  onClose,
}: AssessmentFormProps) => {
  const api = useApi();
  const [draft, setDraft] = useState(() => draftFrom(assessment));
  const [step, setStep] = useState(0);
  const [attempted, setAttempted] = useState(false);
  const [decision, setDecision] = useState<'accepted' | 'overridden'>('accepted');
  const [finalLevel, setFinalLevel] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const [savedNotice, setSavedNotice] = useState<string | null>(null);
  const suggestions = useMemo(() => suggestionsFor(draft), [draft]);
  const missingNotes = notesNeeded(draft, suggestions);
  const unrated = unratedDimensions(draft);
  const live = useLiveRecommendation(draft, suggestions, assessment.kind === 'continuing_care');

  const save = useSubmit(() =>
    api.placement.saveAssessment(owner, assessment.id, toUpdateBody(draft, assessment.version)),
  );
  const sign = useSubmit(async (body: Omit<SignAssessmentBody, 'version'>) => {
    const saved = await api.placement.saveAssessment(
      owner,
      assessment.id,
      toUpdateBody(draft, assessment.version),
    );
    onSaved(saved);
    return api.placement.signAssessment(owner, assessment.id, { ...body, version: saved.version });
  });
  const errors = { ...save.errors, ...sign.errors };
  const problem = sign.problem ?? save.problem;

  const change = (next: PlacementDraft) => {
    setSavedNotice(null);
    setDraft(next);
  };

  const saveDraft = async () => {
    setAttempted(true);
    const result = await save.run();
    if (result.ok) {
      onSaved(result.value);
      setSavedNotice('Draft saved.');
    } else if (isStale(result)) onStale();
  };

  const submitSignature = async () => {
    setAttempted(true);
    if (unrated.length > 0 || Object.keys(missingNotes).length > 0) return;
    const recommended = live.result?.level;
    const body: Omit<SignAssessmentBody, 'version'> =
      decision === 'accepted'
        ? { decision, ...(recommended ? { finalLevel: recommended } : {}) }
        : {
            decision,
            ...(finalLevel ? { finalLevel: finalLevel as SignAssessmentBody['finalLevel'] } : {}),
            overrideReason,
          };
    const result = await sign.run(body);
    if (result.ok) onSaved(result.value);
    else if (isStale(result)) onStale();
  };

  const dimensions = questions.dimensions;
  const dimensionStep = dimensions[step];

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack gap="md">
          <Group justify="space-between">
            <Title order={2} size="h4">
              {assessment.kind === 'continuing_care'
                ? 'Continuing-care reassessment'
                : 'Placement assessment'}{' '}
              (draft)
            </Title>
            <Button variant="subtle" onClick={onClose}>
              Close
            </Button>
          </Group>
          <Stepper
            active={step}
            onStepClick={setStep}
            size="xs"
            allowNextStepsSelect
            aria-label="Assessment steps"
            wrap
          >
            {dimensions.map((d) => (
              <Stepper.Step
                key={d.id}
                label={`D${d.number}`}
                description={draft.ratings[d.id] !== undefined ? `Rated ${draft.ratings[d.id]}` : 'Not rated'}
                color={
                  attempted && (missingNotes[d.id] || draft.ratings[d.id] === undefined) ? 'red' : undefined
                }
              />
            ))}
            <Stepper.Step label="Criteria" description="Flags, DSM-5" />
            <Stepper.Step label="Factors" description="Plan shaping" />
            <Stepper.Step
              label="Sign"
              description={assessment.maySign ? 'Accept or override' : 'Clinician signs'}
            />
          </Stepper>

          <Paper withBorder p="md">
            {dimensionStep && step < dimensions.length ? (
              <DimensionStep
                dimension={dimensionStep}
                draft={draft}
                suggestion={suggestions[dimensionStep.id]}
                onChange={change}
                errors={errors}
                noteNeeded={attempted ? missingNotes[dimensionStep.id] : undefined}
                readOnly={false}
              />
            ) : step === dimensions.length ? (
              <CriteriaStep draft={draft} onChange={change} errors={errors} />
            ) : step === dimensions.length + 1 ? (
              <FactorsStep draft={draft} onChange={change} />
            ) : (
              <Stack gap="md">
                <Title order={3} size="h4">
                  Sign
                </Title>
                {unrated.length > 0 && (
                  <Alert color="warning" variant="light" title="Not every dimension is rated">
                    Rate {unrated.map((d) => `dimension ${DIMENSIONS[d].number}`).join(', ')} before signing.
                    The recommendation uses the suggestions for them meanwhile.
                  </Alert>
                )}
                {Object.keys(missingNotes).length > 0 && (
                  <Alert color="warning" variant="light" title="Notes needed">
                    <List size="sm">
                      {Object.values(missingNotes).map((m) => (
                        <List.Item key={m}>{m}</List.Item>
                      ))}
                    </List>
                  </Alert>
                )}
                {!assessment.maySign ? (
                  <Text size="sm">
                    {assessment.maySignReason ??
                      'A clinician whose credentials allow it rates the dimensions and signs.'}{' '}
                    Save the draft; it appears on the list for them.
                  </Text>
                ) : (
                  <>
                    <Radio.Group
                      label="Decision"
                      value={decision}
                      onChange={(v) => setDecision(v === 'overridden' ? 'overridden' : 'accepted')}
                      error={decision === 'accepted' ? errors['finalLevel'] : undefined}
                    >
                      <Stack gap={4} mt={4}>
                        <Radio
                          value="accepted"
                          label={`Accept the recommendation${live.result ? `: ${placementLevelLabel(live.result.level)}` : ''}`}
                        />
                        <Radio value="overridden" label="Override with another level" />
                      </Stack>
                    </Radio.Group>
                    {decision === 'overridden' && (
                      <>
                        <NativeSelect
                          label="Level chosen instead"
                          required
                          maw={420}
                          data={[
                            { value: '', label: 'Choose a level' },
                            ...PLACEMENT_LEVELS.filter((l) => l !== live.result?.level).map((l) => ({
                              value: l,
                              label: placementLevelLabel(l),
                            })),
                          ]}
                          value={finalLevel}
                          onChange={(e) => setFinalLevel(e.currentTarget.value)}
                          error={errors['finalLevel']}
                        />
                        <Textarea
                          label="Reason for the override"
                          description="Overrides are reported to supervisors and the program director."
                          required
                          autosize
                          minRows={3}
                          maxLength={2000}
                          value={overrideReason}
                          onChange={(e) => setOverrideReason(e.currentTarget.value)}
                          error={errors['overrideReason']}
                        />
                      </>
                    )}
                  </>
                )}
              </Stack>
            )}
          </Paper>

          {savedNotice && (
            <Alert color="success" variant="light" role="status">
              {savedNotice}
            </Alert>
          )}
          <ProblemAlert
            problem={problem}
            shownFields={Object.keys(errors)}
            staleMessage="Someone else saved this assessment meanwhile. The latest version is loaded and your entries are still in the form: check them and save again."
          />
          <Group justify="space-between">
            <Group>
              <Button variant="default" disabled={step === 0} onClick={() => setStep((s) => s - 1)}>
                Back
              </Button>
              <Button
                variant="default"
                disabled={step === STEP_COUNT - 1}
                onClick={() => setStep((s) => s + 1)}
              >
                Next
              </Button>
            </Group>
            <Group>
              <Button variant="light" onClick={() => void saveDraft()} loading={save.pending}>
                Save draft
              </Button>
              {step === STEP_COUNT - 1 && assessment.maySign && (
                <Button onClick={() => void submitSignature()} loading={sign.pending}>
                  Sign {decision === 'accepted' ? 'and accept' : 'the override'}
                </Button>
              )}
            </Group>
          </Group>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Paper withBorder p="md" pos="sticky" top={16} aria-live="polite" aria-busy={live.pending}>
          {live.problem && <ProblemAlert problem={live.problem} />}
          {live.result ? (
            <Stack gap="xs">
              {unrated.length > 0 && (
                <Text size="xs" c="dimmed">
                  Unrated dimensions count at their suggested rating.
                </Text>
              )}
              <RecommendationPanel result={live.result} idPrefix={`live-${assessment.id}`} />
            </Stack>
          ) : (
            !live.problem && (
              <Text size="sm" c="dimmed" role="status">
                Working out the recommendation…
              </Text>
            )
          )}
        </Paper>
      </Grid.Col>
    </Grid>
  );
};
