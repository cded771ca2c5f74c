import {
  Alert,
  Button,
  Divider,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { roleMayInquiry } from '../../../core/access/inquiryPolicy.js';
import { ROLE_LABELS } from '../../../core/access/roles.js';
import type { Inquiry, UpdateInquiryBody } from '../../../core/api/intake.js';
import { formatAge, formatAgeAgo } from '../../../core/intake/age.js';
import { SUBSTANCE_LABELS } from '../../../core/intake/fields.js';
import { isTerminalStage, SOURCE_LABELS } from '../../../core/intake/stages.js';
import { AsyncState } from '../../components/AsyncState.js';
import { Facts } from '../../components/Facts.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { TextLink } from '../../components/TextLink.js';
import { formatDate, formatInstant, todayIn, zonedToInstant } from '../../lib/dates.js';
import { orDash } from '../../lib/format.js';
import { useResource } from '../../lib/useResource.js';
import { isStale, useSubmit } from '../../lib/useSubmit.js';
import { useApi, useMe } from '../../session/SessionProvider.js';
import { InquiryPlacementSection } from '../placement/PlacementWorkspace.js';
import { ConvertSection } from './ConvertSection.js';
import { CoverageSection } from './CoverageSection.js';
import { inquiryName } from './IntakeBoardPage.js';
import { PriorityBadge, StageBadge } from './IntakeBadges.js';
import { InquiryFormFields } from './InquiryFormFields.js';
import {
  checkInquiryForm,
  INQUIRY_FORM_FIELDS,
  inquiryFormFrom,
  toUpdateInquiryBody,
} from './inquiryForm.js';
import { StageSection } from './StageSection.js';
import { WaitlistSection } from './WaitlistSection.js';

const yesNo = (value: boolean): string => (value ? 'Yes' : 'No');

interface EditProps {
  inquiry: Inquiry;
  onSaved: (inquiry: Inquiry) => void;
  onStale: () => void;
  onCancel: () => void;
}

/** Splits an instant into the date and time fields of the site's wall clock. */
const wallClock = (iso: string | null, timeZone: string): { date: string; time: string } => {
  if (!iso) return { date: '', time: '' };
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    time: `${part('hour')}:${part('minute')}`,
  };
};

const InquiryEditForm = ({ inquiry, onSaved, onStale, onCancel }: EditProps) => {
  const api = useApi();
  const [values, setValues] = useState(() => inquiryFormFrom(inquiry));
  const [assignee, setAssignee] = useState(inquiry.assignedTo?.id ?? '');
  const [assessment, setAssessment] = useState(() => wallClock(inquiry.assessmentAt, inquiry.siteTimeZone));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const staff = useResource((signal) => api.staff.list(undefined, signal), [api]);
  const save = useSubmit((body: UpdateInquiryBody) => api.intake.update(inquiry.id, body));
  const today = todayIn(inquiry.siteTimeZone);
  const errors = { ...save.errors, ...localErrors };
  const scheduled = inquiry.stage === 'assessment_scheduled';
  const assignable = (staff.state.data ?? []).filter((u) => roleMayInquiry(u.role, 'inquiry.write'));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkInquiryForm(values, today);
    const assessmentAt = scheduled
      ? zonedToInstant(assessment.date, assessment.time, inquiry.siteTimeZone)
      : null;
    if (scheduled && !assessmentAt) found['assessmentAt'] = 'Give the date and time of the assessment.';
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    const result = await save.run({
      ...toUpdateInquiryBody(values, inquiry.version),
      assignedUserId: assignee || null,
      ...(assessmentAt ? { assessmentAt } : {}),
    });
    if (result.ok) onSaved(result.value);
    else if (isStale(result)) onStale();
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        <Title order={2} size="h4">
          Edit inquiry
        </Title>
        <ProblemAlert
          problem={save.problem}
          shownFields={[...INQUIRY_FORM_FIELDS, 'assignedUserId', 'assessmentAt']}
        />
        <Group align="flex-start">
          <NativeSelect
            label="Assigned to"
            data={[
              { value: '', label: 'Nobody' },
              ...assignable.map((u) => ({ value: u.id, label: `${u.displayName} (${ROLE_LABELS[u.role]})` })),
            ]}
            value={assignee}
            onChange={(event) => setAssignee(event.currentTarget.value)}
            error={errors['assignedUserId']}
            disabled={staff.state.data === undefined}
            w={{ base: '100%', sm: 360 }}
          />
          {scheduled && (
            <>
              <TextInput
                label="Assessment date"
                type="date"
                value={assessment.date}
                onChange={(event) => setAssessment((a) => ({ ...a, date: event.currentTarget.value }))}
                error={errors['assessmentAt']}
              />
              <TextInput
                label="Assessment time"
                description={`Site time (${inquiry.siteTimeZone})`}
                type="time"
                value={assessment.time}
                onChange={(event) => setAssessment((a) => ({ ...a, time: event.currentTarget.value }))}
              />
            </>
          )}
        </Group>
        <InquiryFormFields
          values={values}
          onChange={(patch) => setValues((v) => ({ ...v, ...patch }))}
          errors={errors}
          maxDate={today}
          showSource={false}
        />
        <Group>
          <Button type="submit" loading={save.pending}>
            Save changes
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
};

