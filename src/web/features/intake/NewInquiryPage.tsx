import { Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { PageTitle } from '../../components/PageTitle.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { todayIn } from '../../lib/dates.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useRouter } from '../../router.js';
import { useApi } from '../../session/SessionProvider.js';
import { useSites } from '../../session/SitesProvider.js';
import { InquiryFormFields } from './InquiryFormFields.js';
import {
  checkInquiryForm,
  emptyInquiryForm,
  INQUIRY_FORM_FIELDS,
  toCreateInquiryBody,
} from './inquiryForm.js';

/** A phone call or a referral, written down while the person is on the line. */
export const NewInquiryPage = () => {
  const api = useApi();
  const { navigate } = useRouter();
  const { sites, staffTimeZone } = useSites();
  const [values, setValues] = useState(emptyInquiryForm);
  const [chosenSite, setChosenSite] = useState<string | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const create = useSubmit(api.intake.create);
  const siteId = chosenSite ?? sites?.[0]?.id ?? '';
  const today = todayIn(staffTimeZone);
  const errors = { ...create.errors, ...localErrors };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkInquiryForm(values, today);
    if (!siteId) found['siteId'] = 'Choose a site.';
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    const result = await create.run(toCreateInquiryBody(values, siteId));
    if (result.ok) navigate(`/intake/inquiries/${result.value.id}`);
  };

  return (
    <Stack gap="md" maw={960}>
      <PageTitle>New inquiry</PageTitle>
      <Text size="sm" c="dimmed">
        Only the first name and a way to call back are needed now; fill in the rest as you learn it.
      </Text>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <ProblemAlert problem={create.problem} shownFields={INQUIRY_FORM_FIELDS} />
          {Object.keys(localErrors).length > 0 && (
            <Text size="sm" c="red.8" role="alert">
              Check the highlighted fields.
            </Text>
          )}
          <NativeSelect
            label="Site"
            required
            w={{ base: '100%', sm: 360 }}
            data={(sites ?? []).map((s) => ({ value: s.id, label: s.name }))}
            value={siteId}
            onChange={(event) => setChosenSite(event.currentTarget.value)}
            error={errors['siteId']}
            disabled={sites === null}
            description={sites === null ? 'Loading sites…' : undefined}
          />
          <InquiryFormFields
            values={values}
            onChange={(patch) => setValues((v) => ({ ...v, ...patch }))}
            errors={errors}
            maxDate={today}
            showSource
          />
          <Group>
            <Button type="submit" loading={create.pending}>
              Save inquiry
            </Button>
            <Button variant="default" onClick={() => navigate('/intake')}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
};
