import {
  Badge,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import { PLAN_MODALITIES, type PlanTemplate, type PlanTemplateContent } from '../../../core/api/plans.js';
import { DIMENSIONS, DIMENSION_IDS, type Dimension } from '../../../core/placement/ruleTable.js';
import { AsyncState } from '../../components/AsyncState.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { humanize } from '../../lib/format.js';
import { useResource } from '../../lib/useResource.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';

interface TemplateDraft {
  name: string;
  dimension: Dimension;
  active: boolean;
  content: PlanTemplateContent;
}

const blankDraft = (): TemplateDraft => ({
  name: '',
  dimension: 'd5',
  active: true,
  content: {
    problem: '',
    goals: [{ prompt: '', objectives: [{ statement: '', targetDays: 30, interventions: [] }] }],
  },
});

/** Edits one template: the problem, goal questions, objectives with their target in days, interventions. */
const TemplateForm = ({
  initial,
  template,
  onDone,
}: {
  initial: TemplateDraft;
  template: PlanTemplate | null;
  onDone: () => void;
}) => {
  const api = useApi();
  const [draft, setDraft] = useState(initial);
  const submit = useSubmit(() =>
    template
      ? api.treatmentPlans.updateTemplate(template.id, { version: template.version, ...draft })
      : api.treatmentPlans.createTemplate({
          name: draft.name,
          dimension: draft.dimension,
          content: draft.content,
        }),
  );
  const content = draft.content;
  const setContent = (next: PlanTemplateContent) => setDraft({ ...draft, content: next });
  const goals = content.goals;
  const setGoal = (g: number, patch: Partial<PlanTemplateContent['goals'][number]>) =>
    setContent({ ...content, goals: goals.map((x, n) => (n === g ? { ...x, ...patch } : x)) });

  return (
    <form
      aria-label={template ? `Edit template ${template.name}` : 'New template'}
      onSubmit={(event) => {
        event.preventDefault();
        void submit.run().then((r) => r.ok && onDone());
      }}
    >
      <Stack gap="sm">
        <Group grow>
          <TextInput
            label="Name"
            required
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
          />
          <NativeSelect
            label="Dimension"
            value={draft.dimension}
            data={DIMENSION_IDS.map((d) => ({
              value: d,
              label: `${DIMENSIONS[d].number}. ${DIMENSIONS[d].label}`,
            }))}
            onChange={(e) =>
              setDraft({
                ...draft,
                dimension: DIMENSION_IDS.find((d) => d === e.currentTarget.value) ?? 'd5',
              })
            }
          />
        </Group>
        {template && (
          <Checkbox
            label="Offered to clinicians"
            checked={draft.active}
            onChange={(e) => setDraft({ ...draft, active: e.currentTarget.checked })}
          />
        )}
        <Textarea
          label="Problem"
          required
          autosize
          value={content.problem}
          onChange={(e) => setContent({ ...content, problem: e.currentTarget.value })}
        />
        {goals.map((goal, g) => (
          <Fieldset key={g} legend={`Goal ${g + 1}`}>
            <Stack gap="xs">
              <TextInput
                label={`Question for goal ${g + 1}`}
                description="Helps the patient put the goal in their own words"
                required
                value={goal.prompt}
                onChange={(e) => setGoal(g, { prompt: e.currentTarget.value })}
              />
              {goal.objectives.map((objective, o) => {
                const setObjective = (patch: Partial<typeof objective>) =>
                  setGoal(g, {
                    objectives: goal.objectives.map((x, n) => (n === o ? { ...x, ...patch } : x)),
                  });
                const label = `${g + 1}.${o + 1}`;
                return (
                  <Fieldset key={o} legend={`Objective ${label}`} variant="filled">
                    <Stack gap="xs">
                      <Group grow align="flex-start">
                        <Textarea
                          label={`Objective ${label}`}
                          required
                          autosize
                          value={objective.statement}
                          onChange={(e) => setObjective({ statement: e.currentTarget.value })}
                        />
                        <NumberInput
                          label={`Target in days, objective ${label}`}
                          min={1}
                          max={365}
                          maw={200}
                          value={objective.targetDays}
                          onChange={(v) => setObjective({ targetDays: typeof v === 'number' ? v : 30 })}
                        />
                      </Group>
                      {objective.interventions.map((intervention, i) => {
                        const setIntervention = (patch: Partial<typeof intervention>) =>
                          setObjective({
                            interventions: objective.interventions.map((x, n) =>
                              n === i ? { ...x, ...patch } : x,
                            ),
                          });
                        const il = `${label}.${i + 1}`;
                        return (
                          <Group key={i} align="flex-end" gap="xs">
                            <TextInput
                              label={`Intervention ${il}`}
                              required
                              value={intervention.description}
                              onChange={(e) => setIntervention({ description: e.currentTarget.value })}
                            />
                            <NativeSelect
                              label={`Modality ${il}`}
                              value={intervention.modality}
                              data={PLAN_MODALITIES.map((m) => ({ value: m, label: humanize(m) }))}
                              onChange={(e) =>
                                setIntervention({
                                  modality:
                                    PLAN_MODALITIES.find((m) => m === e.currentTarget.value) ?? 'group',
                                })
                              }
                            />
                            <TextInput
                              label={`Frequency ${il}`}
                              required
                              value={intervention.frequency}
                              onChange={(e) => setIntervention({ frequency: e.currentTarget.value })}
                            />
                            <Button
                              variant="subtle"
                              color="red"
                              size="xs"
                              onClick={() =>
                                setObjective({
                                  interventions: objective.interventions.filter((_, n) => n !== i),
                                })
                              }
                            >
                              Remove intervention {il}
                            </Button>
                          </Group>
                        );
                      })}
                      <Group gap="xs">
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() =>
                            setObjective({
                              interventions: [
                                ...objective.interventions,
                                { description: '', modality: 'group', frequency: '' },
                              ],
                            })
                          }
                        >
                          Add intervention to objective {label}
                        </Button>
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() =>
                            setGoal(g, { objectives: goal.objectives.filter((_, n) => n !== o) })
                          }
                        >
                          Remove objective {label}
                        </Button>
                      </Group>
                    </Stack>
                  </Fieldset>
                );
              })}
              <Button
                size="xs"
                variant="light"
                onClick={() =>
                  setGoal(g, {
                    objectives: [...goal.objectives, { statement: '', targetDays: 30, interventions: [] }],
                  })
                }
              >
                Add objective to goal {g + 1}
              </Button>
            </Stack>
          </Fieldset>
        ))}
        <Button
          size="xs"
          variant="light"
          onClick={() => setContent({ ...content, goals: [...goals, { prompt: '', objectives: [] }] })}
          style={{ alignSelf: 'flex-start' }}
        >
          Add goal
        </Button>
        <ProblemAlert problem={submit.problem} />
        <Group>
          <Button type="submit" loading={submit.pending}>
            Save template
          </Button>
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
};