const Summary = ({ inquiry }: { inquiry: Inquiry }) => (
  <Stack gap="sm">
    <Facts
      items={[
        ['Source', SOURCE_LABELS[inquiry.source]],
        [
          'Came in',
          `${formatInstant(inquiry.createdAt, inquiry.siteTimeZone)} (${formatAgeAgo(inquiry.ageMinutes)})`,
        ],
        ['Site', inquiry.siteName],
        ['Date of birth', formatDate(inquiry.dateOfBirth)],
        ['Phone', orDash(inquiry.phone)],
        ['Email', orDash(inquiry.email)],
        ['Best time to call', orDash(inquiry.contactWindow)],
        ['Language', inquiry.preferredLanguage === 'es' ? 'Spanish' : 'English'],
        [
          'Contact preferences',
          `Voicemail: ${yesNo(inquiry.contactPreferences.voicemailOk)} · Texts: ${yesNo(inquiry.contactPreferences.textsOk)} · Name the clinic: ${yesNo(inquiry.contactPreferences.nameClinicOk)}`,
        ],
        ['Agreed to be contacted', yesNo(inquiry.consentToContact)],
        [
          'Referred by',
          orDash([inquiry.referrerName, inquiry.referrerOrganization].filter(Boolean).join(', ')),
        ],
        ['Assigned to', inquiry.assignedTo?.displayName ?? '—'],
        [
          'Assessment',
          inquiry.assessmentAt ? formatInstant(inquiry.assessmentAt, inquiry.siteTimeZone) : '—',
        ],
        ['Preferred schedule', orDash(inquiry.preferredSchedule)],
        ['Substances mentioned', inquiry.substances.map((s) => SUBSTANCE_LABELS[s]).join(', ') || '—'],
      ]}
    />
    {inquiry.presentingConcern && (
      <div>
        <Text size="xs" c="dimmed" fw={600}>
          Reason for calling
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {inquiry.presentingConcern}
        </Text>
      </div>
    )}
    {inquiry.notes && (
      <div>
        <Text size="xs" c="dimmed" fw={600}>
          Notes
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {inquiry.notes}
        </Text>
      </div>
    )}
  </Stack>
);

/** One inquiry: what was gathered, its stage, waitlist, coverage, and conversion into a patient. */
export const InquiryPage = ({ inquiryId }: { inquiryId: string }) => {
  const api = useApi();
  const me = useMe();
  const resource = useResource((signal) => api.intake.get(inquiryId, signal), [api, inquiryId]);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const mayWrite = roleMayInquiry(me.role, 'inquiry.write');
  const mayConvert = roleMayInquiry(me.role, 'inquiry.convert');

  const changed = (message: string) => (inquiry: Inquiry) => {
    resource.setData(inquiry);
    setEditing(false);
    setNotice(message);
  };
  const stale = () => {
    setNotice(null);
    resource.reload();
  };

  return (
    <AsyncState state={resource.state} what="the inquiry" onRetry={resource.reload}>
      {(inquiry) => (
        <Stack gap="md" maw={1100}>
          <Text size="sm">
            <TextLink to="/intake">← Intake board</TextLink>
          </Text>
          <Group justify="space-between" align="flex-start">
            <Stack gap={4}>
              <PageTitle documentTitle="Inquiry">{inquiryName(inquiry)}</PageTitle>
              <Group gap="xs">
                <StageBadge stage={inquiry.stage} />
                <PriorityBadge
                  population={inquiry.priorityPopulation}
                  deadline={inquiry.priorityDeadline}
                  stage={inquiry.stage}
                  timeZone={inquiry.siteTimeZone}
                />
                <Text size="sm" c="dimmed">
                  in this stage for {formatAge(inquiry.stageAgeMinutes)}
                </Text>
              </Group>
            </Stack>
            {mayWrite && !editing && (
              <Button variant="default" onClick={() => setEditing(true)}>
                Edit
              </Button>
            )}
          </Group>
          {notice && (
            <Alert
              color="success"
              variant="light"
              role="status"
              withCloseButton
              onClose={() => setNotice(null)}
              closeButtonLabel="Dismiss"
            >
              {notice}
            </Alert>
          )}
          <Paper withBorder p="md">
            {editing ? (
              <InquiryEditForm
                inquiry={inquiry}
                onSaved={changed('Changes saved.')}
                onStale={stale}
                onCancel={() => setEditing(false)}
              />
            ) : (
              <Summary inquiry={inquiry} />
            )}
          </Paper>
          {mayWrite && (
            <Paper withBorder p="md">
              <Stack gap="lg">
                <StageSection
                  key={`stage-${inquiry.version}`}
                  inquiry={inquiry}
                  onChanged={changed('Stage changed.')}
                  onStale={stale}
                />
                <Divider />
                <WaitlistSection
                  key={`waitlist-${inquiry.version}`}
                  inquiry={inquiry}
                  onChanged={changed('Waitlist updated.')}
                  onStale={stale}
                />
              </Stack>
            </Paper>
          )}
          <Paper withBorder p="md">
            <CoverageSection
              owner={{ kind: 'inquiry', id: inquiry.id }}
              editable={mayWrite && inquiry.patientId === null}
            />
          </Paper>
          <Paper withBorder p="md">
            <InquiryPlacementSection inquiryId={inquiry.id} converted={inquiry.patientId !== null} />
          </Paper>
          {(inquiry.patientId !== null || (mayConvert && !isTerminalStage(inquiry.stage))) && (
            <Paper withBorder p="md">
              <ConvertSection
                key={`convert-${inquiry.version}`}
                inquiry={inquiry}
                mayConvert={mayConvert}
                onChanged={changed('The inquiry is now linked to a patient record.')}
                onStale={stale}
              />
            </Paper>
          )}
        </Stack>
      )}
    </AsyncState>
  );
};
