import { Button, Fieldset, Group, Modal, NativeSelect, Radio, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import {
  RISK_LEVEL_LABELS,
  RISK_LEVELS,
  type RiskLevel,
  SAFETY_OUTCOME_LABELS,
  SAFETY_OUTCOMES,
  type SafetyAssessment,
  type SafetyOutcome,
} from '../../../core/api/measures.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { isStale, useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';

export interface SafetyAssessmentTarget {
  patientId: string;
  patientName?: string | null;
  /** The safety alert this documentation closes; null to document without one. */
  alertId: string | null;
  alertTitle?: string | null;
}

interface SafetyAssessmentModalProps {
  target: SafetyAssessmentTarget | null;
  onClose: () => void;
  onSaved: (assessment: SafetyAssessment) => void;
  /** The alert changed meanwhile (someone else closed it): the caller reloads. */
  onStale?: () => void;
}

const isOutcome = (value: string): value is SafetyOutcome =>
  (SAFETY_OUTCOMES as readonly string[]).includes(value);
const isRiskLevel = (value: string): value is RiskLevel => (RISK_LEVELS as readonly string[]).includes(value);

/**
 * The suicide-risk assessment with its safety plan, or the emergency action taken (SPEC §4). Saving
 * it closes the linked safety alert: it is the only thing that does.
 */
export const SafetyAssessmentModal = ({ target, onClose, onSaved, onStale }: SafetyAssessmentModalProps) => {
  const api = useApi();
  const [outcome, setOutcome] = useState<SafetyOutcome>('safety_plan');
  const [riskLevel, setRiskLevel] = useState<RiskLevel | ''>('');
  const [assessment, setAssessment] = useState('');
  const [safetyPlan, setSafetyPlan] = useState('');
  const [emergencyAction, setEmergencyAction] = useState('');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const save = useSubmit((t: SafetyAssessmentTarget) =>
    api.measures.documentSafety(t.patientId, {
      ...(t.alertId ? { alertId: t.alertId } : {}),
      outcome,
      ...(riskLevel ? { riskLevel } : {}),
      assessment: assessment.trim(),
      ...(outcome === 'safety_plan'
        ? { safetyPlan: safetyPlan.trim() }
        : { emergencyAction: emergencyAction.trim() }),
    }),
  );
  const errors = { ...save.errors, ...localErrors };

  const reset = () => {
    setOutcome('safety_plan');
    setRiskLevel('');
    setAssessment('');
    setSafetyPlan('');
    setEmergencyAction('');
    setLocalErrors({});
    save.clear();
  };
  const close = () => {
    reset();
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!target) return;
    const found: Record<string, string> = {};
    if (!assessment.trim()) found['assessment'] = 'Describe the risk assessment: what was asked and found.';
    if (outcome === 'safety_plan' && !safetyPlan.trim())
      found['safetyPlan'] = 'Write the safety plan made with the patient.';
    if (outcome === 'emergency_action' && !emergencyAction.trim())
      found['emergencyAction'] = 'Say what emergency action was taken.';
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    const result = await save.run(target);
    if (result.ok) {
      reset();
      onSaved(result.value);
    } else if (isStale(result)) onStale?.();
  };

  return (
    <Modal opened={target !== null} onClose={close} title="Document risk assessment" centered size="lg">
      {target && (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack gap="sm">
            {(target.alertTitle || target.patientName) && (
              <Text size="sm" fw={600}>
                {[target.alertTitle, target.patientName].filter(Boolean).join(' · ')}
              </Text>
            )}
            {target.alertId && (
              <Text size="sm" c="dimmed">
                Saving this closes the safety alert.
              </Text>
            )}
            <ProblemAlert
              problem={save.problem}
              shownFields={['outcome', 'riskLevel', 'assessment', 'safetyPlan', 'emergencyAction']}
              staleMessage="This safety alert changed while you were writing (someone may have closed it). Your text is still here; check the alert and save again."
            />
            <Fieldset legend="Outcome" variant="unstyled">
              <Stack gap={6}>
                {SAFETY_OUTCOMES.map((value) => (
                  <Radio
                    key={value}
                    name="safety-outcome"
                    value={value}
                    label={SAFETY_OUTCOME_LABELS[value]}
                    checked={outcome === value}
                    onChange={(event) => {
                      if (isOutcome(event.currentTarget.value)) setOutcome(event.currentTarget.value);
                    }}
                  />
                ))}
              </Stack>
            </Fieldset>
            <NativeSelect
              label="Risk level"
              data={[
                { value: '', label: 'Not rated' },
                ...RISK_LEVELS.map((value) => ({ value, label: RISK_LEVEL_LABELS[value] })),
              ]}
              value={riskLevel}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setRiskLevel(isRiskLevel(value) ? value : '');
              }}
              error={errors['riskLevel']}
            />
            <Textarea
              label="Suicide-risk assessment"
              description="Thoughts, plan, intent, access to means, history, protective factors."
              value={assessment}
              onChange={(event) => setAssessment(event.currentTarget.value)}
              error={errors['assessment']}
              required
              autosize
              minRows={3}
              maxLength={4000}
              data-autofocus
            />
            {outcome === 'safety_plan' ? (
              <Textarea
                label="Safety plan"
                description="Warning signs, coping steps, people and places, who to call (988), making the setting safer."
                value={safetyPlan}
                onChange={(event) => setSafetyPlan(event.currentTarget.value)}
                error={errors['safetyPlan']}
                required
                autosize
                minRows={3}
                maxLength={4000}
              />
            ) : (
              <Textarea
                label="Emergency action taken"
                description="Who was called, where the patient went, who is with them."
                value={emergencyAction}
                onChange={(event) => setEmergencyAction(event.currentTarget.value)}
                error={errors['emergencyAction']}
                required
                autosize
                minRows={3}
                maxLength={2000}
              />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={save.pending}>
                Save assessment
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
};
