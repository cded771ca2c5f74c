import {
  Button,
  Checkbox,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { CreateDiagnosisBody, Diagnosis } from '../../../core/api/admission.js';
import type { Patient } from '../../../core/api/patients.js';
import { suggestCodes } from '../../../core/diagnoses/icd10.js';
import {
  DSM5_CRITERIA_MAX,
  DSM5_CRITERIA_MIN,
  SEVERITY_LABELS,
  severityFromCriteria,
} from '../../../core/diagnoses/severity.js';
import {
  MAINTENANCE_SUBSTANCES,
  SPECIFIER_LABELS,
  SPECIFIERS,
  type Specifier,
  isSpecifier,
} from '../../../core/diagnoses/specifiers.js';
import {
  SUBSTANCE_CATEGORY,
  SUBSTANCE_LABELS,
  SUBSTANCES,
  type Substance,
} from '../../../core/diagnoses/substances.js';
import { checkDiagnosis } from '../../../core/diagnoses/validate.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { todayIn } from '../../lib/dates.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';

const FIELDS = ['substance', 'icd10Code', 'dsm5Criteria', 'specifiers', 'diagnosedOn'];

const SEVERITY_RANGES = { mild: '2–3 criteria', moderate: '4–5 criteria', severe: '6 or more criteria' };

interface DiagnosisFormProps {
  patient: Patient;
  onSaved: (diagnosis: Diagnosis) => void;
  onCancel: () => void;
}

/** A new diagnosis: substance, DSM-5 criteria (severity shown as you count), specifiers and the ICD-10-CM code. */
export const DiagnosisForm = ({ patient, onSaved, onCancel }: DiagnosisFormProps) => {
  const api = useApi();
  const today = todayIn(patient.siteTimeZone);
  const [substance, setSubstance] = useState<Substance | ''>('');
  const [criteria, setCriteria] = useState('');
  const [specifiers, setSpecifiers] = useState<Specifier[]>([]);
  const [code, setCode] = useState('');
  const [codeTouched, setCodeTouched] = useState(false);
  const [diagnosedOn, setDiagnosedOn] = useState(today);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const diagnose = useSubmit((body: CreateDiagnosisBody) => api.admission.diagnose(patient.id, body));
  const errors = { ...diagnose.errors, ...localErrors };

  const count = criteria === '' ? null : Number(criteria);
  const severity = count === null ? null : severityFromCriteria(count);
  const suggestions = substance ? suggestCodes(substance, severity, specifiers) : [];
  const maintenanceApplies = substance !== '' && MAINTENANCE_SUBSTANCES.includes(substance);

  // The code follows the best suggestion until the user types one of their own.
  const shownCode = codeTouched ? code : (suggestions[0]?.code ?? '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!substance) found['substance'] = 'Choose the substance.';
    if (count === null) found['dsm5Criteria'] = 'Choose how many DSM-5 criteria are met.';
    if (!shownCode.trim()) found['icd10Code'] = 'Enter the ICD-10-CM code.';
    if (!diagnosedOn) found['diagnosedOn'] = 'Enter the date of the diagnosis.';
    if (substance && count !== null && shownCode.trim() && diagnosedOn) {
      const check = checkDiagnosis(
        { substance, icd10Code: shownCode, dsm5Criteria: count, specifiers, diagnosedOn },
        today,
      );
      if (!check.ok) for (const f of check.fields) found[f.field.slice(1)] ??= f.message;
    }
    setLocalErrors(found);
    if (Object.keys(found).length > 0 || !substance || count === null) return;
    const result = await diagnose.run({
      substance,
      icd10Code: shownCode.trim(),
      dsm5Criteria: count,
      specifiers,
      diagnosedOn,
    });
    if (result.ok) onSaved(result.value);
  };

  const toggleSpecifier = (values: string[]) => {
    const next = values.filter(isSpecifier);
    // Early and sustained remission exclude each other: the newest choice wins.
    const added = next.find((s) => !specifiers.includes(s));
    const exclusive =
      added === 'in_early_remission'
        ? 'in_sustained_remission'
        : added === 'in_sustained_remission'
          ? 'in_early_remission'
          : null;
    setSpecifiers(next.filter((s) => s !== exclusive));
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="new-diagnosis-title">
      <Stack gap="sm">
        <Title order={3} size="h5" id="new-diagnosis-title">
          New diagnosis
        </Title>
        <ProblemAlert problem={diagnose.problem} shownFields={FIELDS} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NativeSelect
            label="Substance"
            required
            data={[
              { value: '', label: 'Choose a substance' },
              ...SUBSTANCES.map((s) => ({
                value: s,
                label: `${SUBSTANCE_LABELS[s]} (${SUBSTANCE_CATEGORY[s]})`,
              })),
            ]}
            value={substance}
            onChange={(event) => {
              const next = SUBSTANCES.find((s) => s === event.currentTarget.value) ?? '';
              setSubstance(next);
              if (next && !MAINTENANCE_SUBSTANCES.includes(next))
                setSpecifiers((current) => current.filter((s) => s !== 'on_maintenance_therapy'));
            }}
            error={errors['substance']}
          />
          <NativeSelect
            label="DSM-5 criteria met"
            description={`Of ${DSM5_CRITERIA_MAX}, in the same 12 months`}
            required
            data={[
              { value: '', label: 'Choose a count' },
              ...Array.from({ length: DSM5_CRITERIA_MAX + 1 }, (_, n) => ({
                value: String(n),
                label: String(n),
              })),
            ]}
            value={criteria}
            onChange={(event) => setCriteria(event.currentTarget.value)}
            error={errors['dsm5Criteria']}
          />
          <TextInput
            label="Date of diagnosis"
            type="date"
            required
            value={diagnosedOn}
            max={today}
            onChange={(event) => setDiagnosedOn(event.currentTarget.value)}
            error={errors['diagnosedOn']}
          />
        </SimpleGrid>
        <Text size="sm" aria-live="polite" data-testid="severity-preview">
          {count === null
            ? 'Severity follows from the number of criteria.'
            : severity
              ? `Severity: ${SEVERITY_LABELS[severity]} (${SEVERITY_RANGES[severity]})`
              : `Fewer than ${DSM5_CRITERIA_MIN} criteria is not a use disorder.`}
        </Text>
        <Checkbox.Group
          label="Specifiers"
          description="Remission counts from when criteria were last met: early 3–12 months, sustained 12 months or more."
          value={specifiers}
          onChange={toggleSpecifier}
          error={errors['specifiers']}
        >
          <Group gap="md" mt={6}>
            {SPECIFIERS.map((s) => (
              <Checkbox
                key={s}
                value={s}
                label={SPECIFIER_LABELS[s]}
                disabled={s === 'on_maintenance_therapy' && !maintenanceApplies}
                description={
                  s === 'on_maintenance_therapy' && !maintenanceApplies ? 'Opioid or tobacco only' : undefined
                }
              />
            ))}
          </Group>
        </Checkbox.Group>
        <TextInput
          label="ICD-10-CM code"
          required
          w={{ base: '100%', sm: 240 }}
          description={
            substance
              ? `${SUBSTANCE_LABELS[substance]} use disorders are coded ${SUBSTANCE_CATEGORY[substance]}.xx`
              : 'Choose a substance for suggestions'
          }
          value={shownCode}
          maxLength={10}
          onChange={(event) => {
            setCodeTouched(true);
            setCode(event.currentTarget.value);
          }}
          error={errors['icd10Code']}
        />
        {substance && (
          <div aria-live="polite">
            {suggestions.length > 0 ? (
              <Group gap="xs" role="group" aria-label="Suggested codes">
                <Text size="xs" c="dimmed">
                  Suggested:
                </Text>
                {suggestions.map((s) => {
                  const chosen = shownCode.trim().toUpperCase() === s.code;
                  return (
                    <Button
                      key={s.code}
                      size="compact-xs"
                      variant={chosen ? 'filled' : 'light'}
                      aria-pressed={chosen}
                      onClick={() => {
                        setCodeTouched(true);
                        setCode(s.code);
                      }}
                    >
                      {s.code} · {s.label}
                    </Button>
                  );
                })}
              </Group>
            ) : (
              <Text size="xs" c="dimmed">
                A mild tobacco use disorder is coded Z72.0, outside F10–F19, and is not recorded here.
              </Text>
            )}
          </div>
        )}
        <Group>
          <Button type="submit" loading={diagnose.pending}>
            Save diagnosis
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
