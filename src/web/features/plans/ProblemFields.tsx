import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { PLAN_MODALITIES, type PlanContent, type PlanProblem } from '../../../core/api/plans.js';
import { DIMENSIONS, DIMENSION_IDS } from '../../../core/placement/ruleTable.js';
import type { StaffOption } from '../../api/types.js';
import { humanize } from '../../lib/format.js';
import {
  addGoal,
  addIntervention,
  addObjective,
  blankGoal,
  blankIntervention,
  blankObjective,
  changeGoal,
  changeIntervention,
  changeObjective,
  changeProblem,
  type Where,
} from './planEditorState.js';

export interface ProblemFieldsProps {
  problem: PlanProblem;
  p: number;
  content: PlanContent;
  errors: Record<string, string>;
  staff: readonly StaffOption[];
  diagnoses: readonly { id: string; label: string }[];
  defaultResponsible: string | null;
  onChange: (content: PlanContent) => void;
  onRemove: (where: Where) => void;
}

const newId = () => crypto.randomUUID();

/** One problem with its goals, objectives and interventions; labels number every field (1.2.1). */
export const ProblemFields = ({
  problem,
  p,
  content,
  errors,
  staff,
  diagnoses,
  defaultResponsible,
  onChange,
  onRemove,
}: ProblemFieldsProps) => {
  const at = `content/problems/${p}`;
  const n = p + 1;
  return (
    <Fieldset legend={`Problem ${n}`}>
      <Stack gap="sm">
        <Textarea
          label={`Problem ${n} statement`}
          autosize
          minRows={2}
          value={problem.statement}
          error={errors[`${at}/statement`]}
          onChange={(e) => onChange(changeProblem(content, { p }, { statement: e.currentTarget.value }))}
        />
        <Checkbox.Group
          label={`Placement dimensions of problem ${n}`}
          value={problem.dimensions}
          error={errors[`${at}/dimensions`]}
          onChange={(v) =>
            onChange(
              changeProblem(content, { p }, { dimensions: DIMENSION_IDS.filter((d) => v.includes(d)) }),
            )
          }
        >
          <Group gap="md" mt={4}>
            {DIMENSION_IDS.map((d) => (
              <Checkbox key={d} value={d} label={`${DIMENSIONS[d].number}. ${DIMENSIONS[d].label}`} />
            ))}
          </Group>
        </Checkbox.Group>
        {diagnoses.length > 0 && (
          <Checkbox.Group
            label={`Diagnoses of problem ${n}`}
            value={problem.diagnosisIds}
            onChange={(v) => onChange(changeProblem(content, { p }, { diagnosisIds: v }))}
          >
            <Group gap="md" mt={4}>
              {diagnoses.map((d) => (
                <Checkbox key={d.id} value={d.id} label={d.label} />
              ))}
            </Group>
          </Checkbox.Group>
        )}
        {errors[`${at}/goals`] && (
          <Text size="sm" c="red.8">
            Goals: {errors[`${at}/goals`]}
          </Text>
        )}
        {problem.goals.map((goal, g) => {
          const gAt = `${at}/goals/${g}`;
          const gn = `${n}.${g + 1}`;
          return (
            <Fieldset key={goal.id} legend={`Goal ${gn}`} variant="filled">
              <Stack gap="sm">
                <Textarea
                  label={`Goal ${gn} in the patient's own words`}
                  description={
                    goal.prompt
                      ? `Ask: ${goal.prompt}`
                      : 'Write what the patient says they want, in their words.'
                  }
                  autosize
                  minRows={1}
                  value={goal.statement}
                  error={errors[`${gAt}/statement`]}
                  onChange={(e) =>
                    onChange(changeGoal(content, { p, g }, { statement: e.currentTarget.value }))
                  }
                />
                {errors[`${gAt}/objectives`] && (
                  <Text size="sm" c="red.8">
                    Objectives: {errors[`${gAt}/objectives`]}
                  </Text>
                )}
                {goal.objectives.map((objective, o) => {
                  const oAt = `${gAt}/objectives/${o}`;
                  const on = `${gn}.${o + 1}`;
                  return (
                    <Fieldset key={objective.id} legend={`Objective ${on}`}>
                      <Stack gap="xs">
                        <Group align="flex-start" grow>
                          <Textarea
                            label={`Objective ${on}, measurable`}
                            autosize
                            minRows={1}
                            value={objective.statement}
                            error={errors[`${oAt}/statement`]}
                            onChange={(e) =>
                              onChange(
                                changeObjective(content, { p, g, o }, { statement: e.currentTarget.value }),
                              )
                            }
                          />
                          <TextInput
                            type="date"
                            label={`Target date of objective ${on}`}
                            maw={200}
                            value={objective.targetDate ?? ''}
                            error={errors[`${oAt}/targetDate`]}
                            onChange={(e) =>
                              onChange(
                                changeObjective(
                                  content,
                                  { p, g, o },
                                  { targetDate: e.currentTarget.value || null },
                                ),
                              )
                            }
                          />
                        </Group>
                        {errors[`${oAt}/interventions`] && (
                          <Text size="sm" c="red.8">
                            Interventions: {errors[`${oAt}/interventions`]}
                          </Text>
                        )}
                        {objective.interventions.map((intervention, i) => {
                          const iAt = `${oAt}/interventions/${i}`;
                          const inum = `${on}.${i + 1}`;
                          const w = { p, g, o, i };
                          return (
                            <Group key={intervention.id} align="flex-end" gap="xs" wrap="wrap">
                              <TextInput
                                label={`Intervention ${inum}`}
                                miw={220}
                                style={{ flex: 2 }}
                                value={intervention.description}
                                error={errors[`${iAt}/description`]}
                                onChange={(e) =>
                                  onChange(
                                    changeIntervention(content, w, { description: e.currentTarget.value }),
                                  )
                                }
                              />
                              <NativeSelect
                                label={`Modality of intervention ${inum}`}
                                value={intervention.modality}
                                data={PLAN_MODALITIES.map((m) => ({ value: m, label: humanize(m) }))}
                                onChange={(e) =>
                                  onChange(
                                    changeIntervention(content, w, {
                                      modality:
                                        PLAN_MODALITIES.find((m) => m === e.currentTarget.value) ?? 'group',
                                    }),
                                  )
                                }
                              />
                              <TextInput
                                label={`Frequency of intervention ${inum}`}
                                placeholder="e.g. 3 times a week"
                                value={intervention.frequency}
                                error={errors[`${iAt}/frequency`]}
                                onChange={(e) =>
                                  onChange(
                                    changeIntervention(content, w, { frequency: e.currentTarget.value }),
                                  )
                                }
                              />
                              <NativeSelect
                                label={`Responsible for intervention ${inum}`}
                                value={intervention.responsibleUserId ?? ''}
                                error={errors[`${iAt}/responsibleUserId`]}
                                data={[
                                  { value: '', label: 'Choose…' },
                                  ...staff.map((s) => ({ value: s.id, label: s.displayName })),
                                ]}
                                onChange={(e) =>
                                  onChange(
                                    changeIntervention(content, w, {
                                      responsibleUserId: e.currentTarget.value || null,
                                    }),
                                  )
                                }
                              />
                              <Button variant="subtle" color="red" size="xs" onClick={() => onRemove(w)}>
                                Remove intervention {inum}
                              </Button>
                            </Group>
                          );
                        })}
                        <Group gap="xs">
                          <Button
                            variant="light"
                            size="xs"
                            onClick={() =>
                              onChange(
                                addIntervention(
                                  content,
                                  { p, g, o },
                                  blankIntervention(newId, defaultResponsible),
                                ),
                              )
                            }
                          >
                            Add intervention to objective {on}
                          </Button>
                          <Button
                            variant="subtle"
                            color="red"
                            size="xs"
                            onClick={() => onRemove({ p, g, o })}
                          >
                            Remove objective {on}
                          </Button>
                        </Group>
                      </Stack>
                    </Fieldset>
                  );
                })}
                <Group gap="xs">
                  <Button
                    variant="light"
                    size="xs"
                    onClick={() => onChange(addObjective(content, { p, g }, blankObjective(newId)))}
                  >
                    Add objective to goal {gn}
                  </Button>
                  <Button variant="subtle" color="red" size="xs" onClick={() => onRemove({ p, g })}>
                    Remove goal {gn}
                  </Button>
                </Group>
              </Stack>
            </Fieldset>
          );
        })}
        <Group gap="xs">
          <Button
            variant="light"
            size="xs"
            onClick={() => onChange(addGoal(content, { p }, blankGoal(newId)))}
          >
            Add goal to problem {n}
          </Button>
          <Button variant="subtle" color="red" size="xs" onClick={() => onRemove({ p })}>
            Remove problem {n}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
};
