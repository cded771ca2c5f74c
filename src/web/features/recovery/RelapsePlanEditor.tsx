import { Badge, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { Patient } from '../../../core/api/patients.js';
import type { RelapsePreventionPlan, SupportContact } from '../../../core/api/recovery.js';
import { formatPhone } from '../../../core/recovery/phone.js';
import { type ItemSection, type PlanDraft, SECTION_LABELS } from '../../../core/recovery/relapsePlan.js';
import { relationshipLabel } from '../../../core/recovery/supportContacts.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { TextLink } from '../../components/TextLink.js';
import { formatInstant } from '../../lib/dates.js';
import { isStale, useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';
import { CrisisLinesEditor } from './CrisisLinesEditor.js';
import { ItemListEditor } from './ItemListEditor.js';
import { draftFromVersion, sameDraft } from './planForm.js';
import { RelapsePlanPdfLink } from './RelapsePlanPdfLink.js';

const LISTS: { section: ItemSection; itemName: string; hint: string }[] = [
  {
    section: 'triggers',
    itemName: 'trigger',
    hint: 'People, places, feelings or times that raise the urge to use.',
  },
  {
    section: 'warningSigns',
    itemName: 'warning sign',
    hint: 'Early signs, in the patient’s words, that things are slipping.',
  },
  { section: 'copingStrategies', itemName: 'coping strategy', hint: 'What the patient will do instead.' },
];

interface RelapsePlanEditorProps {
  patient: Patient;
  plan: RelapsePreventionPlan;
  contacts: SupportContact[];
  canEdit: boolean;
  /** The plan as saved, or as found when a save was refused because someone else saved first. */
  onPlan: (plan: RelapsePreventionPlan) => void;
}

/**
 * The relapse prevention plan editor (SPEC §9). Saving a changed plan makes a new version. When
 * someone else saved first, the server refuses; the newest plan is loaded into the history and the
 * form keeps what was typed, so the next save (after a look at their version) loses nothing.
 */
export const RelapsePlanEditor = ({ patient, plan, contacts, canEdit, onPlan }: RelapsePlanEditorProps) => {
  const api = useApi();
  const [base, setBase] = useState(() => ({
    version: plan.version,
    draft: draftFromVersion(plan.current, contacts),
    visible: plan.patientVisible,
  }));
  const [draft, setDraft] = useState<PlanDraft>(base.draft);
  const [visible, setVisible] = useState(base.visible);
  const [saved, setSaved] = useState<string | null>(null);
  const [staleAt, setStaleAt] = useState<number | null>(null);
  const save = useSubmit(() =>
    api.recovery.savePlan(patient.id, { version: base.version, patientVisible: visible, content: draft }),
  );
  const dirty = !sameDraft(draft, base.draft) || visible !== base.visible;
  const errors = save.errors;
  const errorFor = (prefix: string): string | undefined =>
    Object.entries(errors).find(([key]) => key === prefix || key.startsWith(`${prefix}/`))?.[1];
  const set = <K extends keyof PlanDraft>(key: K, value: PlanDraft[K]) => {
    setSaved(null);
    setDraft((d) => ({ ...d, [key]: value }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await save.run();
    if (result.ok) {
      const next = result.value;
      const nextDraft = draftFromVersion(next.current, contacts);
      setBase({ version: next.version, draft: nextDraft, visible: next.patientVisible });
      setDraft(nextDraft);
      setStaleAt(null);
      setSaved(
        next.current && next.current.versionNumber !== plan.current?.versionNumber
          ? `Saved as version ${next.current.versionNumber}.`
          : 'Saved.',
      );
      onPlan(next);
    } else if (isStale(result)) {
      const latest = await api.recovery.plan(patient.id);
      setBase((b) => ({ ...b, version: latest.version }));
      setStaleAt(latest.current?.versionNumber ?? null);
      onPlan(latest);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="plan-editor-title">
      <Stack gap="md">
        <Group justify="space-between" align="center">
          <Group gap="xs">
            <Title order={2} size="h4" id="plan-editor-title">
              Relapse prevention plan
            </Title>
            {plan.current && <Badge variant="outline">Version {plan.current.versionNumber}</Badge>}
            {plan.patientVisible && (
              <Badge color="success" variant="light">
                Patient-visible
              </Badge>
            )}
          </Group>
          {plan.current && (
            <Group gap="md">
              <TextLink to={`/patients/${patient.id}/recovery/print`}>Print view</TextLink>
              <RelapsePlanPdfLink patientId={patient.id} versionNumber={plan.current.versionNumber} />
            </Group>
          )}
        </Group>
        {plan.current ? (
          <Text size="xs" c="dimmed">
            Version {plan.current.versionNumber} saved{' '}
            {formatInstant(plan.current.savedAt, patient.siteTimeZone)} by {plan.current.savedBy.displayName}.
          </Text>
        ) : (
          <Text size="sm">
            No plan yet. Write it with the patient, in their words; the 988 Suicide &amp; Crisis Lifeline is
            already in the crisis lines.
          </Text>
        )}
        {save.problem && (
          <ProblemAlert
            problem={save.problem}
            shownFields={Object.keys(errors)}
            staleMessage={
              staleAt !== null
                ? `Someone else saved version ${staleAt} while you were editing. Your changes are still in the form: look at version ${staleAt} in the history below, then save again to make yours the next version.`
                : undefined
            }
          />
        )}
        {saved && (
          <Text size="sm" c="success.8" role="status">
            {saved}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
          {LISTS.map(({ section, itemName, hint }) => (
            <ItemListEditor
              key={section}
              title={SECTION_LABELS[section]}
              itemName={itemName}
              hint={hint}
              items={draft[section]}
              onChange={(items) => set(section, items)}
              readOnly={!canEdit}
              error={errorFor(`content/${section}`)}
            />
          ))}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
          <Stack gap={4}>
            <Title order={3} size="h6">
              {SECTION_LABELS.supportContacts}
            </Title>
            {contacts.length === 0 ? (
              <Text size="sm" c="dimmed">
                No support contacts recorded yet; add them below.
              </Text>
            ) : (
              <Checkbox.Group
                aria-label="Support contacts in the plan"
                value={draft.supportContactIds}
                onChange={(ids) => set('supportContactIds', ids)}
              >
                <Stack gap={4}>
                  {contacts.map((c) => (
                    <Checkbox
                      key={c.id}
                      value={c.id}
                      disabled={!canEdit}
                      label={`${c.name} (${relationshipLabel(c.relationship, c.relationshipDetail)}) — ${formatPhone(c.phone)}`}
                    />
                  ))}
                </Stack>
              </Checkbox.Group>
            )}
            {errorFor('content/supportContactIds') && (
              <Text size="xs" c="red">
                {errorFor('content/supportContactIds')}
              </Text>
            )}
            <ItemListEditor
              title={SECTION_LABELS.otherSupports}
              itemName="support"
              hint="Meetings, groups, places — anything that is not a person above."
              items={draft.otherSupports}
              onChange={(items) => set('otherSupports', items)}
              readOnly={!canEdit}
              error={errorFor('content/otherSupports')}
            />
          </Stack>
          <Stack gap="sm">
            <ItemListEditor
              title={SECTION_LABELS.crisisSteps}
              itemName="crisis step"
              hint="What to do, in order, when the urge is strong or after a use."
              items={draft.crisisSteps}
              onChange={(items) => set('crisisSteps', items)}
              readOnly={!canEdit}
              error={errorFor('content/crisisSteps')}
            />
            <CrisisLinesEditor
              lines={draft.crisisLines}
              onChange={(lines) => set('crisisLines', lines)}
              readOnly={!canEdit}
              error={errorFor('content/crisisLines')}
            />
          </Stack>
          <ItemListEditor
            title={SECTION_LABELS.reasonsForRecovery}
            itemName="reason"
            items={draft.reasonsForRecovery}
            onChange={(items) => set('reasonsForRecovery', items)}
            readOnly={!canEdit}
            error={errorFor('content/reasonsForRecovery')}
          />
        </SimpleGrid>
        {canEdit && (
          <Paper withBorder p="sm">
            <Group justify="space-between">
              <Checkbox
                label="Patient-visible (shown to the patient in the portal)"
                checked={visible}
                onChange={(event) => {
                  setSaved(null);
                  setVisible(event.currentTarget.checked);
                }}
              />
              <Group gap="sm">
                {dirty && (
                  <Text size="sm" c="dimmed">
                    Unsaved changes
                  </Text>
                )}
                <Button type="submit" loading={save.pending} disabled={!dirty}>
                  Save plan
                </Button>
              </Group>
            </Group>
          </Paper>
        )}
      </Stack>
    </form>
  );
};
