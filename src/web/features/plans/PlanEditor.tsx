import {
  Alert,
  Button,
  Fieldset,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import {
  PROGRESS_STATUSES,
  type PlanTemplate,
  type PlanVersion,
  type ProgressStatus,
} from '../../../core/api/plans.js';
import type { Patient } from '../../../core/api/patients.js';
import type { SignatureProof } from '../../../core/api/signing.js';
import type { FieldError } from '../../../core/errors/domainError.js';
import { problemFromTemplate } from '../../../core/plans/prefill.js';
import { PROGRESS_LABELS } from '../../../core/plans/review.js';
import { planSignProblems, reviewSignProblems } from '../../../core/plans/validate.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { type ProblemDetails, fieldErrors } from '../../api/problem.js';
import type { StaffOption } from '../../api/types.js';
import { formatInstant, todayIn } from '../../lib/dates.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi, useMe } from '../../session/SessionProvider.js';
import { AddressingNotes, PlanView } from './PlanView.js';
import { ProblemFields } from './ProblemFields.js';
import { SignDialog } from './SignDialog.js';
import {
  addProblems,
  blankProblem,
  edit,
  editorFrom,
  type EditorState,
  removalLabel,
  removeAt,
  setProgress,
  undo,
} from './planEditorState.js';

interface PlanEditorProps {
  patient: Patient;
  draft: PlanVersion;
  staff: readonly StaffOption[];
  diagnoses: readonly { id: string; label: string }[];
  templates: readonly PlanTemplate[];
  /** Why the user may not sign today, or null. */
  maySignReason: string | null;
  onSigned: (version: PlanVersion) => void;
  onDiscarded: () => void;
}

const newId = () => crypto.randomUUID();
type StaleProblem = ProblemDetails & { current?: PlanVersion };

/**
 * The draft editor. Saves are explicit and optimistic: a save based on an old version gets 409 and
 * the stored version; the user's text stays in the editor, next to a choice of what to keep.
 */
export const PlanEditor = ({
  patient,
  draft,
  staff,
  diagnoses,
  templates,
  maySignReason,
  onSigned,
  onDiscarded,
}: PlanEditorProps) => {
  const api = useApi();
  const me = useMe();
  const [state, setState] = useState<EditorState>(() =>
    editorFrom({ content: draft.content, progress: draft.progress }),
  );
  const [base, setBase] = useState<PlanVersion>(draft);
  const [conflict, setConflict] = useState<PlanVersion | null>(null);
  const [showTheirs, setShowTheirs] = useState(false);
  const [checkProblems, setCheckProblems] = useState<FieldError[]>([]);
  const [signing, setSigning] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [templateKey, setTemplateKey] = useState('');
  const isReview = draft.kind === 'review';
  const today = todayIn(patient.siteTimeZone);

  const saveSubmit = useSubmit((version: number) =>
    api.treatmentPlans.save(patient.id, draft.id, {
      version,
      content: state.content,
      ...(isReview ? { progress: state.progress } : {}),
    }),
  );
  const signSubmit = useSubmit((proof: SignatureProof, version: number) =>
    api.treatmentPlans.sign(patient.id, draft.id, { version, proof }),
  );
  const suggestSubmit = useSubmit(() => api.treatmentPlans.placementSuggestions(patient.id));
  const discardSubmit = useSubmit(() => api.treatmentPlans.discard(patient.id, draft.id, base.version));

  const serverErrors = fieldErrors(
    signSubmit.problem?.code === 'VALIDATION_FAILED' ? signSubmit.problem : saveSubmit.problem,
  );
  const errors = { ...serverErrors, ...fieldErrors({ ...emptyProblem, fields: checkProblems }) };

  const change = (next: Partial<EditorState>, label?: string) => {
    setNotice(null);
    setState((s) => edit(s, next, label));
  };

  const save = async (version = base.version): Promise<PlanVersion | null> => {
    const sent = state;
    const result = await saveSubmit.run(version);
    if (result.ok) {
      setBase(result.value);
      setConflict(null);
      setState((s) =>
        s.content === sent.content && s.progress === sent.progress ? { ...s, dirty: false } : s,
      );
      setNotice(`Draft saved (version ${result.value.version}).`);
      return result.value;
    }
    const stale = result.problem as StaleProblem;
    if (stale.code === 'STALE_VERSION' && stale.current) setConflict(stale.current);
    return null;
  };

  const startSigning = async () => {
    const problems = [
      ...planSignProblems(state.content, {
        today,
        staffIds: new Set(staff.map((s) => s.id)),
        carriedOver: new Map((draft.reviewOf?.objectives ?? []).map((o) => [o.objectiveId, o.targetDate])),
      }),
      ...(isReview && draft.reviewOf
        ? reviewSignProblems(
            state.progress,
            draft.reviewOf.objectives.map((o) => o.objectiveId),
          )
        : []),
    ];
    setCheckProblems(problems);
    signSubmit.clear();
    if (problems.length > 0) return;
    if (state.dirty && !(await save())) return;
    setSigning(true);
  };

  const sign = async (proof: SignatureProof) => {
    const result = await signSubmit.run(proof, base.version);
    if (result.ok) {
      setSigning(false);
      onSigned(result.value);
    } else if (result.problem.code === 'VALIDATION_FAILED') setSigning(false);
  };

  const addFromTemplate = () => {
    const template = templates.find((t) => t.key === templateKey);
    if (!template) return;
    change(
      {
        content: addProblems(state.content, [
          problemFromTemplate(template, {
            newId,
            today,
            responsibleUserId: patient.primaryClinician?.id ?? me.id,
            diagnosisIds: diagnoses.map((d) => d.id),
          }),
        ]),
      },
      `Added "${template.name}" from the library`,
    );
    setTemplateKey('');
  };

  const addFromPlacement = async () => {
    const result = await suggestSubmit.run();
    if (!result.ok) return;
    if (result.value.problems.length === 0) {
      setNotice(result.value.note);
      return;
    }
    change(
      { content: addProblems(state.content, result.value.problems) },
      'Added problems from the placement',
    );
    setNotice(result.value.note);
  };

  const lastStep = state.history.at(-1);
  const progressIndex = new Map(state.progress.map((p, n) => [p.objectiveId, n]));

  return (
    <Paper withBorder p="md">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={3}>
            {isReview ? `Review (version ${draft.number})` : `Draft plan (version ${draft.number})`}
          </Title>
          <Text size="sm" c="dimmed" role="status">
            {state.dirty
              ? 'Unsaved changes'
              : `Saved ${formatInstant(base.updatedAt, patient.siteTimeZone)} by ${base.updatedByName}`}
          </Text>
        </Group>

        {conflict && (
          <Alert color="warning" variant="light" role="alert" title="Someone else saved this draft">
            <Stack gap="xs">
              <Text size="sm">
                {conflict.updatedByName} saved version {conflict.version} at{' '}
                {formatInstant(conflict.updatedAt, patient.siteTimeZone)}, after you opened it. Your text is
                still in the editor below; nothing of yours was lost.
              </Text>
              <Group gap="xs">
                <Button size="xs" onClick={() => void save(conflict.version)} loading={saveSubmit.pending}>
                  Keep my text and save it
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => {
                    setState(editorFrom({ content: conflict.content, progress: conflict.progress }));
                    setBase(conflict);
                    setConflict(null);
                  }}
                >
                  Load their version instead
                </Button>
                <Button size="xs" variant="subtle" onClick={() => setShowTheirs((v) => !v)}>
                  {showTheirs ? 'Hide their version' : 'Show their version'}
                </Button>
              </Group>
              {showTheirs && <PlanView version={conflict} timeZone={patient.siteTimeZone} />}
            </Stack>
          </Alert>
        )}
        {saveSubmit.problem && saveSubmit.problem.code !== 'STALE_VERSION' && (
          <ProblemAlert problem={saveSubmit.problem} shownFields={Object.keys(serverErrors)} />
        )}
        {checkProblems.length > 0 && (
          <Alert color="red" variant="light" role="alert" title="Not ready to sign">
            <Text size="sm">
              {checkProblems.length} field{checkProblems.length === 1 ? ' needs' : 's need'} attention: see
              the messages next to them.
            </Text>
          </Alert>
        )}
        {signSubmit.problem?.code === 'VALIDATION_FAILED' && (
          <ProblemAlert problem={signSubmit.problem} shownFields={Object.keys(serverErrors)} />
        )}
        {notice && (
          <Text size="sm" role="status">
            {notice}
          </Text>
        )}
        {suggestSubmit.problem && <ProblemAlert problem={suggestSubmit.problem} />}

        {isReview && draft.reviewOf && (
          <section aria-labelledby="review-progress">
            <Title order={4} id="review-progress">
              Progress since version {draft.reviewOf.number}
            </Title>
            <Stack gap="sm" mt="xs">
              {draft.reviewOf.objectives.map((o, n) => {
                const at = `progress/${progressIndex.get(o.objectiveId) ?? n}`;
                const entry = state.progress.find((p) => p.objectiveId === o.objectiveId);
                return (
                  <Fieldset key={o.objectiveId} legend={`Objective: ${o.statement}`}>
                    <Stack gap="xs">
                      <Text size="sm" c="dimmed">
                        Goal: “{o.goal}” — Problem: {o.problem}
                      </Text>
                      <AddressingNotes objective={o} />
                      <Group align="flex-start" grow>
                        <NativeSelect
                          label={`Progress on objective ${n + 1}`}
                          maw={220}
                          value={entry?.status ?? ''}
                          error={errors[`${at}/status`]}
                          data={[
                            { value: '', label: 'Choose…' },
                            ...PROGRESS_STATUSES.map((s) => ({ value: s, label: PROGRESS_LABELS[s] })),
                          ]}
                          onChange={(e) => {
                            const value = e.currentTarget.value;
                            const status =
                              PROGRESS_STATUSES.find((s): s is ProgressStatus => s === value) ?? null;
                            change({ progress: setProgress(state.progress, o.objectiveId, { status }) });
                          }}
                        />
                        <Textarea
                          label={`Comment on objective ${n + 1}`}
                          autosize
                          minRows={1}
                          value={entry?.comment ?? ''}
                          error={errors[`${at}/comment`]}
                          onChange={(e) =>
                            change({
                              progress: setProgress(state.progress, o.objectiveId, {
                                comment: e.currentTarget.value,
                              }),
                            })
                          }
                        />
                      </Group>
                    </Stack>
                  </Fieldset>
                );
              })}
            </Stack>
          </section>
        )}

        {errors['content/problems'] && (
          <Text size="sm" c="red.8">
            Problems: {errors['content/problems']}
          </Text>
        )}
        {state.content.problems.map((problem, p) => (
          <ProblemFields
            key={problem.id}
            problem={problem}
            p={p}
            content={state.content}
            errors={errors}
            staff={staff}
            diagnoses={diagnoses}
            defaultResponsible={patient.primaryClinician?.id ?? me.id}
            onChange={(content) => change({ content })}
            onRemove={(where) => change({ content: removeAt(state.content, where) }, removalLabel(where))}
          />
        ))}
        {state.content.problems.length === 0 && (
          <Text size="sm" c="dimmed">
            No problems yet. Start from the placement, add one from the template library, or write one.
          </Text>
        )}

        {lastStep && (
          <Group gap="xs" role="status">
            <Text size="sm">{lastStep.label}.</Text>
            <Button size="xs" variant="default" onClick={() => setState(undo)}>
              Undo
            </Button>
          </Group>
        )}

        <Group gap="xs" align="flex-end">
          <Button
            variant="light"
            onClick={() => change({ content: addProblems(state.content, [blankProblem(newId)]) })}
          >
            Add problem
          </Button>
          <Button variant="light" onClick={() => void addFromPlacement()} loading={suggestSubmit.pending}>
            Start from placement
          </Button>
          <NativeSelect
            label="Template"
            value={templateKey}
            onChange={(e) => setTemplateKey(e.currentTarget.value)}
            data={[
              { value: '', label: 'Choose a template…' },
              ...templates.map((t) => ({ value: t.key, label: t.name })),
            ]}
          />
          <Button variant="light" onClick={addFromTemplate} disabled={templateKey === ''}>
            Add from template
          </Button>
        </Group>

        <Group justify="space-between">
          <Group gap="xs">
            <Button onClick={() => void save()} loading={saveSubmit.pending}>
              Save draft
            </Button>
            {maySignReason === null && (
              <Button color="success" onClick={() => void startSigning()}>
                Sign plan
              </Button>
            )}
          </Group>
          <ConfirmButton
            variant="subtle"
            title="Discard this draft?"
            message="The draft is deleted. Signed versions are not affected."
            confirmLabel="Discard draft"
            onConfirm={async () => {
              const result = await discardSubmit.run();
              if (result.ok) onDiscarded();
            }}
          >
            Discard…
          </ConfirmButton>
        </Group>
        {maySignReason !== null && (
          <Text size="sm" c="dimmed">
            {maySignReason}
          </Text>
        )}
        {discardSubmit.problem && <ProblemAlert problem={discardSubmit.problem} />}
      </Stack>
      <SignDialog
        opened={signing}
        title="Sign the treatment plan"
        confirmLabel="Sign"
        pending={signSubmit.pending}
        problem={signSubmit.problem?.code === 'VALIDATION_FAILED' ? null : signSubmit.problem}
        onClose={() => setSigning(false)}
        onSign={(proof) => void sign(proof)}
      >
        Signing locks version {draft.number} of {patient.firstName} {patient.lastName}'s plan. Confirm it is
        you.
      </SignDialog>
    </Paper>
  );
};

const emptyProblem: ProblemDetails = {
  type: 'about:blank',
  title: '',
  status: 400,
  code: 'CHECK',
  detail: '',
};