/** The clinic's library of plan templates; administrators, directors and supervisors edit it. */
export const PlanTemplatesPage = () => {
  const api = useApi();
  const list = useResource((signal) => api.treatmentPlans.templates(signal), [api]);
  const [editing, setEditing] = useState<PlanTemplate | 'new' | null>(null);
  const done = () => {
    setEditing(null);
    list.reload();
  };
  return (
    <Stack gap="md">
      <PageTitle>Plan templates</PageTitle>
      <Text size="sm">
        Problems with goal questions, objectives and interventions that clinicians add to treatment plans.
        Starting a plan from the placement uses the first template offered for each dimension.
      </Text>
      <AsyncState state={list.state} what="plan templates" onRetry={list.reload}>
        {(data) => (
          <Stack gap="md">
            {data.mayEdit && editing === null && (
              <Group>
                <Button onClick={() => setEditing('new')}>New template</Button>
              </Group>
            )}
            {editing !== null && (
              <Paper withBorder p="md">
                <TemplateForm
                  key={editing === 'new' ? 'new' : editing.id}
                  template={editing === 'new' ? null : editing}
                  initial={
                    editing === 'new'
                      ? blankDraft()
                      : {
                          name: editing.name,
                          dimension: editing.dimension,
                          active: editing.active,
                          content: editing.content,
                        }
                  }
                  onDone={done}
                />
              </Paper>
            )}
            <Table striped aria-label="Plan templates">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Dimension</Table.Th>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Problem</Table.Th>
                  <Table.Th>Objectives</Table.Th>
                  <Table.Th>Status</Table.Th>
                  {data.mayEdit && <Table.Th>Edit</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((t) => (
                  <Table.Tr key={t.id}>
                    <Table.Td>{DIMENSIONS[t.dimension].number}</Table.Td>
                    <Table.Td>{t.name}</Table.Td>
                    <Table.Td>{t.content.problem}</Table.Td>
                    <Table.Td>{t.content.goals.reduce((n, g) => n + g.objectives.length, 0)}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={t.active ? 'green' : 'gray'}>
                        {t.active ? 'Offered' : 'Retired'}
                      </Badge>
                    </Table.Td>
                    {data.mayEdit && (
                      <Table.Td>
                        <Button size="compact-xs" variant="subtle" onClick={() => setEditing(t)}>
                          Edit {t.name}
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
      </AsyncState>
    </Stack>
  );
};
